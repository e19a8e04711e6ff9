import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { ChartOption } from './chart-types.ts';

// Only the chart types and components the pictures use: keeps this chunk small.
echarts.use([
  LineChart,
  BarChart,
  HeatmapChart,
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  SVGRenderer,
]);

function prefersReducedMotion(): boolean {
  return typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
}

/**
 * One ECharts chart (SVG renderer). Patterns (decals) besides colours so that series can be told apart
 * without colour; no animation when the user prefers reduced motion. The element is an image named by
 * `label`; the figure around it carries the caption and the table alternative.
 */
export function EChart({
  option,
  label,
  height = 320,
}: {
  option: ChartOption;
  label: string;
  height?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, null, { renderer: 'svg' });
    chartRef.current = chart;
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => chart.resize());
    observer?.observe(el);
    return () => {
      observer?.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    chart.setOption(
      {
        animation: !prefersReducedMotion(),
        textStyle: { fontFamily: 'system-ui, sans-serif', color: '#1b1f24' },
        ...option,
        aria: { enabled: true, label: { enabled: true, description: label }, decal: { show: true } },
      },
      { notMerge: true },
    );
    // ECharts names the element; it must be an image for that name to be allowed.
    ref.current?.setAttribute('role', 'img');
    ref.current?.setAttribute('aria-label', label);
  }, [option, label]);

  return <div ref={ref} className="echart" role="img" aria-label={label} style={{ height }} />;
}
