import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AreaFeatureCollection, AreaListResponse } from '../../../domain/api/areas.ts';
import { PageHeading } from '../../app/page-heading.tsx';
import { useT } from '../../i18n/i18n-provider.tsx';
import { hasPermission, useSession } from '../../session/session-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { LazyMapView } from '../../ui/map/lazy-map-view.tsx';
import { ProgressBar } from '../../ui/progress-bar.tsx';
import { AreaImportPanel } from './area-import.tsx';
import { levelName } from './area-labels.ts';
import { AreaList } from './area-list.tsx';
import { fetchAreasGeoJson, fetchMapConfig, listAreas } from './areas-api.ts';
import './areas.css';

interface Loaded {
  list: AreaListResponse;
  geojson: AreaFeatureCollection;
  tileUrl: string | null;
}

/** The city's areas on a map, with the same areas in a table; administrators import areas here. */
export function AreasPage() {
  const t = useT();
  const { user } = useSession();
  const [data, setData] = useState<Loaded | null>(null);
  const [status, setStatus] = useState<'loading' | 'ready' | 'error'>('loading');
  const [attempt, setAttempt] = useState(0);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const reload = useCallback(() => setAttempt((a) => a + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    void attempt;
    setStatus((s) => (s === 'ready' ? s : 'loading'));
    Promise.all([
      listAreas(controller.signal),
      fetchAreasGeoJson(controller.signal),
      fetchMapConfig(controller.signal),
    ]).then(
      ([list, geojson, config]) => {
        setData({ list, geojson, tileUrl: config.tileUrl });
        setStatus('ready');
      },
      () => {
        if (!controller.signal.aborted) setStatus('error');
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const selected = useMemo(
    () => data?.list.items.find((a) => a.id === selectedId) ?? null,
    [data, selectedId],
  );
  const canImport = hasPermission(user, 'areas.manage');

  return (
    <>
      <PageHeading title={t('areas.title')} />
      <p>{t('areas.intro')}</p>
      {status === 'loading' ? <ProgressBar label={t('areas.loading')} isIndeterminate /> : null}
      {status === 'error' ? (
        <Alert tone="error">
          <p>{t('areas.loadFailed')}</p>
          <Button onPress={reload}>{t('areas.retry')}</Button>
        </Alert>
      ) : null}
      {data ? (
        <div className="areas-layout">
          {data.list.items.length === 0 ? (
            <EmptyState title={t('areas.emptyTitle')} headingLevel={2}>
              <p>{t('areas.emptyBody')}</p>
            </EmptyState>
          ) : (
            <>
              <section aria-label={t('areas.mapLabel')}>
                <p id="areas-map-help">{t('areas.mapHelp')}</p>
                <LazyMapView
                  label={t('areas.mapLabel')}
                  areas={data.geojson}
                  tileUrl={data.tileUrl}
                  selectedId={selectedId}
                  onSelect={setSelectedId}
                />
                <p role="status">
                  {selected
                    ? t('areas.selected', { name: selected.name, level: levelName(t, selected.level) })
                    : t('areas.noneSelected')}
                </p>
              </section>
              <section aria-labelledby="areas-list-heading">
                <h2 id="areas-list-heading">{t('areas.listHeading')}</h2>
                <AreaList
                  areas={data.list.items}
                  levels={data.list.levels}
                  selectedId={selectedId}
                  onSelect={setSelectedId}
                />
              </section>
            </>
          )}
          {canImport ? <AreaImportPanel onImported={reload} /> : null}
        </div>
      ) : null}
    </>
  );
}
