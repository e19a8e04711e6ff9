import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Form } from 'react-aria-components';
import type { Receipt, TaxonomyResponse } from '../../../domain/api/incidents.ts';
import { isApiError } from '../../api/client.ts';
import { PageHeading } from '../../app/page-heading.tsx';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button, LinkButton } from '../../ui/button.tsx';
import { ProgressBar } from '../../ui/progress-bar.tsx';
import { createIncident, fetchTaxonomy } from './api.ts';
import { localNow } from './draft.ts';
import { ErrorSummary, type FieldProblem } from './error-summary.tsx';
import { FacilityCombo } from './facility-combo.tsx';
import { loadFailure } from './failure.ts';
import { localLabel } from './labels.ts';
import { type PinnedLocation, PositionField } from './location-field.tsx';
import './report.css';
import { TextAreaField } from '../../ui/text-area-field.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { activeTypes, TypeRadios } from './type-picker.tsx';
import { serverFieldErrors } from './validation.ts';
import { isFuture, toIsoTime, WhenField } from './when-field.tsx';

export const OBSERVATION_GROUP = 'facility_observation';

/** `/observations/new`: staff note open crime or disorder near their workplace in a few taps. */
export function ObservationPage() {
  const { t } = useI18n();
  const taxonomy = useResource(fetchTaxonomy, 'taxonomy');
  const [sent, setSent] = useState<{ receipt: Receipt; facility: { id: string; name: string } } | null>(null);
  const [formKey, setFormKey] = useState(0);

  return (
    <div className="report-page">
      <PageHeading title={t('report.observation.title')} />
      {sent ? (
        <ObservationReceipt
          receipt={sent.receipt}
          facility={sent.facility}
          onAnother={() => {
            setSent(null);
            setFormKey((k) => k + 1);
          }}
        />
      ) : (
        <>
          <p>{t('report.observation.intro')}</p>
          {taxonomy.status === 'loading' && !taxonomy.data ? (
            <ProgressBar label={t('report.loadingTypes')} isIndeterminate />
          ) : null}
          {taxonomy.status === 'error' && !taxonomy.data ? (
            <Alert tone="error" title={t('report.loadTypesFailed')}>
              <p>{loadFailure(t, taxonomy.error)}</p>
              <Button onPress={taxonomy.reload}>{t('report.retry')}</Button>
            </Alert>
          ) : null}
          {taxonomy.data ? (
            <ObservationForm
              key={formKey}
              taxonomy={taxonomy.data}
              onSent={(receipt, facility) => setSent({ receipt, facility })}
            />
          ) : null}
        </>
      )}
    </div>
  );
}

type ObservationField = 'facility' | 'type' | 'occurredAt' | 'location' | 'description';

