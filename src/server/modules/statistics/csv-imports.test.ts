import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditMark, auditSince } from '../../../../tests/support/audit.ts';
import { useTestApp } from '../../../../tests/support/test-app.ts';
import { SYSTEM } from '../../platform/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { commitAreaImport } from '../areas/import/import.usecases.ts';
import { TEST_AREAS } from '../facilities/facilities.fixtures.ts';
import { type CsvImportInput, importStatisticsCsv, type StatisticsCsvKind } from './csv-imports.usecases.ts';
import { statisticsTemplate } from './csv-queries.ts';

const t = useTestApp();
const db = () => t.current.database.db;
const areaId = new Map<string, string>();

beforeAll(async () => {
  // Neighbourhoods Norrdal and Söderdal in the district area Mittdistriktet; then a district area
  // also called Söderdal, so that name is ambiguous without area_level.
  await commitAreaImport({ deps: t.current.deps, caller: SYSTEM, input: TEST_AREAS });
  const root = await sql<{ id: string; municipality_id: string }>`
    SELECT id, municipality_id FROM areas WHERE parent_id IS NULL`.execute(db());
  await sql`INSERT INTO areas (parent_id, level, name, code, municipality_id, depth)
    VALUES (${root.rows[0]!.id}, 'district_area', 'Söderdal', 'SD-9', ${root.rows[0]!.municipality_id}, 1)`.execute(
    db(),
  );
  const { rows } = await sql<{ id: string; name: string; level: string }>`
    SELECT id, name, level FROM areas`.execute(db());
  for (const r of rows) areaId.set(`${r.level}:${r.name}`, r.id);
});

const run = (kind: StatisticsCsvKind, csv: string | Buffer, extra: Partial<CsvImportInput> = {}) =>
  importStatisticsCsv(t.current.deps, {
    kind,
    csv,
    origin: 'cli',
    fileName: 'f.csv',
    actorId: null,
    ...extra,
  });

/** The row errors of a failed import (it must fail). */
async function rowErrors(kind: StatisticsCsvKind, csv: string | Buffer) {
  const err = await run(kind, csv).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('statistics.import_invalid');
  return (err as AppError).details as { errors: { line: number; column?: string; message: string }[] };
}

async function counts() {
  const { rows } = await sql<Record<string, number>>`SELECT
    (SELECT count(*)::int FROM survey_results) AS survey,
    (SELECT count(*)::int FROM population) AS population,
    (SELECT count(*)::int FROM reported_crime) AS crime,
    (SELECT count(*)::int FROM statistics_imports) AS imports`.execute(db());
  return rows[0]!;
}

describe('importing population', () => {
  it('writes every row, matches area names whatever the case or accents, and records the import', async () => {
    // "Söderdal" alone is ambiguous here (a neighbourhood and a district area): area_level says which.
    const file = [
      'year;area;gender;age_band;count;area_level',
      '2024;NORRDAL;kvinna;0-15;120;',
      '2024;norrdal;man;0–15;118;',
      '2024;SODERDAL;woman;80+;40;Neighbourhood',
    ].join('\n');
    const mark = await auditMark(db());
    const progress: string[] = [];
    const result = await run('population', `\ufeff${file}`, {
      onProgress: (done, total, stage) => {
        progress.push(`${stage} ${done}/${total}`);
      },
    });
    expect(result).toMatchObject({
      kind: 'population',
      rows: 3,
      created: 3,
      updated: 0,
      unchanged: 0,
      coverageFrom: '2024-01-01',
      coverageTo: '2024-12-31',
    });
    expect(progress).toContain('validating 3/3');
    expect(progress).toContain('writing 3/3');
    const rows = await db()
      .selectFrom('population' as never)
      .selectAll()
      .orderBy('count' as never)
      .execute();
    expect(rows).toEqual([
      expect.objectContaining({
        area_id: areaId.get('neighbourhood:Söderdal'),
        gender: 'woman',
        age_band: '80+',
        count: 40,
      }),
      expect.objectContaining({
        area_id: areaId.get('neighbourhood:Norrdal'),
        gender: 'man',
        age_band: '0-15',
        count: 118,
      }),
      expect.objectContaining({
        area_id: areaId.get('neighbourhood:Norrdal'),
        gender: 'woman',
        age_band: '0-15',
        count: 120,
      }),
    ]);
    const record = await sql<
      Record<string, unknown>
    >`SELECT * FROM statistics_imports WHERE id = ${result.importId}`.execute(db());
    expect(record.rows[0]).toMatchObject({
      kind: 'population',
      origin: 'cli',
      file_name: 'f.csv',
      row_count: 3,
      created_count: 3,
      coverage_from: '2024-01-01',
      coverage_to: '2024-12-31',
    });
    expect(record.rows[0]!.source_sha256).toMatch(/^[0-9a-f]{64}$/);
    const audit = await auditSince(db(), mark);
    expect(audit.map((a) => a.action)).toEqual(['statistics.import']);

    // The same file again: nothing changes.
    const again = await run('population', `\ufeff${file}`);
    expect(again).toMatchObject({ rows: 3, created: 0, updated: 0, unchanged: 3 });
    // One value changed: one row updated, and it now points to the new import.
    const changed = await run('population', `\ufeff${file.replace(';120;', ';121;')}`);
    expect(changed).toMatchObject({ rows: 3, created: 0, updated: 1, unchanged: 2 });
    const updated = await sql<{ count: number; import_id: string }>`
      SELECT count, import_id FROM population WHERE gender = 'woman' AND age_band = '0-15'`.execute(db());
    expect(updated.rows[0]).toEqual({ count: 121, import_id: changed.importId });
  });

  it('counts without writing on a dry run', async () => {
    const before = await counts();
    const result = await run(
      'population',
      'year,area,gender,age_band,count\n2023,Norrdal,woman,25-44,500\n2023,SD-9,man,25-44,480\n',
      { dryRun: true },
    );
    expect(result).toMatchObject({ importId: null, rows: 2, created: 2, updated: 0, unchanged: 0 });
    expect(await counts()).toEqual(before);
  });
});

