import type {
  AffectedKind,
  Gender,
  IncidentState,
  SupportItem,
  TimelineEvent,
  WorkEnvironmentKind,
} from '../../../domain/api/incidents.ts';
import type { PlainMessageKey, Translate } from '../../i18n/translate.ts';

/** Words for the codes the API uses, so that nothing on screen is a code. */

// Kept here rather than imported from the contract, so that zod stays out of the page's bundle.
export const STATES: readonly IncidentState[] = ['received', 'investigating', 'measures_decided', 'closed'];
export const GENDERS: readonly Gender[] = ['woman', 'man', 'other', 'unknown'];

const STATE: Record<IncidentState, PlainMessageKey> = {
  received: 'incidents.state.received',
  investigating: 'incidents.state.investigating',
  measures_decided: 'incidents.state.measures_decided',
  closed: 'incidents.state.closed',
};
export const stateLabel = (t: Translate, state: IncidentState): string => t(STATE[state]);

const AFFECTED: Record<AffectedKind, PlainMessageKey> = {
  employee: 'incidents.affected.employee',
  elected_official: 'incidents.affected.elected_official',
  resident: 'incidents.affected.resident',
  client: 'incidents.affected.client',
  unknown: 'incidents.affected.unknown',
};
export const affectedLabel = (t: Translate, kind: AffectedKind): string => t(AFFECTED[kind]);

const GENDER: Record<Gender, PlainMessageKey> = {
  woman: 'incidents.gender.woman',
  man: 'incidents.gender.man',
  other: 'incidents.gender.other',
  unknown: 'incidents.gender.unknown',
};
export const genderLabel = (t: Translate, gender: Gender): string => t(GENDER[gender]);

const WORK_ENVIRONMENT: Record<WorkEnvironmentKind, PlainMessageKey> = {
  work_injury: 'incidents.wek.work_injury',
  near_miss: 'incidents.wek.near_miss',
  risk_observation: 'incidents.wek.risk_observation',
};
export const workEnvironmentLabel = (t: Translate, kind: WorkEnvironmentKind): string =>
  t(WORK_ENVIRONMENT[kind]);

export const SUPPORT_ITEMS: readonly SupportItem[] = [
  'talked_with_affected',
  'support_offered',
  'risk_assessment',
  'police_report',
  'safety_measures',
];
const SUPPORT: Record<SupportItem, PlainMessageKey> = {
  talked_with_affected: 'incidents.support.talked_with_affected',
  support_offered: 'incidents.support.support_offered',
  risk_assessment: 'incidents.support.risk_assessment',
  police_report: 'incidents.support.police_report',
  safety_measures: 'incidents.support.safety_measures',
};
export const supportLabel = (t: Translate, item: SupportItem): string => t(SUPPORT[item]);

const ROLE: Record<string, PlainMessageKey> = {
  reporter: 'incidents.role.reporter',
  affected: 'incidents.role.affected',
  manager: 'incidents.role.manager',
  coordinator: 'incidents.role.coordinator',
  assignee: 'incidents.role.assignee',
  granted: 'incidents.role.granted',
};
export const roleLabel = (t: Translate, role: string): string => (ROLE[role] ? t(ROLE[role]) : role);

const SOURCE: Record<string, PlainMessageKey> = {
  form: 'incidents.source.form',
  api: 'incidents.source.api',
  demo: 'incidents.source.demo',
};
export const sourceLabel = (t: Translate, source: string): string =>
  SOURCE[source] ? t(SOURCE[source]) : source;

/** Groups whose incidents get the support checklist (threats, violence and undue influence). */
export const SUPPORT_GROUPS = ['threat_violence', 'undue_influence'];

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const isState = (v: unknown): v is IncidentState =>
  v === 'received' || v === 'investigating' || v === 'measures_decided' || v === 'closed';
const isSupportItem = (v: unknown): v is SupportItem =>
  typeof v === 'string' && (SUPPORT_ITEMS as readonly string[]).includes(v);

/** One line saying what a timeline event was, in words. */
export function eventTitle(t: Translate, event: TimelineEvent): string {
  const d = event.data;
  const name = str(d.name) ?? str(d.userName) ?? str(d.assigneeName);
  switch (event.kind) {
    case 'created':
      return t('incidents.event.reported');
    case 'state_changed': {
      const to = isState(d.to) ? stateLabel(t, d.to) : null;
      if (d.from === 'closed' && to) return t('incidents.event.reopened', { state: to });
      return to ? t('incidents.event.stateChanged', { state: to }) : t('incidents.event.stateChangedPlain');
    }
    case 'comment':
      return event.visibility === 'reporter'
        ? t('incidents.event.commentToReporter')
        : t('incidents.event.commentInternal');
    case 'assigned':
      return name ? t('incidents.event.assigned', { name }) : t('incidents.event.unassigned');
    case 'access_granted':
      return name ? t('incidents.event.granted', { name }) : t('incidents.event.grantedPlain');
    case 'access_revoked':
      return name ? t('incidents.event.revoked', { name }) : t('incidents.event.revokedPlain');
    case 'support_item_recorded':
      return isSupportItem(d.item)
        ? t('incidents.event.support', { item: supportLabel(t, d.item) })
        : t('incidents.event.supportPlain');
    case 'support_item_removed':
      return isSupportItem(d.item)
        ? t('incidents.event.supportRemoved', { item: supportLabel(t, d.item) })
        : t('incidents.event.supportPlain');
    case 'authority_reported':
      return t('incidents.event.authorityReported');
    case 'authority_reminder':
    case 'authority_reminder_sent':
      return t('incidents.event.authorityReminder');
    case 'authority_overdue':
      return t('incidents.event.authorityOverdue');
    case 'attachment_added':
      return t('incidents.event.attachment');
    case 'anonymised':
    case 'retention':
      return t('incidents.event.anonymised');
    default:
      return t('incidents.event.other', { kind: event.kind.replaceAll('_', ' ').replaceAll('.', ' ') });
  }
}

/** Extra words for an event: the reason of a closing or reopening, the reference of an authority report. */
export function eventDetail(t: Translate, event: TimelineEvent): string | null {
  const reason = str(event.data.reason);
  if (reason && !event.body) return t('incidents.event.reason', { reason });
  const reference = str(event.data.reference);
  if (reference) return t('incidents.event.reference', { reference });
  return null;
}
