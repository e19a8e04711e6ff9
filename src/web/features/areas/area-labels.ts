import type { AreaImportIssue } from '../../../domain/api/areas.ts';
import type { MessageKey, Translate } from '../../i18n/translate.ts';

/** A level's name in the current language; levels without a message are shown as they are stored. */
export function levelName(t: Translate, level: string): string {
  const key = `areas.level.${level}` as MessageKey;
  const text = (t as unknown as (k: string) => string)(key);
  return text === key ? level : text;
}

/** An import issue in the current language, from its code and parameters. */
export function issueText(t: Translate, issue: AreaImportIssue): string {
  const key = `areas.issue.${issue.code}` as MessageKey;
  const text = (t as unknown as (k: string, p: Record<string, string | number>) => string)(key, issue.params);
  return text === key ? issue.message : text;
}
