import { type ReactNode, useMemo } from 'react';
import type { AreaFeatureCollection } from '../../../domain/api/areas.ts';
import type { Count, GenderCounts, PictureFigures } from '../../../domain/api/pictures.ts';
import { apiRequest } from '../../api/client.ts';
import type { Formatters } from '../../i18n/format.ts';
import { useFormat, useI18n, useT } from '../../i18n/i18n-provider.tsx';
import type { Locale } from '../../i18n/locale.ts';
import type { Translate } from '../../i18n/translate.ts';
import { Alert } from '../../ui/alert.tsx';
import { Chart } from '../../ui/charts/chart.tsx';
import { NO_DATA, SEQUENTIAL, SERIES_COLOURS } from '../../ui/charts/chart-types.ts';
import { Choropleth, type ChoroplethFeatureCollection } from '../../ui/charts/choropleth.tsx';
import { useResource } from '../../ui/use-resource.ts';
import {
  CountValue,
  change,
  changePercent,
  countText,
  decimal,
  genderGap,
  genderRatio,
  monthText,
  noteText,
  num,
  rangeText,
  signed,
} from './figures-format.tsx';
import { picturesSv } from './messages.ts';
import '../../ui/table.css';
import './pictures.css';

type Row = PictureFigures['own']['byType'][number];
type Ctx = { t: Translate; format: Formatters; locale: Locale; threshold: number };

const GENDERS = ['woman', 'man', 'other', 'unknown'] as const;
const GENDER_LABEL = {
  woman: 'pictures.fig.woman',
  man: 'pictures.fig.man',
  other: 'pictures.fig.otherGender',
  unknown: 'pictures.fig.unknownGender',
} as const;
const LINE_STYLES = ['solid', 'dashed', 'dotted', 'solid'] as const;
const SYMBOLS = ['circle', 'rect', 'triangle', 'diamond'] as const;

const label = (l: { sv: string; en: string }, locale: Locale) => (locale === 'sv' ? l.sv : l.en);

