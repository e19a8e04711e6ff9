import { type FormEvent, useRef, useState } from 'react';
import { Form } from 'react-aria-components';
import { useParams } from 'react-router';
import type { Incident, TimelineEvent } from '../../../domain/api/incidents.ts';
import { isApiError } from '../../api/client.ts';
import { PageHeading } from '../../app/page-heading.tsx';
import { useFormat, useI18n } from '../../i18n/i18n-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button, LinkButton } from '../../ui/button.tsx';
import { ProgressBar } from '../../ui/progress-bar.tsx';
import { fetchIncident, postReporterComment } from './api.ts';
import { loadFailure } from './failure.ts';
import { affectedLabel, eventReason, eventText, genderLabel, localLabel, stateLabel } from './labels.ts';
import './report.css';
import { TextAreaField } from '../../ui/text-area-field.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { StateBadge } from './state-badge.tsx';

const STEPS = ['received', 'investigating', 'measures_decided', 'closed'] as const;

/** `/my-reports/:id`: what I reported, where it stands, what happened since, and a way to answer. */
export function MyReportPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const incident = useResource((signal) => fetchIncident(id, signal), id);

  if (incident.status === 'error' && !incident.data) {
    const missing = isApiError(incident.error) && [403, 404].includes(incident.error.status);
    return (
      <div className="report-page">
        <PageHeading title={missing ? t('report.one.notFoundTitle') : t('report.one.loadFailed')} />
        <Alert tone="error">
          <p>{missing ? t('report.one.notFound') : loadFailure(t, incident.error)}</p>
        </Alert>
        <div className="report-actions">
          {missing ? null : <Button onPress={incident.reload}>{t('report.retry')}</Button>}
          <LinkButton href="/my-reports">{t('report.one.back')}</LinkButton>
        </div>
      </div>
    );
  }
  if (!incident.data) {
    return (
      <div className="report-page">
        <PageHeading title={t('report.one.loadingTitle')} />
        <ProgressBar label={t('report.one.loading')} isIndeterminate />
      </div>
    );
  }
  return <ReportDetails incident={incident.data} reload={incident.reload} />;
}

