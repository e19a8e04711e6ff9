import type { IncidentState, Notification } from '../../../domain/api/incidents.ts';
import type { PlainMessageKey, Translate } from '../../i18n/translate.ts';

const STATE: Record<IncidentState, PlainMessageKey> = {
  received: 'notifications.state.received',
  investigating: 'notifications.state.investigating',
  measures_decided: 'notifications.state.measures_decided',
  closed: 'notifications.state.closed',
};
const isState = (v: unknown): v is IncidentState => typeof v === 'string' && v in STATE;
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** Notices about the user's own reports open the reporter's page; the rest the handler's. */
const TO_REPORTER = new Set(['incident.state_changed', 'incident.comment']);

/** A comment from the reporter's side (an answer) goes to those handling the incident. */
const isAnswer = (n: Notification) => n.kind === 'incident.comment' && n.data.from === 'participant';

export function notificationLink(n: Notification): string | null {
  if (!n.incidentId) return null;
  return TO_REPORTER.has(n.kind) && !isAnswer(n)
    ? `/my-reports/${n.incidentId}`
    : `/incidents/${n.incidentId}`;
}

/** The notice in words, in the user's language. */
export function notificationText(t: Translate, n: Notification): string {
  const reference = n.reference ?? str(n.data.reference) ?? t('notifications.aReport');
  switch (n.kind) {
    case 'incident.received':
      return t('notifications.kind.received', { reference });
    case 'incident.state_changed': {
      const from = n.data.from;
      const to = n.data.to;
      if (isState(to) && isState(from))
        return t('notifications.kind.stateChanged', { reference, from: t(STATE[from]), to: t(STATE[to]) });
      if (isState(to)) return t('notifications.kind.stateSet', { reference, to: t(STATE[to]) });
      return t('notifications.kind.stateChangedPlain', { reference });
    }
    case 'incident.comment':
      return isAnswer(n)
        ? t('notifications.kind.answer', { reference })
        : t('notifications.kind.comment', { reference });
    case 'incident.assigned':
      return t('notifications.kind.assigned', { reference });
    case 'incident.access_granted':
      return t('notifications.kind.accessGranted', { reference });
    case 'incident.authority_reminder':
      return t('notifications.kind.authorityReminder', { reference });
    case 'incident.authority_overdue':
      return t('notifications.kind.authorityOverdue', { reference });
    default:
      return t('notifications.kind.other', { reference });
  }
}

/** A reason given with a state change (closing, reopening), if any. */
export function notificationDetail(t: Translate, n: Notification): string | null {
  const reason = str(n.data.reason);
  return reason ? t('notifications.reason', { reason }) : null;
}
