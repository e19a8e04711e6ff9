import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { Form } from 'react-aria-components';
import type { FocusArea, LocalizedText, ProgrammeOverview, Version } from '../../../domain/api/programme.ts';
import { isApiError } from '../../api/client.ts';
import { useT } from '../../i18n/i18n-provider.tsx';
import type { Translate } from '../../i18n/translate.ts';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { DatePicker, type DateValue } from '../../ui/date-picker.tsx';
import { Dialog, DialogTrigger } from '../../ui/dialog.tsx';
import { ProgressBar } from '../../ui/progress-bar.tsx';
import { TextAreaField } from '../../ui/text-area-field.tsx';
import { TextField } from '../../ui/text-field.tsx';
import { adoptVersion, createDraft, createProgramme, getVersion, updateFocusArea } from './programme-api.ts';
import { useText } from './programme-content.tsx';

/** What an administrator can do from the programme page: start it, draft a new version, edit, adopt. */
export function ProgrammeAdmin({
  overview,
  onChanged,
}: {
  overview: ProgrammeOverview;
  onChanged: (message: string) => void;
}) {
  const t = useT();
  const draft = overview.versions.find((v) => v.status === 'draft' && v.can.edit);
  const source = overview.inForce ?? overview.versions.find((v) => v.status !== 'draft');
  const canStart = overview.can.createProgramme === true;
  const canDraft = overview.can.createDraft === true && source !== undefined;
  if (!canStart && !canDraft && !draft) return null;

  return (
    <section aria-labelledby="programme-admin" className="programme-section programme-admin">
      <h2 id="programme-admin">{t('programme.adminHeading')}</h2>
      <p>{t('programme.adminIntro')}</p>
      {canStart ? <StartProgrammeDialog organisationId={overview.organisationId} onDone={onChanged} /> : null}
      {canDraft ? (
        <CreateDraftDialog sourceId={source.id} sourceLabel={source.label} onDone={onChanged} />
      ) : null}
      {draft ? (
        <DraftEditor
          draftId={draft.id}
          currentLabel={overview.inForce?.label ?? null}
          onChanged={onChanged}
        />
      ) : null}
    </section>
  );
}

/** The message to show for a refused change: ours for the programme's own errors, the kit's otherwise. */
function errorMessage(error: unknown, t: Translate): string {
  if (!isApiError(error)) return t('error.generic');
  if (error.status === 0) return t('error.network');
  if (error.status === 403) return t('error.forbidden');
  if (error.code === 'validation.failed') return t('programme.error.validation');
  switch (error.code) {
    case 'programme.label_taken':
      return t('programme.error.label_taken');
    case 'programme.draft_exists':
      return t('programme.error.draft_exists');
    case 'programme.version_incomplete':
      return t('programme.error.version_incomplete');
    case 'programme.adoption_before_current':
      return t('programme.error.adoption_before_current');
    case 'programme.date_in_future':
      return t('programme.error.date_in_future');
    case 'programme.version_settled':
      return t('programme.error.version_settled');
    default:
      return t('error.generic');
  }
}

/**
 * A button opening a dialog with a form. `submit` returns the confirmation to announce on the page;
 * on failure the dialog stays open with the error, so nothing typed is lost.
 */
