import { type FormEvent, useEffect, useState } from 'react';
import { Form, type Key } from 'react-aria-components';
import { COORDINATOR_FUNCTIONS, type CoordinatorFunction } from '../../../domain/api/coordinators.ts';
import type { User } from '../../../domain/api/users.ts';
import { useT } from '../../i18n/i18n-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { Checkbox } from '../../ui/checkbox.tsx';
import { ComboBox } from '../../ui/combo-box.tsx';
import { DatePicker, type DateValue } from '../../ui/date-picker.tsx';
import { Dialog, DialogTrigger } from '../../ui/dialog.tsx';
import { ListBoxItem } from '../../ui/list-box.tsx';
import { Select } from '../../ui/select.tsx';
import { createAssignment, fetchAssignableUsers } from './api.ts';
import { errorMessage, functionKey } from './format.ts';

interface AssignDialogProps {
  organisationId: string;
  organisationName: string;
  /** Today as the server counts it: the start when none is given. */
  today: string;
  /** Called with a confirmation to announce after a successful assignment. */
  onAssigned: (message: string) => void;
}

/** "Tilldela uppdrag": choose a function, a person, deputy or not, and the term's dates. */
export function AssignDialog(props: AssignDialogProps) {
  const t = useT();
  return (
    <DialogTrigger>
      <Button variant="primary">{t('compliance.assign')}</Button>
      <Dialog title={t('compliance.assignTitle', { organisation: props.organisationName })}>
        {(close) => <AssignForm {...props} close={close} />}
      </Dialog>
    </DialogTrigger>
  );
}

function AssignForm({ organisationId, today, onAssigned, close }: AssignDialogProps & { close: () => void }) {
  const t = useT();
  const [users, setUsers] = useState<User[]>([]);
  const [fn, setFn] = useState<CoordinatorFunction | null>(null);
  const [userId, setUserId] = useState<string | null>(null);
  const [deputy, setDeputy] = useState(false);
  const [from, setFrom] = useState<DateValue | null>(null);
  const [to, setTo] = useState<DateValue | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const [isSaving, setSaving] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    fetchAssignableUsers(controller.signal).then(setUsers, (e: unknown) => {
      if (!controller.signal.aborted) setError(errorMessage(t, e));
    });
    return () => controller.abort();
  }, [t]);

  const startsOn = from?.toString() ?? today;
  const endsOn = to?.toString() ?? null;
  const endBeforeStart = endsOn !== null && endsOn < startsOn;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (!fn || !userId || endBeforeStart) return;
    setSaving(true);
    setError(null);
    try {
      const created = await createAssignment({
        organisationId,
        function: fn,
        userId,
        deputy,
        startsOn,
        endsOn,
      });
      onAssigned(t('compliance.assignDone', { name: created.userName, function: t(functionKey(fn)) }));
      close();
    } catch (e) {
      setError(errorMessage(t, e));
      setSaving(false);
    }
  };

  return (
    <Form className="compliance-form" onSubmit={onSubmit} validationBehavior="aria">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Select
        label={t('compliance.assignFunction')}
        isRequired
        selectedKey={fn}
        onSelectionChange={(key: Key | null) => setFn(key as CoordinatorFunction | null)}
        isInvalid={submitted && !fn}
        errorMessage={t('compliance.assignFunctionRequired')}
      >
        {COORDINATOR_FUNCTIONS.map((f) => (
          <ListBoxItem key={f} id={f}>
            {t(functionKey(f))}
          </ListBoxItem>
        ))}
      </Select>
      <ComboBox
        label={t('compliance.assignPerson')}
        description={t('compliance.assignPersonHint')}
        isRequired
        defaultItems={users}
        selectedKey={userId}
        onSelectionChange={(key: Key | null) => setUserId(key === null ? null : String(key))}
        isInvalid={submitted && !userId}
        errorMessage={t('compliance.assignPersonRequired')}
      >
        {(user: User) => (
          <ListBoxItem id={user.id} textValue={user.name}>
            {`${user.name} (${user.email})`}
          </ListBoxItem>
        )}
      </ComboBox>
      <Checkbox isSelected={deputy} onChange={setDeputy}>
        {t('compliance.assignDeputy')}
      </Checkbox>
      <DatePicker
        label={t('compliance.assignFrom')}
        description={t('compliance.assignFromHint')}
        granularity="day"
        onChange={setFrom}
      />
      <DatePicker
        label={t('compliance.assignTo')}
        description={t('compliance.assignToHint')}
        granularity="day"
        onChange={setTo}
        isInvalid={endBeforeStart}
        errorMessage={t('compliance.error.endBeforeStart')}
      />
      <p>{t('compliance.roleNote')}</p>
      <div className="compliance-actions">
        <Button type="submit" variant="primary" isDisabled={isSaving}>
          {isSaving ? t('compliance.assignSaving') : t('compliance.assignSave')}
        </Button>
        <Button onPress={close}>{t('compliance.cancel')}</Button>
      </div>
    </Form>
  );
}
