import { parseDate } from '@internationalized/date';
import { type FormEvent, useState } from 'react';
import { Form, type Key } from 'react-aria-components';
import type { ThreatEntry } from '../../../domain/api/threat-register.ts';
import { useT } from '../../i18n/i18n-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { DatePicker, type DateValue } from '../../ui/date-picker.tsx';
import { Dialog, DialogTrigger } from '../../ui/dialog.tsx';
import { ListBoxItem } from '../../ui/list-box.tsx';
import { ProgressBar } from '../../ui/progress-bar.tsx';
import { Select } from '../../ui/select.tsx';
import { TextField } from '../../ui/text-field.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { createEntry, deleteEntry, failureText, grantAccess, listThreatReports, updateEntry } from './api.ts';
import { ConfirmRemoval } from './confirm-removal.tsx';
import { stockholmDay, useFormatDay, useTypeLabel } from './format.ts';

type Match = ThreatEntry['matchedCases'][number];

/** "Ge tillgång": the case worker who follows the same case may read the report, for a stated reason. */
export function GrantAccessDialog({
  entry,
  match,
  onGranted,
}: {
  entry: ThreatEntry;
  match: Match;
  onGranted: (message: string) => void;
}) {
  const t = useT();
  return (
    <DialogTrigger>
      <Button aria-label={t('threats.register.grantLabel', { name: match.userName })}>
        {t('threats.register.grant')}
      </Button>
      <Dialog title={t('threats.register.grantTitle', { name: match.userName })}>
        {(close) => <GrantForm entry={entry} match={match} onGranted={onGranted} close={close} />}
      </Dialog>
    </DialogTrigger>
  );
}

function GrantForm({
  entry,
  match,
  onGranted,
  close,
}: {
  entry: ThreatEntry;
  match: Match;
  onGranted: (message: string) => void;
  close: () => void;
}) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const missing = reason.trim() === '';
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (missing) return;
    setSaving(true);
    setError(null);
    try {
      await grantAccess(entry.id, { caseId: match.caseId, reason: reason.trim() });
      close();
      onGranted(t('threats.register.granted', { name: match.userName }));
    } catch (e) {
      setError(failureText(t, e));
      setSaving(false);
    }
  };
  return (
    <Form className="threats-form" onSubmit={onSubmit} validationBehavior="aria">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <p>{t('threats.register.grantBody', { name: match.userName })}</p>
      <TextField
        label={t('threats.register.grantReason')}
        description={t('threats.register.grantReasonHint')}
        isRequired
        value={reason}
        onChange={setReason}
        maxLength={1000}
        isInvalid={submitted && missing}
        errorMessage={t('threats.register.grantReasonRequired')}
      />
      <div className="threats-actions">
        <Button type="submit" variant="primary" isDisabled={isSaving}>
          {isSaving ? t('threats.register.saving') : t('threats.register.grantSave')}
        </Button>
        <Button onPress={close}>{t('threats.cancel')}</Button>
      </div>
    </Form>
  );
}

/** "Rätta": a new case reference (hashed again by the server), the dates, the note. */
export function EditEntryDialog({
  entry,
  onEdited,
}: {
  entry: ThreatEntry;
  onEdited: (message: string) => void;
}) {
  const t = useT();
  const day = useFormatDay();
  const date = day(entry.occurredOn);
  return (
    <DialogTrigger>
      <Button aria-label={t('threats.register.editLabel', { date })}>{t('threats.register.edit')}</Button>
      <Dialog title={t('threats.register.editTitle', { date })}>
        {(close) => <EditForm entry={entry} onEdited={onEdited} close={close} />}
      </Dialog>
    </DialogTrigger>
  );
}

function EditForm({
  entry,
  onEdited,
  close,
}: {
  entry: ThreatEntry;
  onEdited: (message: string) => void;
  close: () => void;
}) {
  const t = useT();
  const [reference, setReference] = useState('');
  const [occurredOn, setOccurredOn] = useState<DateValue | null>(parseDate(entry.occurredOn));
  const [expiresOn, setExpiresOn] = useState<DateValue | null>(parseDate(stockholmDay(entry.expiresAt)));
  const [note, setNote] = useState(entry.note ?? '');
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const today = stockholmDay(new Date());
  const occurredText = occurredOn?.toString() ?? '';
  const expiresText = expiresOn?.toString() ?? '';
  const futureDate = occurredText > today;
  const expiryTooEarly = expiresText !== '' && occurredText !== '' && expiresText <= occurredText;
  // Until the user sets an expiry of their own, it follows the date of the event (the server moves it).
  const [expiryTouched, setExpiryTouched] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!occurredOn || !expiresOn || futureDate || expiryTooEarly) return;
    setSaving(true);
    setError(null);
    try {
      await updateEntry(entry.id, {
        ...(reference.trim() ? { caseReference: reference } : {}),
        ...(occurredText !== entry.occurredOn ? { occurredOn: occurredText } : {}),
        // Midday in Stockholm: the chosen day whether or not summer time applies.
        ...(expiryTouched ? { expiresAt: `${expiresText}T12:00:00+01:00` } : {}),
        note: note.trim() || null,
      });
      close();
      onEdited(t('threats.register.edited'));
    } catch (e) {
      setError(failureText(t, e));
      setSaving(false);
    }
  };

  return (
    <Form className="threats-form" onSubmit={onSubmit} validationBehavior="aria">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <TextField
        label={t('threats.register.editReference')}
        description={t('threats.register.editReferenceHint')}
        value={reference}
        onChange={setReference}
        maxLength={100}
        autoComplete="off"
        spellCheck="false"
      />
      <DatePicker
        label={t('threats.register.editOccurred')}
        granularity="day"
        value={occurredOn}
        onChange={(value) => {
          setOccurredOn(value);
          if (value && !expiryTouched) {
            const moved = parseDate(stockholmDay(entry.expiresAt)).add({
              days: value.compare(parseDate(entry.occurredOn)),
            });
            setExpiresOn(moved);
          }
        }}
        isRequired
        isInvalid={futureDate}
        errorMessage={t('threats.error.invalidDate')}
      />
      <DatePicker
        label={t('threats.register.editExpires')}
        description={t('threats.register.editExpiresHint')}
        granularity="day"
        value={expiresOn}
        onChange={(value) => {
          setExpiresOn(value);
          setExpiryTouched(true);
        }}
        isRequired
        isInvalid={expiryTooEarly}
        errorMessage={t('threats.error.invalidExpiry')}
      />
      <TextField
        label={t('threats.register.editNote')}
        description={t('threats.register.editNoteHint')}
        value={note}
        onChange={setNote}
        maxLength={1000}
      />
      <div className="threats-actions">
        <Button type="submit" variant="primary" isDisabled={isSaving}>
          {isSaving ? t('threats.register.saving') : t('threats.register.editSave')}
        </Button>
        <Button onPress={close}>{t('threats.cancel')}</Button>
      </div>
    </Form>
  );
}

