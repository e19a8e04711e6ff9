import zlib from 'node:zlib';
import { type FlateError, strToU8, Zip, ZipPassThrough } from 'fflate';

/**
 * A minimal Office Open XML spreadsheet writer: one workbook, one sheet, a bold and frozen header
 * row, inline strings, numbers, booleans and date-times (shown in one time zone). Rows are
 * streamed: the sheet is deflated as they arrive, so an export of any size runs in little memory.
 */

export type XlsxCell = string | number | boolean | Date | null | undefined;

export interface XlsxColumn {
  header: string;
  /** Width in characters. */
  width?: number;
}

export interface XlsxOptions {
  /** At most 31 characters; `[]:*?/\` are replaced. */
  sheetName: string;
  columns: readonly XlsxColumn[];
  /** Date cells are written as this zone's wall-clock time (spreadsheets have no time zones). */
  timeZone?: string;
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** Excel's limit on the characters in one cell. */
export const XLSX_MAX_CELL_CHARS = 32767;

/** Style indexes in styles.xml's cellXfs. */
const STYLE_HEADER = 1;
const STYLE_DATETIME = 2;

const CONTENT_TYPES = `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Default Extension="xml" ContentType="application/xml"/>\
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
</Types>`;

const ROOT_RELS = `${XML_DECL}<Relationships xmlns="${PKG_REL_NS}">\
<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>\
</Relationships>`;

const WORKBOOK_RELS = `${XML_DECL}<Relationships xmlns="${PKG_REL_NS}">\
<Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>\
<Relationship Id="rId2" Type="${REL_NS}/styles" Target="styles.xml"/>\
</Relationships>`;

const STYLES = `${XML_DECL}<styleSheet xmlns="${MAIN_NS}">\
<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm"/></numFmts>\
<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>\
<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>\
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>\
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
</styleSheet>`;

function workbookXml(sheetName: string): string {
  return `${XML_DECL}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">\
<bookViews><workbookView/></bookViews>\
<sheets><sheet name="${escapeXml(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`;
}

/** A sheet name Excel accepts. */
export function safeSheetName(name: string): string {
  const cleaned = name
    .replace(/[[\]:*?/\\]/g, ' ')
    .trim()
    .slice(0, 31);
  return cleaned === '' ? 'Sheet1' : cleaned;
}

// XML 1.0 allows tab, newline and carriage return among the control characters, nothing else.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML_CHARS, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = '';
  let n = index + 1;
  while (n > 0) {
    const rest = (n - 1) % 26;
    name = String.fromCharCode(65 + rest) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

/** Formatters are costly to make; one per zone. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function wallClock(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The wall-clock time of `date` in `timeZone`, as an Excel serial day number (1900 date system). */
export function excelSerial(date: Date, timeZone: string): number {
  const parts = wallClock(timeZone).formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const ms = wall + date.getUTCMilliseconds();
  // 25569 is 1970-01-01 in Excel's numbering (which counts the non-existent 1900-02-29).
  return ms / 86_400_000 + 25569;
}

function cellXml(ref: string, value: XlsxCell, timeZone: string, style?: number): string {
  const s = style === undefined ? '' : ` s="${style}"`;
  if (value === null || value === undefined || value === '')
    return style === undefined ? '' : `<c r="${ref}"${s}/>`;
  if (typeof value === 'number') {
    return Number.isFinite(value) ? `<c r="${ref}"${s}><v>${value}</v></c>` : '';
  }
  if (typeof value === 'boolean') return `<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`;
  if (value instanceof Date) {
    const serial = excelSerial(value, timeZone);
    return `<c r="${ref}" s="${style ?? STYLE_DATETIME}"><v>${serial}</v></c>`;
  }
  const text = escapeXml(value.slice(0, XLSX_MAX_CELL_CHARS));
  const space = /^\s|\s$|\n/.test(text) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${text}</t></is></c>`;
}

function rowXml(rowNumber: number, cells: readonly XlsxCell[], timeZone: string, style?: number): string {
  let xml = `<row r="${rowNumber}">`;
  for (let i = 0; i < cells.length; i++)
    xml += cellXml(`${columnName(i)}${rowNumber}`, cells[i], timeZone, style);
  return `${xml}</row>`;
}

function sheetHead(columns: readonly XlsxColumn[], timeZone: string): string {
  const cols = columns
    .map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width ?? 16}" customWidth="1"/>`)
    .join('');
  return `${XML_DECL}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">\
<sheetViews><sheetView workbookViewId="0">\
<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>\
<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>\
<sheetFormatPr defaultRowHeight="15"/>${cols === '' ? '' : `<cols>${cols}</cols>`}<sheetData>${rowXml(
    1,
    columns.map((c) => c.header),
    timeZone,
    STYLE_HEADER,
  )}`;
}

const SHEET_TAIL = '</sheetData></worksheet>';

/**
 * A zip entry deflated by Node's zlib (several times faster than fflate's JavaScript deflate). Each
 * chunk is compressed on its own and ends on a sync flush, so the chunks join into one valid
 * deflate stream; fflate keeps the CRC, the sizes and the archive's structure.
 */
class NodeZipDeflate extends ZipPassThrough {
  constructor(filename: string) {
    super(filename);
    this.compression = 8;
  }

