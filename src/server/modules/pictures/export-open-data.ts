import { strToU8, zipSync } from 'fflate';
import type { PictureFigures } from '../../../domain/api/pictures.ts';
import type { AreaGeometry } from '../areas/areas.tables.ts';
import { type ExportTable, pictureTables, sourcesTable } from './export-common.ts';
import { longCsv } from './export-csv.ts';
import { pictureFeatureCollection } from './export-geojson.ts';

/**
 * The open-data export (docs/open-data.md): a zip with
 * - `data.csv`: every aggregate as one long table `section;table;row;column;gender;value` with
 *   machine keys (not translated labels), a decimal point, UTF-8 without a byte-order mark;
 * - `areas.geojson`: the figures per area with their geometry (as the GeoJSON export);
 * - `metadata.json`: title, scope, period, licence, suppression rule, sources and the columns;
 * - `README.txt`: the same in a few lines of Swedish and English.
 * Always suppressed (the figures must be computed with suppression 'always'), never the
 * violent-extremism section, never free text (analysis, notes).
 */

export const OPEN_DATA_LICENCE = {
  id: 'CC0-1.0',
  name: 'Creative Commons Zero v1.0 Universal',
  url: 'https://creativecommons.org/publicdomain/zero/1.0/',
};

export class OpenDataNotSuppressedError extends Error {
  constructor(where?: string) {
    super(`Open data must be built from suppressed figures${where ? ` (${where})` : ''}`);
  }
}

/** Tables whose cells are counts (not rates, changes, population or survey values). */
const COUNT_TABLES = new Set([
  'own_by_focus_area',
  'own_by_type',
  'police_by_type',
  'police_by_focus_area',
  'areas',
  'trend',
  'heatmap',
  'reported_crime',
  'observations',
]);
const NOT_COUNTS = /rate|change|population|mapped/;

/**
 * A last check before anything is published: no count between 1 and the threshold may be left as a
 * number (the figures' own suppression should have made it "<5"). Throws rather than publish.
 */
export function assertNoSmallCounts(tables: ExportTable[], threshold: number): void {
  for (const table of tables) {
    if (!COUNT_TABLES.has(table.key)) continue;
    table.columns.forEach((column, i) => {
      if (NOT_COUNTS.test(column.key)) return;
      for (const row of table.rows) {
        const v = row.values[i];
        if (typeof v === 'number' && v > 0 && v < threshold)
          throw new OpenDataNotSuppressedError(`${table.key}/${row.key}/${column.key}`);
      }
    });
  }
}

export function buildOpenDataZip(
  figures: PictureFigures,
  geometries: ReadonlyMap<string, AreaGeometry>,
  now: Date,
): Uint8Array {
  if (!figures.suppression.applied) throw new OpenDataNotSuppressedError();
  const open: PictureFigures = { ...figures, extremism: null };
  const threshold = open.suppression.threshold;
  const tables = pictureTables(open, 'sv', { includeExtremism: false, includeSources: false });
  assertNoSmallCounts(tables, threshold);
  const csv = longCsv(tables, threshold, 'en', { decimal: '.', keys: true });
  const sources = sourcesTable(open, 'en');
  const metadata = {
    title: `Trygghet och brottslighet: ${open.scope.label}, ${open.period.from} – ${open.period.to}`,
    description:
      'Aggregated counts of incidents reported by city staff and police events, safety survey results and ' +
      'population for the areas of a situational picture (lägesbild enligt lag 2023:196). Small counts protected.',
    licence: OPEN_DATA_LICENCE,
    scope: { kind: open.scope.kind, label: open.scope.label, areas: open.scope.areas },
    period: open.period,
    comparison: open.comparison,
    generatedAt: open.generatedAt,
    exportedAt: now.toISOString(),
    suppression: {
      threshold,
      rule:
        `Counts below ${threshold} are written "<${threshold}"; counts that would let a small count be worked ` +
        'out from totals or differences are written "•"; rates of protected counts are empty.',
    },
    files: {
      'data.csv': {
        encoding: 'UTF-8',
        delimiter: ';',
        decimal: '.',
        columns: {
          section: 'mapping (1. Kartläggning), other (2. Annan relevant information)',
          table: 'table key, e.g. own_by_type, police_by_type, areas, trend, heatmap, surveys',
          row: 'row key: type or focus-area code, area id, month YYYY-MM, weekday 1-7, survey key',
          column: 'measure: current, comparison, change, rate, city_rate, own, police, h0-h23 …',
          gender: 'woman, man, other, unknown, total, or empty when the measure has no gender',
          value: `number, "<${threshold}", "•" or empty`,
        },
      },
      'areas.geojson': { crs: 'WGS84 (RFC 7946)', properties: 'see docs/open-data.md' },
    },
    sources: sources.rows.map((r) => ({
      kind: r.key,
      label: r.label,
      used: r.values[0],
      coverage: r.values[1],
    })),
  };
  const readme = [
    metadata.title,
    '',
    'Filer / files: data.csv, areas.geojson, metadata.json',
    `Licens / licence: ${OPEN_DATA_LICENCE.name} (${OPEN_DATA_LICENCE.url})`,
    `Tal under ${threshold} visas som "<${threshold}", dolda tal som "•".`,
    `Counts below ${threshold} are shown as "<${threshold}", hidden counts as "•".`,
    '',
  ].join('\r\n');
  return zipSync({
    'data.csv': strToU8(csv),
    'areas.geojson': strToU8(JSON.stringify(pictureFeatureCollection(open, geometries))),
    'metadata.json': strToU8(JSON.stringify(metadata, null, 2)),
    'README.txt': strToU8(readme),
  });
}
