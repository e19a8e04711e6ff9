import { type FormEvent, useState } from 'react';
import { Form } from 'react-aria-components';
import type { Incident } from '../../../domain/api/incidents.ts';
import { useFormat, useT } from '../../i18n/i18n-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { Radio, RadioGroup } from '../../ui/radio-group.tsx';
import { TextAreaField } from '../../ui/text-area-field.tsx';
import { commentOnIncident } from './api.ts';
import type { ChangeHandler } from './incident-handling.tsx';
import { failureText } from './incident-parts.tsx';
import { eventDetail, eventTitle } from './labels.ts';

type Visibility = 'internal' | 'reporter';

/** A comment: an internal note for the handlers, or a message the reporter sees (and is e-mailed about). */
export function CommentForm({ incident, onChanged }: { incident: Incident; onChanged: ChangeHandler }) {
  const t = useT();
  const isHandler = incident.view === 'handler';
  // An anonymous report has nobody to write to.
  const canReachReporter = !incident.anonymous && incident.reporter !== null;
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<Visibility>(isHandler ? 'internal' : 'reporter');
  const [submitted, setSubmitted] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const missing = body.trim() === '';

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (missing) return;
    setSaving(true);
    setError(null);
    try {
      await commentOnIncident(incident.id, { body: body.trim(), visibility });
      setBody('');
      setSubmitted(false);
      const toReporter = visibility === 'reporter' && isHandler;
      onChanged(
        (tr) => (toReporter ? tr('incidents.comment.sentToReporter') : tr('incidents.comment.saved')),
        'comments',
      );
    } catch (e) {
      setError(failureText(t, e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form className="incident-form" onSubmit={onSubmit} validationBehavior="aria">
      {error ? <Alert tone="error">{error}</Alert> : null}
      {isHandler ? (
        <RadioGroup
          label={t('incidents.comment.visibility')}
          value={visibility}
          onChange={(v) => setVisibility(v as Visibility)}
          description={canReachReporter ? undefined : t('incidents.comment.noReporter')}
        >
          <Radio value="internal">{t('incidents.comment.internal')}</Radio>
          <Radio value="reporter" isDisabled={!canReachReporter}>
            {t('incidents.comment.toReporter')}
          </Radio>
        </RadioGroup>
      ) : null}
      <TextAreaField
        label={t('incidents.comment.body')}
        description={
          !isHandler
            ? t('incidents.comment.participantHint')
            : visibility === 'reporter'
              ? t('incidents.comment.toReporterHint')
              : t('incidents.comment.internalHint')
        }
        isRequired
        value={body}
        onChange={setBody}
        maxLength={10000}
        isInvalid={submitted && missing}
        errorMessage={t('incidents.comment.required')}
      />
      <div className="incident-actions">
        <Button type="submit" variant="primary" isDisabled={isSaving}>
          {visibility === 'reporter' && isHandler
            ? t('incidents.comment.sendToReporter')
            : t('incidents.comment.save')}
        </Button>
      </div>
    </Form>
  );
}

/** Everything that happened to the report, oldest first; comments to the reporter are marked. */
export function Timeline({ incident }: { incident: Incident }) {
  const t = useT();
  const format = useFormat();
  const events = [...incident.timeline].sort((a, b) => a.at.localeCompare(b.at));
  if (events.length === 0) return <p>{t('incidents.timeline.empty')}</p>;
  return (
    <ol className="incident-timeline">
      {events.map((event) => {
        const detail = eventDetail(t, event);
        const isComment = event.body !== null && event.body !== '';
        return (
          <li
            key={event.id}
            className={`incident-timeline__item${isComment ? ` incident-timeline__item--${event.visibility}` : ''}`}
          >
            <p className="incident-timeline__meta">
              <time dateTime={event.at}>{format.dateTime(event.at)}</time>
              {' · '}
              {event.actorName ?? t('incidents.timeline.system')}
            </p>
            <p className="incident-timeline__title">
              {eventTitle(t, event)}
              {isComment || event.visibility === 'reporter' ? (
                <>
                  {' '}
                  <span className={`incident-badge incident-badge--${event.visibility}`}>
                    {event.visibility === 'reporter'
                      ? t('incidents.timeline.visibleToReporter')
                      : t('incidents.timeline.internal')}
                  </span>
                </>
              ) : null}
            </p>
            {isComment ? <p className="incident-text incident-timeline__body">{event.body}</p> : null}
            {detail ? <p className="incident-timeline__body">{detail}</p> : null}
          </li>
        );
      })}
    </ol>
  );
}
