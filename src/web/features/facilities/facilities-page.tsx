import { type FormEvent, useMemo, useState } from 'react';
import { Link as AriaLink, Form, type Key } from 'react-aria-components';
import type { Facility, FacilityListQuery, FacilityType } from '../../../domain/api/facilities.ts';
import { PageHeading } from '../../app/page-heading.tsx';
import { useFormat, useI18n, useT } from '../../i18n/i18n-provider.tsx';
import { hasPermission, useSession } from '../../session/session-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ListBoxItem } from '../../ui/list-box.tsx';
import { LazyMapView, type PointFeatureCollection } from '../../ui/map/lazy-map-view.tsx';
import { ProgressBar } from '../../ui/progress-bar.tsx';
import { Select } from '../../ui/select.tsx';
import { Table, TableBodyRows, TableCell, TableColumn, TableHead, TableRow } from '../../ui/table.tsx';
import { TextField } from '../../ui/text-field.tsx';
import {
  fetchAreasGeoJson,
  fetchMapConfig,
  listAreas,
  listFacilities,
  listFacilityTypes,
  listOrganisationOptions,
} from './api.ts';
import './facilities.css';
import { useResource } from '../../ui/use-resource.ts';
import { AddFacilityDialog, failureText, RemoveFacilityButton } from './facility-dialogs.tsx';

const ALL = 'all';

interface Options {
  types: FacilityType[];
  organisations: { id: string; name: string }[];
  areas: { id: string; name: string; level: string; depth: number }[];
}

async function loadOptions(signal: AbortSignal): Promise<Options> {
  const [types, organisations, areas] = await Promise.all([
    listFacilityTypes(signal),
    listOrganisationOptions(signal),
    listAreas(signal).catch(() => ({ items: [] })),
  ]);
  return {
    types: types.items,
    organisations,
    areas: areas.items
      .filter((a) => a.depth > 0)
      .sort((a, b) => a.depth - b.depth || a.name.localeCompare(b.name, 'sv')),
  };
}

async function loadMap(signal: AbortSignal) {
  const [areas, config] = await Promise.all([fetchAreasGeoJson(signal), fetchMapConfig(signal)]);
  return { areas, tileUrl: config.tileUrl };
}

