import { type CalendarDate, parseDate } from '@internationalized/date';
import { type FormEvent, useId, useState } from 'react';
import { CheckboxGroup, Form, type Key, Label } from 'react-aria-components';
import type { IncidentFilter, IncidentState, TaxonomyResponse } from '../../../domain/api/incidents.ts';
import { useI18n, useT } from '../../i18n/i18n-provider.tsx';
import { Button } from '../../ui/button.tsx';
import { Checkbox } from '../../ui/checkbox.tsx';
import { ComboBox } from '../../ui/combo-box.tsx';
import { DatePicker } from '../../ui/date-picker.tsx';
import { ListBoxItem } from '../../ui/list-box.tsx';
import { Select } from '../../ui/select.tsx';
import { TextField } from '../../ui/text-field.tsx';
import { GENDERS, genderLabel, STATES, stateLabel } from './labels.ts';

const ALL = 'all';

export interface OrganisationOption {
  id: string;
  name: string;
  kind: string;
  parentId: string | null;
}

export interface FilterOptions {
  taxonomy: TaxonomyResponse;
  organisations: OrganisationOption[];
  areas: { id: string; name: string; depth: number }[];
  facilities: { id: string; name: string }[];
}

const ARRAY_KEYS = ['typeId', 'groupCode', 'focusArea', 'state', 'gender'] as const;
const TEXT_KEYS = ['organisationId', 'unitId', 'from', 'to', 'areaId', 'facilityId', 'q'] as const;
const FLAG_KEYS = ['serious', 'needToKnow'] as const;

/** The filter kept in the page's address, so a filtered list can be bookmarked, shared and gone back to. */
export function filterFromParams(params: URLSearchParams): IncidentFilter {
  const filter: Record<string, unknown> = {};
  for (const key of TEXT_KEYS) {
    const value = params.get(key)?.trim();
    if (value) filter[key] = value;
  }
  for (const key of ARRAY_KEYS) {
    const value = params.get(key);
    const items = value ? value.split(',').filter(Boolean) : [];
    if (items.length > 0) filter[key] = items;
  }
  for (const key of FLAG_KEYS) {
    const value = params.get(key);
    if (value === 'true' || value === 'false') filter[key] = value;
  }
  if (filter.state) {
    filter.state = (filter.state as string[]).filter((s) => (STATES as readonly string[]).includes(s));
  }
  return filter as IncidentFilter;
}

export function paramsFromFilter(
  filter: IncidentFilter,
  extra: Record<string, string> = {},
): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else params.set(key, String(value));
  }
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params;
}

export const isFiltered = (filter: IncidentFilter) => Object.keys(filter).length > 0;

const toDay = (value: string | undefined): CalendarDate | null => {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  try {
    return parseDate(value);
  } catch {
    return null;
  }
};

interface Draft {
  organisationId: string;
  unitId: string | null;
  groupCode: string;
  typeId: string;
  focusArea: string;
  states: string[];
  from: CalendarDate | null;
  /** Inclusive here; the API's `to` is exclusive (the day after). */
  toInclusive: CalendarDate | null;
  areaId: string;
  facilityId: string | null;
  gender: string;
  serious: string;
  needToKnow: string;
  q: string;
}

function draftOf(filter: IncidentFilter): Draft {
  return {
    organisationId: filter.organisationId ?? ALL,
    unitId: filter.unitId ?? null,
    groupCode: filter.groupCode?.[0] ?? ALL,
    typeId: filter.typeId?.[0] ?? ALL,
    focusArea: filter.focusArea?.[0] ?? ALL,
    states: filter.state ?? [],
    from: toDay(filter.from),
    toInclusive: toDay(filter.to)?.subtract({ days: 1 }) ?? null,
    areaId: filter.areaId ?? ALL,
    facilityId: filter.facilityId ?? null,
    gender: filter.gender?.[0] ?? ALL,
    serious: filter.serious ?? ALL,
    needToKnow: filter.needToKnow ?? ALL,
    q: filter.q ?? '',
  };
}

