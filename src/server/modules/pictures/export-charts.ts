import * as echarts from 'echarts';
import type { Locale } from '../../../domain/api/common.ts';
import type { PictureFigures } from '../../../domain/api/pictures.ts';
import { escapeXml } from '../../platform/xlsx.ts';
import type { AreaGeometry } from '../areas/areas.tables.ts';
import { formatMonth, formatNumber, numeric, words } from './export-common.ts';

/**
 * The PDF's pictures as SVG: charts rendered server-side by ECharts (SSR, SVG renderer) and the
 * choropleth map drawn here from the areas' GeoJSON. Suppressed counts are left out of the charts
 * (a gap), never drawn as a number; the tables beside them show "<5" / "•".
 */

const FONT = 'Helvetica';
const COLORS = { woman: '#8c2d7a', man: '#1f6f8b', total: '#333333', police: '#c45a00' };

function render(width: number, height: number, option: echarts.EChartsOption): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT, fontSize: 10 }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** Own reports (women, men, total) and police events per month, 36 months. */
export function trendChartSvg(figures: PictureFigures, locale: Locale, width = 515, height = 230): string {
  const w = words(locale);
  const police = new Map(figures.police.trend.map((p) => [p.month, numeric(p.count)]));
  const months = figures.own.trend.map((p) => p.month);
  const line = (name: string, color: string, data: (number | null)[], dashed = false) => ({
    type: 'line' as const,
    name,
    data,
    color,
    symbol: 'none',
    connectNulls: false,
    lineStyle: { width: 1.5, ...(dashed ? { type: 'dashed' as const } : {}) },
  });
  return render(width, height, {
    legend: { top: 0, textStyle: { fontFamily: FONT, fontSize: 9 } },
    grid: { left: 40, right: 12, top: 30, bottom: 30 },
    xAxis: {
      type: 'category',
      data: months.map((m) => formatMonth(m, locale)),
      axisLabel: { fontSize: 8, interval: 5 },
    },
    yAxis: { type: 'value', axisLabel: { fontSize: 8 } },
    series: [
      line(
        `${w.own}: ${w.woman}`,
        COLORS.woman,
        figures.own.trend.map((p) => numeric(p.counts.woman)),
      ),
      line(
        `${w.own}: ${w.man}`,
        COLORS.man,
        figures.own.trend.map((p) => numeric(p.counts.man)),
      ),
      line(
        `${w.own}: ${w.total}`,
        COLORS.total,
        figures.own.trend.map((p) => numeric(p.counts.total)),
      ),
      line(
        w.police,
        COLORS.police,
        months.map((m) => police.get(m) ?? null),
        true,
      ),
    ],
  });
}

/** Own reports per focus area in the period, women and men side by side. */
export function focusChartSvg(figures: PictureFigures, locale: Locale, width = 515, height = 200): string {
  const w = words(locale);
  const rows = figures.own.byFocusArea;
  return render(width, height, {
    legend: { top: 0, textStyle: { fontFamily: FONT, fontSize: 9 } },
    grid: { left: 150, right: 20, top: 28, bottom: 20 },
    yAxis: {
      type: 'category',
      data: rows.map((r) => r.label[locale]),
      axisLabel: { fontSize: 8, width: 140, overflow: 'truncate' },
    },
    xAxis: { type: 'value', axisLabel: { fontSize: 8 } },
    series: [
      { type: 'bar', name: w.woman, color: COLORS.woman, data: rows.map((r) => numeric(r.current.woman)) },
      { type: 'bar', name: w.man, color: COLORS.man, data: rows.map((r) => numeric(r.current.man)) },
    ],
  });
}

/** Own reports by weekday × hour. */
export function heatChartSvg(figures: PictureFigures, locale: Locale, width = 515, height = 200): string {
  const w = words(locale);
  const data = figures.own.heatmap
    .filter((c) => typeof c.counts.total === 'number')
    .map((c) => [c.hour, c.weekday - 1, c.counts.total as number]);
  const max = Math.max(1, ...data.map((d) => d[2]!));
  return render(width, height, {
    grid: { left: 60, right: 12, top: 10, bottom: 50 },
    xAxis: {
      type: 'category',
      data: Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0')),
      axisLabel: { fontSize: 7 },
    },
    yAxis: { type: 'category', data: w.weekdays, inverse: true, axisLabel: { fontSize: 8 } },
    visualMap: {
      min: 0,
      max,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 120,
      text: [String(max), '0'],
      textStyle: { fontSize: 8 },
      inRange: { color: ['#f7fbff', '#6baed6', '#08306b'] },
    },
    series: [{ type: 'heatmap', data, itemStyle: { borderColor: '#ffffff', borderWidth: 1 } }],
  });
}

export const MAP_COLORS = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'];
const NO_DATA = '#d9d9d9';

/** Equal-interval class breaks over the known rates (at most five classes). */
export function rateClasses(rates: number[]): number[] {
  if (rates.length === 0) return [];
  const min = Math.min(...rates);
  const max = Math.max(...rates);
  if (max === min) return [min, max];
  const step = (max - min) / MAP_COLORS.length;
  return Array.from({ length: MAP_COLORS.length + 1 }, (_, i) => min + step * i);
}

