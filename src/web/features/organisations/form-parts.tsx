import { parseDate } from '@internationalized/date';
import { type FormEvent, type ReactNode, useState } from 'react';
import { Form } from 'react-aria-components';
import { useT } from '../../i18n/i18n-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { DatePicker, type DateValue } from '../../ui/date-picker.tsx';
import { Dialog, DialogTrigger } from '../../ui/dialog.tsx';
import { errorMessage } from './format.ts';

/** A `YYYY-MM-DD` day as a date picker's value (null stays empty). */
export function toDateValue(day: string | null | undefined): DateValue | null {
  return day ? parseDate(day) : null;
}

/** A date field holding a `YYYY-MM-DD` day. */
export function DayField({
  label,
  description,
  value,
  onChange,
  isRequired,
  isInvalid,
  errorMessage: error,
}: {
  label: string;
  description?: string;
  value: string | null;
  onChange: (day: string | null) => void;
  isRequired?: boolean;
  isInvalid?: boolean;
  errorMessage?: string;
}) {
  return (
    <DatePicker
      label={label}
      description={description}
      granularity="day"
      value={toDateValue(value)}
      onChange={(v: DateValue | null) => onChange(v ? v.toString() : null)}
      isRequired={isRequired}
      isInvalid={isInvalid}
      errorMessage={error}
    />
  );
}

/** A button that opens a modal dialog holding a form. */
export function FormDialog({
  trigger,
  title,
  variant = 'secondary',
  role,
  children,
}: {
  trigger: string;
  title: string;
  variant?: 'primary' | 'secondary' | 'danger';
  role?: 'dialog' | 'alertdialog';
  children: (close: () => void) => ReactNode;
}) {
  return (
    <DialogTrigger>
      <Button variant={variant}>{trigger}</Button>
      <Dialog title={title} role={role}>
        {(close) => children(close)}
      </Dialog>
    </DialogTrigger>
  );
}

/**
 * A form that checks its fields on submit (`isValid` is false → fields show their errors), sends,
 * and shows the server's refusal in the user's language above the fields.
 */
export function ChangeForm({
  onSubmit,
  submitLabel,
  close,
  children,
  submitVariant = 'primary',
}: {
  /** Resolves to false when a field is invalid (nothing is sent); rejects to show an error. */
  onSubmit: () => Promise<unknown>;
  submitLabel: string;
  close: () => void;
  children: (submitted: boolean) => ReactNode;
  submitVariant?: 'primary' | 'danger';
}) {
  const t = useT();
  const [submitted, setSubmitted] = useState(false);
  const [isSaving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const handle = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    setError(null);
    setSaving(true);
    try {
      if ((await onSubmit()) === false) setSaving(false);
    } catch (e) {
      setError(errorMessage(t, e));
      setSaving(false);
    }
  };

  return (
    <Form className="org-form" onSubmit={handle} validationBehavior="aria">
      {error ? <Alert tone="error">{error}</Alert> : null}
      {children(submitted)}
      <div className="org-form__actions">
        <Button type="submit" variant={submitVariant} isDisabled={isSaving}>
          {isSaving ? t('organisations.form.saving') : submitLabel}
        </Button>
        <Button onPress={close}>{t('organisations.form.cancel')}</Button>
      </div>
    </Form>
  );
}

export const blankToNull = (s: string) => (s.trim() === '' ? null : s.trim());
export const endsBeforeStart = (from: string | null, to: string | null) =>
  from !== null && to !== null && to < from;