describe('importing survey results and reported crime', () => {
  it('reads groups, Swedish gender words, decimal commas and a comma-separated file', async () => {
    const csv = [
      'year,area,question,question_label,group,group_value,value,respondents',
      '2024,Norrdal,worried_crime,Ofta orolig för brott,all,,"23,5",800',
      '2024,Norrdal,worried_crime,Ofta orolig för brott,kön,kvinna,31.25,410',
      '2024,Norrdal,worried_crime,Ofta orolig för brott,gender,man,16,390',
      '2024,Norrdal,worried_crime,Ofta orolig för brott,age_band,16–24,28,',
      '2024,Norrdal,worried_crime,Ofta orolig för brott,foreign_born,ja,27,120',
      '2024,Mittdistriktet,worried_crime,Ofta orolig för brott,disability,nej,21,700',
    ].join('\r\n');
    const result = await run('survey', csv);
    expect(result).toMatchObject({
      rows: 6,
      created: 6,
      coverageFrom: '2024-01-01',
      coverageTo: '2024-12-31',
    });
    const rows = await sql<{
      group_kind: string;
      group_value: string;
      value: string;
      respondents: number | null;
    }>`
      SELECT group_kind, group_value, value, respondents FROM survey_results ORDER BY group_kind, group_value`.execute(
      db(),
    );
    expect(rows.rows).toEqual([
      { group_kind: 'age_band', group_value: '16-24', value: '28.000', respondents: null },
      { group_kind: 'all', group_value: '', value: '23.500', respondents: 800 },
      { group_kind: 'disability', group_value: 'no', value: '21.000', respondents: 700 },
      { group_kind: 'foreign_born', group_value: 'yes', value: '27.000', respondents: 120 },
      { group_kind: 'gender', group_value: 'man', value: '16.000', respondents: 390 },
      { group_kind: 'gender', group_value: 'woman', value: '31.250', respondents: 410 },
    ]);
    expect(await run('survey', csv)).toMatchObject({ created: 0, updated: 0, unchanged: 6 });
  });

  it('stores reported-crime periods as their first and last day', async () => {
    const csv = [
      'period;area;crime_type;count',
      '2023;Norrdal;Stöld;120',
      '2024-02;Norrdal;Stöld;9',
      '2024-Q3;Norrdal;Misshandel;4',
    ].join('\n');
    const result = await run('reported_crime', csv);
    expect(result).toMatchObject({
      rows: 3,
      created: 3,
      coverageFrom: '2023-01-01',
      coverageTo: '2024-09-30',
    });
    const rows = await sql<{ period_start: string; period_end: string; crime_type: string }>`
      SELECT period_start::text, period_end::text, crime_type FROM reported_crime ORDER BY period_start`.execute(
      db(),
    );
    expect(rows.rows).toEqual([
      { period_start: '2023-01-01', period_end: '2023-12-31', crime_type: 'Stöld' },
      { period_start: '2024-02-01', period_end: '2024-02-29', crime_type: 'Stöld' },
      { period_start: '2024-07-01', period_end: '2024-09-30', crime_type: 'Misshandel' },
    ]);
  });
});

