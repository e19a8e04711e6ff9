import crypto from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/types.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppDeps } from '../../platform/context.ts';
import { CsvError, type CsvRow, checkColumns, parseCsv, type RowError } from '../../platform/csv.ts';
import { createOrganisationsRepository } from '../organisations/organisations.repository.ts';
import {
  type AreaRef,
  areaFinder,
  PopulationRowSchema,
  ReportedCrimeRowSchema,
  readGroup,
  readLevel,
  STATISTICS_CSV_COLUMNS,
  SurveyRowSchema,
} from './csv-formats.ts';
import { noMunicipality, statisticsImportInvalid } from './statistics.errors.ts';
import { statisticsDb } from './statistics.tables.ts';

export type StatisticsCsvKind = 'survey' | 'population' | 'reported_crime';

export interface CsvImportInput {
  kind: StatisticsCsvKind;
  csv: string | Buffer;
  origin: 'cli' | 'upload';
  fileName: string | null;
  actorId: string | null;
  dryRun?: boolean;
  onProgress?: (done: number, total: number, stage: 'validating' | 'writing') => void | Promise<void>;
}

export interface CsvImportResult {
  importId: string | null;
  kind: StatisticsCsvKind;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  coverageFrom: string | null;
  coverageTo: string | null;
}

/** How many row errors an import reports at most (the count says how many there were). */
export const MAX_REPORTED_ERRORS = 1000;
const BATCH = 5000;
const PROGRESS_EVERY = 500;

/** A validated row: its table values and the key that must not repeat within the file. */
interface Prepared {
  line: number;
  key: string;
  values: Record<string, string | number | null>;
  from: string;
  to: string;
}

/** Each kind's table, primary key, the columns an update may change, and every column's SQL type. */
const TABLES: Record<
  StatisticsCsvKind,
  { table: string; key: string[]; data: string[]; types: Record<string, string> }
> = {
  survey: {
    table: 'survey_results',
    key: ['area_id', 'year', 'question_code', 'group_kind', 'group_value'],
    data: ['question_label', 'value', 'respondents'],
    types: {
      area_id: 'uuid',
      year: 'int4',
      question_code: 'text',
      group_kind: 'text',
      group_value: 'text',
      question_label: 'text',
      value: 'numeric',
      respondents: 'int4',
    },
  },
  population: {
    table: 'population',
    key: ['area_id', 'year', 'gender', 'age_band'],
    data: ['count'],
    types: { area_id: 'uuid', year: 'int4', gender: 'text', age_band: 'text', count: 'int4' },
  },
  reported_crime: {
    table: 'reported_crime',
    key: ['area_id', 'period_start', 'period_end', 'crime_type'],
    data: ['count'],
    types: { area_id: 'uuid', period_start: 'date', period_end: 'date', crime_type: 'text', count: 'int4' },
  },
};

function fail(errors: RowError[]): never {
  const sorted = [...errors].sort((a, b) => a.line - b.line);
  throw statisticsImportInvalid({ errors: sorted.slice(0, MAX_REPORTED_ERRORS), errorCount: errors.length });
}

/** The text of the file: UTF-8 (a BOM is fine); anything else is an error on the line it shows. */
function decode(csv: string | Buffer): string {
  let text: string;
  if (typeof csv === 'string') text = csv;
  else
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(csv);
    } catch {
      fail([{ line: 1, message: 'The file is not UTF-8 text; save it as "CSV UTF-8"' }]);
    }
  const bad = text.indexOf('\ufffd');
  if (bad >= 0) {
    const line = text.slice(0, bad).split('\n').length;
    fail([{ line, message: 'The file is not UTF-8 text; save it as "CSV UTF-8"' }]);
  }
  return text;
}

const yearFrom = (y: number) => `${y}-01-01`;
const yearTo = (y: number) => `${y}-12-31`;