  protected override process(chunk: Uint8Array<ArrayBuffer>, final: boolean): void {
    try {
      const out = zlib.deflateRawSync(chunk, {
        level: 6,
        finishFlush: final ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH,
      });
      this.ondata(null, new Uint8Array(out.buffer, out.byteOffset, out.byteLength), final);
    } catch (err) {
      this.ondata(Object.assign(err as Error, { code: 0 }) as FlateError, new Uint8Array(0), final);
    }
  }
}

/**
 * Writes a workbook incrementally: `addRows` and `finish` return the zip bytes produced so far,
 * to be sent in order.
 */
export class XlsxWriter {
  private readonly chunks: Uint8Array[] = [];
  private readonly zip: Zip;
  private readonly sheet: NodeZipDeflate;
  private readonly timeZone: string;
  private nextRow = 2;
  private failure: Error | null = null;

  constructor(opts: XlsxOptions) {
    this.timeZone = opts.timeZone ?? 'Europe/Stockholm';
    this.zip = new Zip((err, chunk) => {
      if (err) this.failure = err;
      else this.chunks.push(chunk);
    });
    const fixed: [string, string][] = [
      ['[Content_Types].xml', CONTENT_TYPES],
      ['_rels/.rels', ROOT_RELS],
      ['xl/workbook.xml', workbookXml(safeSheetName(opts.sheetName))],
      ['xl/_rels/workbook.xml.rels', WORKBOOK_RELS],
      ['xl/styles.xml', STYLES],
    ];
    for (const [name, xml] of fixed) {
      const file = new NodeZipDeflate(name);
      this.zip.add(file);
      file.push(strToU8(xml), true);
    }
    this.sheet = new NodeZipDeflate('xl/worksheets/sheet1.xml');
    this.zip.add(this.sheet);
    this.sheet.push(strToU8(sheetHead(opts.columns, this.timeZone)));
  }

  /** The rows, below what was added before. */
  addRows(rows: readonly (readonly XlsxCell[])[]): Uint8Array[] {
    let xml = '';
    for (const row of rows) xml += rowXml(this.nextRow++, row, this.timeZone);
    if (xml !== '') this.sheet.push(strToU8(xml));
    return this.take();
  }

  /** Closes the sheet and the archive; the last bytes. */
  finish(): Uint8Array[] {
    this.sheet.push(strToU8(SHEET_TAIL), true);
    this.zip.end();
    return this.take();
  }

  private take(): Uint8Array[] {
    if (this.failure) throw this.failure;
    return this.chunks.splice(0, this.chunks.length);
  }
}

/** A whole workbook in memory (small sheets, tests). */
export function buildXlsx(opts: XlsxOptions, rows: readonly (readonly XlsxCell[])[]): Uint8Array {
  const writer = new XlsxWriter(opts);
  const parts = [...writer.addRows(rows), ...writer.finish()];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
