import { useState } from 'react';
import { useT } from '../../i18n/i18n-provider.tsx';
import { Checkbox } from '../../ui/checkbox.tsx';
import { TextField } from '../../ui/text-field.tsx';
import { MONTH_RE, type PictureScopes } from './api.ts';

export interface PeriodDraft {
  from: string;
  to: string;
  compareFrom: string;
  compareTo: string;
}

/** Errors of a period draft by field ('' fields of the comparison are allowed: the default applies). */
export function periodErrors(
  p: PeriodDraft,
  requireComparison = false,
): Partial<Record<keyof PeriodDraft, 'invalid' | 'order'>> {
  const errors: Partial<Record<keyof PeriodDraft, 'invalid' | 'order'>> = {};
  if (!MONTH_RE.test(p.from)) errors.from = 'invalid';
  if (!MONTH_RE.test(p.to)) errors.to = 'invalid';
  if (!errors.from && !errors.to && p.to < p.from) errors.to = 'order';
  const anyComparison = requireComparison || p.compareFrom !== '' || p.compareTo !== '';
  if (anyComparison) {
    if (!MONTH_RE.test(p.compareFrom)) errors.compareFrom = 'invalid';
    if (!MONTH_RE.test(p.compareTo)) errors.compareTo = 'invalid';
    if (!errors.compareFrom && !errors.compareTo && p.compareTo < p.compareFrom) errors.compareTo = 'order';
  }
  return errors;
}

/** The period and comparison period as four month fields (YYYY-MM). */
export function PeriodFields({
  value,
  onChange,
  showErrors,
  isReadOnly,
  requireComparison = false,
}: {
  value: PeriodDraft;
  onChange: (next: PeriodDraft) => void;
  showErrors: boolean;
  isReadOnly?: boolean;
  requireComparison?: boolean;
}) {
  const t = useT();
  const errors = showErrors ? periodErrors(value, requireComparison) : {};
  const message = (e: 'invalid' | 'order' | undefined) =>
    e === 'order' ? t('pictures.period.order') : e === 'invalid' ? t('pictures.period.invalid') : undefined;
  const field = (key: keyof PeriodDraft, label: string, required: boolean) => (
    <TextField
      label={label}
      value={value[key]}
      onChange={(v) => onChange({ ...value, [key]: v.trim() })}
      description={t('pictures.period.monthHelp')}
      isInvalid={errors[key] !== undefined}
      errorMessage={message(errors[key])}
      isRequired={required}
      isReadOnly={isReadOnly}
      placeholder="2026-01"
      inputMode="numeric"
    />
  );
  return (
    <>
      <div className="picture-form__row">
        {field('from', t('pictures.period.from'), true)}
        {field('to', t('pictures.period.to'), true)}
      </div>
      <div className="picture-form__row">
        {field('compareFrom', t('pictures.period.compareFrom'), requireComparison)}
        {field('compareTo', t('pictures.period.compareTo'), requireComparison)}
      </div>
      {requireComparison ? null : <p className="picture-muted">{t('pictures.period.compareDefault')}</p>}
    </>
  );
}

/** Areas as checkboxes, with a filter box (the city has over a hundred). */
export function AreaChooser({
  legend,
  description,
  areas,
  selected,
  onChange,
  isReadOnly,
  errorMessage,
}: {
  legend: string;
  description?: string;
  areas: PictureScopes['areas'];
  selected: string[];
  onChange: (ids: string[]) => void;
  isReadOnly?: boolean;
  errorMessage?: string;
}) {
  const t = useT();
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLocaleLowerCase('sv');
  const shown = areas.filter(
    (a) => needle === '' || a.name.toLocaleLowerCase('sv').includes(needle) || selected.includes(a.id),
  );
  const levelLabel = (level: string) => {
    const key = `areas.level.${level}`;
    const text = (t as unknown as (k: string) => string)(key);
    return text === key ? level : text;
  };
  return (
    <fieldset>
      <legend>{legend}</legend>
      {description ? <p className="picture-muted">{description}</p> : null}
      <TextField label={t('pictures.explore.filterAreas')} value={filter} onChange={setFilter} />
      {errorMessage ? (
        <p className="field__error" role="alert">
          {errorMessage}
        </p>
      ) : null}
      <div className="picture-area-list">
        {shown.map((a) => (
          <Checkbox
            key={a.id}
            isSelected={selected.includes(a.id)}
            isReadOnly={isReadOnly}
            onChange={(on) => onChange(on ? [...selected, a.id] : selected.filter((id) => id !== a.id))}
          >
            {a.name} <span className="picture-muted">({levelLabel(a.level)})</span>
          </Checkbox>
        ))}
      </div>
    </fieldset>
  );
}