/** Checks one row's values and turns them into the table's values (errors pushed to `errors`). */
function prepare(
  kind: StatisticsCsvKind,
  row: CsvRow,
  findArea: ReturnType<typeof areaFinder>,
  errors: RowError[],
): Prepared | null {
  const schema =
    kind === 'survey'
      ? SurveyRowSchema
      : kind === 'population'
        ? PopulationRowSchema
        : ReportedCrimeRowSchema;
  const parsed = (schema as z.ZodType).safeParse(row.values);
  const rowErrors: RowError[] = [];
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const column = issue.path.length > 0 ? String(issue.path[0]) : undefined;
      rowErrors.push(
        column
          ? { line: row.line, column, message: issue.message }
          : { line: row.line, message: issue.message },
      );
    }
  // The area is checked even when another value is wrong, so one pass shows every problem of the row.
  const areaText = (row.values.area ?? '').trim();
  let area: AreaRef | null = null;
  if (areaText !== '') {
    const found = findArea(areaText, readLevel(row.values.area_level));
    if (typeof found === 'string') rowErrors.push({ line: row.line, column: 'area', message: found });
    else area = found;
  }
  let group: { groupKind: string; groupValue: string } | null = null;
  if (kind === 'survey') {
    const g = readGroup(row.values.group ?? '', row.values.group_value ?? '');
    if ('error' in g) rowErrors.push({ line: row.line, column: g.column, message: g.error });
    else group = g;
  }
  if (rowErrors.length > 0 || !parsed.success || !area) {
    errors.push(...rowErrors);
    return null;
  }
  if (kind === 'survey') {
    const v = parsed.data as z.output<typeof SurveyRowSchema>;
    return {
      line: row.line,
      key: [area.id, v.year, v.question, group!.groupKind, group!.groupValue].join('\u0000'),
      values: {
        area_id: area.id,
        year: v.year,
        question_code: v.question,
        group_kind: group!.groupKind,
        group_value: group!.groupValue,
        question_label: v.question_label,
        value: v.value,
        respondents: v.respondents,
      },
      from: yearFrom(v.year),
      to: yearTo(v.year),
    };
  }
  if (kind === 'population') {
    const v = parsed.data as z.output<typeof PopulationRowSchema>;
    return {
      line: row.line,
      key: [area.id, v.year, v.gender, v.age_band].join('\u0000'),
      values: { area_id: area.id, year: v.year, gender: v.gender, age_band: v.age_band, count: v.count },
      from: yearFrom(v.year),
      to: yearTo(v.year),
    };
  }
  const v = parsed.data as z.output<typeof ReportedCrimeRowSchema>;
  return {
    line: row.line,
    key: [area.id, v.period.start, v.period.end, v.crime_type.toLocaleLowerCase('sv')].join('\u0000'),
    values: {
      area_id: area.id,
      period_start: v.period.start,
      period_end: v.period.end,
      crime_type: v.crime_type,
      count: v.count,
    },
    from: v.period.start,
    to: v.period.end,
  };
}

/** The municipality's areas (all of them, whatever their validity: statistics can be old). */
async function loadAreas(deps: Pick<AppDeps, 'db'>, municipalityId: string): Promise<AreaRef[]> {
  const { rows } = await sql<AreaRef>`
    SELECT id, name, code, level FROM areas WHERE municipality_id = ${municipalityId}`.execute(deps.db);
  return rows;
}

/**
 * Upserts a batch on the primary key; a row whose values are the same is left alone. Returns how
 * many were inserted and how many updated (the rest were unchanged).
 */
async function upsert(
  trx: Transaction<Database>,
  kind: StatisticsCsvKind,
  batch: Prepared[],
  importId: string,
): Promise<{ inserted: number; updated: number }> {
  const { table, key, data, types } = TABLES[kind];
  const columns = [...key, ...data];
  // One array per column (unnest): a few parameters instead of one per value.
  const arrays = columns.map((c) => sql`${batch.map((p) => p.values[c] ?? null)}::${sql.raw(types[c]!)}[]`);
  const { rows } = await sql<{ inserted: boolean }>`
    INSERT INTO ${sql.table(table)} (${sql.join([...columns, 'import_id'].map((c) => sql.ref(c)))})
    SELECT ${sql.join(columns.map((c) => sql.ref(`u.${c}`)))}, ${importId}::uuid
    FROM unnest(${sql.join(arrays)}) AS u(${sql.join(columns.map((c) => sql.ref(c)))})
    ON CONFLICT (${sql.join(key.map((c) => sql.ref(c)))}) DO UPDATE SET
      ${sql.join([...data, 'import_id'].map((c) => sql`${sql.ref(c)} = excluded.${sql.ref(c)}`))}
    WHERE (${sql.join(data.map((c) => sql.ref(`${table}.${c}`)))}) IS DISTINCT FROM
      (${sql.join(data.map((c) => sql.ref(`excluded.${c}`)))})
    RETURNING (xmax = 0) AS inserted`.execute(trx);
  const inserted = rows.filter((r) => r.inserted).length;
  return { inserted, updated: rows.length - inserted };
}

/** Rolls the transaction of a dry run back after counting. */
class DryRun extends Error {}

/**
 * Imports survey results, population or reported crime from CSV (docs/statistics-imports.md).
 * Validates every row first; on any error throws `statistics.import_invalid` with per-row errors
 * (`details.errors`) and writes nothing. Otherwise upserts every row on its primary key in one
 * transaction (a row with the same values stays as it was, so a re-import changes nothing), records
 * a `statistics_imports` row and audits `statistics.import`.
 */