function filterOf(d: Draft): IncidentFilter {
  const one = (v: string) => (v === ALL ? undefined : v);
  const list = (v: string) => (v === ALL ? undefined : [v]);
  const filter: IncidentFilter = {
    organisationId: one(d.organisationId),
    unitId: d.unitId ?? undefined,
    groupCode: list(d.groupCode),
    typeId: list(d.typeId),
    focusArea: list(d.focusArea),
    state: d.states.length > 0 ? (d.states as IncidentState[]) : undefined,
    from: d.from?.toString(),
    to: d.toInclusive?.add({ days: 1 }).toString(),
    areaId: one(d.areaId),
    facilityId: d.facilityId ?? undefined,
    gender: list(d.gender) as IncidentFilter['gender'],
    serious: one(d.serious) as IncidentFilter['serious'],
    needToKnow: one(d.needToKnow) as IncidentFilter['needToKnow'],
    q: d.q.trim() || undefined,
  };
  for (const key of Object.keys(filter) as (keyof IncidentFilter)[]) {
    if (filter[key] === undefined) delete filter[key];
  }
  return filter;
}

/** The ids of an organisation and everything below it. */
function subtree(organisations: OrganisationOption[], rootId: string): Set<string> {
  const ids = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const o of organisations) {
      if (o.parentId && ids.has(o.parentId) && !ids.has(o.id)) {
        ids.add(o.id);
        grew = true;
      }
    }
  }
  return ids;
}

/**
 * The filter form above the list and the map. It applies on "Visa" (not on every keystroke) and
 * writes the filter to the address; give it a `key` of the current filter so "back" resets it.
 */
