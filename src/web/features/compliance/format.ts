import { useMemo } from 'react';
import type { ComplianceStatus, CoordinatorFunction } from '../../../domain/api/coordinators.ts';
import { isApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { INTL_LOCALE } from '../../i18n/locale.ts';
import type { PlainMessageKey, Translate } from '../../i18n/translate.ts';

/** Formats a calendar day (`YYYY-MM-DD`) in the current language, with no time-zone shift. */
export function useFormatDay(): (day: string) => string {
  const { locale } = useI18n();
  return useMemo(() => {
    const f = new Intl.DateTimeFormat(INTL_LOCALE[locale], {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      timeZone: 'UTC',
    });
    return (day: string) => f.format(new Date(`${day}T00:00:00Z`));
  }, [locale]);
}

export const functionKey = (fn: CoordinatorFunction): PlainMessageKey => `compliance.function.${fn}`;
export const statusKey = (status: ComplianceStatus): PlainMessageKey => `compliance.status.${status}`;

const KINDS = ['municipality', 'executive_board', 'office', 'committee', 'company', 'unit'] as const;

/** The organisation kind in words (the raw kind when it is one this page does not know yet). */
export function kindLabel(t: Translate, kind: string): string {
  return (KINDS as readonly string[]).includes(kind)
    ? t(`compliance.kind.${kind as (typeof KINDS)[number]}`)
    : kind;
}

/** A message for a failed request, in the user's language. */
export function errorMessage(t: Translate, error: unknown): string {
  if (!isApiError(error)) return t('error.generic');
  switch (error.code) {
    case 'coordinators.term_overlaps':
      return t('compliance.error.termOverlaps');
    case 'coordinators.user_disabled':
      return t('compliance.error.userDisabled');
    case 'coordinators.assignment_started':
      return t('compliance.error.started');
    case 'validation.failed':
      return t('compliance.error.endBeforeStart');
    case 'network':
      return t('error.network');
  }
  if (error.status === 403) return t('error.forbidden');
  if (error.status === 400) return t('error.invalidRequest');
  return t('error.generic');
}
