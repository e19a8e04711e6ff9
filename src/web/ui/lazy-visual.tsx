import { lazy, Suspense } from 'react';
import { useT } from '../i18n/i18n-provider.tsx';
import type { VisualProps } from './visual-frame.tsx';

// Maps and charts are heavy (MapLibre ~280 KB, ECharts ~170 KB gzip): never in the first bundle.
const MapPlaceholder = lazy(() =>
  import('./map-placeholder.tsx').then((m) => ({ default: m.MapPlaceholder })),
);
const ChartPlaceholder = lazy(() =>
  import('./chart-placeholder.tsx').then((m) => ({ default: m.ChartPlaceholder })),
);

export type { VisualProps };

function Loading({ label }: { label: string }) {
  return (
    <p className="visual-loading" role="status">
      {label}
    </p>
  );
}

/** A map of areas and points, loaded on demand. Always give it a `tableAlternative`. */
export function LazyMap(props: VisualProps) {
  const t = useT();
  return (
    <Suspense fallback={<Loading label={t('ui.map.loading')} />}>
      <MapPlaceholder {...props} />
    </Suspense>
  );
}

/** A chart, loaded on demand. Always give it a `tableAlternative`. */
export function LazyChart(props: VisualProps) {
  const t = useT();
  return (
    <Suspense fallback={<Loading label={t('ui.chart.loading')} />}>
      <ChartPlaceholder {...props} />
    </Suspense>
  );
}