/** The city's facilities: a filterable table, and the same facilities on the map of the areas. */
export function FacilitiesPage() {
  const t = useT();
  const { locale } = useI18n();
  const format = useFormat();
  const { user } = useSession();
  const [filter, setFilter] = useState<FacilityListQuery>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const options = useResource(loadOptions, 'options');
  const map = useResource(loadMap, 'map');
  const facilities = useResource((signal) => listFacilities(filter, signal), JSON.stringify(filter));
  const typeLabel = (type: FacilityType) => (locale === 'sv' ? type.labelSv : type.labelEn);

  const items = facilities.data?.items ?? [];
  const selected = items.find((f) => f.id === selectedId) ?? null;
  const points = useMemo<PointFeatureCollection>(
    () => ({
      type: 'FeatureCollection',
      features: items
        .filter((f) => f.lat !== null && f.lon !== null)
        .map((f) => ({
          type: 'Feature' as const,
          id: f.id,
          properties: { id: f.id, name: f.name },
          geometry: { type: 'Point' as const, coordinates: [f.lon!, f.lat!] as [number, number] },
        })),
    }),
    [items],
  );
  const withoutPosition = items.length - points.features.length;
  const isFiltered = Object.values(filter).some(Boolean);
  const changed = (message: string) => {
    setNotice(message);
    facilities.reload();
  };
  const summary =
    facilities.status === 'loading'
      ? t('facilities.loading')
      : facilities.status === 'ready'
        ? `${t('facilities.shown', { count: format.number(items.length) })}${facilities.data.truncated ? ` ${t('facilities.truncated')}` : ''}`
        : '';

  return (
    <div className="facilities-page">
      <div>
        <PageHeading title={t('facilities.title')} />
        <p>{t('facilities.intro')}</p>
      </div>

      {options.data ? <Filters options={options.data} typeLabel={typeLabel} onApply={setFilter} /> : null}

      {notice ? (
        <Alert tone="success" role="status">
          {notice}
        </Alert>
      ) : null}
      {user && hasPermission(user, 'facilities.manage') && options.data ? (
        <div className="facilities-actions">
          <AddFacilityDialog
            types={options.data.types}
            organisations={options.data.organisations}
            typeLabel={typeLabel}
            onAdded={changed}
          />
        </div>
      ) : null}

      <section aria-labelledby="facilities-results">
        <h2 id="facilities-results">{t('facilities.resultsHeading')}</h2>
        <p role="status">{summary}</p>
        {facilities.status === 'loading' && !facilities.data ? (
          <ProgressBar label={t('facilities.loading')} hideLabel isIndeterminate />
        ) : null}
        {facilities.status === 'error' ? (
          <Alert tone="error" title={t('facilities.loadFailed')}>
            <p>{failureText(t, facilities.error)}</p>
            <Button onPress={facilities.reload}>{t('facilities.retry')}</Button>
          </Alert>
        ) : null}
        {facilities.status === 'ready' && items.length === 0 ? (
          <EmptyState title={t('facilities.empty')}>
            <p>{isFiltered ? t('facilities.emptyFiltered') : t('facilities.emptyAll')}</p>
          </EmptyState>
        ) : null}
        {items.length > 0 ? <FacilityTable items={items} typeLabel={typeLabel} onRemoved={changed} /> : null}
      </section>

      {items.length > 0 ? (
        <section aria-labelledby="facilities-map">
          <h2 id="facilities-map">{t('facilities.mapHeading')}</h2>
          <p>{t('facilities.mapHint')}</p>
          {withoutPosition > 0 ? <p>{t('facilities.mapNoPosition', { count: withoutPosition })}</p> : null}
          <LazyMapView
            label={t('facilities.mapLabel')}
            areas={map.data?.areas ?? null}
            tileUrl={map.data?.tileUrl ?? null}
            points={points}
            onSelect={(id) => setSelectedId(id && items.some((f) => f.id === id) ? id : null)}
          />
          <p role="status">
            {selected
              ? t('facilities.selected', { name: selected.name, type: typeLabel(selected.type) })
              : t('facilities.noneSelected')}
          </p>
        </section>
      ) : null}
    </div>
  );
}

