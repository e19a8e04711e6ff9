import { z } from 'zod';
import { DaySchema, ORGANISATION_CSV_COLUMNS } from '../../../domain/api/organisations.ts';
import type { CommitteeType, OrganisationKind } from '../../../domain/roles.ts';
import { formatCsv, type RowError } from '../../platform/csv.ts';
import type { OrganisationRecord } from './organisations.tables.ts';

// The rows of an organisations CSV file (docs/import-formats.md): their columns, how a row names its
// parent, and the order they are written in. The import use case checks and writes them.

export type Column = (typeof ORGANISATION_CSV_COLUMNS)[number];

/** Kinds and committee types as written in a file: the API's words, or the Swedish ones. */
const KIND_WORDS: Record<string, Exclude<OrganisationKind, 'municipality'>> = {
  executive_board: 'executive_board',
  kommunstyrelse: 'executive_board',
  kommunstyrelsen: 'executive_board',
  office: 'office',
  kontor: 'office',
  förvaltning: 'office',
  committee: 'committee',
  nämnd: 'committee',
  company: 'company',
  bolag: 'company',
  unit: 'unit',
  enhet: 'unit',
};
const COMMITTEE_TYPE_WORDS: Record<string, CommitteeType> = {
  district: 'district',
  stadsdelsnämnd: 'district',
  specialist: 'specialist',
  facknämnd: 'specialist',
};

const blank = (s: string | undefined): s is undefined => s === undefined || s.trim() === '';

/** An optional column: empty means null; otherwise `check` returns an error message or nothing. */
const cell = (check: (value: string) => string | undefined) =>
  z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (blank(s)) return null;
      const value = s.trim();
      const problem = check(value);
      if (problem) {
        ctx.addIssue({ code: 'custom', message: problem });
        return z.NEVER;
      }
      return value;
    });
const dayCell = cell((v) =>
  DaySchema.safeParse(v).success ? undefined : 'a date is written YYYY-MM-DD, e.g. 2020-07-01',
);

export const RowSchema = z.object({
  name: z.string().trim().min(1, 'a name is required').max(200, 'at most 200 characters'),
  kind: z.string().transform((s, ctx) => {
    const kind = KIND_WORDS[s.trim().toLowerCase()];
    if (!kind) {
      ctx.addIssue({
        code: 'custom',
        message: blank(s)
          ? 'a kind is required (executive_board, office, committee, company or unit)'
          : `unknown kind "${s.trim()}" (executive_board, office, committee, company or unit)`,
      });
      return z.NEVER;
    }
    return kind;
  }),
  committee_type: cell((v) =>
    COMMITTEE_TYPE_WORDS[v.toLowerCase()]
      ? undefined
      : `unknown committee type "${v}" (district or specialist)`,
  ).transform((v) => (v === null ? null : COMMITTEE_TYPE_WORDS[v.toLowerCase()]!)),
  parent: cell(() => undefined),
  valid_from: dayCell,
  valid_to: dayCell,
  code: cell((v) =>
    v.length > 50
      ? 'a code has at most 50 characters'
      : /^[\p{L}\p{N}._-]+$/u.test(v)
        ? undefined
        : 'a code has only letters, digits, dot, hyphen or underscore',
  ),
});
export type ImportRow = z.output<typeof RowSchema> & { line: number; present: ReadonlySet<Column> };

/** The columns to give, in order, and two example rows (a committee and a unit beneath it, by code). */
export function organisationsImportTemplate(): string {
  return formatCsv(ORGANISATION_CSV_COLUMNS, [
    {
      name: 'Hägersten-Älvsjö stadsdelsnämnd',
      kind: 'committee',
      committee_type: 'district',
      parent: '',
      valid_from: '2020-07-01',
      valid_to: '',
      code: 'HAL',
    },
    {
      name: 'Äldreomsorg',
      kind: 'unit',
      committee_type: '',
      parent: 'HAL',
      valid_from: '2020-07-01',
      code: 'HAL-ALDRE',
    },
  ]);
}

/** Where a row's `parent` points: another row of the file, an existing organisation, or an error. */
export type ParentRef = { row: ImportRow } | { existing: OrganisationRecord } | { error: string };

/** Finds each row's parent: a row of the file (by code, then name), else a visible organisation. */
export function resolveParents(
  rows: ImportRow[],
  visible: OrganisationRecord[],
  invalidByKey: ReadonlyMap<string, number>,
  errors: RowError[],
) {
  const fileByCode = new Map<string, ImportRow>();
  const fileByName = new Map<string, ImportRow[]>();
  for (const row of rows) {
    if (row.code) {
      const key = row.code.toLowerCase();
      const first = fileByCode.get(key);
      if (first)
        errors.push({
          line: row.line,
          column: 'code',
          message: `the code "${row.code}" is also on line ${first.line}`,
        });
      else fileByCode.set(key, row);
    }
    const key = row.name.toLowerCase();
    fileByName.set(key, [...(fileByName.get(key) ?? []), row]);
  }
  const byCode = new Map(visible.filter((o) => o.code).map((o) => [o.code!.toLowerCase(), o]));
  const refs = new Map<ImportRow, ParentRef>();
  for (const row of rows) {
    if (!row.parent) continue;
    refs.set(row, { error: '' });
    const key = row.parent.toLowerCase();
    const named = fileByName.get(key) ?? [];
    const existingNamed = visible.filter((o) => o.name.toLowerCase() === key);
    const ref: ParentRef = fileByCode.has(key)
      ? { row: fileByCode.get(key)! }
      : named.length === 1
        ? { row: named[0]! }
        : named.length > 1
          ? { error: `several rows are named "${row.parent}"; refer to the parent by its code` }
          : byCode.has(key)
            ? { existing: byCode.get(key)! }
            : existingNamed.length === 1
              ? { existing: existingNamed[0]! }
              : existingNamed.length > 1
                ? {
                    error: `several organisations are named "${row.parent}"; refer to the parent by its code`,
                  }
                : invalidByKey.has(key)
                  ? { error: `the parent's row (line ${invalidByKey.get(key)}) has errors` }
                  : { error: `no organisation or row has the code or name "${row.parent}"` };
    if ('error' in ref) errors.push({ line: row.line, column: 'parent', message: ref.error });
    else if ('row' in ref && ref.row === row)
      errors.push({ line: row.line, column: 'parent', message: 'a row cannot be its own parent' });
    else refs.set(row, ref);
  }
  return refs;
}

/** Parents before children; rows whose parents lead back to them are errors and left out. */
export function orderByParent(
  rows: ImportRow[],
  refs: Map<ImportRow, ParentRef>,
  errors: RowError[],
): ImportRow[] {
  const parentRow = (row: ImportRow) => {
    const ref = refs.get(row);
    return ref && 'row' in ref ? ref.row : undefined;
  };
  /** The rows above `row`, nearest first, stopping where a chain repeats. */
  const ancestors = (row: ImportRow) => {
    const seen: ImportRow[] = [];
    for (let p = parentRow(row); p && !seen.includes(p); p = parentRow(p)) seen.push(p);
    return seen;
  };
  const inCycle = new Set(rows.filter((row) => ancestors(row).includes(row)));
  for (const row of inCycle)
    errors.push({
      line: row.line,
      column: 'parent',
      message: 'the parents of this row lead back to it (a cycle)',
    });
  return rows
    .filter((row) => !inCycle.has(row))
    .map((row) => ({ row, depth: ancestors(row).length }))
    .sort((a, b) => a.depth - b.depth)
    .map((x) => x.row);
}
