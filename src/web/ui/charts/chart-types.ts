import type { EChartsCoreOption } from 'echarts/core';

/** An ECharts option object (type only: importing it does not pull ECharts into a bundle). */
export type ChartOption = EChartsCoreOption;

/**
 * Series colours with at least 3:1 contrast against white, in an order that also works for the
 * common colour-vision deficiencies; the charts add patterns as well, never colour alone.
 */
export const SERIES_COLOURS = ['#0b5cad', '#b42318', '#1e6b35', '#7a4d00', '#5b2c8f', '#4a5360'];

/** Sequential scale for maps and heat maps (light to dark blue), with a distinct "no data" grey. */
export const SEQUENTIAL = ['#e8f1fb', '#b6d3f0', '#6fa8dc', '#2e75b6', '#0b3a66'];
export const NO_DATA = '#d9dde2';
