import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { Form } from 'react-aria-components';
import type {
  CreateIncidentRequest,
  IncidentType,
  Receipt,
  TaxonomyResponse,
} from '../../../domain/api/incidents.ts';
import { ROLE_PERMISSIONS } from '../../../domain/permissions.ts';
import { isApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import type { Translate } from '../../i18n/translate.ts';
import { useSession } from '../../session/session-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { Checkbox } from '../../ui/checkbox.tsx';
import { ListBoxItem } from '../../ui/list-box.tsx';
import { Radio, RadioGroup } from '../../ui/radio-group.tsx';
import { Select } from '../../ui/select.tsx';
import { TextAreaField } from '../../ui/text-area-field.tsx';
import { TextField } from '../../ui/text-field.tsx';
import { createIncident } from './api.ts';
import { AttachmentsField } from './attachments-field.tsx';
import type { ReportDraft } from './draft.ts';
import { ErrorSummary } from './error-summary.tsx';
import { FacilityCombo } from './facility-combo.tsx';
import { AFFECTED_KINDS, affectedLabel, GENDERS, genderLabel } from './labels.ts';
import { PositionField } from './location-field.tsx';
import { TypePicker } from './type-picker.tsx';
import { type FieldErrors, serverFieldErrors, toProblems } from './validation.ts';
import { isFuture, toIsoTime, WhenField } from './when-field.tsx';

function validate(
  t: Translate,
  draft: ReportDraft,
  type: IncidentType | null,
  uploading: number,
): FieldErrors {
  const errors: FieldErrors = {};
  if (!draft.groupCode) errors.group = t('report.error.group');
  else if (!type) errors.type = t('report.error.type');
  if (!toIsoTime(draft.occurredAt)) errors.occurredAt = t('report.error.when');
  else if (isFuture(draft.occurredAt)) errors.occurredAt = t('report.error.future');
  if (!draft.location && !draft.facility && !draft.addressText.trim()) errors.where = t('report.error.where');
  if (!draft.affectedKind) errors.affectedKind = t('report.error.affectedKind');
  if (!draft.description.trim()) errors.description = t('report.error.description');
  if (draft.injury && !draft.injurySeverity) errors.injurySeverity = t('report.error.injurySeverity');
  if (uploading > 0) errors.attachments = t('report.error.uploading');
  return errors;
}

/** "Let the server decide": the facility's unit, else the reporter's first organisation. */
const AUTOMATIC = 'automatic';

function requestBody(
  draft: ReportDraft,
  type: IncidentType,
  caseReference: string,
  organisationId: string,
): CreateIncidentRequest {
  const anonymous = draft.anonymous && type.anonymousAllowed;
  const body: CreateIncidentRequest = {
    typeId: type.id,
    occurredAt: toIsoTime(draft.occurredAt)!,
    location: draft.location ? { lat: draft.location.lat, lon: draft.location.lon } : null,
    facilityId: draft.facility?.id ?? null,
    addressText: draft.addressText.trim() || null,
    affectedKind: draft.affectedKind!,
    affectedSelf: !anonymous && draft.affectedSelf,
    affectedGender: draft.affectedGender,
    description: draft.description.trim(),
    immediateAction: draft.immediateAction.trim() || null,
    policeCalled: draft.policeCalled,
    policeReportNumber: draft.policeCalled ? draft.policeReportNumber.trim() || null : null,
    injury: draft.injury,
    injurySeverity: draft.injury ? draft.injurySeverity : null,
    anonymous,
    uploadIds: draft.uploads.map((u) => u.id),
    caseReference: type.threatRegister ? caseReference.trim() || null : null,
    ...(organisationId !== AUTOMATIC ? { organisationId } : {}),
  };
  // An injury at work starts the work-injury path where the type has one.
  if (draft.injury && type.workEnvironmentKinds.includes('work_injury'))
    body.workEnvironmentKind = 'work_injury';
  return body;
}

interface ReportFormProps {
  taxonomy: TaxonomyResponse;
  draft: ReportDraft;
  onDraftChange: (update: (draft: ReportDraft) => ReportDraft) => void;
  onSent: (receipt: Receipt, draft: ReportDraft) => void;
}

/** The report: what, when, where, who, what happened and was done, police, injury, files, anonymity. */
export function ReportForm({ taxonomy, draft, onDraftChange, onSent }: ReportFormProps) {
  const { t } = useI18n();
  const [errors, setErrors] = useState<FieldErrors>({});
  /** Failed attempts to send: the summary appears after the first and takes focus after each. */
  const [attempt, setAttempt] = useState(0);
  const [sendError, setSendError] = useState<string | null>(null);
  const [isSending, setSending] = useState(false);
  const [uploading, setUploading] = useState(0);
  const [caseReference, setCaseReference] = useState('');
  const { user } = useSession();
  // Someone with roles in several places says which one the report concerns (it is routed there).
  const reportOrganisations = [
    ...new Map(
      (user?.roles ?? [])
        .filter((g) => ROLE_PERMISSIONS[g.role].includes('incidents.report'))
        .map((g) => [g.organisationId, g.organisationName] as const),
    ),
  ];
  const [organisationId, setOrganisationId] = useState<string>(AUTOMATIC);
  const sendingRef = useRef(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const sendErrorRef = useRef<HTMLDivElement>(null);
  const type = taxonomy.types.find((x) => x.id === draft.typeId && x.groupCode === draft.groupCode) ?? null;
  const anonymous = draft.anonymous && Boolean(type?.anonymousAllowed);

  const set = <K extends keyof ReportDraft>(key: K, value: ReportDraft[K]) =>
    onDraftChange((d) => ({ ...d, [key]: value }));
  // Once the user has tried to send, the summary follows their corrections.
  const problems = toProblems(errors);

  useEffect(() => {
    if (attempt > 0) summaryRef.current?.focus();
  }, [attempt]);

  const recheck = (next: ReportDraft) => {
    if (attempt === 0) return;
    const nextType = taxonomy.types.find((x) => x.id === next.typeId) ?? null;
    setErrors(validate(t, next, nextType, uploading));
  };
  const change = (update: (d: ReportDraft) => ReportDraft) =>
    onDraftChange((d) => {
      const next = update(d);
      recheck(next);
      return next;
    });

  const onPendingChange = useCallback((n: number) => setUploading(n), []);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sendingRef.current) return;
    setSendError(null);
    const found = validate(t, draft, type, uploading);
    setErrors(found);
    if (Object.keys(found).length > 0 || !type) {
      setAttempt((n) => n + 1);
      return;
    }
    sendingRef.current = true;
    setSending(true);
    try {
      const receipt = await createIncident(requestBody(draft, type, caseReference, organisationId));
      onSent(receipt, draft);
    } catch (e) {
      const fieldErrors = serverFieldErrors(t, e);
      if (fieldErrors) {
        setErrors(fieldErrors);
        setAttempt((n) => n + 1);
      } else {
        setSendError(sendFailure(t, e));
        requestAnimationFrame(() => sendErrorRef.current?.focus());
      }
    } finally {
      sendingRef.current = false;
      setSending(false);
    }
  };

  return (
    <Form className="report-form" onSubmit={onSubmit} validationBehavior="aria">
      {attempt > 0 && problems.length > 0 ? <ErrorSummary ref={summaryRef} problems={problems} /> : null}
      {sendError ? (
        <Alert tone="error" title={t('report.send.failedTitle')} ref={sendErrorRef} tabIndex={-1}>
          <p>{sendError}</p>
        </Alert>
      ) : null}
      <p className="report-muted">{t('report.requiredHint')}</p>

      <fieldset className="report-section">
        <legend className="report-section__legend">{t('report.section.what')}</legend>
        <TypePicker
          taxonomy={taxonomy}
          groupCode={draft.groupCode}
          typeId={draft.typeId}
          onChange={(groupCode, typeId) => change((d) => ({ ...d, groupCode, typeId }))}
          groupError={errors.group}
          typeError={errors.type}
        />
        <WhenField
          value={draft.occurredAt}
          onChange={(v) => change((d) => ({ ...d, occurredAt: v }))}
          error={errors.occurredAt}
        />
      </fieldset>

      <fieldset className="report-section" id="report-field-where">
        <legend className="report-section__legend">{t('report.section.where')}</legend>
        <p className="report-muted">{t('report.where.hint')}</p>
        {errors.where ? <p className="field__error">{errors.where}</p> : null}
        <FacilityCombo
          label={t('report.field.facility')}
          description={t('report.field.facilityHint')}
          value={draft.facility}
          onChange={(f) => change((d) => ({ ...d, facility: f ? { id: f.id, name: f.name } : null }))}
        />
        <PositionField value={draft.location} onChange={(location) => change((d) => ({ ...d, location }))} />
        {reportOrganisations.length > 1 ? (
          <Select
            label={t('report.field.organisation')}
            description={t('report.field.organisationHint')}
            selectedKey={organisationId}
            onSelectionChange={(key) => setOrganisationId(String(key ?? AUTOMATIC))}
          >
            {[[AUTOMATIC, t('report.field.organisationAuto')] as const, ...reportOrganisations].map(
              ([id, name]) => (
                <ListBoxItem key={id} id={id}>
                  {name}
                </ListBoxItem>
              ),
            )}
          </Select>
        ) : null}
        <TextField
          label={t('report.field.address')}
          description={t('report.field.addressHint')}
          value={draft.addressText}
          onChange={(v) => change((d) => ({ ...d, addressText: v }))}
          maxLength={300}
          autoComplete="off"
        />
      </fieldset>

      <fieldset className="report-section">
        <legend className="report-section__legend">{t('report.section.who')}</legend>
        <div id="report-field-affectedKind">
          <RadioGroup
            label={t('report.field.affectedKind')}
            isRequired
            value={draft.affectedKind}
            onChange={(v) => change((d) => ({ ...d, affectedKind: v as ReportDraft['affectedKind'] }))}
            isInvalid={Boolean(errors.affectedKind)}
            errorMessage={errors.affectedKind}
          >
            {AFFECTED_KINDS.map((kind) => (
              <Radio key={kind} value={kind}>
                {affectedLabel(t, kind)}
              </Radio>
            ))}
          </RadioGroup>
        </div>
        {!anonymous && (draft.affectedKind === 'employee' || draft.affectedKind === 'elected_official') ? (
          <Checkbox isSelected={draft.affectedSelf} onChange={(v) => set('affectedSelf', v)}>
            {t('report.field.affectedSelf')}
          </Checkbox>
        ) : null}
        <div id="report-field-affectedGender">
          <RadioGroup
            label={t('report.field.gender')}
            description={t('report.field.genderWhy')}
            value={draft.affectedGender}
            onChange={(v) => set('affectedGender', v as ReportDraft['affectedGender'])}
            isInvalid={Boolean(errors.affectedGender)}
            errorMessage={errors.affectedGender}
          >
            {GENDERS.map((g) => (
              <Radio key={g} value={g}>
                {genderLabel(t, g)}
              </Radio>
            ))}
          </RadioGroup>
          {draft.affectedGender ? (
            <Button variant="quiet" onPress={() => set('affectedGender', null)}>
              {t('report.field.genderClear')}
            </Button>
          ) : null}
        </div>
      </fieldset>

      <fieldset className="report-section">
        <legend className="report-section__legend">{t('report.section.happened')}</legend>
        <div id="report-field-description">
          <TextAreaField
            label={t('report.field.description')}
            description={t('report.field.descriptionHint')}
            isRequired
            value={draft.description}
            onChange={(v) => change((d) => ({ ...d, description: v }))}
            maxLength={10000}
            isInvalid={Boolean(errors.description)}
            errorMessage={errors.description}
          />
        </div>
        <div id="report-field-immediateAction">
          <TextAreaField
            label={t('report.field.immediateAction')}
            value={draft.immediateAction}
            onChange={(v) => set('immediateAction', v)}
            maxLength={5000}
            rows={3}
            isInvalid={Boolean(errors.immediateAction)}
            errorMessage={errors.immediateAction}
          />
        </div>
        <div id="report-field-policeReportNumber" className="report-follow">
          <Checkbox isSelected={draft.policeCalled} onChange={(v) => set('policeCalled', v)}>
            {t('report.field.policeCalled')}
          </Checkbox>
          {draft.policeCalled ? (
            <TextField
              label={t('report.field.policeReportNumber')}
              description={t('report.field.policeReportNumberHint')}
              value={draft.policeReportNumber}
              onChange={(v) => set('policeReportNumber', v)}
              maxLength={50}
              autoComplete="off"
              isInvalid={Boolean(errors.policeReportNumber)}
              errorMessage={errors.policeReportNumber}
            />
          ) : null}
        </div>
        <div id="report-field-injurySeverity" className="report-follow">
          <Checkbox
            isSelected={draft.injury}
            onChange={(v) =>
              change((d) => ({ ...d, injury: v, injurySeverity: v ? d.injurySeverity : null }))
            }
          >
            {t('report.field.injury')}
          </Checkbox>
          {draft.injury ? (
            <>
              <RadioGroup
                label={t('report.field.injurySeverity')}
                isRequired
                value={draft.injurySeverity}
                onChange={(v) =>
                  change((d) => ({ ...d, injurySeverity: v as ReportDraft['injurySeverity'] }))
                }
                isInvalid={Boolean(errors.injurySeverity)}
                errorMessage={errors.injurySeverity}
              >
                <Radio value="minor">{t('report.injury.minor')}</Radio>
                <Radio value="serious">{t('report.injury.serious')}</Radio>
              </RadioGroup>
              <Alert tone="info" role="none">
                <p>{t('report.injury.workInjuryPath')}</p>
                {draft.injurySeverity === 'serious' ? <p>{t('report.injury.seriousPath')}</p> : null}
              </Alert>
            </>
          ) : null}
        </div>
      </fieldset>

      <fieldset className="report-section">
        <legend className="report-section__legend">{t('report.section.files')}</legend>
        <AttachmentsField
          uploads={draft.uploads}
          onUploaded={(upload) => change((d) => ({ ...d, uploads: [...d.uploads, upload] }))}
          onRemoved={(id) => change((d) => ({ ...d, uploads: d.uploads.filter((u) => u.id !== id) }))}
          onPendingChange={onPendingChange}
          error={errors.attachments}
        />
      </fieldset>

      {type && (type.anonymousAllowed || type.threatRegister) ? (
        <fieldset className="report-section">
          <legend className="report-section__legend">{t('report.section.more')}</legend>
          {type.anonymousAllowed ? (
            <div id="report-field-anonymous" className="report-follow">
              <Checkbox
                isSelected={draft.anonymous}
                onChange={(v) =>
                  change((d) => ({ ...d, anonymous: v, affectedSelf: v ? false : d.affectedSelf }))
                }
              >
                {t('report.field.anonymous')}
              </Checkbox>
              <p className="report-muted">{t('report.field.anonymousHint')}</p>
              {anonymous ? (
                <Alert tone="warning" role="none">
                  <p>{t('report.anonymous.consequence')}</p>
                </Alert>
              ) : null}
              {errors.anonymous ? <p className="field__error">{errors.anonymous}</p> : null}
            </div>
          ) : null}
          {type.threatRegister ? (
            <div id="report-field-caseReference">
              <TextField
                label={t('report.field.caseReference')}
                description={t('report.field.caseReferenceHint')}
                value={caseReference}
                onChange={setCaseReference}
                maxLength={100}
                autoComplete="off"
                isInvalid={Boolean(errors.caseReference)}
                errorMessage={errors.caseReference}
              />
            </div>
          ) : null}
        </fieldset>
      ) : null}

      <div className="report-submit">
        <Button type="submit" variant="primary">
          {isSending ? t('report.send.sending') : t('report.send.submit')}
        </Button>
        <p className="report-muted" role="status">
          {uploading > 0 ? t('report.send.waitUploads', { count: uploading }) : t('report.draft.savedHint')}
        </p>
      </div>
    </Form>
  );
}

function sendFailure(t: Translate, error: unknown): string {
  if (!isApiError(error)) return t('report.send.failed');
  if (error.status === 0) return t('report.send.network');
  if (error.status === 403) return t('error.forbidden');
  if (error.status === 429) return t('report.send.rateLimited');
  return t('report.send.failed');
}
