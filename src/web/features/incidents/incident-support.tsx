import { type CalendarDate, getLocalTimeZone, parseDate, today } from '@internationalized/date';
import { type FormEvent, useState } from 'react';
import { Form } from 'react-aria-components';
import type { Incident, SupportItem } from '../../../domain/api/incidents.ts';
import { useFormat, useT } from '../../i18n/i18n-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { DatePicker } from '../../ui/date-picker.tsx';
import { Dialog, DialogTrigger } from '../../ui/dialog.tsx';
import { TextAreaField } from '../../ui/text-area-field.tsx';
import { recordSupportItem } from './api.ts';
import type { ChangeHandler } from './incident-handling.tsx';
import { failureText } from './incident-parts.tsx';
import { SUPPORT_ITEMS, supportLabel } from './labels.ts';

/** The support checklist after threats or violence (AFS 2023:2): each item with the day it was done. */
export function SupportChecklist({ incident, onChanged }: { incident: Incident; onChanged: ChangeHandler }) {
  const t = useT();
  const format = useFormat();
  const done = new Map(incident.supportItems.map((s) => [s.item, s]));
  const count = SUPPORT_ITEMS.filter((i) => done.has(i)).length;
  return (
    <section aria-labelledby="incident-support-heading" className="incident-section">
      <h2 id="incident-support-heading" tabIndex={-1}>
        {t('incidents.support.heading')}
      </h2>
      <p>{t('incidents.support.intro')}</p>
      <p>{t('incidents.support.progress', { done: count, total: SUPPORT_ITEMS.length })}</p>
      <ul className="incident-checklist">
        {SUPPORT_ITEMS.map((item) => {
          const record = done.get(item);
          return (
            <li key={item} className="incident-checklist__item">
              <div>
                <p className="incident-checklist__label">
                  <span aria-hidden="true" className="incident-checklist__mark">
                    {record ? '✓' : '○'}
                  </span>
                  {supportLabel(t, item)}
                </p>
                <p className="incident-cell__muted">
                  {record
                    ? record.recordedBy
                      ? t('incidents.support.doneBy', {
                          date: format.date(record.doneOn),
                          name: record.recordedBy,
                        })
                      : t('incidents.support.done', { date: format.date(record.doneOn) })
                    : t('incidents.support.notDone')}
                </p>
                {record?.note ? <p className="incident-text">{record.note}</p> : null}
              </div>
              {incident.can.support ? (
                <SupportDialog
                  incident={incident}
                  item={item}
                  current={record ? { doneOn: record.doneOn, note: record.note } : null}
                  onChanged={onChanged}
                />
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function SupportDialog({
  incident,
  item,
  current,
  onChanged,
}: {
  incident: Incident;
  item: SupportItem;
  current: { doneOn: string; note: string | null } | null;
  onChanged: ChangeHandler;
}) {
  const t = useT();
  const label = supportLabel(t, item);
  return (
    <DialogTrigger>
      <Button
        aria-label={
          current
            ? t('incidents.support.editLabel', { item: label })
            : t('incidents.support.recordLabel', { item: label })
        }
      >
        {current ? t('incidents.support.edit') : t('incidents.support.record')}
      </Button>
      <Dialog title={label}>
        {(close) => (
          <SupportForm
            incident={incident}
            item={item}
            current={current}
            onChanged={onChanged}
            close={close}
          />
        )}
      </Dialog>
    </DialogTrigger>
  );
}

function SupportForm({
  incident,
  item,
  current,
  onChanged,
  close,
}: {
  incident: Incident;
  item: SupportItem;
  current: { doneOn: string; note: string | null } | null;
  onChanged: ChangeHandler;
  close: () => void;
}) {
  const t = useT();
  const todayDate = today(getLocalTimeZone());
  const [doneOn, setDoneOn] = useState<CalendarDate | null>(current ? parseDate(current.doneOn) : todayDate);
  const [note, setNote] = useState(current?.note ?? '');
  const [submitted, setSubmitted] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const invalid = !doneOn || doneOn.compare(todayDate) > 0;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (invalid || !doneOn) return;
    setSaving(true);
    setError(null);
    try {
      await recordSupportItem(incident.id, item, { doneOn: doneOn.toString(), note: note.trim() || null });
      close();
      onChanged((tr) => tr('incidents.support.saved', { item: supportLabel(tr, item) }), 'support');
    } catch (e) {
      setError(failureText(t, e));
      setSaving(false);
    }
  };

  return (
    <Form className="incident-form" onSubmit={onSubmit} validationBehavior="aria">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <DatePicker
        label={t('incidents.support.date')}
        granularity="day"
        isRequired
        value={doneOn}
        onChange={setDoneOn}
        maxValue={todayDate}
        isInvalid={submitted && invalid}
        errorMessage={t('incidents.support.dateInvalid')}
      />
      <TextAreaField
        label={t('incidents.support.note')}
        value={note}
        onChange={setNote}
        maxLength={2000}
        rows={3}
      />
      <div className="incident-actions">
        <Button type="submit" variant="primary" isDisabled={isSaving}>
          {t('incidents.save')}
        </Button>
        <Button onPress={close}>{t('incidents.cancel')}</Button>
      </div>
    </Form>
  );
}
