import type { AffectedKind, Gender, IncidentState, TimelineEvent } from '../../../domain/api/incidents.ts';
import type { Locale } from '../../i18n/locale.ts';
import type { PlainMessageKey, Translate } from '../../i18n/translate.ts';

/** Words for the API's codes on the reporter's pages, so that nothing on screen is a code. */

export const AFFECTED_KINDS: readonly AffectedKind[] = [
  'employee',
  'elected_official',
  'resident',
  'client',
  'unknown',
];
const AFFECTED: Record<AffectedKind, PlainMessageKey> = {
  employee: 'report.affected.employee',
  elected_official: 'report.affected.elected_official',
  resident: 'report.affected.resident',
  client: 'report.affected.client',
  unknown: 'report.affected.unknown',
};
export const affectedLabel = (t: Translate, kind: AffectedKind): string => t(AFFECTED[kind]);

export const GENDERS: readonly Gender[] = ['woman', 'man', 'other', 'unknown'];
const GENDER: Record<Gender, PlainMessageKey> = {
  woman: 'report.gender.woman',
  man: 'report.gender.man',
  other: 'report.gender.other',
  unknown: 'report.gender.unknown',
};
export const genderLabel = (t: Translate, gender: Gender): string => t(GENDER[gender]);

const STATE: Record<IncidentState, PlainMessageKey> = {
  received: 'report.state.received',
  investigating: 'report.state.investigating',
  measures_decided: 'report.state.measures_decided',
  closed: 'report.state.closed',
};
const STATES = new Set<string>(Object.keys(STATE));
export const isState = (v: unknown): v is IncidentState => typeof v === 'string' && STATES.has(v);
export const stateLabel = (t: Translate, state: IncidentState): string => t(STATE[state]);

/** Swedish or English label of anything with both. */
export const localLabel = (locale: Locale, item: { labelSv: string; labelEn: string }): string =>
  locale === 'sv' ? item.labelSv : item.labelEn;

/** Labels of list rows (`typeLabelSv` / `typeLabelEn`). */
export const typeLabelOf = (locale: Locale, item: { typeLabelSv: string; typeLabelEn: string }): string =>
  locale === 'sv' ? item.typeLabelSv : item.typeLabelEn;

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** One line for a timeline event as the reporter sees it. */
export function eventText(t: Translate, event: TimelineEvent): string {
  const d = event.data;
  const kind = event.kind.replace(/^incident\./, '');
  const from = d.from;
  const to = d.to;
  if (isState(to)) {
    return isState(from)
      ? t('report.event.stateChanged', { from: stateLabel(t, from), to: stateLabel(t, to) })
      : t('report.event.stateSet', { to: stateLabel(t, to) });
  }
  switch (kind) {
    case 'reported':
    case 'created':
    case 'received':
      return t('report.event.reported');
    case 'comment':
    case 'commented':
      return event.actorName
        ? t('report.event.commentBy', { name: event.actorName })
        : t('report.event.comment');
    case 'assigned':
      return t('report.event.assigned');
    case 'attachment_added':
      return t('report.event.attachment');
    default:
      return t('report.event.other');
  }
}

/** Extra words for an event: the reason given when it was closed or reopened. */
export function eventReason(t: Translate, event: TimelineEvent): string | null {
  const reason = str(event.data.reason);
  return reason ? t('report.event.reason', { reason }) : null;
}
