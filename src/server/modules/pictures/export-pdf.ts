import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import type { Locale } from '../../../domain/api/common.ts';
import type { PictureFigures } from '../../../domain/api/pictures.ts';
import type { AreaGeometry } from '../areas/areas.tables.ts';
import { choroplethSvg, focusChartSvg, heatChartSvg, trendChartSvg } from './export-charts.ts';
import {
  ANALYSIS_ORDER,
  type ExportTable,
  type ExportTexts,
  formatDate,
  formatValue,
  noteText,
  periodText,
  pictureTables,
  words,
} from './export-common.ts';

/**
 * The PDF for committee meetings: A4, tagged (a structure tree of Document → H1/H2/H3, P, Figure
 * with alternative text, Table/TR/TH/TD through pdfkit's table), document language and title set
 * (shown as the window title). Headings follow Lag (2023:196) §4: "1. Kartläggning av
 * brottsligheten", "2. Annan relevant information", "3. Analys", then "Källor och täckning".
 * Charts are ECharts SVG, the map is a choropleth drawn from the areas' GeoJSON; every chart and the
 * map are followed by their table. Suppressed counts print as "<5" / "•" with a footnote. Page
 * numbers are artifacts (not part of the structure). Fonts: the standard Helvetica (WinAnsi covers
 * å ä ö é and the bullet).
 */

export type ExportProgress = (done: number, total: number, stage: string) => Promise<void> | void;

const MARGIN = 50;
const PAGE_W = 595.28;
const CONTENT_W = PAGE_W - 2 * MARGIN;

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

export const PDF_STAGES = ['title', 'mapping', 'other', 'analysis', 'extremism', 'sources'] as const;

/** Keeps the builder's place: the document, its structure root and the words of the locale. */
class Writer {
  constructor(
    readonly doc: Doc,
    readonly root: Struct,
    readonly locale: Locale,
    readonly threshold: number,
  ) {}

  ensureSpace(height: number) {
    if (this.doc.y + height > this.doc.page.maxY()) this.doc.addPage();
  }

  /** A heading, kept on one page with the first `keep` points of what follows it. */
  heading(level: 1 | 2 | 3, text: string, keep = 40) {
    const size = level === 1 ? 20 : level === 2 ? 15 : 11.5;
    this.ensureSpace(size * 3 + keep);
    if (level > 1) this.doc.moveDown(level === 2 ? 0.8 : 0.5);
    const doc = this.doc;
    this.root.add(
      doc.struct(`H${level}`, {}, () => {
        doc
          .font('Helvetica-Bold')
          .fontSize(size)
          .fillColor('#000000')
          .text(text, MARGIN, doc.y, { width: CONTENT_W });
      }),
    );
    doc.moveDown(0.3);
  }

  paragraph(text: string, opts: { size?: number; color?: string; bold?: boolean } = {}) {
    const doc = this.doc;
    this.ensureSpace(24);
    this.root.add(
      doc.struct('P', {}, () => {
        doc
          .font(opts.bold ? 'Helvetica-Bold' : 'Helvetica')
          .fontSize(opts.size ?? 10)
          .fillColor(opts.color ?? '#000000')
          .text(text, MARGIN, doc.y, { width: CONTENT_W, paragraphGap: 4 });
      }),
    );
  }

  figure(svg: string, alt: string, width: number, height: number) {
    const doc = this.doc;
    this.ensureSpace(height + 10);
    const y = doc.y;
    this.root.add(
      doc.struct('Figure', { alt }, () => {
        SVGtoPDF(doc, svg, MARGIN, y, { width, height, assumePt: true });
      }),
    );
    doc.x = MARGIN;
    doc.y = y + height + 6;
  }

  /**
   * A table with a header row (TH, scope Column) and row headers (TH, scope Row). `columns`
   * picks which of the model's columns fit the page.
   */
  table(
    table: ExportTable,
    opts: { columns?: number[]; fontSize?: number; firstWidth?: number; heading?: boolean } = {},
  ) {
    const doc = this.doc;
    const picked = opts.columns ?? table.columns.map((_, i) => i);
    const fontSize = opts.fontSize ?? (picked.length > 8 ? 7 : 7.5);
    // After a chart or the map of the same name, the heading is already there.
    if (opts.heading !== false) this.heading(3, table.title, 70);
    if (table.rows.length === 0) {
      this.paragraph(words(this.locale).empty, { size: 9, color: '#333333' });
      return;
    }
    const cellPadding = 3;
    const header = [
      { text: table.rowHeader, type: 'TH', scope: 'Column', backgroundColor: '#e8e8e8' },
      ...picked.map((i) => ({
        text: table.columns[i]!.header,
        type: 'TH',
        scope: 'Column',
        backgroundColor: '#e8e8e8',
        align: { x: 'right' },
      })),
    ];
    let suppressed = false;
    const body = table.rows.map((row) => [
      { text: row.label, type: 'TH', scope: 'Row' },
      ...picked.map((i) => {
        const v = row.values[i] ?? null;
        if (v === 'small' || v === 'hidden') suppressed = true;
        return { text: formatValue(v, this.threshold, this.locale), type: 'TD', align: { x: 'right' } };
      }),
    ]);
    const firstWidth = opts.firstWidth ?? Math.min(150, Math.max(60, CONTENT_W - picked.length * 52));
    this.ensureSpace(60);
    doc.font('Helvetica').fontSize(fontSize).fillColor('#000000');
    doc.table({
      structParent: this.root,
      position: { x: MARGIN, y: doc.y },
      maxWidth: CONTENT_W,
      columnStyles: [firstWidth, ...picked.map(() => '*')],
      defaultStyle: { padding: cellPadding, border: 0.5, borderColor: '#999999', font: { size: fontSize } },
      data: [header, ...body],
    } as unknown as PDFKit.Mixins.TableOptionsWithData);
    doc.x = MARGIN;
    doc.moveDown(0.3);
    if (suppressed) {
      this.paragraph(`${words(this.locale).smallNote(this.threshold)}`, { size: 7.5, color: '#333333' });
    }
  }
}

