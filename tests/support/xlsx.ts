import { strFromU8, unzipSync } from 'fflate';

/**
 * Reads back what a spreadsheet export wrote: unzips it, parses every XML part strictly (a
 * malformed part throws) and returns the first sheet's cells as the strings, numbers and booleans
 * stored, with what the tests check about its layout.
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string, at: number): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);|&/g, (all, entity: string | undefined) => {
    if (entity === undefined) throw new Error(`a bare & near offset ${at}`);
    if (entity.startsWith('#x')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    const value = ENTITIES[entity];
    if (value === undefined) throw new Error(`unknown entity ${all}`);
    return value;
  });
}

/** A strict parser for the XML subset Office files use (no DTDs, no CDATA); throws on anything malformed. */
export function parseXml(xml: string): XmlElement {
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end < 0) throw new Error('unterminated XML declaration');
    i = end + 2;
  }
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    if (text.trim() !== '') {
      const top = stack.at(-1);
      if (!top) throw new Error(`text outside the root element near offset ${i}`);
      top.text += decode(text, i);
    } else if (stack.length > 0) {
      stack.at(-1)!.text += text;
    }
    if (lt < 0) break;
    const gt = xml.indexOf('>', lt);
    if (gt < 0) throw new Error(`unterminated tag at offset ${lt}`);
    const tag = xml.slice(lt + 1, gt);
    i = gt + 1;
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      const open = stack.pop();
      if (open?.name !== name) throw new Error(`</${name}> closes <${open?.name}> at offset ${lt}`);
      continue;
    }
    const selfClosing = tag.endsWith('/');
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const nameMatch = /^([A-Za-z_][\w.:-]*)/.exec(body);
    if (!nameMatch) throw new Error(`bad tag <${tag}> at offset ${lt}`);
    const name = nameMatch[1]!;
    const attrs: Record<string, string> = {};
    const rest = body.slice(name.length);
    const attrPattern = /\s+([A-Za-z_][\w.:-]*)="([^"<]*)"/y;
    let pos = 0;
    const end = rest.trimEnd().length;
    while (pos < end) {
      attrPattern.lastIndex = pos;
      const m = attrPattern.exec(rest);
      if (!m) throw new Error(`bad attributes in <${tag}> at offset ${lt}`);
      if (m[1]! in attrs) throw new Error(`duplicate attribute ${m[1]} at offset ${lt}`);
      attrs[m[1]!] = decode(m[2]!, lt);
      pos = attrPattern.lastIndex;
    }
    const element: XmlElement = { name, attrs, children: [], text: '' };
    const parent = stack.at(-1);
    if (parent) parent.children.push(element);
    else if (root) throw new Error('a second root element');
    else root = element;
    if (!selfClosing) stack.push(element);
  }
  if (stack.length > 0) throw new Error(`<${stack.at(-1)!.name}> is never closed`);
  if (!root) throw new Error('no root element');
  return root;
}

export function find(el: XmlElement, name: string): XmlElement | undefined {
  for (const child of el.children) {
    if (child.name === name) return child;
    const deeper = find(child, name);
    if (deeper) return deeper;
  }
  return undefined;
}

export function findAll(el: XmlElement, name: string): XmlElement[] {
  return el.children.flatMap((c) => (c.name === name ? [c] : findAll(c, name)));
}

export interface ReadXlsx {
  /** Every part's name. */
  parts: string[];
  sheetName: string;
  /** The first sheet's rows; dates come back as Excel serial numbers. */
  rows: (string | number | boolean | null)[][];
  /** Style index per cell, parallel to `rows`. */
  styles: (number | null)[][];
  /** The cellXfs entries: which font is bold, which number format. */
  cellXfs: { bold: boolean; numFmt: string | null }[];
  frozenRows: number;
}

const COLUMN = /^([A-Z]+)(\d+)$/;

function columnIndex(letters: string): number {
  let n = 0;
  for (const c of letters) n = n * 26 + (c.charCodeAt(0) - 64);
  return n - 1;
}

export function readXlsx(bytes: Uint8Array): ReadXlsx {
  const files = unzipSync(bytes);
  const xml = (name: string) => {
    const file = files[name];
    if (!file) throw new Error(`the workbook has no ${name}`);
    return parseXml(strFromU8(file));
  };
  for (const name of Object.keys(files)) if (name.endsWith('.xml') || name.endsWith('.rels')) xml(name);
  const workbook = xml('xl/workbook.xml');
  const sheet = xml('xl/worksheets/sheet1.xml');
  const styles = xml('xl/styles.xml');

  const numFmts = new Map(
    findAll(styles, 'numFmt').map((f) => [f.attrs.numFmtId ?? '', f.attrs.formatCode ?? ''] as const),
  );
  const fonts = findAll(find(styles, 'fonts')!, 'font').map((f) => f.children.some((c) => c.name === 'b'));
  const cellXfs = findAll(find(styles, 'cellXfs')!, 'xf').map((xf) => ({
    bold: fonts[Number(xf.attrs.fontId ?? 0)] ?? false,
    numFmt: numFmts.get(xf.attrs.numFmtId ?? '') ?? null,
  }));

  const rows: ReadXlsx['rows'] = [];
  const cellStyles: ReadXlsx['styles'] = [];
  for (const row of findAll(sheet, 'row')) {
    const values: ReadXlsx['rows'][number] = [];
    const rowStyles: ReadXlsx['styles'][number] = [];
    const rowNumber = Number(row.attrs.r);
    if (rowNumber !== rows.length + 1) throw new Error(`row ${row.attrs.r} out of order`);
    for (const c of row.children) {
      const m = COLUMN.exec(c.attrs.r ?? '');
      if (!m || Number(m[2]) !== rowNumber) throw new Error(`cell ${c.attrs.r} outside row ${rowNumber}`);
      const index = columnIndex(m[1]!);
      while (values.length < index) {
        values.push(null);
        rowStyles.push(null);
      }
      const v = find(c, 'v')?.text;
      let value: string | number | boolean | null;
      if (c.attrs.t === 'inlineStr') value = find(c, 't')?.text ?? '';
      else if (c.attrs.t === 'b') value = v === '1';
      else if (c.attrs.t === undefined || c.attrs.t === 'n') value = v === undefined ? null : Number(v);
      else throw new Error(`unexpected cell type ${c.attrs.t}`);
      values.push(value);
      rowStyles.push(c.attrs.s === undefined ? null : Number(c.attrs.s));
    }
    rows.push(values);
    cellStyles.push(rowStyles);
  }
  const pane = find(sheet, 'pane');
  return {
    parts: Object.keys(files).sort(),
    sheetName: find(workbook, 'sheet')?.attrs.name ?? '',
    rows,
    styles: cellStyles,
    cellXfs,
    frozenRows: pane?.attrs.state === 'frozen' ? Number(pane.attrs.ySplit ?? 0) : 0,
  };
}
