import { getLocalTimeZone, now, type ZonedDateTime } from '@internationalized/date';
import { type FormEvent, useState } from 'react';
import { Form } from 'react-aria-components';
import type { Incident } from '../../../domain/api/incidents.ts';
import { useFormat, useT } from '../../i18n/i18n-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { DatePicker } from '../../ui/date-picker.tsx';
import { TextField } from '../../ui/text-field.tsx';
import { recordAuthorityReport } from './api.ts';
import { deadlineWords } from './deadline.ts';
import type { ChangeHandler } from './incident-handling.tsx';
import { failureText, useNow } from './incident-parts.tsx';

/**
 * A serious event: the report to the Work Environment Authority is due within 24 hours. Shows the
 * time left in words, warns when it has run out, and records when (and under which reference) it was made.
 */
export function AuthorityPanel({ incident, onChanged }: { incident: Incident; onChanged: ChangeHandler }) {
  const t = useT();
  const format = useFormat();
  const current = useNow();
  const authority = incident.authority;
  if (!authority) return null;
  const reported = authority.reportedAt !== null;
  const overdue = !reported && authority.overdue;

  return (
    <section
      aria-labelledby="incident-authority-heading"
      className="incident-section incident-panel incident-panel--serious"
    >
      <h2 id="incident-authority-heading" tabIndex={-1}>
        {t('incidents.authority.heading')}
      </h2>
      <p>{t('incidents.authority.intro')}</p>
      <dl className="incident-facts">
        <div className="incident-facts__row">
          <dt>{t('incidents.authority.deadline')}</dt>
          <dd>{format.dateTime(authority.deadlineAt)}</dd>
        </div>
        <div className="incident-facts__row">
          <dt>{t('incidents.authority.timeLeft')}</dt>
          <dd>{deadlineWords(t, authority, current)}</dd>
        </div>
        {reported ? (
          <div className="incident-facts__row">
            <dt>{t('incidents.authority.reportedAt')}</dt>
            <dd>
              {format.dateTime(authority.reportedAt!)}
              {authority.reference
                ? ` (${t('incidents.authority.referenceShown', { reference: authority.reference })})`
                : ''}
            </dd>
          </div>
        ) : null}
      </dl>
      {overdue ? (
        <Alert tone="error" role="none" title={t('incidents.authority.overdueTitle')}>
          <p>{t('incidents.authority.overdueBody')}</p>
        </Alert>
      ) : null}
      {reported ? (
        <Alert tone="success" role="none">
          {t('incidents.authority.done')}
        </Alert>
      ) : null}
      {!reported && incident.can.reportAuthority ? (
        <AuthorityForm incident={incident} onChanged={onChanged} />
      ) : null}
    </section>
  );
}

function AuthorityForm({ incident, onChanged }: { incident: Incident; onChanged: ChangeHandler }) {
  const t = useT();
  const [reportedAt, setReportedAt] = useState<ZonedDateTime | null>(() =>
    now(getLocalTimeZone()).set({ second: 0, millisecond: 0 }),
  );
  const [reference, setReference] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const missing = reportedAt === null;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (!reportedAt) return;
    setSaving(true);
    setError(null);
    try {
      await recordAuthorityReport(incident.id, {
        reportedAt: reportedAt.toDate().toISOString(),
        reference: reference.trim() || null,
      });
      onChanged((tr) => tr('incidents.authority.saved'), 'authority');
    } catch (e) {
      setError(failureText(t, e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form
      className="incident-form"
      onSubmit={onSubmit}
      validationBehavior="aria"
      aria-labelledby="incident-authority-form"
    >
      <h3 id="incident-authority-form">{t('incidents.authority.formHeading')}</h3>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div className="incident-form__pair">
        <DatePicker
          label={t('incidents.authority.when')}
          granularity="minute"
          hideTimeZone
          isRequired
          value={reportedAt}
          onChange={setReportedAt}
          isInvalid={submitted && missing}
          errorMessage={t('incidents.authority.whenRequired')}
        />
        <TextField
          label={t('incidents.authority.reference')}
          description={t('incidents.authority.referenceHint')}
          value={reference}
          onChange={setReference}
          maxLength={100}
          autoComplete="off"
        />
      </div>
      <div className="incident-actions">
        <Button type="submit" variant="primary" isDisabled={isSaving}>
          {t('incidents.authority.submit')}
        </Button>
      </div>
    </Form>
  );
}