function Filters({
  options,
  typeLabel,
  onApply,
}: {
  options: Options;
  typeLabel: (type: FacilityType) => string;
  onApply: (filter: FacilityListQuery) => void;
}) {
  const t = useT();
  const [organisationId, setOrganisationId] = useState<string>(ALL);
  const [type, setType] = useState<string>(ALL);
  const [areaId, setAreaId] = useState<string>(ALL);
  const [q, setQ] = useState('');
  const pick = (set: (v: string) => void) => (key: Key | null) => set(key === null ? ALL : String(key));
  const chosen = (v: string) => (v === ALL ? undefined : v);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply({
      organisationId: chosen(organisationId),
      type: chosen(type),
      areaId: chosen(areaId),
      q: q.trim() || undefined,
    });
  };
  const onReset = () => {
    setOrganisationId(ALL);
    setType(ALL);
    setAreaId(ALL);
    setQ('');
    onApply({});
  };

  return (
    <Form className="facilities-filters" onSubmit={onSubmit} aria-labelledby="facilities-filter-heading">
      <h2 id="facilities-filter-heading" className="facilities-filters__heading">
        {t('facilities.filterHeading')}
      </h2>
      <div className="facilities-filters__fields">
        <Select
          label={t('facilities.filterOrganisation')}
          selectedKey={organisationId}
          onSelectionChange={pick(setOrganisationId)}
        >
          {[{ id: ALL, name: t('facilities.filterAll') }, ...options.organisations].map((o) => (
            <ListBoxItem key={o.id} id={o.id}>
              {o.name}
            </ListBoxItem>
          ))}
        </Select>
        <Select label={t('facilities.filterType')} selectedKey={type} onSelectionChange={pick(setType)}>
          {[
            { id: ALL, name: t('facilities.filterAll') },
            ...options.types.map((ft) => ({ id: ft.code, name: typeLabel(ft) })),
          ].map((o) => (
            <ListBoxItem key={o.id} id={o.id}>
              {o.name}
            </ListBoxItem>
          ))}
        </Select>
        {options.areas.length > 0 ? (
          <Select label={t('facilities.filterArea')} selectedKey={areaId} onSelectionChange={pick(setAreaId)}>
            {[{ id: ALL, name: t('facilities.filterAll') }, ...options.areas].map((a) => (
              <ListBoxItem key={a.id} id={a.id}>
                {a.name}
              </ListBoxItem>
            ))}
          </Select>
        ) : null}
        <TextField
          label={t('facilities.filterText')}
          value={q}
          onChange={setQ}
          maxLength={100}
          autoComplete="off"
        />
      </div>
      <div className="facilities-actions">
        <Button type="submit" variant="primary">
          {t('facilities.filterApply')}
        </Button>
        <Button onPress={onReset}>{t('facilities.filterReset')}</Button>
      </div>
    </Form>
  );
}

function FacilityTable({
  items,
  typeLabel,
  onRemoved,
}: {
  items: Facility[];
  typeLabel: (type: FacilityType) => string;
  onRemoved: (message: string) => void;
}) {
  const t = useT();
  const manages = items.some((f) => f.can.delete);
  const address = (f: Facility) =>
    [f.streetAddress, [f.postalCode, f.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return (
    <Table aria-label={t('facilities.tableLabel')}>
      <TableHead>
        <TableColumn isRowHeader>{t('facilities.colName')}</TableColumn>
        <TableColumn>{t('facilities.colType')}</TableColumn>
        <TableColumn>{t('facilities.colOrganisation')}</TableColumn>
        <TableColumn>{t('facilities.colAddress')}</TableColumn>
        <TableColumn>{t('facilities.colArea')}</TableColumn>
        {manages ? <TableColumn>{t('facilities.colActions')}</TableColumn> : null}
      </TableHead>
      <TableBodyRows items={items}>
        {(f) => (
          <TableRow id={f.id}>
            <TableCell>
              <span className="facilities-cell">
                <span>{f.name}</span>
                {f.code ? <span>{f.code}</span> : null}
                <AriaLink
                  href={`/facilities/${f.id}/observations`}
                  aria-label={t('report.facilityLinkLabel', { name: f.name })}
                >
                  {t('report.facilityLink')}
                </AriaLink>
              </span>
            </TableCell>
            <TableCell>{typeLabel(f.type)}</TableCell>
            <TableCell>
              <span className="facilities-cell">
                <span>{f.organisation.name}</span>
                {f.unit ? <span>{f.unit.name}</span> : null}
              </span>
            </TableCell>
            <TableCell>{address(f) || t('facilities.missing')}</TableCell>
            <TableCell>
              {f.area ? (
                <span className="facilities-cell">
                  <span>{f.area.name}</span>
                  {f.parentArea && f.parentArea.level !== 'municipality' ? (
                    <span>{f.parentArea.name}</span>
                  ) : null}
                </span>
              ) : f.lat === null ? (
                t('facilities.noPosition')
              ) : (
                t('facilities.noArea')
              )}
            </TableCell>
            {manages ? (
              <TableCell>
                {f.can.delete ? <RemoveFacilityButton facility={f} onRemoved={onRemoved} /> : '–'}
              </TableCell>
            ) : null}
          </TableRow>
        )}
      </TableBodyRows>
    </Table>
  );
}
