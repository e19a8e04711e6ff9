import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CsvError, checkColumns, formatCsv, parseCsv, validateRows } from './csv.ts';

function failure(text: string): CsvError {
  try {
    parseCsv(text);
  } catch (err) {
    if (err instanceof CsvError) return err;
    throw err;
  }
  throw new Error('parseCsv accepted the text');
}

describe('parseCsv', () => {
  it('reads a comma-separated file with a header, giving each row its line', () => {
    expect(parseCsv('name,code\nÄlvsjö,AL\nSpånga-Tensta,ST\n')).toEqual({
      header: ['name', 'code'],
      separator: ',',
      rows: [
        { line: 2, values: { name: 'Älvsjö', code: 'AL' } },
        { line: 3, values: { name: 'Spånga-Tensta', code: 'ST' } },
      ],
    });
  });

  it("detects Swedish Excel's semicolon from the header line, strips a BOM and reads CRLF", () => {
    const parsed = parseCsv('\uFEFFnamn;belopp\r\nA;1,5\r\nB;2,25\r\n');
    expect(parsed.separator).toBe(';');
    expect(parsed.header).toEqual(['namn', 'belopp']);
    expect(parsed.rows.map((r) => r.values)).toEqual([
      { namn: 'A', belopp: '1,5' },
      { namn: 'B', belopp: '2,25' },
    ]);
  });

  it('does not count separators inside a quoted header name when detecting', () => {
    expect(parseCsv('"a;b;c",d\nx,y').header).toEqual(['a;b;c', 'd']);
  });

  it('reads quoted values with separators, escaped quotes and line breaks, and counts lines right', () => {
    const parsed = parseCsv('name,note\n"Hägersten, Älvsjö","said ""hej""\nand left"\nlast,""\n');
    expect(parsed.rows).toEqual([
      { line: 2, values: { name: 'Hägersten, Älvsjö', note: 'said "hej"\nand left' } },
      { line: 4, values: { name: 'last', note: '' } },
    ]);
  });

  it('accepts a last line without a line break, skips blank lines, keeps empty values', () => {
    expect(parseCsv('a,b\n\n1,\n\r\n,2').rows).toEqual([
      { line: 3, values: { a: '1', b: '' } },
      { line: 5, values: { a: '', b: '2' } },
    ]);
  });

  it('keeps a single-column row holding a quoted empty value', () => {
    expect(parseCsv('a\n""\nx\n').rows).toEqual([
      { line: 2, values: { a: '' } },
      { line: 3, values: { a: 'x' } },
    ]);
  });

  it('refuses an unterminated quote, naming the line it opened on', () => {
    const err = failure('a,b\n1,2\n3,"never\nclosed\n');
    expect(err).toMatchObject({ line: 3, message: expect.stringContaining('never closed') });
  });

  it('refuses a row with the wrong number of values', () => {
    expect(failure('a,b\n1,2\n1,2,3\n')).toMatchObject({ line: 3 });
    expect(failure('a,b\n1\n')).toMatchObject({ line: 2, message: expect.stringContaining('1 values') });
  });

  it('refuses text after a closing quote and a quote inside an unquoted value', () => {
    expect(failure('a\n"x"y\n').line).toBe(2);
    expect(failure('a\nx"y"\n').line).toBe(2);
  });

  it('refuses an empty file, an empty header name and a duplicate header name', () => {
    expect(failure('').line).toBe(1);
    expect(failure('\uFEFF\r\n\r\n').line).toBe(1);
    expect(failure('a,,b\n').message).toContain('no name');
    expect(failure('a,b,a\n').message).toContain('twice');
  });
});

describe('formatCsv', () => {
  it('writes CRLF lines, quoting only what needs it, and reads back the same', () => {
    const text = formatCsv(['name', 'note'], [{ name: 'A, B', note: 'say "x"' }, { name: 'C' }]);
    expect(text).toBe('name,note\r\n"A, B","say ""x"""\r\nC,\r\n');
    expect(parseCsv(text).rows.map((r) => r.values)).toEqual([
      { name: 'A, B', note: 'say "x"' },
      { name: 'C', note: '' },
    ]);
    expect(formatCsv(['a'], [{ a: '1;2' }], ';')).toBe('a\r\n"1;2"\r\n');
  });
});

describe('checkColumns', () => {
  it('reports missing required columns and unknown ones on the header line', () => {
    expect(checkColumns({ header: ['name', 'extra'] }, ['name', 'kind'], ['name', 'kind'])).toEqual([
      { line: 1, column: 'kind', message: 'the required column "kind" is missing' },
      { line: 1, column: 'extra', message: 'unknown column "extra"' },
    ]);
  });
});

describe('validateRows', () => {
  const schema = z.object({
    name: z.string().min(1, 'a name is required'),
    count: z.string().regex(/^\d+$/, 'a whole number is expected').transform(Number),
  });

  it('collects every error of every row with line and column, and returns the valid rows parsed', () => {
    const { rows } = parseCsv('name,count\nA,1\n,x\nB,2\n');
    expect(validateRows(rows, schema)).toEqual({
      valid: [
        { line: 2, value: { name: 'A', count: 1 } },
        { line: 4, value: { name: 'B', count: 2 } },
      ],
      errors: [
        { line: 3, column: 'name', message: 'a name is required' },
        { line: 3, column: 'count', message: 'a whole number is expected' },
      ],
    });
  });

  it('reports a row-level refinement without a column', () => {
    const refined = z
      .object({ a: z.string(), b: z.string() })
      .refine((v) => v.a !== v.b, 'a and b must differ');
    expect(validateRows(parseCsv('a,b\n1,1\n').rows, refined).errors).toEqual([
      { line: 2, message: 'a and b must differ' },
    ]);
  });
});
