import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Locale } from '../../../domain/api/common.ts';
import type { PictureFigures } from '../../../domain/api/pictures.ts';
import { buildXlsx, escapeXml, safeSheetName, type XlsxCell } from '../../platform/xlsx.ts';
import {
  ANALYSIS_ORDER,
  type ExportTable,
  type ExportTexts,
  type ExportValue,
  formatDate,
  periodText,
  pictureTables,
  words,
} from './export-common.ts';

/**
 * The XLSX export: an "Om" (About) sheet first — title, scope, period, suppression note and
 * sources — then the analysis and notes, then every table of the picture on its own sheet.
 * Each sheet is written by the project's writer (platform/xlsx.ts: bold frozen header row, inline
 * strings); this file only joins the single-sheet workbooks into one. Suppressed counts are text
 * cells "<5" / "•"; every other count is a number cell.
 */

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export interface SheetSpec {
  name: string;
  columns: { header: string; width?: number }[];
  rows: XlsxCell[][];
}

/** Joins sheets into one workbook; names are made safe and unique. */
export function buildWorkbook(sheets: SheetSpec[]): Uint8Array {
  const used = new Set<string>();
  const names = sheets.map((s) => {
    const base = safeSheetName(s.name);
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 27)} (${n})`;
    used.add(name.toLowerCase());
    return name;
  });
  const files: Record<string, Uint8Array> = {};
  let styles: Uint8Array | undefined;
  sheets.forEach((sheet, i) => {
    const single = unzipSync(buildXlsx({ sheetName: names[i]!, columns: sheet.columns }, sheet.rows));
    files[`xl/worksheets/sheet${i + 1}.xml`] = single['xl/worksheets/sheet1.xml']!;
    styles ??= single['xl/styles.xml'];
  });
  const overrides = sheets
    .map(
      (_, i) =>
        `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    )
    .join('');
  files['[Content_Types].xml'] = strToU8(
    `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      `${overrides}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
  );
  files['_rels/.rels'] = strToU8(
    `${XML_DECL}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    `${XML_DECL}<Relationships xmlns="${PKG_REL_NS}">${sheets
      .map(
        (_, i) =>
          `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
      )
      .join(
        '',
      )}<Relationship Id="rId${sheets.length + 1}" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`,
  );
  files['xl/workbook.xml'] = strToU8(
    `${XML_DECL}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><bookViews><workbookView/></bookViews><sheets>${names
      .map((n, i) => `<sheet name="${escapeXml(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join('')}</sheets></workbook>`,
  );
  files['xl/styles.xml'] = styles ?? strToU8('');
  return zipSync(files, { level: 6 });
}

const cell = (v: ExportValue, threshold: number): XlsxCell =>
  v === 'small' ? `<${threshold}` : v === 'hidden' ? '•' : v;

export function tableSheet(table: ExportTable, threshold: number): SheetSpec {
  return {
    name: table.title,
    columns: [
      { header: table.rowHeader, width: 34 },
      ...table.columns.map((c) => ({
        header: c.header,
        width: Math.max(8, Math.min(28, c.header.length + 2)),
      })),
    ],
    rows: table.rows.map((r) => [r.label, ...r.values.map((v) => cell(v, threshold))]),
  };
}

export function buildPictureXlsx(figures: PictureFigures, texts: ExportTexts, locale: Locale): Uint8Array {
  const w = words(locale);
  const threshold = figures.suppression.threshold;
  const tables = pictureTables(figures, locale, { includeSources: false });
  const about: XlsxCell[][] = [
    [locale === 'sv' ? 'Titel' : 'Title', texts.title],
    [w.scope, figures.scope.label],
    [w.organisation, figures.scope.organisation?.name ?? null],
    [w.area, figures.scope.areas.map((a) => a.name).join(', ') || null],
    [w.period, periodText(figures.period)],
    [w.comparisonPeriod, periodText(figures.comparison)],
    [w.generated, formatDate(figures.generatedAt, locale)],
  ];
  if (texts.snapshot) {
    const s = texts.snapshot;
    about.push([
      'Version',
      w.frozen(s.version, s.signedAt ? formatDate(s.signedAt, locale) : null, s.signedBy),
    ]);
  }
  about.push([
    locale === 'sv' ? 'Skydd för små tal' : 'Small-count protection',
    figures.suppression.applied ? w.smallNote(threshold) : w.notAppliedNote,
  ]);
  about.push([null, null], [w.sources, null]);
  for (const table of pictureTables(figures, locale).filter((t) => t.key === 'sources')) {
    for (const row of table.rows) {
      about.push([
        row.label,
        row.values
          .map((v) => cell(v, threshold))
          .filter((v) => v !== null)
          .join(' · '),
      ]);
    }
  }
  const analysis: XlsxCell[][] = ANALYSIS_ORDER.map((k) => [w.questions[k], texts.analysis?.[k] || null]);
  analysis.push([w.notes, texts.notes || null]);
  if (figures.extremism) analysis.push([w.extremism, figures.extremism.analysis || null]);
  const sheets: SheetSpec[] = [
    {
      name: locale === 'sv' ? 'Om' : 'About',
      columns: [
        { header: locale === 'sv' ? 'Uppgift' : 'Item', width: 30 },
        { header: w.value, width: 90 },
      ],
      rows: about,
    },
    {
      name: w.analysis.replace(/^3\. /, ''),
      columns: [
        { header: w.question, width: 50 },
        { header: locale === 'sv' ? 'Text' : 'Text', width: 100 },
      ],
      rows: analysis,
    },
    ...tables.map((t) => tableSheet(t, threshold)),
  ];
  return buildWorkbook(sheets);
}

/** For tests: the sheet names of a workbook. */
export function workbookSheetNames(bytes: Uint8Array): string[] {
  const xml = strFromU8(unzipSync(bytes)['xl/workbook.xml']!);
  return [...xml.matchAll(/<sheet name="([^"]*)"/g)].map((m) => m[1]!);
}
