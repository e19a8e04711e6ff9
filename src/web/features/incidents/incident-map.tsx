import { useMemo } from 'react';
import { Link } from 'react-aria-components';
import { useNavigate } from 'react-router';
import type { IncidentFilter, TaxonomyResponse } from '../../../domain/api/incidents.ts';
import { useFormat, useI18n, useT } from '../../i18n/i18n-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { LazyMapView, type PointFeatureCollection } from '../../ui/map/lazy-map-view.tsx';
import { ProgressBar } from '../../ui/progress-bar.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { fetchAreasGeoJson, fetchIncidentMap, fetchMapConfig } from './api.ts';
import { failureText } from './incident-parts.tsx';
import { stateLabel } from './labels.ts';

/** At most this many points on the map (the server says when more matched). */
const MAP_LIMIT = 5000;
/** The table beside the map lists at most this many (the map shows them all). */
const TABLE_LIMIT = 500;
const SERIOUS_COLOUR = '#b42318';
const ORDINARY_COLOUR = '#0b5cad';

async function loadBackground(signal: AbortSignal) {
  const [areas, config] = await Promise.all([
    fetchAreasGeoJson(signal).catch(() => null),
    fetchMapConfig(signal).catch(() => ({ tileUrl: null })),
  ]);
  return { areas, tileUrl: config.tileUrl };
}

/** The same filter on the map, with the points also as a table (the accessible alternative). */
export function IncidentMap({
  filter,
  taxonomy,
}: {
  filter: IncidentFilter;
  taxonomy: TaxonomyResponse | null;
}) {
  const t = useT();
  const format = useFormat();
  const { locale } = useI18n();
  const navigate = useNavigate();
  const background = useResource(loadBackground, 'background');
  const points = useResource((signal) => fetchIncidentMap(filter, MAP_LIMIT, signal), JSON.stringify(filter));
  const typeLabel = (typeId: string) => {
    const type = taxonomy?.types.find((ty) => ty.id === typeId);
    return type ? (locale === 'sv' ? type.labelSv : type.labelEn) : t('incidents.map.unknownType');
  };

  const items = points.data?.points ?? [];
  const features = useMemo<PointFeatureCollection>(
    () => ({
      type: 'FeatureCollection',
      features: items.map((p) => ({
        type: 'Feature' as const,
        id: p.id,
        properties: { id: p.id, name: p.id, color: p.serious ? SERIOUS_COLOUR : ORDINARY_COLOUR },
        geometry: { type: 'Point' as const, coordinates: [p.lon, p.lat] as [number, number] },
      })),
    }),
    [items],
  );

  const summary =
    points.status === 'loading'
      ? t('incidents.map.loading')
      : points.status === 'ready'
        ? items.length === 1
          ? t('incidents.map.shownOne')
          : t('incidents.map.shown', { count: format.number(items.length) })
        : '';

  return (
    <section aria-labelledby="incidents-map-heading" className="incident-section">
      <h2 id="incidents-map-heading">{t('incidents.map.heading')}</h2>
      <p role="status">{summary}</p>
      {points.status === 'loading' && !points.data ? (
        <ProgressBar label={t('incidents.map.loading')} hideLabel isIndeterminate />
      ) : null}
      {points.status === 'error' ? (
        <Alert tone="error" title={t('incidents.map.failed')}>
          <p>{failureText(t, points.error)}</p>
          <Button onPress={points.reload}>{t('incidents.retry')}</Button>
        </Alert>
      ) : null}
      {points.data?.truncated ? (
        <Alert tone="warning" role="none">
          {t('incidents.map.truncated', { count: format.number(MAP_LIMIT) })}
        </Alert>
      ) : null}
      {points.status === 'ready' && items.length === 0 ? (
        <EmptyState title={t('incidents.map.empty')}>
          <p>{t('incidents.map.emptyBody')}</p>
        </EmptyState>
      ) : null}
      {items.length > 0 ? (
        <>
          <p>{t('incidents.map.legend')}</p>
          <LazyMapView
            label={t('incidents.map.label')}
            areas={background.data?.areas ?? null}
            tileUrl={background.data?.tileUrl ?? null}
            points={features}
            onSelect={(id) => {
              if (id && items.some((p) => p.id === id)) navigate(`/incidents/${id}`);
            }}
          />
          <details className="incident-map__alternative">
            <summary>{t('incidents.map.tableSummary')}</summary>
            {items.length > TABLE_LIMIT ? (
              <p>{t('incidents.map.tableLimited', { count: format.number(TABLE_LIMIT) })}</p>
            ) : null}
            <div className="table-scroll">
              <table className="table">
                <caption className="visually-hidden">{t('incidents.map.tableCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col" className="table__column">
                      {t('incidents.list.colType')}
                    </th>
                    <th scope="col" className="table__column">
                      {t('incidents.list.colState')}
                    </th>
                    <th scope="col" className="table__column">
                      {t('incidents.map.colSerious')}
                    </th>
                    <th scope="col" className="table__column">
                      {t('incidents.map.colPosition')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {items.slice(0, TABLE_LIMIT).map((p) => (
                    <tr key={p.id}>
                      <td className="table__cell">
                        <Link href={`/incidents/${p.id}`} className="incident-link">
                          {typeLabel(p.typeId)}
                        </Link>
                      </td>
                      <td className="table__cell">{stateLabel(t, p.state)}</td>
                      <td className="table__cell">{p.serious ? t('incidents.yes') : t('incidents.no')}</td>
                      <td className="table__cell">
                        {format.number(p.lat, { maximumFractionDigits: 5 })},{' '}
                        {format.number(p.lon, { maximumFractionDigits: 5 })}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      ) : null}
    </section>
  );
}
