import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-aria-components';
import { useSearchParams } from 'react-router';
import type { IncidentFilter, IncidentSummary } from '../../../domain/api/incidents.ts';
import { PageHeading } from '../../app/page-heading.tsx';
import { useFormat, useT } from '../../i18n/i18n-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button, buttonClassName } from '../../ui/button.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ProgressBar } from '../../ui/progress-bar.tsx';
import { Tab, TabList, TabPanel, Tabs } from '../../ui/tabs.tsx';
import {
  exportHref,
  fetchTaxonomy,
  listAreas,
  listFacilities,
  listIncidents,
  listOrganisations,
} from './api.ts';
import {
  type FilterOptions,
  filterFromParams,
  IncidentFilters,
  isFiltered,
  paramsFromFilter,
} from './incident-filters.tsx';
import { IncidentMap } from './incident-map.tsx';
import { failureText } from './incident-parts.tsx';
import { IncidentTable } from './incident-table.tsx';
import './incidents.css';
import { useResource } from '../../ui/use-resource.ts';

const PAGE_SIZE = 50;

async function loadOptions(signal: AbortSignal): Promise<FilterOptions> {
  // The filters still work when one of the lists cannot be read (e.g. no facilities yet).
  const [taxonomy, organisations, areas, facilities] = await Promise.all([
    fetchTaxonomy(signal),
    listOrganisations(signal).catch(() => []),
    listAreas(signal).catch(() => ({ items: [] })),
    listFacilities(signal).catch(() => ({ items: [] })),
  ]);
  return {
    taxonomy,
    organisations: organisations
      .map((o) => ({ id: o.id, name: o.name, kind: o.kind, parentId: o.parentId }))
      .sort((a, b) => a.name.localeCompare(b.name, 'sv')),
    areas: areas.items
      .filter((a) => a.depth > 0)
      .sort((a, b) => a.depth - b.depth || a.name.localeCompare(b.name, 'sv')),
    facilities: facilities.items
      .map((f) => ({ id: f.id, name: f.name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'sv')),
  };
}

type Status = 'loading' | 'ready' | 'error';

/** The list with "Visa fler": the first page when the filter changes, then page after page. */
function useIncidentPages(filter: IncidentFilter) {
  const [items, setItems] = useState<IncidentSummary[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>('loading');
  const [error, setError] = useState<unknown>(null);
  const [isLoadingMore, setLoadingMore] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const moreController = useRef<AbortController | null>(null);
  const key = JSON.stringify(filter);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the filter.
  useEffect(() => {
    const controller = new AbortController();
    void attempt;
    moreController.current?.abort();
    setStatus('loading');
    setError(null);
    listIncidents(filter, { limit: PAGE_SIZE }, controller.signal).then(
      (page) => {
        setItems(page.items);
        setNextCursor(page.nextCursor);
        setStatus('ready');
      },
      (reason: unknown) => {
        if (controller.signal.aborted) return;
        setError(reason);
        setStatus('error');
      },
    );
    return () => controller.abort();
  }, [key, attempt]);

  const loadMore = useCallback(async () => {
    if (!nextCursor || isLoadingMore) return false;
    const controller = new AbortController();
    moreController.current = controller;
    setLoadingMore(true);
    setError(null);
    try {
      const page = await listIncidents(filter, { cursor: nextCursor, limit: PAGE_SIZE }, controller.signal);
      setItems((current) => [...current, ...page.items]);
      setNextCursor(page.nextCursor);
      return page.nextCursor === null;
    } catch (reason) {
      if (!controller.signal.aborted) setError(reason);
      return false;
    } finally {
      if (!controller.signal.aborted) setLoadingMore(false);
    }
  }, [filter, nextCursor, isLoadingMore]);

  return { items, nextCursor, status, error, isLoadingMore, loadMore, retry: () => setAttempt((n) => n + 1) };
}

/** Incidents to handle (permission `incidents.handle`): filter, list or map, export. */
export function IncidentsPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => filterFromParams(params), [params]);
  const view = params.get('view') === 'map' ? 'map' : 'list';
  const options = useResource(loadOptions, 'options');
  const filterKey = JSON.stringify(filter);

  const apply = (next: IncidentFilter) =>
    setParams(paramsFromFilter(next, view === 'map' ? { view: 'map' } : {}));
  const setView = (next: string) =>
    setParams(paramsFromFilter(filter, next === 'map' ? { view: 'map' } : {}), { replace: true });

  return (
    <div className="incidents-page">
      <div>
        <PageHeading title={t('incidents.title')} />
        <p>{t('incidents.intro')}</p>
        <p>
          <Link href="/incidents/deadlines">{t('incidents.deadlinesLink')}</Link>
        </p>
      </div>

      {options.status === 'error' && !options.data ? (
        <Alert tone="error" title={t('incidents.filter.failed')}>
          <p>{failureText(t, options.error)}</p>
          <Button onPress={options.reload}>{t('incidents.retry')}</Button>
        </Alert>
      ) : null}
      {options.data ? (
        <IncidentFilters key={filterKey} filter={filter} options={options.data} onApply={apply} />
      ) : null}

      <ExportLinks filter={filter} />

      <Tabs selectedKey={view} onSelectionChange={(k) => setView(String(k))}>
        <TabList aria-label={t('incidents.viewLabel')}>
          <Tab id="list">{t('incidents.viewList')}</Tab>
          <Tab id="map">{t('incidents.viewMap')}</Tab>
        </TabList>
        <TabPanel id="list">
          <IncidentList filter={filter} />
        </TabPanel>
        <TabPanel id="map">
          <IncidentMap filter={filter} taxonomy={options.data?.taxonomy ?? null} />
        </TabPanel>
      </Tabs>
    </div>
  );
}

