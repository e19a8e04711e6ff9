import { useEffect, useState } from 'react';
import type { IncidentState } from '../../../domain/api/incidents.ts';
import { isApiError } from '../../api/client.ts';
import { useT } from '../../i18n/i18n-provider.tsx';
import type { Translate } from '../../i18n/translate.ts';
import { stateLabel } from './labels.ts';
import './incidents.css';

/** A failed request in words: network, forbidden, bad input or anything else. */
export function failureText(t: Translate, error: unknown): string {
  if (!isApiError(error)) return t('error.generic');
  if (error.status === 0) return t('error.network');
  if (error.status === 403) return t('incidents.forbiddenAction');
  if (error.status === 404) return t('incidents.notFoundAction');
  if (error.status === 409) return t('incidents.conflict');
  if (error.status === 400) return t('error.invalidRequest');
  return t('error.generic');
}

/** The state as a labelled badge: text and border, never colour alone. */
export function StateBadge({ state }: { state: IncidentState }) {
  const t = useT();
  return <span className={`incident-badge incident-badge--state-${state}`}>{stateLabel(t, state)}</span>;
}

export function SeriousBadge() {
  const t = useT();
  return <span className="incident-badge incident-badge--serious">{t('incidents.marker.serious')}</span>;
}

export function OverdueBadge() {
  const t = useT();
  return <span className="incident-badge incident-badge--overdue">{t('incidents.marker.overdue')}</span>;
}

export function NeedToKnowBadge() {
  const t = useT();
  return <span className="incident-badge incident-badge--ntk">{t('incidents.marker.needToKnow')}</span>;
}

/** The current time, refreshed every `intervalMs` (for countdowns). */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
