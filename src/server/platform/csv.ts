import type { z } from 'zod';

/** A malformed CSV file: the physical line (1-based) where the problem is, and what it is. */
export class CsvError extends Error {
  constructor(
    public readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvError';
  }
}

export interface CsvRow {
  /** The physical line (1-based) the record starts on, for error reports. */
  line: number;
  /** Values by header name. */
  values: Record<string, string>;
}

export interface ParsedCsv {
  header: string[];
  /** The separator found on the header line. */
  separator: ',' | ';';
  rows: CsvRow[];
}

/** One problem with one row (or with the file when `line` is the header's). */
export interface RowError {
  line: number;
  column?: string;
  message: string;
}

/**
 * The header line's separator: `;` when it has more semicolons than commas outside quotes
 * (Swedish Excel writes `;` because `,` is the decimal comma), `,` otherwise.
 */
function detectSeparator(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c === ',') commas++;
    else if (!quoted && c === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

/** Splits RFC 4180 text into records of fields, each with the line it starts on. */
function tokenize(text: string, separator: string): { line: number; fields: string[]; blank: boolean }[] {
  const records: { line: number; fields: string[]; blank: boolean }[] = [];
  let fields: string[] = [];
  let field = '';
  /** Whether the current field was quoted (an empty quoted value is still a value). */
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const endField = () => {
    fields.push(field);
    field = '';
    quoted = false;
  };
  const endRecord = () => {
    const blank = fields.length === 0 && field === '' && !quoted;
    endField();
    records.push({ line: recordLine, fields, blank });
    fields = [];
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      if (field !== '' || quoted) throw new CsvError(line, 'a quote inside an unquoted value');
      const start = line;
      quoted = true;
      i++;
      for (;;) {
        if (i >= text.length) throw new CsvError(start, 'a quoted value is never closed');
        const q = text[i];
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === '\n' || (q === '\r' && text[i + 1] !== '\n')) line++;
        field += q;
        i++;
      }
      const next = text[i];
      if (next !== undefined && next !== separator && next !== '\n' && next !== '\r')
        throw new CsvError(line, 'text after a closing quote');
    } else if (c === separator) {
      endField();
      i++;
    } else if (c === '\n' || c === '\r') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
    } else {
      if (quoted) throw new CsvError(line, 'text after a closing quote');
      field += c;
      i++;
    }
  }
  if (field !== '' || quoted || fields.length > 0) endRecord();
  return records;
}

/**
 * Parses CSV (RFC 4180: quoted values, `""` inside quotes, CRLF or LF, an optional BOM) whose first
 * line is a header. The separator, `,` or `;`, is detected from the header line. Blank lines are
 * skipped; header names and values are kept as written except that header names are trimmed.
 * Throws `CsvError` for an unterminated quote, text after a closing quote, a duplicate or empty
 * header name, or a row with a different number of values than the header.
 */
export function parseCsv(text: string): ParsedCsv {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const separator = detectSeparator(body);
  const records = tokenize(body, separator).filter((r) => !r.blank);
  const [first, ...rest] = records;
  if (!first) throw new CsvError(1, 'the file is empty (a header line is needed)');
  const header = first.fields.map((h) => h.trim());
  const seen = new Set<string>();
  for (const name of header) {
    if (name === '') throw new CsvError(first.line, 'a column in the header has no name');
    if (seen.has(name)) throw new CsvError(first.line, `the column "${name}" appears twice in the header`);
    seen.add(name);
  }
  const rows = rest.map((record) => {
    if (record.fields.length !== header.length)
      throw new CsvError(
        record.line,
        `${record.fields.length} values where the header has ${header.length} columns`,
      );
    const values: Record<string, string> = {};
    header.forEach((name, index) => {
      values[name] = record.fields[index] ?? '';
    });
    return { line: record.line, values };
  });
  return { header, separator, rows };
}

/** Quotes a value when it holds the separator, a quote or a line break. */
function formatValue(value: string, separator: string): string {
  return /["\r\n]/.test(value) || value.includes(separator) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Writes a header and rows as CSV (CRLF line ends, as RFC 4180 and Excel expect). */
export function formatCsv(
  header: readonly string[],
  rows: readonly Record<string, string | null | undefined>[],
  separator: ',' | ';' = ',',
): string {
  const lines = [header.map((h) => formatValue(h, separator)).join(separator)];
  for (const row of rows) lines.push(header.map((h) => formatValue(row[h] ?? '', separator)).join(separator));
  return `${lines.join('\r\n')}\r\n`;
}

/** The header's missing required columns, as file-level errors on the header line. */
export function checkColumns(
  parsed: Pick<ParsedCsv, 'header'>,
  required: readonly string[],
  known?: readonly string[],
): RowError[] {
  const errors: RowError[] = required
    .filter((column) => !parsed.header.includes(column))
    .map((column) => ({ line: 1, column, message: `the required column "${column}" is missing` }));
  if (known)
    for (const column of parsed.header)
      if (!known.includes(column)) errors.push({ line: 1, column, message: `unknown column "${column}"` });
  return errors;
}

/**
 * Validates every row with a zod schema (applied to the row's values by header name) and collects
 * every problem, each with its line and column: nothing stops at the first error. Rows that pass
 * come back parsed, with their line.
 */
export function validateRows<S extends z.ZodType>(
  rows: readonly CsvRow[],
  schema: S,
): { valid: { line: number; value: z.output<S> }[]; errors: RowError[] } {
  const valid: { line: number; value: z.output<S> }[] = [];
  const errors: RowError[] = [];
  for (const row of rows) {
    const result = schema.safeParse(row.values);
    if (result.success) {
      valid.push({ line: row.line, value: result.data });
      continue;
    }
    for (const issue of result.error.issues) {
      const column = issue.path.length > 0 ? String(issue.path[0]) : undefined;
      errors.push(
        column === undefined
          ? { line: row.line, message: issue.message }
          : { line: row.line, column, message: issue.message },
      );
    }
  }
  return { valid, errors };
}
