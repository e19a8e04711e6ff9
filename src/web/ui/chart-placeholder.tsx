import { useT } from '../i18n/i18n-provider.tsx';
import { VisualFrame, type VisualProps } from './visual-frame.tsx';

/** Stands in for the ECharts chart until it is built; loaded in its own chunk by `LazyChart`. */
export function ChartPlaceholder(props: VisualProps) {
  const t = useT();
  return <VisualFrame {...props} kind="chart" placeholder={t('ui.chart.placeholder')} />;
}
