import type { Locale } from '../../../domain/api/common.ts';
import type { PictureFigures } from '../../../domain/api/pictures.ts';
import { csvField, type ExportTable, type ExportValue, pictureTables, words } from './export-common.ts';

/**
 * The picture as one long CSV table: `section;table;row;column;gender;value`, one line per figure.
 * UTF-8 with a byte-order mark (so spreadsheet programs read å ä ö), `;` between fields, CRLF line
 * ends, text quoted and guarded against formula injection. Suppressed counts are written as text:
 * "<5" (below the threshold) and "•" (hidden so that a small count cannot be worked out).
 * Decimals use a comma in Swedish and a point in English.
 */

export const CSV_HEADER: Record<Locale, string[]> = {
  sv: ['avsnitt', 'tabell', 'rad', 'kolumn', 'kön', 'värde'],
  en: ['section', 'table', 'row', 'column', 'gender', 'value'],
};

const BOM = '\uFEFF';

/** A value as a CSV field: numbers bare (never formula-like), suppressed counts as text. */
export function csvValue(value: ExportValue, threshold: number, decimal: ',' | '.'): string {
  if (value === null) return '';
  if (value === 'small') return csvField(`<${threshold}`);
  if (value === 'hidden') return csvField('•');
  if (typeof value === 'number') {
    const text = String(Math.round(value * 100) / 100);
    return decimal === ',' ? text.replace('.', ',') : text;
  }
  return csvField(value);
}

export function sectionLabel(section: ExportTable['section'], locale: Locale): string {
  const w = words(locale);
  return { mapping: w.mapping, other: w.other, extremism: w.extremism, sources: w.sources }[section];
}

export function genderLabel(gender: ExportTable['columns'][number]['gender'], locale: Locale): string {
  if (gender === null) return '';
  const w = words(locale);
  return gender === 'other' ? w.other_gender : w[gender];
}

/** Lines of the long table for some tables (with the header line first). */
export function longCsv(
  tables: ExportTable[],
  threshold: number,
  locale: Locale,
  opts: { decimal?: ',' | '.'; keys?: boolean } = {},
): string {
  const decimal = opts.decimal ?? (locale === 'sv' ? ',' : '.');
  const lines = [CSV_HEADER[locale].map(csvField).join(';')];
  for (const table of tables) {
    for (const row of table.rows) {
      table.columns.forEach((column, i) => {
        const fields = opts.keys
          ? [
              table.section,
              table.key,
              row.key,
              column.key.replace(/_(woman|man|other|unknown|total)$/, ''),
              column.gender ?? '',
            ]
          : [
              sectionLabel(table.section, locale),
              table.title,
              row.label,
              column.measure,
              genderLabel(column.gender, locale),
            ];
        lines.push([...fields.map(csvField), csvValue(row.values[i] ?? null, threshold, decimal)].join(';'));
      });
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The CSV export of a picture (with the extremism section when the figures hold it). */
export function buildPictureCsv(figures: PictureFigures, locale: Locale): Uint8Array {
  const tables = pictureTables(figures, locale);
  return new TextEncoder().encode(BOM + longCsv(tables, figures.suppression.threshold, locale));
}
