import { useEffect, useState } from 'react';
import { Link } from 'react-aria-components';
import { useParams } from 'react-router';
import type { Incident } from '../../../domain/api/incidents.ts';
import { isApiError } from '../../api/client.ts';
import { PageHeading } from '../../app/page-heading.tsx';
import { useT } from '../../i18n/i18n-provider.tsx';
import type { Translate } from '../../i18n/translate.ts';
import { hasPermission, useSession } from '../../session/session-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { ProgressBar } from '../../ui/progress-bar.tsx';
import { fetchTaxonomy, getIncident } from './api.ts';
import { AuthorityPanel } from './authority-panel.tsx';
import { AccessPanel } from './incident-access.tsx';
import { HandlingPanel } from './incident-handling.tsx';
import { failureText, NeedToKnowBadge, SeriousBadge, StateBadge } from './incident-parts.tsx';
import { IncidentReport } from './incident-report.tsx';
import { SupportChecklist } from './incident-support.tsx';
import { CommentForm, Timeline } from './incident-timeline.tsx';
import './incidents.css';
import { useResource } from '../../ui/use-resource.ts';
import { SUPPORT_GROUPS } from './labels.ts';

type Section = 'state' | 'comments' | 'access' | 'support' | 'authority';

/**
 * One incident (`/incidents/:id`): the handler's whole view, or a participant's part of it when the
 * API answers with `view: 'participant'`. The API decides who may read it; a 403 is said plainly.
 */
export function IncidentPage() {
  const t = useT();
  const { id = '' } = useParams();
  const incident = useResource((signal) => getIncident(id, signal), id);
  const taxonomy = useResource((signal) => fetchTaxonomy(signal).catch(() => null), 'taxonomy');
  const [notice, setNotice] = useState<((t: Translate) => string) | null>(null);
  const [focusSection, setFocusSection] = useState<Section | null>(null);

  // A notice belongs to the incident it was about.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the incident shown changes
  useEffect(() => setNotice(null), [id]);

  // After a change, once the fresh incident is shown, put focus on the section that changed: the
  // button pressed may be gone (a state step), and a dialog has just closed.
  useEffect(() => {
    if (incident.status !== 'ready' || !focusSection) return;
    const target = document.getElementById(`incident-${focusSection}-heading`);
    setFocusSection(null);
    requestAnimationFrame(() => target?.focus());
  }, [incident.status, focusSection]);

  const onChanged = (message: (t: Translate) => string, focus?: Section) => {
    setNotice(() => message);
    if (focus) setFocusSection(focus);
    incident.reload();
  };

  const data = incident.data?.id === id ? incident.data : null;
  const title = data
    ? t('incidents.detail.titleWithReference', { reference: data.reference })
    : t('incidents.detail.title');

  if (!data) {
    return (
      <div className="incident-page">
        {incident.status === 'error' ? (
          <LoadFailure error={incident.error} onRetry={incident.reload} />
        ) : (
          <>
            <PageHeading title={title} />
            <ProgressBar label={t('incidents.detail.loading')} isIndeterminate />
          </>
        )}
      </div>
    );
  }

  return (
    <div className="incident-page">
      <div className="incident-header">
        <BackLink />
        <PageHeading title={title} />
        <p className="incident-markers">
          <StateBadge state={data.state} />
          {data.serious ? <SeriousBadge /> : null}
          {data.needToKnow ? <NeedToKnowBadge /> : null}
        </p>
      </div>

      {data.needToKnow ? (
        <Alert tone="warning" role="none" title={t('incidents.ntk.title')}>
          <p>{t('incidents.ntk.body')}</p>
        </Alert>
      ) : null}
      {data.view === 'participant' ? (
        <Alert tone="info" role="none">
          {t('incidents.detail.participantView')}
        </Alert>
      ) : null}

      <div role="status" className="incident-notice">
        {notice ? (
          <Alert tone="success" role="none">
            {notice(t)}
          </Alert>
        ) : null}
      </div>
      {incident.status === 'error' ? (
        <Alert tone="error" title={t('incidents.detail.reloadFailed')}>
          <p>{failureText(t, incident.error)}</p>
          <Button onPress={incident.reload}>{t('incidents.retry')}</Button>
        </Alert>
      ) : null}

      {data.view === 'handler' ? <AuthorityPanel incident={data} onChanged={onChanged} /> : null}
      {data.view === 'handler' ? (
        <HandlingPanel incident={data} onChanged={onChanged} />
      ) : (
        <ParticipantState incident={data} />
      )}

      <IncidentReport incident={data} taxonomy={taxonomy.data ?? null} />

      <section aria-labelledby="incident-comments-heading" className="incident-section">
        <h2 id="incident-comments-heading" tabIndex={-1}>
          {t('incidents.timeline.heading')}
        </h2>
        <Timeline incident={data} />
        {data.can.comment ? (
          <>
            <h3>{t('incidents.comment.heading')}</h3>
            <CommentForm incident={data} onChanged={onChanged} />
          </>
        ) : null}
      </section>

      {data.view === 'handler' &&
      (SUPPORT_GROUPS.includes(data.groupCode) || data.supportItems.length > 0) ? (
        <SupportChecklist incident={data} onChanged={onChanged} />
      ) : null}
      {data.view === 'handler' ? <AccessPanel incident={data} onChanged={onChanged} /> : null}
    </div>
  );
}

function ParticipantState({ incident }: { incident: Incident }) {
  const t = useT();
  return (
    <section aria-labelledby="incident-state-heading" className="incident-section incident-panel">
      <h2 id="incident-state-heading" tabIndex={-1}>
        {t('incidents.handling.heading')}
      </h2>
      <p className="incident-state-line">
        {t('incidents.handling.stateNow')} <StateBadge state={incident.state} />
      </p>
    </section>
  );
}

function BackLink() {
  const t = useT();
  const { user } = useSession();
  return hasPermission(user, 'incidents.handle') ? (
    <Link href="/incidents" className="incident-back">
      {t('incidents.detail.back')}
    </Link>
  ) : (
    <Link href="/my-reports" className="incident-back">
      {t('incidents.detail.backMine')}
    </Link>
  );
}

/** A 403 says plainly that the incident is need-to-know; a 404 that there is no such incident. */
function LoadFailure({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const t = useT();
  if (isApiError(error) && error.status === 403) {
    return (
      <>
        <PageHeading title={t('incidents.forbidden.title')} />
        <Alert tone="error" role="none" title={t('incidents.forbidden.lead')}>
          <p>{t('incidents.forbidden.body')}</p>
        </Alert>
        <BackLink />
      </>
    );
  }
  if (isApiError(error) && (error.status === 404 || error.status === 400)) {
    return (
      <>
        <PageHeading title={t('incidents.notFound.title')} />
        <p>{t('incidents.notFound.body')}</p>
        <BackLink />
      </>
    );
  }
  return (
    <>
      <PageHeading title={t('incidents.detail.title')} />
      <Alert tone="error" title={t('incidents.detail.loadFailed')}>
        <p>{failureText(t, error)}</p>
        <Button onPress={onRetry}>{t('incidents.retry')}</Button>
      </Alert>
    </>
  );
}