/** A plain, named data table (the accessible form of every chart and map). */
function DataTable({
  caption,
  columns,
  rows,
  captionHidden = false,
}: {
  caption: string;
  columns: string[];
  rows: { key: string; head: ReactNode; cells: ReactNode[] }[];
  captionHidden?: boolean;
}) {
  return (
    // Focusable, so that a table wider than the screen can be scrolled with the keyboard.
    // biome-ignore lint/a11y/useSemanticElements: a named group around a table, not a form fieldset
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus (WCAG 2.1.1)
    <div className="table-scroll" tabIndex={0} role="group" aria-label={caption}>
      <table className="table picture-table">
        <caption className={captionHidden ? 'visually-hidden' : 'picture-table__caption'}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th
                key={c}
                scope="col"
                className={i === 0 ? 'table__column' : 'table__column picture-table__num'}
              >
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row" className="table__cell picture-table__head">
                {r.head}
              </th>
              {r.cells.map((cell, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: cells have a fixed order
                <td key={i} className="table__cell picture-table__num">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function cv(ctx: Ctx, value: Count) {
  return <CountValue value={value} threshold={ctx.threshold} format={ctx.format} t={ctx.t} />;
}

function gapSummary(ctx: Ctx, g: GenderCounts): string {
  const dash = ctx.t('pictures.fig.notAvailable');
  return ctx.t('pictures.fig.gapSummary', {
    gap: signed(genderGap(g), ctx.format, 0, dash),
    ratio: decimal(genderRatio(g), ctx.format, 2, dash),
  });
}

/** Own reports by gender: current, comparison, change, with the gap women − men. */
function GenderTable({
  ctx,
  caption,
  current,
  comparison,
}: {
  ctx: Ctx;
  caption: string;
  current: GenderCounts;
  comparison: GenderCounts;
}) {
  const { t, format } = ctx;
  const keys = [...GENDERS, 'total'] as const;
  return (
    <>
      <DataTable
        caption={caption}
        columns={[
          t('pictures.fig.gender'),
          t('pictures.fig.current'),
          t('pictures.fig.comparison'),
          t('pictures.fig.change'),
        ]}
        rows={[
          ...keys.map((k) => ({
            key: k,
            head: k === 'total' ? t('pictures.fig.total') : t(GENDER_LABEL[k]),
            cells: [
              cv(ctx, current[k]),
              cv(ctx, comparison[k]),
              signed(change(current[k], comparison[k]), format),
            ],
          })),
          {
            key: 'gap',
            head: t('pictures.fig.gap'),
            cells: [signed(genderGap(current), format), signed(genderGap(comparison), format), ''],
          },
          {
            key: 'ratio',
            head: t('pictures.fig.ratio'),
            cells: [
              decimal(genderRatio(current), format, 2),
              decimal(genderRatio(comparison), format, 2),
              '',
            ],
          },
        ]}
      />
      <p className="picture-gap">{gapSummary(ctx, current)}</p>
    </>
  );
}

/** By type or by focus area: counts, change, rates with the city's reference, women, men and the gap. */
function RowsTable({ ctx, caption, first, rows }: { ctx: Ctx; caption: string; first: string; rows: Row[] }) {
  const { t, format, locale } = ctx;
  if (rows.length === 0) return <p>{t('pictures.fig.none')}</p>;
  return (
    <DataTable
      caption={caption}
      columns={[
        first,
        t('pictures.fig.current'),
        t('pictures.fig.comparison'),
        t('pictures.fig.change'),
        t('pictures.fig.rate'),
        t('pictures.fig.cityRate'),
        t('pictures.fig.woman'),
        t('pictures.fig.man'),
        t('pictures.fig.gap'),
        t('pictures.fig.ratio'),
      ]}
      rows={rows.map((r) => ({
        key: r.code,
        head: label(r.label, locale),
        cells: [
          cv(ctx, r.current.total),
          cv(ctx, r.comparison.total),
          signed(change(r.current.total, r.comparison.total), format),
          decimal(r.ratePer1000, format, 2),
          decimal(r.cityRatePer1000, format, 2),
          cv(ctx, r.current.woman),
          cv(ctx, r.current.man),
          signed(genderGap(r.current), format),
          decimal(genderRatio(r.current), format, 2),
        ],
      }))}
    />
  );
}

function lineOption(categories: string[], series: { name: string; data: (number | null)[] }[]) {
  return {
    color: SERIES_COLOURS,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: { color: '#1b1f24' } },
    grid: { left: 16, right: 16, top: 48, bottom: 16, containLabel: true },
    xAxis: { type: 'category', data: categories, axisLabel: { color: '#4a5360' } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#4a5360' } },
    series: series.map((s, i) => ({
      type: 'line',
      name: s.name,
      data: s.data,
      symbol: SYMBOLS[i % SYMBOLS.length],
      symbolSize: 7,
      connectNulls: false,
      lineStyle: { type: LINE_STYLES[i % LINE_STYLES.length], width: 2 },
    })),
  };
}

function barOption(categories: string[], series: { name: string; data: (number | null)[] }[]) {
  return {
    color: SERIES_COLOURS,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: { color: '#1b1f24' } },
    grid: { left: 16, right: 16, top: 48, bottom: 16, containLabel: true },
    xAxis: {
      type: 'category',
      data: categories,
      axisLabel: { color: '#4a5360', interval: 0, overflow: 'truncate', width: 120 },
    },
    yAxis: { type: 'value', axisLabel: { color: '#4a5360' } },
    series: series.map((s) => ({ type: 'bar', name: s.name, data: s.data })),
  };
}

function TrendCharts({ figures, ctx }: { figures: PictureFigures; ctx: Ctx }) {
  const { t, format, locale } = ctx;
  const trend = figures.own.trend;
  const months = trend.map((p) => monthText(p.month, locale));
  const police = new Map(figures.police.trend.map((p) => [p.month, p.count]));
  const sum = (values: Count[]) => {
    const ns = values.map(num).filter((v): v is number => v !== null);
    return format.number(ns.reduce((a, b) => a + b, 0));
  };
  const first = trend[0]?.month;
  const last = trend[trend.length - 1]?.month;
  return (
    <div className="picture-columns">
      <Chart
        title={t('pictures.fig.trendGender')}
        description={t('pictures.fig.trendGenderDesc', {
          months: trend.length,
          first: first ? monthText(first, locale) : '–',
          last: last ? monthText(last, locale) : '–',
          total: sum(trend.map((p) => p.counts.total)),
          women: sum(trend.map((p) => p.counts.woman)),
          men: sum(trend.map((p) => p.counts.man)),
        })}
        option={lineOption(
          months,
          GENDERS.map((g) => ({ name: t(GENDER_LABEL[g]), data: trend.map((p) => num(p.counts[g])) })),
        )}
        table={
          <DataTable
            caption={t('pictures.fig.trendGender')}
            captionHidden
            columns={[
              t('pictures.fig.month'),
              ...GENDERS.map((g) => t(GENDER_LABEL[g])),
              t('pictures.fig.total'),
            ]}
            rows={trend.map((p) => ({
              key: p.month,
              head: monthText(p.month, locale),
              cells: [...GENDERS.map((g) => cv(ctx, p.counts[g])), cv(ctx, p.counts.total)],
            }))}
          />
        }
      />
      <Chart
        title={t('pictures.fig.trendSources')}
        description={t('pictures.fig.trendSourcesDesc', {
          own: sum(trend.map((p) => p.counts.total)),
          police: sum(figures.police.trend.map((p) => p.count)),
        })}
        option={lineOption(months, [
          { name: t('pictures.fig.own'), data: trend.map((p) => num(p.counts.total)) },
          { name: t('pictures.fig.police'), data: trend.map((p) => num(police.get(p.month) ?? 'hidden')) },
        ])}
        table={
          <DataTable
            caption={t('pictures.fig.trendSources')}
            captionHidden
            columns={[t('pictures.fig.month'), t('pictures.fig.own'), t('pictures.fig.police')]}
            rows={trend.map((p) => ({
              key: p.month,
              head: monthText(p.month, locale),
              cells: [cv(ctx, p.counts.total), police.has(p.month) ? cv(ctx, police.get(p.month)!) : '–'],
            }))}
          />
        }
      />
    </div>
  );
}

function HeatChart({
  ctx,
  title,
  kind,
  cells,
}: {
  ctx: Ctx;
  title: string;
  kind: string;
  cells: { weekday: number; hour: number; value: Count }[];
}) {
  const { t, format } = ctx;
  const weekdays = [1, 2, 3, 4, 5, 6, 7].map((d) => t(`pictures.fig.weekday${d}` as 'pictures.fig.weekday1'));
  const hours = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));
  const grid = new Map(cells.map((c) => [`${c.weekday}-${c.hour}`, c.value]));
  let top: { weekday: number; hour: number; value: number } | null = null;
  for (const c of cells) {
    const v = num(c.value);
    if (v !== null && v > 0 && (!top || v > top.value)) top = { weekday: c.weekday, hour: c.hour, value: v };
  }
  const description = top
    ? t('pictures.fig.heatDesc', {
        kind,
        weekday: weekdays[top.weekday - 1] ?? '',
        hour: `${hours[top.hour]}:00`,
        value: format.number(top.value),
      })
    : t('pictures.fig.heatDescEmpty');
  const option = {
    tooltip: { position: 'top' },
    grid: { left: 16, right: 16, top: 16, bottom: 64, containLabel: true },
    xAxis: { type: 'category', data: hours, splitArea: { show: true }, axisLabel: { color: '#4a5360' } },
    yAxis: { type: 'category', data: weekdays, inverse: true, axisLabel: { color: '#4a5360' } },
    visualMap: {
      min: 0,
      max: Math.max(1, top?.value ?? 1),
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      inRange: { color: SEQUENTIAL },
      textStyle: { color: '#1b1f24' },
    },
    series: [
      {
        type: 'heatmap',
        name: title,
        data: cells.map((c) => [c.hour, c.weekday - 1, num(c.value) ?? '-']),
        itemStyle: { borderColor: '#ffffff', borderWidth: 1 },
      },
    ],
  };
  return (
    <Chart
      title={title}
      description={description}
      option={option}
      height={300}
      table={
        <DataTable
          caption={title}
          captionHidden
          columns={[t('pictures.fig.weekday'), ...hours]}
          rows={weekdays.map((w, i) => ({
            key: w,
            head: w,
            cells: hours.map((_, h) => {
              const v = grid.get(`${i + 1}-${h}`);
              return v === undefined ? '0' : countText(v, ctx.threshold, format);
            }),
          }))}
        />
      }
    />
  );
}

function fetchAreaGeometry(signal: AbortSignal) {
  return apiRequest<AreaFeatureCollection>('/api/areas/geojson', { signal });
}

function AreaMap({ figures, ctx }: { figures: PictureFigures; ctx: Ctx }) {
  const { t, format } = ctx;
  const geometry = useResource(fetchAreaGeometry, 'areas-geojson');
  const areas = figures.areas;
  const byRate = areas.some((a) => a.ownRatePer1000 !== null);
  const metricOf = (a: (typeof areas)[number]) => (byRate ? a.ownRatePer1000 : num(a.own.total));
  const values = areas.map(metricOf).filter((v): v is number => v !== null);
  const max = values.length > 0 ? Math.max(...values) : 0;
  const classes = SEQUENTIAL.length;
  const digits = byRate ? 1 : 0;
  const legend = [
    ...SEQUENTIAL.map((colour, i) => ({
      colour,
      label: `${format.number((max * i) / classes, { maximumFractionDigits: digits })}–${format.number(
        (max * (i + 1)) / classes,
        { maximumFractionDigits: digits },
      )}`,
    })),
    { colour: NO_DATA, label: t('pictures.fig.legendNoData') },
  ];
  const topArea = areas.reduce<(typeof areas)[number] | null>((best, a) => {
    const v = metricOf(a);
    if (v === null) return best;
    const b = best ? metricOf(best) : null;
    return b === null || v > b ? a : best;
  }, null);
  const data = useMemo<ChoroplethFeatureCollection>(() => {
    const classOf = (v: number) =>
      max === 0 ? 0 : Math.min(SEQUENTIAL.length - 1, Math.floor((v / max) * SEQUENTIAL.length));
    const wanted = new Map(figures.areas.map((a) => [a.areaId, a]));
    return {
      type: 'FeatureCollection',
      features: (geometry.data?.features ?? [])
        .filter((f) => wanted.has(f.id))
        .map((f) => {
          const a = wanted.get(f.id)!;
          const v = byRate ? a.ownRatePer1000 : num(a.own.total);
          return {
            type: 'Feature' as const,
            id: f.id,
            properties: { id: f.id, name: a.name, fill: v === null ? NO_DATA : SEQUENTIAL[classOf(v)]! },
            geometry: f.geometry,
          };
        }),
    };
  }, [geometry.data, figures.areas, byRate, max]);

  if (areas.length === 0) return <p>{t('pictures.fig.mapEmpty')}</p>;
  const description = topArea
    ? t(byRate ? 'pictures.fig.mapRateDesc' : 'pictures.fig.mapCountDesc', {
        top: topArea.name,
        value: format.number(metricOf(topArea) ?? 0, { maximumFractionDigits: 2 }),
      })
    : t('pictures.fig.mapNoValue');
  const table = (
    <DataTable
      caption={t('pictures.fig.mapCaption')}
      captionHidden
      columns={[
        t('pictures.fig.area'),
        t('pictures.fig.own'),
        t('pictures.fig.woman'),
        t('pictures.fig.man'),
        t('pictures.fig.gap'),
        t('pictures.fig.ownRate'),
        t('pictures.fig.police'),
        t('pictures.fig.policeRate'),
        t('pictures.fig.population'),
      ]}
      rows={areas.map((a) => ({
        key: a.areaId,
        head: a.name,
        cells: [
          cv(ctx, a.own.total),
          cv(ctx, a.own.woman),
          cv(ctx, a.own.man),
          signed(genderGap(a.own), format),
          decimal(a.ownRatePer1000, format, 2),
          cv(ctx, a.police),
          decimal(a.policeRatePer1000, format, 2),
          a.population === null ? '–' : format.number(a.population),
        ],
      }))}
    />
  );
  return (
    <>
      {geometry.status === 'error' ? <p>{t('pictures.fig.mapGeometryFailed')}</p> : null}
      <Choropleth
        title={t('pictures.fig.mapTitle')}
        description={description}
        data={data}
        legend={legend}
        table={table}
      />
    </>
  );
}

function MappingSection({
  figures,
  ctx,
  hasHidden,
}: {
  figures: PictureFigures;
  ctx: Ctx;
  hasHidden: boolean;
}) {
  const { t, format, locale } = ctx;
  const own = figures.own;
  const police = figures.police;
  // Our incident types by code, so a police type's mapping reads as the type's name, not its code.
  const typeLabels = new Map(
    [...own.byType, ...figures.observations.byType].map((r) => [r.code, label(r.label, locale)]),
  );
  const typeLabel = (code: string | null) => (code ? (typeLabels.get(code) ?? code) : '–');
  return (
    <section className="picture-part" aria-labelledby="picture-mapping">
      <h2 id="picture-mapping">{t('pictures.fig.mapping')}</h2>
      {figures.suppression.applied ? (
        <Alert tone="info" role="none">
          <p>{t('pictures.fig.suppressed', { n: figures.suppression.threshold })}</p>
        </Alert>
      ) : null}

      <h3>{t('pictures.fig.totals')}</h3>
      <p>{t('pictures.fig.sideBySide')}</p>
      <DataTable
        caption={t('pictures.fig.totalsCaption')}
        columns={[t('pictures.fig.measure'), t('pictures.fig.own'), t('pictures.fig.police')]}
        rows={[
          {
            key: 'current',
            head: t('pictures.fig.current'),
            cells: [cv(ctx, own.total.current.total), cv(ctx, police.total.current)],
          },
          {
            key: 'comparison',
            head: t('pictures.fig.comparison'),
            cells: [cv(ctx, own.total.comparison.total), cv(ctx, police.total.comparison)],
          },
          {
            key: 'change',
            head: t('pictures.fig.change'),
            cells: [
              signed(change(own.total.current.total, own.total.comparison.total), format),
              signed(change(police.total.current, police.total.comparison), format),
            ],
          },
          {
            key: 'percent',
            head: t('pictures.fig.changePercent'),
            cells: [
              signed(changePercent(own.total.current.total, own.total.comparison.total), format, 1),
              signed(changePercent(police.total.current, police.total.comparison), format, 1),
            ],
          },
        ]}
      />
      <GenderTable
        ctx={ctx}
        caption={t('pictures.fig.genderCaption')}
        current={own.total.current}
        comparison={own.total.comparison}
      />

      <h3>{t('pictures.fig.byFocusArea')}</h3>
      <RowsTable
        ctx={ctx}
        caption={t('pictures.fig.byFocusAreaCaption')}
        first={t('pictures.fig.focusArea')}
        rows={own.byFocusArea}
      />
      {police.byFocusArea.length > 0 ? (
        <DataTable
          caption={t('pictures.fig.policeByFocusArea')}
          columns={[
            t('pictures.fig.focusArea'),
            t('pictures.fig.current'),
            t('pictures.fig.comparison'),
            t('pictures.fig.change'),
          ]}
          rows={police.byFocusArea.map((r) => ({
            key: r.code,
            head: label(r.label, locale),
            cells: [
              cv(ctx, r.current),
              cv(ctx, r.comparison),
              signed(change(r.current, r.comparison), format),
            ],
          }))}
        />
      ) : null}

      <h3>{t('pictures.fig.byType')}</h3>
      <RowsTable
        ctx={ctx}
        caption={t('pictures.fig.byTypeCaption')}
        first={t('pictures.fig.type')}
        rows={own.byType}
      />
      <h3>{t('pictures.fig.policeByType')}</h3>
      {police.byType.length === 0 ? (
        <p>{t('pictures.fig.none')}</p>
      ) : (
        <DataTable
          caption={t('pictures.fig.policeByTypeCaption')}
          columns={[
            t('pictures.fig.policeType'),
            t('pictures.fig.mappedTo'),
            t('pictures.fig.current'),
            t('pictures.fig.comparison'),
            t('pictures.fig.change'),
            t('pictures.fig.rate'),
            t('pictures.fig.cityRate'),
          ]}
          rows={police.byType.map((r) => ({
            key: r.policeType,
            head: r.policeType,
            cells: [
              r.mapped ? typeLabel(r.incidentTypeCode) : t('pictures.fig.unmapped'),
              cv(ctx, r.current),
              cv(ctx, r.comparison),
              signed(change(r.current, r.comparison), format),
              decimal(r.ratePer1000, format, 2),
              decimal(r.cityRatePer1000, format, 2),
            ],
          }))}
        />
      )}
      {figures.reportedCrime.length > 0 ? (
        <>
          <h3>{t('pictures.fig.reportedCrime')}</h3>
          <DataTable
            caption={t('pictures.fig.reportedCrimeCaption')}
            columns={[
              t('pictures.fig.crimeType'),
              t('pictures.fig.current'),
              t('pictures.fig.comparison'),
              t('pictures.fig.change'),
              t('pictures.fig.rate'),
              t('pictures.fig.cityRate'),
            ]}
            rows={figures.reportedCrime.map((r) => ({
              key: r.crimeType,
              head: r.crimeType,
              cells: [
                cv(ctx, r.current),
                cv(ctx, r.comparison),
                signed(change(r.current, r.comparison), format),
                decimal(r.ratePer1000, format, 2),
                decimal(r.cityRatePer1000, format, 2),
              ],
            }))}
          />
        </>
      ) : null}

      <h3>{t('pictures.fig.trend')}</h3>
      <TrendCharts figures={figures} ctx={ctx} />

      <h3>{t('pictures.fig.map')}</h3>
      <AreaMap figures={figures} ctx={ctx} />

      <h3>{t('pictures.fig.heatmap')}</h3>
      <div className="picture-columns">
        <HeatChart
          ctx={ctx}
          title={t('pictures.fig.heatOwn')}
          kind={t('pictures.fig.heatKindOwn')}
          cells={own.heatmap.map((c) => ({ weekday: c.weekday, hour: c.hour, value: c.counts.total }))}
        />
        <HeatChart
          ctx={ctx}
          title={t('pictures.fig.heatPolice')}
          kind={t('pictures.fig.heatKindPolice')}
          cells={police.heatmap.map((c) => ({ weekday: c.weekday, hour: c.hour, value: c.count }))}
        />
      </div>
      {hasHidden ? <p className="picture-footnote">{t('pictures.fig.hiddenFootnote')}</p> : null}
    </section>
  );
}

function genderGroupLabel(t: Translate, value: string): string {
  return value in GENDER_LABEL ? t(GENDER_LABEL[value as keyof typeof GENDER_LABEL]) : value;
}

function OtherSection({ figures, ctx, notes }: { figures: PictureFigures; ctx: Ctx; notes?: ReactNode }) {
  const { t, format } = ctx;
  const pop = figures.population;
  const surveys = figures.surveys;
  const latestYear = surveys.reduce((y, r) => Math.max(y, r.year), 0);
  const latest = surveys.filter((r) => r.year === latestYear);
  const questions = [...new Map(latest.map((r) => [r.questionCode, r.questionLabel])).entries()];
  const surveyValue = (code: string, group: string) =>
    latest.find((r) => r.questionCode === code && r.groupKind === 'gender' && r.groupValue === group)
      ?.value ?? null;
  return (
    <section className="picture-part" aria-labelledby="picture-other">
      <h2 id="picture-other">{t('pictures.fig.other')}</h2>

      <h3>{t('pictures.fig.populationHeading')}</h3>
      {pop ? (
        <>
          <p>
            {t('pictures.fig.populationSummary', {
              year: pop.year,
              total: format.number(pop.total),
              women: format.number(pop.woman),
              men: format.number(pop.man),
            })}
          </p>
          {pop.byAgeBand.length > 0 ? (
            <Chart
              title={t('pictures.fig.populationCaption', { year: pop.year })}
              description={t('pictures.fig.populationChartDesc', { year: pop.year })}
              option={barOption(
                pop.byAgeBand.map((b) => b.ageBand),
                [
                  { name: t('pictures.fig.woman'), data: pop.byAgeBand.map((b) => b.woman) },
                  { name: t('pictures.fig.man'), data: pop.byAgeBand.map((b) => b.man) },
                ],
              )}
              table={
                <DataTable
                  caption={t('pictures.fig.populationCaption', { year: pop.year })}
                  captionHidden
                  columns={[t('pictures.fig.ageBand'), t('pictures.fig.woman'), t('pictures.fig.man')]}
                  rows={pop.byAgeBand.map((b) => ({
                    key: b.ageBand,
                    head: b.ageBand,
                    cells: [format.number(b.woman), format.number(b.man)],
                  }))}
                />
              }
            />
          ) : null}
        </>
      ) : (
        <p>{t('pictures.fig.noPopulation')}</p>
      )}

      <h3>{t('pictures.fig.surveys')}</h3>
      {surveys.length === 0 ? (
        <p>{t('pictures.fig.noSurveys')}</p>
      ) : (
        <>
          {questions.length > 0 ? (
            <Chart
              title={t('pictures.fig.surveysChart', { year: latestYear })}
              description={t('pictures.fig.surveysChartDesc', { questions: questions.length })}
              option={barOption(
                questions.map(([, l]) => l),
                (['woman', 'man'] as const).map((g) => ({
                  name: t(GENDER_LABEL[g]),
                  data: questions.map(([code]) => surveyValue(code, g)),
                })),
              )}
              table={
                <DataTable
                  caption={t('pictures.fig.surveysChart', { year: latestYear })}
                  captionHidden
                  columns={[t('pictures.fig.question'), t('pictures.fig.woman'), t('pictures.fig.man')]}
                  rows={questions.map(([code, l]) => ({
                    key: code,
                    head: l,
                    cells: [
                      decimal(surveyValue(code, 'woman'), format, 1),
                      decimal(surveyValue(code, 'man'), format, 1),
                    ],
                  }))}
                />
              }
            />
          ) : null}
          <DataTable
            caption={t('pictures.fig.surveysCaption')}
            columns={[
              t('pictures.fig.question'),
              t('pictures.fig.year'),
              t('pictures.fig.group'),
              t('pictures.fig.value'),
              t('pictures.fig.cityValue'),
              t('pictures.fig.respondents'),
            ]}
            rows={surveys.map((r) => ({
              key: `${r.year}-${r.questionCode}-${r.groupKind}-${r.groupValue}`,
              head: r.questionLabel,
              cells: [
                String(r.year),
                r.groupKind === 'gender'
                  ? genderGroupLabel(t, r.groupValue)
                  : `${r.groupKind}: ${r.groupValue}`,
                decimal(r.value, format, 1),
                decimal(r.cityValue, format, 1),
                r.respondents === null ? '–' : format.number(r.respondents),
              ],
            }))}
          />
        </>
      )}

      <h3>{t('pictures.fig.observations')}</h3>
      <GenderTable
        ctx={ctx}
        caption={t('pictures.fig.observations')}
        current={figures.observations.total.current}
        comparison={figures.observations.total.comparison}
      />
      <RowsTable
        ctx={ctx}
        caption={t('pictures.fig.observationsCaption')}
        first={t('pictures.fig.type')}
        rows={figures.observations.byType}
      />
      {notes}
    </section>
  );
}

function SourcesSection({ figures, ctx }: { figures: PictureFigures; ctx: Ctx }) {
  const { t, format } = ctx;
  const coverage = (from: string | null, to: string | null) =>
    from || to ? `${from ? format.date(from) : '…'} – ${to ? format.date(to) : '…'}` : '–';
  return (
    <section className="picture-part" aria-labelledby="picture-sources">
      <h2 id="picture-sources">{t('pictures.fig.sources')}</h2>
      <DataTable
        caption={t('pictures.fig.sourcesCaption')}
        columns={[
          t('pictures.fig.sourceKind'),
          t('pictures.fig.used'),
          t('pictures.fig.coverage'),
          t('pictures.fig.count'),
          t('pictures.fig.lastImported'),
          t('pictures.fig.notes'),
        ]}
        rows={figures.sources.map((s) => ({
          key: s.kind,
          head: t(`pictures.source.${s.kind}`),
          cells: [
            s.used ? t('pictures.fig.yes') : t('pictures.fig.no'),
            coverage(s.coverageFrom, s.coverageTo),
            s.count === null ? '–' : format.number(s.count),
            s.lastImportedAt ? format.dateTime(s.lastImportedAt) : '–',
            s.notes.length === 0 ? (
              '–'
            ) : (
              <ul key="notes" className="picture-notes">
                {s.notes.map((n) => (
                  <li key={n.key}>{noteText(t, picturesSv, n.key, n.params, format)}</li>
                ))}
              </ul>
            ),
          ],
        }))}
      />
      <p className="picture-footnote">
        {t('pictures.fig.generated', { time: format.dateTime(figures.generatedAt) })}
      </p>
    </section>
  );
}

function ExtremismSection({
  figures,
  ctx,
  analysis,
}: {
  figures: PictureFigures;
  ctx: Ctx;
  analysis?: ReactNode;
}) {
  const { t, format, locale } = ctx;
  const ex = figures.extremism;
  if (!ex) return null;
  const sum = (values: Count[]) => format.number(values.map(num).reduce<number>((a, b) => a + (b ?? 0), 0));
  return (
    <section className="picture-part" aria-labelledby="picture-extremism">
      <h2 id="picture-extremism">{t('pictures.fig.extremism')}</h2>
      <p>{t('pictures.fig.extremismIntro')}</p>
      <DataTable
        caption={t('pictures.fig.extremismTotals')}
        columns={[t('pictures.fig.measure'), t('pictures.fig.own'), t('pictures.fig.police')]}
        rows={[
          {
            key: 'current',
            head: t('pictures.fig.current'),
            cells: [cv(ctx, ex.own.current.total), cv(ctx, ex.police.current)],
          },
          {
            key: 'comparison',
            head: t('pictures.fig.comparison'),
            cells: [cv(ctx, ex.own.comparison.total), cv(ctx, ex.police.comparison)],
          },
          {
            key: 'change',
            head: t('pictures.fig.change'),
            cells: [
              signed(change(ex.own.current.total, ex.own.comparison.total), format),
              signed(change(ex.police.current, ex.police.comparison), format),
            ],
          },
        ]}
      />
      <GenderTable
        ctx={ctx}
        caption={t('pictures.fig.extremismGender')}
        current={ex.own.current}
        comparison={ex.own.comparison}
      />
      <RowsTable
        ctx={ctx}
        caption={t('pictures.fig.extremismByType')}
        first={t('pictures.fig.type')}
        rows={ex.ownByType}
      />
      {ex.policeByType.length > 0 ? (
        <DataTable
          caption={t('pictures.fig.extremismPoliceByType')}
          columns={[
            t('pictures.fig.policeType'),
            t('pictures.fig.current'),
            t('pictures.fig.comparison'),
            t('pictures.fig.change'),
          ]}
          rows={ex.policeByType.map((r) => ({
            key: r.policeType,
            head: r.policeType,
            cells: [
              cv(ctx, r.current),
              cv(ctx, r.comparison),
              signed(change(r.current, r.comparison), format),
            ],
          }))}
        />
      ) : null}
      {ex.trend.length > 0 ? (
        <Chart
          title={t('pictures.fig.extremismTrend')}
          description={t('pictures.fig.extremismTrendDesc', {
            own: sum(ex.trend.map((p) => p.own)),
            police: sum(ex.trend.map((p) => p.police)),
          })}
          option={lineOption(
            ex.trend.map((p) => monthText(p.month, locale)),
            [
              { name: t('pictures.fig.own'), data: ex.trend.map((p) => num(p.own)) },
              { name: t('pictures.fig.police'), data: ex.trend.map((p) => num(p.police)) },
            ],
          )}
          table={
            <DataTable
              caption={t('pictures.fig.extremismTrend')}
              captionHidden
              columns={[t('pictures.fig.month'), t('pictures.fig.own'), t('pictures.fig.police')]}
              rows={ex.trend.map((p) => ({
                key: p.month,
                head: monthText(p.month, locale),
                cells: [cv(ctx, p.own), cv(ctx, p.police)],
              }))}
            />
          }
        />
      ) : null}
      {analysis ??
        (ex.analysis ? (
          <>
            <h3>{t('pictures.fig.extremismAnalysis')}</h3>
            <p className="picture-text">{ex.analysis}</p>
          </>
        ) : null)}
    </section>
  );
}

/**
 * Renders a picture's figures (live or frozen): the three §4 parts, sources and coverage, and — when
 * present — the violent-extremism section. Used by the picture page, the explore page and snapshots.
 * Optional slots: `notes` (at the end of part 2), `analysis` (part 3, between part 2 and the sources),
 * `extremismAnalysis` (replaces the extremism section's own analysis text).
 */
export function PictureFiguresView({
  figures,
  notes,
  analysis,
  extremismAnalysis,
}: {
  figures: PictureFigures;
  notes?: ReactNode;
  analysis?: ReactNode;
  extremismAnalysis?: ReactNode;
}) {
  const t = useT();
  const format = useFormat();
  const { locale } = useI18n();
  const ctx: Ctx = { t, format, locale, threshold: figures.suppression.threshold };
  const hasHidden = useMemo(() => JSON.stringify(figures).includes('"hidden"'), [figures]);
  return (
    <div className="picture-figures">
      <p className="picture-summary">
        {t('pictures.fig.summary', {
          scope: figures.scope.label,
          period: rangeText(figures.period, locale, t),
          comparison: rangeText(figures.comparison, locale, t),
        })}
      </p>
      <MappingSection figures={figures} ctx={ctx} hasHidden={hasHidden} />
      <OtherSection figures={figures} ctx={ctx} notes={notes} />
      {analysis}
      <ExtremismSection figures={figures} ctx={ctx} analysis={extremismAnalysis} />
      <SourcesSection figures={figures} ctx={ctx} />
    </div>
  );
}