export function IncidentFilters({
  filter,
  options,
  onApply,
}: {
  filter: IncidentFilter;
  options: FilterOptions;
  onApply: (filter: IncidentFilter) => void;
}) {
  const t = useT();
  const { locale } = useI18n();
  const [draft, setDraft] = useState<Draft>(() => draftOf(filter));
  const [toError, setToError] = useState<string | null>(null);
  const headingId = useId();
  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) =>
      setDraft((d) => ({ ...d, [key]: value }));
  const pick =
    (
      key:
        | 'organisationId'
        | 'groupCode'
        | 'typeId'
        | 'focusArea'
        | 'areaId'
        | 'gender'
        | 'serious'
        | 'needToKnow',
    ) =>
    (k: Key | null) =>
      setDraft((d) => ({ ...d, [key]: k === null ? ALL : String(k) }));
  const label = (o: { labelSv: string; labelEn: string }) => (locale === 'sv' ? o.labelSv : o.labelEn);

  const { taxonomy, organisations } = options;
  const topLevel = organisations.filter((o) => o.kind !== 'unit' && o.kind !== 'municipality');
  const within = draft.organisationId === ALL ? null : subtree(organisations, draft.organisationId);
  const units = organisations.filter((o) => o.kind === 'unit' && (!within || within.has(o.id)));
  const types = taxonomy.types.filter((ty) => draft.groupCode === ALL || ty.groupCode === draft.groupCode);
  const hasMore = (d: Draft) =>
    [d.groupCode, d.typeId, d.focusArea, d.areaId, d.gender, d.serious, d.needToKnow].some(
      (v) => v !== ALL,
    ) ||
    d.facilityId !== null ||
    d.unitId !== null;
  // Open at first when one of its filters is in use; after that the user opens and closes it.
  const [moreOpen] = useState(() => hasMore(draftOf(filter)));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (draft.from && draft.toInclusive && draft.toInclusive.compare(draft.from) < 0) {
      setToError(t('incidents.filter.toBeforeFrom'));
      return;
    }
    setToError(null);
    onApply(filterOf(draft));
  };
  const onReset = () => {
    setDraft(draftOf({}));
    setToError(null);
    onApply({});
  };

  const allItem = <ListBoxItem id={ALL}>{t('incidents.filter.all')}</ListBoxItem>;

  return (
    <Form
      className="incident-filters"
      onSubmit={onSubmit}
      validationBehavior="aria"
      aria-labelledby={headingId}
    >
      <h2 id={headingId} className="incident-filters__heading">
        {t('incidents.filter.heading')}
      </h2>
      <TextField
        label={t('incidents.filter.q')}
        description={t('incidents.filter.qHint')}
        type="search"
        value={draft.q}
        onChange={set('q')}
        maxLength={200}
        autoComplete="off"
        className="incident-filters__search"
      />
      <div className="incident-filters__fields">
        <CheckboxGroup className="field" value={draft.states} onChange={set('states')}>
          <Label className="field__label">{t('incidents.filter.state')}</Label>
          <div className="incident-filters__choices">
            {STATES.map((s) => (
              <Checkbox key={s} value={s}>
                {stateLabel(t, s)}
              </Checkbox>
            ))}
          </div>
        </CheckboxGroup>
        <DatePicker
          label={t('incidents.filter.from')}
          granularity="day"
          value={draft.from}
          onChange={set('from')}
        />
        <DatePicker
          label={t('incidents.filter.to')}
          granularity="day"
          value={draft.toInclusive}
          onChange={(v) => {
            setToError(null);
            set('toInclusive')(v);
          }}
          isInvalid={Boolean(toError)}
          errorMessage={toError ?? undefined}
        />
        <Select
          label={t('incidents.filter.organisation')}
          selectedKey={draft.organisationId}
          onSelectionChange={(k) => {
            pick('organisationId')(k);
            setDraft((d) => ({ ...d, unitId: null }));
          }}
        >
          {allItem}
          {topLevel.map((o) => (
            <ListBoxItem key={o.id} id={o.id}>
              {o.name}
            </ListBoxItem>
          ))}
        </Select>
      </div>
      <details className="incident-filters__more" open={moreOpen}>
        <summary>{t('incidents.filter.more')}</summary>
        <div className="incident-filters__fields">
          <ComboBox
            label={t('incidents.filter.unit')}
            selectedKey={draft.unitId}
            onSelectionChange={(k) => set('unitId')(k === null ? null : String(k))}
            defaultItems={units}
          >
            {(o) => <ListBoxItem id={o.id}>{o.name}</ListBoxItem>}
          </ComboBox>
          <Select
            label={t('incidents.filter.group')}
            selectedKey={draft.groupCode}
            onSelectionChange={(k) => {
              pick('groupCode')(k);
              setDraft((d) => ({ ...d, typeId: ALL }));
            }}
          >
            {allItem}
            {taxonomy.groups.map((g) => (
              <ListBoxItem key={g.code} id={g.code}>
                {label(g)}
              </ListBoxItem>
            ))}
          </Select>
          <Select
            label={t('incidents.filter.type')}
            selectedKey={draft.typeId}
            onSelectionChange={pick('typeId')}
          >
            {allItem}
            {types.map((ty) => (
              <ListBoxItem key={ty.id} id={ty.id}>
                {label(ty)}
              </ListBoxItem>
            ))}
          </Select>
          <Select
            label={t('incidents.filter.focusArea')}
            selectedKey={draft.focusArea}
            onSelectionChange={pick('focusArea')}
          >
            {allItem}
            {taxonomy.focusAreas.map((f) => (
              <ListBoxItem key={f.code} id={f.code}>
                {label(f)}
              </ListBoxItem>
            ))}
          </Select>
          {options.areas.length > 0 ? (
            <Select
              label={t('incidents.filter.area')}
              selectedKey={draft.areaId}
              onSelectionChange={pick('areaId')}
            >
              {allItem}
              {options.areas.map((a) => (
                <ListBoxItem key={a.id} id={a.id}>
                  {a.name}
                </ListBoxItem>
              ))}
            </Select>
          ) : null}
          <ComboBox
            label={t('incidents.filter.facility')}
            selectedKey={draft.facilityId}
            onSelectionChange={(k) => set('facilityId')(k === null ? null : String(k))}
            defaultItems={options.facilities}
          >
            {(f) => <ListBoxItem id={f.id}>{f.name}</ListBoxItem>}
          </ComboBox>
          <Select
            label={t('incidents.filter.gender')}
            selectedKey={draft.gender}
            onSelectionChange={pick('gender')}
          >
            {allItem}
            {GENDERS.map((g) => (
              <ListBoxItem key={g} id={g}>
                {genderLabel(t, g)}
              </ListBoxItem>
            ))}
          </Select>
          <Select
            label={t('incidents.filter.serious')}
            selectedKey={draft.serious}
            onSelectionChange={pick('serious')}
          >
            {allItem}
            <ListBoxItem id="true">{t('incidents.filter.seriousOnly')}</ListBoxItem>
            <ListBoxItem id="false">{t('incidents.filter.seriousNot')}</ListBoxItem>
          </Select>
          <Select
            label={t('incidents.filter.needToKnow')}
            selectedKey={draft.needToKnow}
            onSelectionChange={pick('needToKnow')}
          >
            {allItem}
            <ListBoxItem id="true">{t('incidents.filter.needToKnowOnly')}</ListBoxItem>
            <ListBoxItem id="false">{t('incidents.filter.needToKnowNot')}</ListBoxItem>
          </Select>
        </div>
      </details>
      <div className="incident-actions">
        <Button type="submit" variant="primary">
          {t('incidents.filter.apply')}
        </Button>
        <Button onPress={onReset}>{t('incidents.filter.reset')}</Button>
      </div>
    </Form>
  );
}