function ReportDetails({ incident, reload }: { incident: Incident; reload: () => void }) {
  const { t, locale } = useI18n();
  const format = useFormat();
  const typeLabel = localLabel(locale, incident.type);
  const where = [incident.facility?.name, incident.addressText, incident.area?.name]
    .filter(Boolean)
    .join(' · ');
  const events = [...incident.timeline].sort((a, b) => a.at.localeCompare(b.at));
  const stepIndex = STEPS.indexOf(incident.state);

  return (
    <div className="report-page">
      <PageHeading title={t('report.one.title', { reference: incident.reference })} />
      <p className="report-one__type">
        {typeLabel} <StateBadge state={incident.state} />
      </p>
      {incident.view === 'handler' ? (
        <p>
          <LinkButton href={`/incidents/${incident.id}`}>{t('report.one.openHandling')}</LinkButton>
        </p>
      ) : null}

      <section aria-labelledby="report-one-state">
        <h2 id="report-one-state">{t('report.one.stateHeading')}</h2>
        <ol className="report-steps">
          {STEPS.map((step, i) => (
            <li
              key={step}
              className={
                i <= stepIndex ? 'report-steps__step report-steps__step--done' : 'report-steps__step'
              }
              aria-current={i === stepIndex ? 'step' : undefined}
            >
              <span aria-hidden="true" className="report-steps__mark">
                {i < stepIndex ? '✓' : i === stepIndex ? '●' : '○'}
              </span>
              <span>
                {stateLabel(t, step)}
                {i === stepIndex ? (
                  <span className="visually-hidden">{` (${t('report.one.now')})`}</span>
                ) : null}
              </span>
            </li>
          ))}
        </ol>
        <p>{t(`report.one.stateExplain.${incident.state}`)}</p>
        {incident.state === 'closed' && incident.closedReason ? (
          <p>{t('report.one.closedReason', { reason: incident.closedReason })}</p>
        ) : null}
      </section>

      <section aria-labelledby="report-one-timeline">
        <h2 id="report-one-timeline">{t('report.one.timelineHeading')}</h2>
        <ol className="report-timeline">
          {events.some((e) => e.kind === 'created') ? null : (
            <li className="report-timeline__item">
              <p className="report-timeline__head">
                <time dateTime={incident.reportedAt}>{format.dateTime(incident.reportedAt)}</time> –{' '}
                {t('report.event.reported')}
              </p>
            </li>
          )}
          {events.map((event) => (
            <TimelineItem key={event.id} event={event} />
          ))}
        </ol>
        {events.length === 0 ? <p>{t('report.one.timelineEmpty')}</p> : null}
        {incident.anonymous ? null : <CommentForm incidentId={incident.id} onSent={reload} />}
      </section>

      <section aria-labelledby="report-one-what">
        <h2 id="report-one-what">{t('report.one.whatHeading')}</h2>
        <dl className="report-facts">
          <dt>{t('report.field.type')}</dt>
          <dd>{typeLabel}</dd>
          <dt>{t('report.one.occurredAt')}</dt>
          <dd>{format.dateTime(incident.occurredAt)}</dd>
          <dt>{t('report.one.reportedAt')}</dt>
          <dd>{format.dateTime(incident.reportedAt)}</dd>
          <dt>{t('report.one.where')}</dt>
          <dd>{where || (incident.location ? t('report.one.pinOnly') : t('report.one.none'))}</dd>
          <dt>{t('report.field.affectedKind')}</dt>
          <dd>
            {affectedLabel(t, incident.affectedKind)}
            {incident.affectedGender ? `, ${genderLabel(t, incident.affectedGender).toLowerCase()}` : ''}
          </dd>
          <dt>{t('report.field.description')}</dt>
          <dd className="report-facts__text">{incident.description}</dd>
          {incident.immediateAction ? (
            <>
              <dt>{t('report.field.immediateAction')}</dt>
              <dd className="report-facts__text">{incident.immediateAction}</dd>
            </>
          ) : null}
          <dt>{t('report.one.police')}</dt>
          <dd>
            {incident.policeCalled
              ? incident.policeReportNumber
                ? t('report.one.policeYesNumber', { number: incident.policeReportNumber })
                : t('report.one.yes')
              : t('report.one.no')}
          </dd>
          <dt>{t('report.one.injury')}</dt>
          <dd>
            {incident.injury
              ? incident.injurySeverity === 'serious'
                ? t('report.injury.serious')
                : incident.injurySeverity === 'minor'
                  ? t('report.injury.minor')
                  : t('report.one.yes')
              : t('report.one.no')}
          </dd>
          {incident.attachments.length > 0 ? (
            <>
              <dt>{t('report.one.attachments')}</dt>
              <dd>
                <ul className="report-plain-list">
                  {incident.attachments.map((a) => (
                    <li key={a.id}>{a.fileName}</li>
                  ))}
                </ul>
              </dd>
            </>
          ) : null}
        </dl>
      </section>
      <p>
        <LinkButton href="/my-reports">{t('report.one.back')}</LinkButton>
      </p>
    </div>
  );
}

function TimelineItem({ event }: { event: TimelineEvent }) {
  const { t } = useI18n();
  const format = useFormat();
  const reason = eventReason(t, event);
  return (
    <li className="report-timeline__item">
      <p className="report-timeline__head">
        <time dateTime={event.at}>{format.dateTime(event.at)}</time> – {eventText(t, event)}
      </p>
      {reason && !event.body ? <p>{reason}</p> : null}
      {event.body ? <p className="report-timeline__body">{event.body}</p> : null}
    </li>
  );
}

function CommentForm({ incidentId, onSent }: { incidentId: string; onSent: () => void }) {
  const { t } = useI18n();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const [isSending, setSending] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const sendingRef = useRef(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (sendingRef.current || !body.trim()) return;
    sendingRef.current = true;
    setSending(true);
    setError(null);
    try {
      await postReporterComment(incidentId, body.trim());
      setBody('');
      setSubmitted(false);
      setNotice(t('report.one.commentSent'));
      onSent();
    } catch (e) {
      setError(
        isApiError(e) && e.status === 0
          ? t('error.network')
          : isApiError(e) && e.status === 403
            ? t('report.one.commentForbidden')
            : t('report.one.commentFailed'),
      );
    } finally {
      sendingRef.current = false;
      setSending(false);
    }
  };

  return (
    <Form className="report-form report-comment" onSubmit={onSubmit} validationBehavior="aria">
      <h3>{t('report.one.commentHeading')}</h3>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <TextAreaField
        label={t('report.one.commentLabel')}
        description={t('report.one.commentHint')}
        value={body}
        onChange={(v) => {
          setBody(v);
          setNotice('');
        }}
        maxLength={10000}
        rows={3}
        isRequired
        isInvalid={submitted && !body.trim()}
        errorMessage={t('report.one.commentRequired')}
      />
      <div className="report-actions">
        <Button type="submit" variant="primary">
          {isSending ? t('report.send.sending') : t('report.one.commentSubmit')}
        </Button>
      </div>
      <p role="status" className="report-muted">
        {notice}
      </p>
    </Form>
  );
}
