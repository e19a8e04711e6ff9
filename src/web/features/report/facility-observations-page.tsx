import { useMemo, useState } from 'react';
import type { Key } from 'react-aria-components';
import { useParams } from 'react-router';
import { isApiError } from '../../api/client.ts';
import { PageHeading } from '../../app/page-heading.tsx';
import { useFormat, useI18n } from '../../i18n/i18n-provider.tsx';
import { hasPermission, useSession } from '../../session/session-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button, LinkButton } from '../../ui/button.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ListBoxItem } from '../../ui/list-box.tsx';
import { LazyMapView, type PointFeatureCollection } from '../../ui/map/lazy-map-view.tsx';
import { ProgressBar } from '../../ui/progress-bar.tsx';
import { Select } from '../../ui/select.tsx';
import { type FacilityObservations, fetchFacilityObservations, fetchMapBackground } from './api.ts';
import { loadFailure } from './failure.ts';
import { typeLabelOf } from './labels.ts';
import { MonthBarChart, type MonthSeries, monthsBetween } from './month-bar-chart.tsx';
import './report.css';
import { useResource } from '../../ui/use-resource.ts';

const PERIODS = [12, 36] as const;
type Period = (typeof PERIODS)[number];

/** The first day of the month `months - 1` months before this one ('YYYY-MM-01'). */
function periodStart(months: number, now = new Date()): string {
  const d = new Date(now.getFullYear(), now.getMonth() - (months - 1), 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-01`;
}

function thisMonth(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

const FACILITY_COLOUR = '#b42318';
const OBSERVATION_COLOUR = '#0b5cad';

/** `/facilities/:id/observations`: what staff have seen near one facility, over time and on the map. */
export function FacilityObservationsPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const { user } = useSession();
  const [period, setPeriod] = useState<Period>(12);
  const from = periodStart(period);
  const data = useResource((signal) => fetchFacilityObservations(id, from, signal), `${id}:${from}`);

  if (data.status === 'error' && !data.data) {
    const missing = isApiError(data.error) && [403, 404].includes(data.error.status);
    return (
      <div className="report-page">
        <PageHeading title={t('report.facilityObservations.title')} />
        <Alert tone="error" title={t('report.facilityObservations.loadFailed')}>
          <p>{missing ? t('report.facilityObservations.notFound') : loadFailure(t, data.error)}</p>
          {missing ? null : <Button onPress={data.reload}>{t('report.retry')}</Button>}
        </Alert>
        <LinkButton href="/facilities">{t('report.facilityObservations.back')}</LinkButton>
      </div>
    );
  }
  const facilityName = data.data?.facility.name;
  return (
    <div className="report-page">
      <PageHeading
        title={
          facilityName
            ? t('report.facilityObservations.titleFor', { name: facilityName })
            : t('report.facilityObservations.title')
        }
      />
      <p>{t('report.facilityObservations.intro')}</p>
      <div className="report-toolbar">
        <Select
          label={t('report.facilityObservations.period')}
          selectedKey={String(period)}
          onSelectionChange={(key: Key | null) => key !== null && setPeriod(Number(key) as Period)}
        >
          {PERIODS.map((months) => (
            <ListBoxItem key={months} id={String(months)}>
              {t('report.facilityObservations.lastMonths', { count: months })}
            </ListBoxItem>
          ))}
        </Select>
        {hasPermission(user, 'incidents.report') ? (
          <LinkButton href="/observations/new" variant="primary">
            {t('report.facilityObservations.add')}
          </LinkButton>
        ) : null}
      </div>
      <p role="status">
        {data.status === 'loading'
          ? t('report.facilityObservations.loading')
          : data.data
            ? t('report.facilityObservations.count', { count: data.data.items.length })
            : ''}
      </p>
      {data.status === 'loading' && !data.data ? (
        <ProgressBar label={t('report.facilityObservations.loading')} hideLabel isIndeterminate />
      ) : null}
      {data.data ? <Observations data={data.data} from={from} /> : null}
      <p>
        <LinkButton href="/facilities">{t('report.facilityObservations.back')}</LinkButton>
      </p>
    </div>
  );
}

function Observations({ data, from }: { data: FacilityObservations; from: string }) {
  const { t, locale } = useI18n();
  const format = useFormat();
  const background = useResource(fetchMapBackground, 'map-background');
  const items = useMemo(
    () => [...data.items].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt)),
    [data.items],
  );

  const series = useMemo<MonthSeries>(() => {
    const months = monthsBetween(from.slice(0, 7), thisMonth());
    const labels = new Map<string, string>();
    for (const item of data.items) labels.set(item.typeId, typeLabelOf(locale, item));
    const byType = new Map<string, number[]>();
    for (const row of data.byMonth) {
      const i = months.indexOf(row.month);
      if (i < 0) continue;
      let counts = byType.get(row.typeId);
      if (!counts) {
        counts = months.map(() => 0);
        byType.set(row.typeId, counts);
      }
      counts[i] = (counts[i] ?? 0) + row.count;
    }
    return {
      months,
      rows: [...byType.entries()].map(([typeId, counts]) => ({
        label: labels.get(typeId) ?? t('report.facilityObservations.otherType'),
        counts,
      })),
    };
  }, [data, from, locale, t]);

  const points = useMemo<PointFeatureCollection>(() => {
    const features: PointFeatureCollection['features'] = [];
    const place = data.facility.location;
    if (place)
      features.push({
        type: 'Feature',
        id: data.facility.id,
        properties: { id: data.facility.id, name: data.facility.name, color: FACILITY_COLOUR },
        geometry: { type: 'Point', coordinates: [place.lon, place.lat] },
      });
    for (const item of items)
      if (item.location)
        features.push({
          type: 'Feature',
          id: item.id,
          properties: { id: item.id, name: typeLabelOf(locale, item), color: OBSERVATION_COLOUR },
          geometry: { type: 'Point', coordinates: [item.location.lon, item.location.lat] },
        });
    return { type: 'FeatureCollection', features };
  }, [data.facility, items, locale]);

  if (items.length === 0) {
    return (
      <EmptyState title={t('report.facilityObservations.emptyTitle')} headingLevel={2}>
        <p>{t('report.facilityObservations.empty')}</p>
      </EmptyState>
    );
  }
  const pinned = points.features.length - (data.facility.location ? 1 : 0);

  return (
    <>
      <section aria-labelledby="observations-time">
        <h2 id="observations-time">{t('report.facilityObservations.timeHeading')}</h2>
        <MonthBarChart title={t('report.facilityObservations.chartTitle')} series={series} />
      </section>
      <section aria-labelledby="observations-map">
        <h2 id="observations-map">{t('report.facilityObservations.mapHeading')}</h2>
        {points.features.length === 0 ? (
          <p>{t('report.facilityObservations.mapNothing')}</p>
        ) : (
          <>
            <p>
              {t('report.facilityObservations.mapHint', { pinned, total: items.length })}{' '}
              {data.facility.location ? t('report.facilityObservations.mapFacility') : null}
            </p>
            <LazyMapView
              label={t('report.facilityObservations.mapLabel', { name: data.facility.name })}
              areas={background.data?.areas ?? null}
              tileUrl={background.data?.tileUrl ?? null}
              points={points}
            />
          </>
        )}
      </section>
      <section aria-labelledby="observations-list">
        <h2 id="observations-list">{t('report.facilityObservations.listHeading')}</h2>
        <ul className="report-list">
          {items.map((item) => (
            <li key={item.id} className="report-list__item">
              <p className="report-list__head">
                <strong>{typeLabelOf(locale, item)}</strong>
              </p>
              <p className="report-list__meta">
                {t('report.mine.meta', { reference: item.reference, at: format.dateTime(item.occurredAt) })}
              </p>
              {item.description ? <p className="report-list__excerpt">{item.description}</p> : null}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