function FormDialog({
  trigger,
  variant = 'secondary',
  title,
  submitLabel,
  intro,
  submit,
  onDone,
  children,
}: {
  trigger: ReactNode;
  variant?: 'primary' | 'secondary';
  title: string;
  submitLabel: string;
  intro?: string;
  /** Returns the confirmation, or null when the form is not valid yet (the fields say why). */
  submit: () => Promise<string | null>;
  onDone: (message: string) => void;
  children: (showErrors: boolean) => ReactNode;
}) {
  const t = useT();
  const [isOpen, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [showErrors, setShowErrors] = useState(false);

  const open = (next: boolean) => {
    setOpen(next);
    if (next) {
      setError(null);
      setShowErrors(false);
    }
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    setShowErrors(true);
    setError(null);
    setBusy(true);
    try {
      const message = await submit();
      if (message === null) {
        // Take the user to the first field to fix; its message is read with it.
        requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
        return;
      }
      setOpen(false);
      onDone(message);
    } catch (reason) {
      setError(errorMessage(reason, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <DialogTrigger isOpen={isOpen} onOpenChange={open}>
      <Button variant={variant}>{trigger}</Button>
      <Dialog title={title}>
        {(close) => (
          <Form onSubmit={onSubmit} validationBehavior="aria" className="programme-form">
            {intro ? <p>{intro}</p> : null}
            {error ? <Alert tone="error">{error}</Alert> : null}
            {children(showErrors)}
            <div className="programme-form__actions">
              <Button type="submit" variant="primary" isDisabled={busy} aria-busy={busy || undefined}>
                {submitLabel}
              </Button>
              <Button onPress={close}>{t('programme.cancel')}</Button>
            </div>
          </Form>
        )}
      </Dialog>
    </DialogTrigger>
  );
}

/** A Swedish and an English field for one text, both required. */
function LocalizedFields({
  value,
  onChange,
  labels,
  multiline,
  showErrors,
}: {
  value: LocalizedText;
  onChange: (value: LocalizedText) => void;
  labels: { sv: string; en: string };
  multiline?: boolean;
  showErrors: boolean;
}) {
  const t = useT();
  return (
    <>
      {(['sv', 'en'] as const).map((language) => {
        const props = {
          label: labels[language],
          value: value[language],
          onChange: (next: string) => onChange({ ...value, [language]: next }),
          isRequired: true,
          isInvalid: showErrors && value[language].trim() === '',
          errorMessage: t('programme.required'),
          lang: language,
        };
        return multiline ? (
          <TextAreaField key={language} {...props} />
        ) : (
          <TextField key={language} {...props} />
        );
      })}
    </>
  );
}

const filled = (...texts: LocalizedText[]) => texts.every((x) => x.sv.trim() !== '' && x.en.trim() !== '');

function StartProgrammeDialog({
  organisationId,
  onDone,
}: {
  organisationId: string;
  onDone: (m: string) => void;
}) {
  const t = useT();
  const [label, setLabel] = useState('');
  const [title, setTitle] = useState<LocalizedText>({ sv: '', en: '' });
  return (
    <FormDialog
      trigger={t('programme.startProgramme')}
      variant="primary"
      title={t('programme.startProgramme')}
      intro={t('programme.startIntro')}
      submitLabel={t('programme.create')}
      onDone={onDone}
      submit={async () => {
        if (label.trim() === '' || !filled(title)) return null;
        const created = await createProgramme({ organisationId, label, title });
        return t('programme.draftCreated', { label: created.label });
      }}
    >
      {(showErrors) => (
        <>
          <TextField
            label={t('programme.labelField')}
            description={t('programme.labelHelp')}
            value={label}
            onChange={setLabel}
            isRequired
            isInvalid={showErrors && label.trim() === ''}
            errorMessage={t('programme.required')}
          />
          <LocalizedFields
            value={title}
            onChange={setTitle}
            labels={{ sv: t('programme.fieldTitleSv'), en: t('programme.fieldTitleEn') }}
            showErrors={showErrors}
          />
        </>
      )}
    </FormDialog>
  );
}

function CreateDraftDialog({
  sourceId,
  sourceLabel,
  onDone,
}: {
  sourceId: string;
  sourceLabel: string;
  onDone: (m: string) => void;
}) {
  const t = useT();
  const [label, setLabel] = useState('');
  return (
    <FormDialog
      trigger={t('programme.createDraft')}
      title={t('programme.createDraftTitle')}
      intro={t('programme.createDraftIntro', { label: sourceLabel })}
      submitLabel={t('programme.create')}
      onDone={onDone}
      submit={async () => {
        if (label.trim() === '') return null;
        const created = await createDraft({ copyOf: sourceId, label });
        return t('programme.draftCreated', { label: created.label });
      }}
    >
      {(showErrors) => (
        <TextField
          label={t('programme.labelField')}
          description={t('programme.labelHelp')}
          value={label}
          onChange={setLabel}
          isRequired
          isInvalid={showErrors && label.trim() === ''}
          errorMessage={t('programme.required')}
        />
      )}
    </FormDialog>
  );
}

/** The draft's focus areas with an edit button each, and the adoption. */
function DraftEditor({
  draftId,
  currentLabel,
  onChanged,
}: {
  draftId: string;
  currentLabel: string | null;
  onChanged: (message: string) => void;
}) {
  const t = useT();
  const text = useText();
  const [draft, setDraft] = useState<Version | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    void attempt;
    setFailed(false);
    getVersion(draftId, controller.signal).then(setDraft, () => {
      if (!controller.signal.aborted) setFailed(true);
    });
    return () => controller.abort();
  }, [draftId, attempt]);

  const changed = (message: string) => {
    setAttempt((n) => n + 1);
    onChanged(message);
  };

  if (failed) {
    return (
      <Alert tone="error" title={t('programme.loadError')}>
        <Button onPress={() => setAttempt((n) => n + 1)}>{t('programme.retry')}</Button>
      </Alert>
    );
  }
  if (!draft) return <ProgressBar label={t('programme.draftLoading')} isIndeterminate />;
  return (
    <div className="programme-draft">
      <h3>{t('programme.draftHeading', { label: draft.label })}</h3>
      <p>{t('programme.draftIntro')}</p>
      {draft.focusAreas.length > 0 ? (
        <ul className="programme-draft__list">
          {draft.focusAreas.map((f) => (
            <li key={f.id} className="programme-draft__item">
              <h4 className="programme-draft__title">{text(f.title)}</h4>
              <EditFocusAreaDialog focusArea={f} onDone={changed} />
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('programme.draftEmpty')}</p>
      )}
      {draft.can.adopt ? <AdoptDialog draft={draft} currentLabel={currentLabel} onDone={changed} /> : null}
    </div>
  );
}

function EditFocusAreaDialog({ focusArea, onDone }: { focusArea: FocusArea; onDone: (m: string) => void }) {
  const t = useT();
  const text = useText();
  const [title, setTitle] = useState(focusArea.title);
  const [description, setDescription] = useState(focusArea.description);
  const [communication, setCommunication] = useState(focusArea.communication);
  return (
    <FormDialog
      trigger={
        <>
          {t('programme.edit')}
          <span className="visually-hidden"> {text(focusArea.title)}</span>
        </>
      }
      title={t('programme.editFocusAreaTitle')}
      submitLabel={t('programme.save')}
      onDone={onDone}
      submit={async () => {
        if (!filled(title, description, communication)) return null;
        await updateFocusArea(focusArea.id, { title, description, communication });
        return t('programme.saved');
      }}
    >
      {(showErrors) => (
        <>
          <LocalizedFields
            value={title}
            onChange={setTitle}
            labels={{ sv: t('programme.fieldTitleSv'), en: t('programme.fieldTitleEn') }}
            showErrors={showErrors}
          />
          <LocalizedFields
            value={description}
            onChange={setDescription}
            labels={{ sv: t('programme.fieldDescriptionSv'), en: t('programme.fieldDescriptionEn') }}
            multiline
            showErrors={showErrors}
          />
          <LocalizedFields
            value={communication}
            onChange={setCommunication}
            labels={{ sv: t('programme.fieldCommunicationSv'), en: t('programme.fieldCommunicationEn') }}
            multiline
            showErrors={showErrors}
          />
        </>
      )}
    </FormDialog>
  );
}

function AdoptDialog({
  draft,
  currentLabel,
  onDone,
}: {
  draft: Version;
  currentLabel: string | null;
  onDone: (m: string) => void;
}) {
  const t = useT();
  const [adoptedOn, setAdoptedOn] = useState<DateValue | null>(null);
  const [reference, setReference] = useState('');
  return (
    <FormDialog
      trigger={t('programme.adopt')}
      variant="primary"
      title={t('programme.adoptTitle', { label: draft.label })}
      intro={
        currentLabel ? t('programme.adoptIntro', { current: currentLabel }) : t('programme.adoptIntroFirst')
      }
      submitLabel={t('programme.adopt')}
      onDone={onDone}
      submit={async () => {
        if (!adoptedOn || reference.trim() === '') return null;
        await adoptVersion(draft.id, { adoptedOn: adoptedOn.toString(), decisionReference: reference });
        return t('programme.adopted', { label: draft.label });
      }}
    >
      {(showErrors) => (
        <>
          <DatePicker
            label={t('programme.adoptedOnField')}
            value={adoptedOn}
            onChange={setAdoptedOn}
            isRequired
            isInvalid={showErrors && !adoptedOn}
            errorMessage={t('programme.required')}
          />
          <TextField
            label={t('programme.decisionReferenceField')}
            description={t('programme.decisionReferenceHelp')}
            value={reference}
            onChange={setReference}
            isRequired
            isInvalid={showErrors && reference.trim() === ''}
            errorMessage={t('programme.required')}
          />
        </>
      )}
    </FormDialog>
  );
}
