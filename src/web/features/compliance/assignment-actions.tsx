import { type FormEvent, useState } from 'react';
import { Form } from 'react-aria-components';
import type { CoordinatorAssignment } from '../../../domain/api/coordinators.ts';
import { useT } from '../../i18n/i18n-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { DatePicker, type DateValue } from '../../ui/date-picker.tsx';
import { Dialog, DialogTrigger } from '../../ui/dialog.tsx';
import { deleteAssignment, updateAssignment } from './api.ts';
import { errorMessage } from './format.ts';

interface ActionsProps {
  assignment: CoordinatorAssignment;
  today: string;
  onChanged: (message: string) => void;
}

/** "Avsluta" (give the term a last day) and, before a term starts, "Ta bort". */
export function AssignmentActions({ assignment, today, onChanged }: ActionsProps) {
  const t = useT();
  if (!assignment.can.end && !assignment.can.delete) return <span>–</span>;
  return (
    <span className="compliance-actions">
      {assignment.can.end ? (
        <DialogTrigger>
          <Button aria-label={t('compliance.endLabel', { name: assignment.userName })}>
            {t('compliance.end')}
          </Button>
          <Dialog title={t('compliance.endTitle', { name: assignment.userName })}>
            {(close) => <EndForm assignment={assignment} today={today} onChanged={onChanged} close={close} />}
          </Dialog>
        </DialogTrigger>
      ) : null}
      {assignment.can.delete ? (
        <DialogTrigger>
          <Button variant="danger" aria-label={t('compliance.removeLabel', { name: assignment.userName })}>
            {t('compliance.remove')}
          </Button>
          <Dialog title={t('compliance.removeTitle')} role="alertdialog">
            {(close) => <RemoveForm assignment={assignment} onChanged={onChanged} close={close} />}
          </Dialog>
        </DialogTrigger>
      ) : null}
    </span>
  );
}

function EndForm({ assignment, today, onChanged, close }: ActionsProps & { close: () => void }) {
  const t = useT();
  const [date, setDate] = useState<DateValue | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  // A term that has not started yet cannot end before it starts.
  const endsOn = date?.toString() ?? (today < assignment.startsOn ? assignment.startsOn : today);
  const tooEarly = endsOn < assignment.startsOn;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (tooEarly) return;
    setSaving(true);
    setError(null);
    try {
      await updateAssignment(assignment.id, { endsOn });
      onChanged(t('compliance.endDone', { name: assignment.userName }));
      close();
    } catch (e) {
      setError(errorMessage(t, e));
      setSaving(false);
    }
  };

  return (
    <Form className="compliance-form" onSubmit={onSubmit} validationBehavior="aria">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <DatePicker
        label={t('compliance.endDate')}
        description={t('compliance.endDateHint')}
        granularity="day"
        onChange={setDate}
        isInvalid={tooEarly}
        errorMessage={t('compliance.error.endBeforeStart')}
      />
      <div className="compliance-actions">
        <Button type="submit" variant="primary" isDisabled={isSaving}>
          {t('compliance.endSave')}
        </Button>
        <Button onPress={close}>{t('compliance.cancel')}</Button>
      </div>
    </Form>
  );
}

function RemoveForm({ assignment, onChanged, close }: Omit<ActionsProps, 'today'> & { close: () => void }) {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const remove = async () => {
    setSaving(true);
    setError(null);
    try {
      await deleteAssignment(assignment.id);
      onChanged(t('compliance.removeDone', { name: assignment.userName }));
      close();
    } catch (e) {
      setError(errorMessage(t, e));
      setSaving(false);
    }
  };
  return (
    <div className="compliance-form">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <p>{t('compliance.removeBody', { name: assignment.userName })}</p>
      <div className="compliance-actions">
        <Button variant="danger" onPress={remove} isDisabled={isSaving}>
          {t('compliance.removeConfirm')}
        </Button>
        <Button onPress={close}>{t('compliance.cancel')}</Button>
      </div>
    </div>
  );
}