/** The columns of a gender table that fit the page: the period by gender, the comparison's total, the rest. */
function compactColumns(table: ExportTable): number[] {
  return table.columns.flatMap((c, i) =>
    c.key.startsWith('comparison_') && c.gender !== 'total' ? [] : [i],
  );
}

function keyFigures(figures: PictureFigures, locale: Locale): string {
  const w = words(locale);
  const f = (v: Parameters<typeof formatValue>[0]) => formatValue(v, figures.suppression.threshold, locale);
  const own = figures.own.total;
  const police = figures.police.total;
  return locale === 'sv'
    ? `Egna rapporter i perioden: ${f(own.current.total)} (${w.woman.toLowerCase()} ${f(own.current.woman)}, ${w.man.toLowerCase()} ${f(own.current.man)}); jämförelseperioden: ${f(own.comparison.total)}. Polisens händelser: ${f(police.current)} (jämförelseperioden ${f(police.comparison)}). Egna rapporter och polisens händelser redovisas var för sig och läggs aldrig ihop.`
    : `Own reports in the period: ${f(own.current.total)} (${w.woman.toLowerCase()} ${f(own.current.woman)}, ${w.man.toLowerCase()} ${f(own.current.man)}); comparison period: ${f(own.comparison.total)}. Police events: ${f(police.current)} (comparison period ${f(police.comparison)}). Own reports and police events are shown side by side, never added together.`;
}