describe('a file with errors', () => {
  it('reports every bad row with its line and column and writes nothing', async () => {
    const before = await counts();
    const mark = await auditMark(db());
    const csv = [
      'year;area;gender;age_band;count',
      '2024;Norrdal;woman;0-15;10', // 2: fine
      '24;Norrdal;woman;16-24;10', // 3: year
      '2024;Ingenstans;woman;16-24;10', // 4: unknown area
      '2024;Söderdal;woman;16-24;10', // 5: ambiguous area
      '2024;Norrdal;kvinnan;16-24;10', // 6: gender
      '2024;Norrdal;man;16 till 24;10', // 7: age band
      '2024;Norrdal;man;25-44;-3', // 8: count
      '2024;NORRDAL;kvinna;0-15;11', // 9: the same as line 2
    ].join('\n');
    const { errors } = await rowErrors('population', csv);
    expect(errors).toEqual([
      { line: 3, column: 'year', message: 'Write the year as four digits, e.g. 2024' },
      { line: 4, column: 'area', message: 'No area "Ingenstans" in the municipality' },
      {
        line: 5,
        column: 'area',
        message: expect.stringMatching(
          /"Söderdal" names 2 areas \((neighbourhood, district_area|district_area, neighbourhood)\); add the column area_level/,
        ),
      },
      { line: 6, column: 'gender', message: expect.stringContaining('Unknown gender "kvinnan"') },
      { line: 7, column: 'age_band', message: expect.stringContaining('Not an age band') },
      { line: 8, column: 'count', message: 'Write a whole number, 0 or more' },
      { line: 9, message: 'The same area, year, gender and age band as on line 2' },
    ]);
    expect(await counts()).toEqual(before);
    expect(await auditSince(db(), mark)).toEqual([]);
  });

  it('names bad survey values, groups and periods', async () => {
    const before = await counts();
    const survey = [
      'year;area;question;question_label;group;group_value;value;respondents',
      '2024;Norrdal;Worried Crime;Orolig;all;;20;', // question code
      '2024;Norrdal;worried_crime;;all;;20;', // label
      '2024;Norrdal;worried_crime;Orolig;gender;;20;', // group value missing
      '2024;Norrdal;worried_crime;Orolig;gender;x;20;', // gender
      '2024;Norrdal;worried_crime;Orolig;all;;101;', // percent
      '2024;Norrdal;worried_crime;Orolig;åldersgrupp;16-24;20,5;many', // respondents
    ].join('\n');
    const s = await rowErrors('survey', survey);
    expect(s.errors.map((e) => [e.line, e.column])).toEqual([
      [2, 'question'],
      [3, 'question_label'],
      [4, 'group_value'],
      [5, 'group_value'],
      [6, 'value'],
      [7, 'respondents'],
    ]);
    const crime = ['period;area;crime_type;count', '2024-13;Norrdal;Stöld;1', '2024-Q5;Norrdal;;1'].join(
      '\n',
    );
    const c = await rowErrors('reported_crime', crime);
    expect(c.errors.map((e) => [e.line, e.column])).toEqual([
      [2, 'period'],
      [3, 'period'],
      [3, 'crime_type'],
    ]);
    expect(await counts()).toEqual(before);
  });

  it('refuses missing or unknown columns, malformed CSV, an empty file and text that is not UTF-8', async () => {
    const before = await counts();
    expect((await rowErrors('population', 'year;area;gender;count\n2024;Norrdal;woman;1\n')).errors).toEqual([
      { line: 1, column: 'age_band', message: 'the required column "age_band" is missing' },
    ]);
    expect((await rowErrors('population', 'year;area;gender;age_band;count;colour\n')).errors).toEqual([
      { line: 1, column: 'colour', message: 'unknown column "colour"' },
    ]);
    expect((await rowErrors('population', 'year;area;gender;age_band;count\n')).errors).toEqual([
      { line: 1, message: 'The file has no rows' },
    ]);
    expect(
      (await rowErrors('population', 'year;area;gender;age_band;count\n2024;"Norrdal;woman;0-15;1\n')).errors,
    ).toEqual([{ line: 2, message: 'a quoted value is never closed' }]);
    const latin1 = Buffer.from('year;area;gender;age_band;count\n2024;S\xf6derdal;woman;0-15;1\n', 'latin1');
    expect((await rowErrors('population', latin1)).errors[0]!.message).toContain('not UTF-8');
    expect(await counts()).toEqual(before);
  });
});

describe('the templates', () => {
  it.each(['survey', 'population', 'reported_crime'] as const)(
    'the %s template imports as it is (dry run)',
    async (kind) => {
      const template = await statisticsTemplate(t.current.deps, kind);
      expect(template.startsWith('\ufeff')).toBe(true);
      expect(template.split('\r\n').filter(Boolean)).toHaveLength(3);
      const result = await run(kind, template, { dryRun: true });
      expect(result.rows).toBe(2);
      expect(result.created + result.updated + result.unchanged).toBe(2);
    },
  );
});