/** "Ta bort", confirmed in an alert dialog. */
export function RemoveEntryDialog({
  entry,
  onRemoved,
}: {
  entry: ThreatEntry;
  onRemoved: (message: string) => void;
}) {
  const t = useT();
  const day = useFormatDay();
  const date = day(entry.occurredOn);
  return (
    <DialogTrigger>
      <Button variant="danger" aria-label={t('threats.register.removeLabel', { date })}>
        {t('threats.register.remove')}
      </Button>
      <Dialog title={t('threats.register.removeTitle', { date })} role="alertdialog">
        {(close) => (
          <ConfirmRemoval
            body={t('threats.register.removeBody')}
            confirmLabel={t('threats.register.remove')}
            remove={() => deleteEntry(entry.id)}
            removedMessage={t('threats.register.removed')}
            onRemoved={onRemoved}
            close={close}
          />
        )}
      </Dialog>
    </DialogTrigger>
  );
}

/** "Lägg till från rapport": a threat report the coordinator handles, and the client's case reference. */
export function AddEntryDialog({ onAdded }: { onAdded: (message: string) => void }) {
  const t = useT();
  return (
    <DialogTrigger>
      <Button variant="primary">{t('threats.register.add')}</Button>
      <Dialog title={t('threats.register.addTitle')}>
        {(close) => <AddForm onAdded={onAdded} close={close} />}
      </Dialog>
    </DialogTrigger>
  );
}

function AddForm({ onAdded, close }: { onAdded: (message: string) => void; close: () => void }) {
  const t = useT();
  const day = useFormatDay();
  const typeLabel = useTypeLabel();
  const reports = useResource(listThreatReports, 'threat-reports');
  const [incidentId, setIncidentId] = useState<string | null>(null);
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const items = reports.data?.items ?? [];

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (!incidentId || !reference.trim()) return;
    setSaving(true);
    setError(null);
    try {
      await createEntry({ incidentId, caseReference: reference, note: note.trim() || null });
      close();
      onAdded(t('threats.register.added'));
    } catch (e) {
      setError(failureText(t, e));
      setSaving(false);
    }
  };

  if (reports.status === 'loading' && !reports.data)
    return <ProgressBar label={t('threats.register.loading')} isIndeterminate />;
  if (reports.status === 'error')
    return (
      <Alert tone="error">
        <p>{failureText(t, reports.error)}</p>
        <Button onPress={reports.reload}>{t('threats.register.retry')}</Button>
      </Alert>
    );
  if (items.length === 0) return <p>{t('threats.register.addNoReports')}</p>;

  return (
    <Form className="threats-form" onSubmit={onSubmit} validationBehavior="aria">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Select
        label={t('threats.register.addReport')}
        description={t('threats.register.addReportHint')}
        isRequired
        selectedKey={incidentId}
        onSelectionChange={(key: Key | null) => setIncidentId(key === null ? null : String(key))}
        isInvalid={submitted && !incidentId}
        errorMessage={t('threats.register.addReportRequired')}
      >
        {items.map((i) => (
          <ListBoxItem key={i.id} id={i.id}>
            {t('threats.register.reportOption', {
              reference: i.reference,
              type: typeLabel(i),
              date: day(i.occurredAt),
            })}
          </ListBoxItem>
        ))}
      </Select>
      <TextField
        label={t('threats.register.addReference')}
        isRequired
        value={reference}
        onChange={setReference}
        maxLength={100}
        autoComplete="off"
        spellCheck="false"
        isInvalid={submitted && !reference.trim()}
        errorMessage={t('threats.register.addReferenceRequired')}
      />
      <TextField
        label={t('threats.register.editNote')}
        description={t('threats.register.editNoteHint')}
        value={note}
        onChange={setNote}
        maxLength={1000}
      />
      <div className="threats-actions">
        <Button type="submit" variant="primary" isDisabled={isSaving}>
          {isSaving ? t('threats.register.saving') : t('threats.register.editSave')}
        </Button>
        <Button onPress={close}>{t('threats.cancel')}</Button>
      </div>
    </Form>
  );
}