/** Builds the whole PDF in memory (a picture's PDF is a few hundred kilobytes). */
export async function buildPicturePdf(
  figures: PictureFigures,
  texts: ExportTexts,
  locale: Locale,
  opts: { geometries?: ReadonlyMap<string, AreaGeometry>; progress?: ExportProgress } = {},
): Promise<Uint8Array> {
  const w = words(locale);
  const report = opts.progress ?? (() => {});
  // Building is synchronous work: between sections the event loop gets a turn, so the server keeps answering.
  const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
  const progress: ExportProgress = async (done, total, stage) => {
    await tick();
    await report(done, total, stage);
  };
  const total = PDF_STAGES.length;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 10, left: MARGIN, right: MARGIN },
    tagged: true,
    lang: locale === 'sv' ? 'sv-SE' : 'en-GB',
    displayTitle: true,
    bufferPages: true,
    pdfVersion: '1.7',
    info: {
      Title: texts.title,
      Author: figures.scope.organisation?.name ?? figures.scope.label,
      Subject: `${w.mapping.replace(/^1\. /, '')}: ${figures.scope.label}, ${periodText(figures.period)}`,
      Creator: 'Trygg',
      Producer: 'Trygg',
      CreationDate: new Date(figures.generatedAt),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const root = doc.struct('Document');
  doc.addStructure(root);
  const out = new Writer(doc, root, locale, figures.suppression.threshold);
  const tables = new Map(pictureTables(figures, locale).map((t) => [t.key, t]));
  const table = (key: string) => tables.get(key)!;

  // Title block
  await progress(0, total, 'title');
  out.heading(1, texts.title);
  const meta: [string, string][] = [
    [w.organisation, figures.scope.organisation?.name ?? '–'],
    [w.scope, figures.scope.label],
    [w.period, periodText(figures.period)],
    [w.comparisonPeriod, periodText(figures.comparison)],
    [w.generated, formatDate(figures.generatedAt, locale)],
  ];
  if (figures.scope.areas.length > 0 && figures.scope.areas.length <= 30) {
    meta.splice(2, 0, [w.area, figures.scope.areas.map((a) => a.name).join(', ')]);
  }
  for (const [label, value] of meta) out.paragraph(`${label}: ${value}`, { size: 10 });
  const s = texts.snapshot;
  out.paragraph(
    s ? w.frozen(s.version, s.signedAt ? formatDate(s.signedAt, locale) : null, s.signedBy) : w.live,
    {
      bold: true,
    },
  );
  out.paragraph(figures.suppression.applied ? w.smallNote(figures.suppression.threshold) : w.notAppliedNote, {
    size: 8.5,
    color: '#333333',
  });

  // 1. Mapping
  await progress(1, total, 'mapping');
  out.heading(2, w.mapping);
  out.paragraph(keyFigures(figures, locale));
  out.heading(3, w.tTrend, 240);
  out.figure(trendChartSvg(figures, locale), w.chartTrend, CONTENT_W, 230);
  out.table(table('trend'), { fontSize: 7.5, heading: false });
  await tick();
  out.heading(3, w.tOwnFocus, figures.own.byFocusArea.length > 0 ? 210 : 40);
  if (figures.own.byFocusArea.length > 0)
    out.figure(focusChartSvg(figures, locale), w.chartFocus, CONTENT_W, 200);
  out.table(table('own_by_focus_area'), {
    columns: compactColumns(table('own_by_focus_area')),
    heading: figures.own.byFocusArea.length === 0,
  });
  out.table(table('own_by_type'), { columns: compactColumns(table('own_by_type')) });
  out.table(table('police_by_type'));
  out.table(table('police_by_focus_area'));
  await tick();
  if (figures.police.unplacedInMunicipality > 0) {
    out.paragraph(w.unplaced(figures.police.unplacedInMunicipality), { size: 9 });
  }
  const map = opts.geometries ? choroplethSvg(figures, opts.geometries, locale) : null;
  out.heading(3, w.tAreas, map ? 350 : 40);
  if (map) out.figure(map, w.map, CONTENT_W, 340);
  out.table(table('areas'), { heading: !map });
  await tick();
  out.heading(3, w.tHeat, 210);
  out.figure(heatChartSvg(figures, locale), w.chartHeat, CONTENT_W, 200);
  out.table(table('heatmap'), { fontSize: 6, firstWidth: 52, heading: false });
  out.table(table('reported_crime'));

  // 2. Other relevant information
  await progress(2, total, 'other');
  doc.addPage();
  out.heading(2, w.other);
  out.table(table('population'));
  out.table(table('surveys'));
  out.table(table('observations'), { columns: compactColumns(table('observations')) });
  out.heading(3, w.notes);
  for (const para of (texts.notes || w.noText).split(/\n\s*\n/)) out.paragraph(para.trim());

  // 3. Analysis
  await progress(3, total, 'analysis');
  out.heading(2, w.analysis);
  for (const key of ANALYSIS_ORDER) {
    out.heading(3, w.questions[key]);
    const text = texts.analysis?.[key]?.trim() || w.noText;
    for (const para of text.split(/\n\s*\n/)) out.paragraph(para.trim());
  }

  // Violent extremism (only when the figures carry it: the actor holds extremism.read)
  await progress(4, total, 'extremism');
  if (figures.extremism) {
    doc.addPage();
    out.heading(2, w.extremism);
    const ext = figures.extremism;
    const f = (v: Parameters<typeof formatValue>[0]) => formatValue(v, figures.suppression.threshold, locale);
    out.paragraph(
      `${w.own}: ${f(ext.own.current.total)} (${w.comparison.toLowerCase()} ${f(ext.own.comparison.total)}). ${w.police}: ${f(ext.police.current)} (${w.comparison.toLowerCase()} ${f(ext.police.comparison)}).`,
    );
    out.table(table('extremism_own_by_type'), { columns: compactColumns(table('extremism_own_by_type')) });
    out.table(table('extremism_police_by_type'));
    out.table(table('extremism_trend'));
    out.heading(3, w.analysis.replace(/^3\. /, ''));
    for (const para of (ext.analysis.trim() || w.noText).split(/\n\s*\n/)) out.paragraph(para.trim());
  }

  // Sources and coverage
  await progress(5, total, 'sources');
  out.heading(2, w.sources);
  out.table(table('sources'));
  const unused = figures.sources.filter((src) => !src.used).map((src) => w.sourceKinds[src.kind]);
  if (unused.length > 0) {
    out.paragraph(`${locale === 'sv' ? 'Inte använda källor' : 'Sources not used'}: ${unused.join(', ')}.`);
  }
  const notes = figures.sources.flatMap((src) => src.notes.map((n) => noteText(w, n)));
  for (const note of notes) out.paragraph(note, { size: 9 });

  // Page numbers, as artifacts outside the structure tree.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.markContent('Artifact', { type: 'Pagination' });
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor('#333333')
      .text(w.page(i + 1, range.count), MARGIN, doc.page.height - 35, {
        width: CONTENT_W,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
    doc.endMarkedContent();
  }
  root.end();
  doc.end();
  await ended;
  await progress(total, total, 'done');
  return new Uint8Array(Buffer.concat(chunks));
}