function classOf(rate: number, breaks: number[]): number {
  if (breaks.length <= 2) return MAP_COLORS.length - 1;
  for (let i = 1; i < breaks.length; i++) if (rate <= breaks[i]! + 1e-9) return i - 1;
  return MAP_COLORS.length - 1;
}

/** A ring as an SVG path, leaving out points that round to the one before (a city's map needs no more). */
function ringPath(ring: number[][], px: (lon: number) => number, py: (lat: number) => number): string {
  const points: string[] = [];
  let last = '';
  for (const [lon, lat] of ring) {
    const point = `${px(lon!).toFixed(1)} ${py(lat!).toFixed(1)}`;
    if (point !== last) points.push(point);
    last = point;
  }
  return points.length < 3 ? '' : `M${points.join('L')}Z`;
}

/**
 * A choropleth of own reports per 1,000 inhabitants per area, with a legend: longitude scaled by
 * cos(latitude) (equirectangular, enough at a city's scale), fitted into the box.
 */
export function choroplethSvg(
  figures: PictureFigures,
  geometries: ReadonlyMap<string, AreaGeometry>,
  locale: Locale,
  width = 515,
  height = 340,
): string | null {
  const w = words(locale);
  const shapes = figures.areas
    .map((a) => ({ area: a, geometry: geometries.get(a.areaId) }))
    .filter((s): s is { area: (typeof figures.areas)[number]; geometry: AreaGeometry } => !!s.geometry);
  if (shapes.length === 0) return null;
  const polygons = (g: AreaGeometry) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);
  let minLon = Infinity;
  let maxLon = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (const s of shapes)
    for (const poly of polygons(s.geometry))
      for (const [lon, lat] of poly[0] ?? []) {
        minLon = Math.min(minLon, lon!);
        maxLon = Math.max(maxLon, lon!);
        minLat = Math.min(minLat, lat!);
        maxLat = Math.max(maxLat, lat!);
      }
  const legendHeight = 36;
  const boxH = height - legendHeight - 4;
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * k, 1e-9);
  const spanY = Math.max(maxLat - minLat, 1e-9);
  const scale = Math.min((width - 8) / spanX, (boxH - 8) / spanY);
  const offX = (width - spanX * scale) / 2;
  const offY = (boxH - spanY * scale) / 2;
  const px = (lon: number) => offX + (lon - minLon) * k * scale;
  const py = (lat: number) => offY + (maxLat - lat) * scale;
  const rates = shapes.flatMap((s) => (s.area.ownRatePer1000 === null ? [] : [s.area.ownRatePer1000]));
  const breaks = rateClasses(rates);
  const fmt = (n: number) => formatNumber(Math.round(n * 10) / 10, locale);
  let body = '';
  let labels = '';
  for (const { area, geometry } of shapes) {
    const rate = typeof area.own.total === 'number' ? area.ownRatePer1000 : null;
    const fill = rate === null ? NO_DATA : MAP_COLORS[classOf(rate, breaks)]!;
    const d = polygons(geometry)
      .flatMap((poly) => poly.map((ring) => ringPath(ring, px, py)))
      .join('');
    body += `<path d="${d}" fill="${fill}" fill-rule="evenodd" stroke="#555555" stroke-width="0.6"/>`;
    if (shapes.length <= 20) {
      const outer = polygons(geometry)[0]?.[0] ?? [];
      const cx = outer.reduce((n, p) => n + px(p[0]!), 0) / Math.max(outer.length, 1);
      const cy = outer.reduce((n, p) => n + py(p[1]!), 0) / Math.max(outer.length, 1);
      labels += `<text x="${cx.toFixed(1)}" y="${cy.toFixed(1)}" font-family="${FONT}" font-size="7" text-anchor="middle" fill="#000000">${escapeXml(area.name)}</text>`;
    }
  }
  const ly = boxH + 6;
  let legend = `<text x="0" y="${ly + 8}" font-family="${FONT}" font-size="8" fill="#000000">${escapeXml(w.legend)}</text>`;
  const items: { color: string; label: string }[] =
    breaks.length > 2
      ? MAP_COLORS.map((color, i) => ({ color, label: `${fmt(breaks[i]!)}–${fmt(breaks[i + 1]!)}` }))
      : breaks.length === 2
        ? [{ color: MAP_COLORS[MAP_COLORS.length - 1]!, label: fmt(breaks[0]!) }]
        : [];
  items.push({ color: NO_DATA, label: w.noData });
  items.forEach((item, i) => {
    const x = 110 + i * 66;
    legend +=
      `<rect x="${x}" y="${ly}" width="12" height="10" fill="${item.color}" stroke="#555555" stroke-width="0.5"/>` +
      `<text x="${x + 16}" y="${ly + 8}" font-family="${FONT}" font-size="8" fill="#000000">${escapeXml(item.label)}</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${body}${labels}${legend}</svg>`;
}
