import { type FormEvent, useRef, useState } from 'react';
import { Form } from 'react-aria-components';
import type { AuditFilter } from '../../api/audit.ts';
import { useT } from '../../i18n/i18n-provider.tsx';
import { Button } from '../../ui/button.tsx';
import { DatePicker, type DateValue } from '../../ui/date-picker.tsx';
import { TextField } from '../../ui/text-field.tsx';

interface Draft {
  action: string;
  from: DateValue | null;
  to: DateValue | null;
  targetId: string;
}

const EMPTY: Draft = { action: '', from: null, to: null, targetId: '' };

/** The filter form above the audit table. Filters apply on submit, not on every keystroke. */
export function AuditFilters({ onApply }: { onApply: (filter: AuditFilter) => void }) {
  const t = useT();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [toError, setToError] = useState<string | null>(null);
  // The date pickers keep their own typed segments; a new key empties them on "Rensa filter".
  const [generation, setGeneration] = useState(0);
  const toRef = useRef<HTMLDivElement>(null);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (draft.from && draft.to && draft.to.compare(draft.from) < 0) {
      setToError(t('audit.filterToBeforeFrom'));
      // Take the user to the field that needs fixing; its error message is read with it.
      toRef.current?.querySelector<HTMLElement>('[role="spinbutton"]')?.focus();
      return;
    }
    setToError(null);
    onApply({
      action: draft.action.trim() || undefined,
      targetId: draft.targetId.trim() || undefined,
      from: draft.from?.toString(),
      to: draft.to?.toString(),
    });
  };

  const onReset = () => {
    setDraft(EMPTY);
    setToError(null);
    setGeneration((n) => n + 1);
    onApply({});
  };

  return (
    <Form
      className="audit-filters"
      onSubmit={onSubmit}
      validationBehavior="aria"
      aria-labelledby="audit-filter-heading"
    >
      <h2 id="audit-filter-heading" className="audit-filters__heading">
        {t('audit.filterHeading')}
      </h2>
      <div className="audit-filters__fields">
        <TextField
          label={t('audit.filterAction')}
          description={t('audit.filterActionHint')}
          name="action"
          maxLength={100}
          autoComplete="off"
          spellCheck="false"
          value={draft.action}
          onChange={(action) => setDraft((d) => ({ ...d, action }))}
        />
        <DatePicker
          key={`from-${generation}`}
          label={t('audit.filterFrom')}
          name="from"
          granularity="day"
          onChange={(from) => setDraft((d) => ({ ...d, from }))}
        />
        <DatePicker
          key={`to-${generation}`}
          ref={toRef}
          label={t('audit.filterTo')}
          name="to"
          granularity="day"
          isInvalid={Boolean(toError)}
          errorMessage={toError ?? undefined}
          onChange={(to) => {
            setToError(null);
            setDraft((d) => ({ ...d, to }));
          }}
        />
        <TextField
          label={t('audit.filterTarget')}
          name="targetId"
          maxLength={200}
          autoComplete="off"
          spellCheck="false"
          value={draft.targetId}
          onChange={(targetId) => setDraft((d) => ({ ...d, targetId }))}
        />
      </div>
      <div className="audit-filters__actions">
        <Button type="submit" variant="primary">
          {t('audit.filterApply')}
        </Button>
        <Button onPress={onReset}>{t('audit.filterReset')}</Button>
      </div>
    </Form>
  );
}