function ExportLinks({ filter }: { filter: IncidentFilter }) {
  const t = useT();
  return (
    <section aria-labelledby="incidents-export-heading" className="incident-export">
      <h2 id="incidents-export-heading" className="incident-export__heading">
        {t('incidents.export.heading')}
      </h2>
      <p>{t('incidents.export.body')}</p>
      <div className="incident-actions">
        {/* Plain links: the browser downloads the file with the session cookie. */}
        <a className={buttonClassName('secondary')} href={exportHref(filter, 'csv')} download>
          {t('incidents.export.csv')}
        </a>
        <a className={buttonClassName('secondary')} href={exportHref(filter, 'xlsx')} download>
          {t('incidents.export.xlsx')}
        </a>
      </div>
    </section>
  );
}

function IncidentList({ filter }: { filter: IncidentFilter }) {
  const t = useT();
  const format = useFormat();
  const list = useIncidentPages(filter);
  const summaryRef = useRef<HTMLParagraphElement>(null);
  const isEmpty = list.status === 'ready' && list.items.length === 0;
  const summary =
    list.status === 'loading'
      ? t('incidents.list.loading')
      : isEmpty
        ? t('incidents.list.empty')
        : list.status === 'ready'
          ? `${
              list.items.length === 1
                ? t('incidents.list.shownOne')
                : t('incidents.list.shown', { count: format.number(list.items.length) })
            } ${list.nextCursor ? t('incidents.list.more') : t('incidents.list.allShown')}`
          : '';

  const onMore = async () => {
    const last = await list.loadMore();
    // The button goes with the last page: keep focus somewhere meaningful.
    if (last) requestAnimationFrame(() => summaryRef.current?.focus());
  };

  return (
    <section aria-labelledby="incidents-list-heading" className="incident-section">
      <h2 id="incidents-list-heading">{t('incidents.list.heading')}</h2>
      <p ref={summaryRef} tabIndex={-1} role="status" className="incident-summary">
        {summary}
      </p>
      {list.status === 'loading' ? (
        <ProgressBar label={t('incidents.list.loading')} hideLabel isIndeterminate />
      ) : null}
      {list.error ? (
        <Alert tone="error" title={t('incidents.list.failed')}>
          <p>{failureText(t, list.error)}</p>
          <Button onPress={() => (list.status === 'error' ? list.retry() : void onMore())}>
            {t('incidents.retry')}
          </Button>
        </Alert>
      ) : null}
      {isEmpty ? (
        <EmptyState title={t('incidents.list.empty')}>
          <p>{isFiltered(filter) ? t('incidents.list.emptyFiltered') : t('incidents.list.emptyAll')}</p>
        </EmptyState>
      ) : null}
      {list.status === 'ready' && list.items.length > 0 ? (
        <>
          <IncidentTable items={list.items} />
          {list.nextCursor ? (
            <div className="incident-more">
              <Button onPress={onMore} aria-busy={list.isLoadingMore || undefined}>
                {list.isLoadingMore ? t('incidents.list.loadingMore') : t('incidents.list.loadMore')}
              </Button>
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