function ObservationForm({
  taxonomy,
  onSent,
}: {
  taxonomy: TaxonomyResponse;
  onSent: (receipt: Receipt, facility: { id: string; name: string }) => void;
}) {
  const { t, locale } = useI18n();
  const types = activeTypes(taxonomy, OBSERVATION_GROUP);
  const [facility, setFacility] = useState<{ id: string; name: string } | null>(null);
  const [typeId, setTypeId] = useState<string | null>(null);
  const [occurredAt, setOccurredAt] = useState(localNow);
  const [location, setLocation] = useState<PinnedLocation | null>(null);
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<Partial<Record<ObservationField, string>>>({});
  const [sendError, setSendError] = useState<string | null>(null);
  const [isSending, setSending] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const sendingRef = useRef(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const type = types.find((x) => x.id === typeId) ?? null;

  const validate = () => {
    const found: Partial<Record<ObservationField, string>> = {};
    if (!facility) found.facility = t('report.error.facility');
    if (!type) found.type = t('report.error.type');
    if (!toIsoTime(occurredAt)) found.occurredAt = t('report.error.when');
    else if (isFuture(occurredAt)) found.occurredAt = t('report.error.future');
    return found;
  };

  const showErrors = (found: Partial<Record<ObservationField, string>>) => {
    setErrors(found);
    setAttempt((n) => n + 1);
    requestAnimationFrame(() => summaryRef.current?.focus());
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sendingRef.current) return;
    setSendError(null);
    const found = validate();
    if (Object.keys(found).length > 0 || !facility || !type) return showErrors(found);
    sendingRef.current = true;
    setSending(true);
    try {
      const receipt = await createIncident({
        typeId: type.id,
        occurredAt: toIsoTime(occurredAt)!,
        facilityId: facility.id,
        location: location ? { lat: location.lat, lon: location.lon } : null,
        affectedKind: 'unknown',
        // The API wants a description; a short note is optional here, so the type says what was seen.
        description: text.trim() || localLabel(locale, type),
        policeCalled: false,
        injury: false,
      });
      onSent(receipt, facility);
    } catch (e) {
      const server = serverFieldErrors(t, e);
      if (server) {
        showErrors({
          ...(server.type ? { type: server.type } : {}),
          ...(server.occurredAt ? { occurredAt: server.occurredAt } : {}),
          ...(server.where ? { location: server.where } : {}),
          ...(server.description ? { description: server.description } : {}),
        });
      } else {
        setSendError(isApiError(e) && e.status === 0 ? t('report.send.network') : t('report.send.failed'));
      }
    } finally {
      sendingRef.current = false;
      setSending(false);
    }
  };

  const problems: FieldProblem[] = (['facility', 'type', 'occurredAt', 'location', 'description'] as const)
    .filter((f) => errors[f])
    .map((f) => ({ target: `observation-field-${f}`, message: errors[f]! }));

  return (
    <Form className="report-form" onSubmit={onSubmit} validationBehavior="aria">
      {problems.length > 0 ? <ErrorSummary key={attempt} ref={summaryRef} problems={problems} /> : null}
      {sendError ? <Alert tone="error">{sendError}</Alert> : null}
      <p className="report-muted">{t('report.requiredHint')}</p>
      <div id="observation-field-facility">
        <FacilityCombo
          label={t('report.field.facility')}
          description={t('report.observation.facilityHint')}
          value={facility}
          onChange={(f) => setFacility(f ? { id: f.id, name: f.name } : null)}
          isRequired
          error={errors.facility}
        />
      </div>
      <div id="observation-field-type">
        <TypeRadios
          label={t('report.observation.type')}
          types={types}
          typeId={typeId}
          onChange={setTypeId}
          error={errors.type}
        />
      </div>
      <div id="observation-field-occurredAt">
        <WhenField value={occurredAt} onChange={setOccurredAt} error={errors.occurredAt} />
      </div>
      <div id="observation-field-description">
        <TextAreaField
          label={t('report.observation.text')}
          description={t('report.observation.textHint')}
          value={text}
          onChange={setText}
          maxLength={2000}
          rows={3}
          isInvalid={Boolean(errors.description)}
          errorMessage={errors.description}
        />
      </div>
      <fieldset className="report-section" id="observation-field-location">
        <legend className="report-section__legend">{t('report.observation.pin')}</legend>
        <p className="report-muted">{t('report.observation.pinHint')}</p>
        <PositionField value={location} onChange={setLocation} error={errors.location} />
      </fieldset>
      <div className="report-submit">
        <Button type="submit" variant="primary">
          {isSending ? t('report.send.sending') : t('report.observation.submit')}
        </Button>
      </div>
    </Form>
  );
}

function ObservationReceipt({
  receipt,
  facility,
  onAnother,
}: {
  receipt: Receipt;
  facility: { id: string; name: string };
  onAnother: () => void;
}) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="report-receipt" aria-labelledby="observation-receipt-heading">
      <h2 id="observation-receipt-heading" tabIndex={-1} ref={heading}>
        {t('report.observation.sentTitle')}
      </h2>
      <Alert tone="success" role="status">
        <p>{t('report.observation.sent', { facility: facility.name })}</p>
      </Alert>
      <dl className="report-receipt__reference-box">
        <dt className="report-receipt__label">{t('report.receipt.reference')}</dt>
        <dd className="report-receipt__reference">{receipt.reference}</dd>
      </dl>
      <div className="report-actions">
        <LinkButton href={`/facilities/${facility.id}/observations`} variant="primary">
          {t('report.observation.seeFacility', { facility: facility.name })}
        </LinkButton>
        <Button onPress={onAnother}>{t('report.observation.another')}</Button>
      </div>
    </section>
  );
}
