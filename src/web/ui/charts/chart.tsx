import { lazy, type ReactNode, Suspense, useId } from 'react';
import { useT } from '../../i18n/i18n-provider.tsx';
import type { ChartOption } from './chart-types.ts';
import './charts.css';

// ECharts is heavy: its own chunk, loaded when a page shows a chart.
const EChart = lazy(() => import('./echart.tsx').then((m) => ({ default: m.EChart })));

export interface ChartProps {
  /** What the chart shows: the figure's caption. */
  title: string;
  /** The main finding in a sentence or two: shown under the title and the chart's accessible name. */
  description: string;
  option: ChartOption;
  /** The same data as a table: always give one. */
  table: ReactNode;
  height?: number;
}

/** A chart in a figure with caption, description and a "show as table" disclosure; ECharts loads lazily. */
export function Chart({ title, description, option, table, height }: ChartProps) {
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
              {t('ui.chart.loading')}
            </p>
          }
        >
          <EChart option={option} label={`${title}. ${description}`} height={height} />
        </Suspense>
      </div>
      <details className="chart__table">
        <summary>{t('ui.tableAlternative')}</summary>
        {table}
      </details>
    </figure>
  );
}
