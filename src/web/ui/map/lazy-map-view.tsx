import { lazy, Suspense } from 'react';
import { useT } from '../../i18n/i18n-provider.tsx';
import type { MapViewProps } from './map-types.ts';

// MapLibre is large (~280 KB gzip): its own chunk, loaded when a page shows a map.
const MapView = lazy(() => import('./map-view.tsx').then((m) => ({ default: m.MapView })));

export type { MapViewProps, PointFeatureCollection } from './map-types.ts';

/** The MapLibre map, loaded on demand, with a loading message meanwhile. Give it a list beside it. */
export function LazyMapView(props: MapViewProps) {
  const t = useT();
  return (
    <Suspense
      fallback={
        <p className="map-view map-view--loading" role="status">
          {t('ui.map.loading')}
        </p>
      }
    >
      <MapView {...props} />
    </Suspense>
  );
}
