import { lazy, type ReactNode, Suspense, useId } from 'react';
import { useT } from '../../i18n/i18n-provider.tsx';
import type { ChoroplethFeatureCollection } from './choropleth-types.ts';
import './charts.css';

export type { ChoroplethFeatureCollection };

// MapLibre is heavy: its own chunk (shared with the other maps), loaded when the picture shows a map.
const ChoroplethView = lazy(() =>
  import('./choropleth-view.tsx').then((m) => ({ default: m.ChoroplethView })),
);

export interface ChoroplethProps {
  title: string;
  description: string;
  data: ChoroplethFeatureCollection;
  /** The colour classes, shown with their value ranges (text, not colour alone). */
  legend: { colour: string; label: string }[];
  table: ReactNode;
}

/** A map of areas shaded by a value, with a legend and a "show as table" disclosure. */
export function Choropleth({ title, description, data, legend, table }: ChoroplethProps) {
  const t = useT();
  const captionId = useId();
  return (
    <figure className="chart" aria-labelledby={captionId}>
      <figcaption id={captionId} className="chart__caption">
        <span className="chart__title">{title}</span>
        <span className="chart__description">{description}</span>
      </figcaption>
      <div className="chart__canvas">
        <Suspense
          fallback={
            <p className="chart__loading" role="status">
              {t('ui.map.loading')}
            </p>
          }
        >
          <ChoroplethView label={`${title}. ${description}`} data={data} />
        </Suspense>
      </div>
      <ul className="chart-legend">
        {legend.map((item) => (
          <li key={item.label} className="chart-legend__item">
            <span className="chart-legend__swatch" style={{ background: item.colour }} aria-hidden="true" />
            {item.label}
          </li>
        ))}
      </ul>
      <details className="chart__table">
        <summary>{t('ui.tableAlternative')}</summary>
        {table}
      </details>
    </figure>
  );
}