export async function importStatisticsCsv(deps: AppDeps, input: CsvImportInput): Promise<CsvImportResult> {
  const { kind } = input;
  const sha256 = crypto
    .createHash('sha256')
    .update(typeof input.csv === 'string' ? Buffer.from(input.csv, 'utf8') : input.csv)
    .digest('hex');
  const text = decode(input.csv);
  let parsed: ReturnType<typeof parseCsv>;
  try {
    parsed = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvError) fail([{ line: err.line, message: err.message.replace(/^line \d+: /, '') }]);
    throw err;
  }
  const columns = STATISTICS_CSV_COLUMNS[kind];
  const columnErrors = checkColumns(parsed, columns.required, [...columns.required, ...columns.optional]);
  if (columnErrors.length > 0) fail(columnErrors);
  if (parsed.rows.length === 0) fail([{ line: 1, message: 'The file has no rows' }]);

  const root = await createOrganisationsRepository(deps).findRoot();
  if (!root) throw noMunicipality();
  const findArea = areaFinder(await loadAreas(deps, root.id));

  const total = parsed.rows.length;
  const errors: RowError[] = [];
  const prepared: Prepared[] = [];
  const seen = new Map<string, number>();
  await input.onProgress?.(0, total, 'validating');
  for (const [index, row] of parsed.rows.entries()) {
    const p = prepare(kind, row, findArea, errors);
    if (p) {
      const earlier = seen.get(p.key);
      if (earlier !== undefined)
        errors.push({ line: row.line, message: `The same ${kindNoun(kind)} as on line ${earlier}` });
      else {
        seen.set(p.key, row.line);
        prepared.push(p);
      }
    }
    if ((index + 1) % PROGRESS_EVERY === 0) await input.onProgress?.(index + 1, total, 'validating');
  }
  await input.onProgress?.(total, total, 'validating');
  if (errors.length > 0) fail(errors);

  let coverageFrom = prepared[0]!.from;
  let coverageTo = prepared[0]!.to;
  for (const p of prepared) {
    if (p.from < coverageFrom) coverageFrom = p.from;
    if (p.to > coverageTo) coverageTo = p.to;
  }
  const result: CsvImportResult = {
    importId: null,
    kind,
    rows: total,
    created: 0,
    updated: 0,
    unchanged: 0,
    coverageFrom,
    coverageTo,
  };
  const now = deps.now();
  await deps.db
    .transaction()
    .execute(async (trx) => {
      // Two imports of one kind at once would race on the same keys: one at a time.
      await sql`SELECT pg_advisory_xact_lock(hashtext(${`trygg.statistics_import.${kind}`}))`.execute(trx);
      const s = statisticsDb(trx);
      const record = await s
        .insertInto('statistics_imports')
        .values({
          municipality_id: root.id,
          kind,
          origin: input.origin,
          file_name: input.fileName ? input.fileName.slice(0, 300) : null,
          source_sha256: sha256,
          row_count: total,
          coverage_from: coverageFrom,
          coverage_to: coverageTo,
          imported_at: now,
          imported_by: input.actorId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await input.onProgress?.(0, total, 'writing');
      for (let i = 0; i < prepared.length; i += BATCH) {
        const batch = prepared.slice(i, i + BATCH);
        const { inserted, updated } = await upsert(trx as Transaction<Database>, kind, batch, record.id);
        result.created += inserted;
        result.updated += updated;
        await input.onProgress?.(Math.min(i + BATCH, total), total, 'writing');
      }
      result.unchanged = total - result.created - result.updated;
      await s
        .updateTable('statistics_imports')
        .set({
          created_count: result.created,
          updated_count: result.updated,
          unchanged_count: result.unchanged,
        })
        .where('id', '=', record.id)
        .execute();
      await recordAudit(
        trx as Transaction<Database>,
        {
          action: 'statistics.import',
          actorId: input.actorId,
          organisationId: root.id,
          targetType: 'statistics_import',
          targetId: record.id,
          fields: [kind],
        },
        now,
      );
      if (input.dryRun) throw new DryRun();
      result.importId = record.id;
    })
    .catch((err: unknown) => {
      if (!(err instanceof DryRun)) throw err;
    });
  return result;
}

function kindNoun(kind: StatisticsCsvKind): string {
  if (kind === 'survey') return 'area, year, question and group';
  if (kind === 'population') return 'area, year, gender and age band';
  return 'area, period and crime type';
}
