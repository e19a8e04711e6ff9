import { describe, expect, it } from 'vitest';
import { parseXml, readXlsx } from '../../../tests/support/xlsx.ts';
import { buildXlsx, columnName, excelSerial, safeSheetName, XlsxWriter } from './xlsx.ts';

const columns = [{ header: 'Referens', width: 14 }, { header: 'Antal' }, { header: 'Inträffade' }];

describe('the XLSX writer', () => {
  it('writes a workbook whose parts are well-formed XML, with the package parts Excel needs', () => {
    const file = readXlsx(buildXlsx({ sheetName: 'Händelser', columns }, [['H-1', 3, null]]));
    expect(file.parts).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    expect(file.sheetName).toBe('Händelser');
  });

  it('puts a bold, frozen header row above the data', () => {
    const file = readXlsx(buildXlsx({ sheetName: 'Blad', columns }, [['H-1', 3, null]]));
    expect(file.rows[0]).toEqual(['Referens', 'Antal', 'Inträffade']);
    expect(file.styles[0]!.every((s) => s !== null && file.cellXfs[s]!.bold)).toBe(true);
    expect(file.frozenRows).toBe(1);
    expect(file.styles[1]!.every((s) => s === null || !file.cellXfs[s]!.bold)).toBe(true);
  });

  it('keeps strings, numbers, booleans and empty cells apart, escaping what XML cannot hold', () => {
    const rows = [
      ['<b>Tom & "Jerry"</b>', 42.5, true],
      ['  leading space\nand a new line', -1, false],
      ['a\u0001control\u0007character', null, undefined],
      ['=1+1', 0, ''],
    ];
    const file = readXlsx(buildXlsx({ sheetName: 'Blad', columns }, rows));
    expect(file.rows.slice(1)).toEqual([
      ['<b>Tom & "Jerry"</b>', 42.5, true],
      ['  leading space\nand a new line', -1, false],
      ['acontrolcharacter'],
      ['=1+1', 0],
    ]);
  });

  it('writes date-times as Stockholm wall-clock serial numbers with a date format', () => {
    const summer = new Date('2026-07-01T10:30:00Z'); // 12:30 in Stockholm (CEST)
    const winter = new Date('2026-01-15T23:15:00Z'); // 00:15 the next day (CET)
    const file = readXlsx(
      buildXlsx({ sheetName: 'Blad', columns }, [
        [null, null, summer],
        [null, null, winter],
      ]),
    );
    const serialOf = (y: number, m: number, d: number, h: number, min: number) =>
      Date.UTC(y, m - 1, d, h, min) / 86_400_000 + 25569;
    expect(file.rows[1]![2]).toBeCloseTo(serialOf(2026, 7, 1, 12, 30), 8);
    expect(file.rows[2]![2]).toBeCloseTo(serialOf(2026, 1, 16, 0, 15), 8);
    // 2026-07-01 is day 46204 in Excel.
    expect(Math.floor(file.rows[1]![2] as number)).toBe(46204);
    const style = file.styles[1]![2]!;
    expect(file.cellXfs[style]!.numFmt).toBe('yyyy-mm-dd hh:mm');
  });

  it('streams: rows added in batches come out as one archive with every row in order', () => {
    const writer = new XlsxWriter({ sheetName: 'Blad', columns });
    const parts: Uint8Array[] = [];
    for (let batch = 0; batch < 5; batch++) {
      parts.push(
        ...writer.addRows(Array.from({ length: 1000 }, (_, i) => [`H-${batch * 1000 + i}`, i, null])),
      );
    }
    parts.push(...writer.finish());
    const bytes = Buffer.concat(parts);
    const file = readXlsx(bytes);
    expect(file.rows).toHaveLength(5001);
    expect(file.rows[4321]).toEqual(['H-4320', 320]);
    expect(file.rows.at(-1)).toEqual(['H-4999', 999]);
  });

  it('names columns and sheets the way Excel does', () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnName)).toEqual([
      'A',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
    ]);
    expect(safeSheetName('Händelser [2026]: a/b*c?')).toBe('Händelser  2026   a b c');
    expect(safeSheetName('x'.repeat(40))).toHaveLength(31);
    expect(excelSerial(new Date('1970-01-01T00:00:00Z'), 'UTC')).toBe(25569);
  });
});

describe('the test XML parser', () => {
  it('refuses malformed XML, so the writer tests above would notice it', () => {
    expect(() => parseXml('<a><b></a>')).toThrow();
    expect(() => parseXml('<a x="1" x="2"/>')).toThrow();
    expect(() => parseXml('<a>Tom & Jerry</a>')).toThrow();
    expect(() => parseXml('<a>')).toThrow();
    expect(parseXml('<a x="&lt;1&gt;"><b>t&amp;t</b></a>').children[0]!.text).toBe('t&t');
  });
});
