import {
  type ImportOrganisationsResponse,
  ORGANISATION_CSV_COLUMNS,
  type UpdateOrganisationRequest,
} from '../../../domain/api/organisations.ts';
import { type Caller, callerCan } from '../../platform/actor.ts';
import type { AppDeps } from '../../platform/context.ts';
import { CsvError, checkColumns, parseCsv, type RowError, validateRows } from '../../platform/csv.ts';
import { AppError } from '../../platform/errors.ts';
import type { RequestMeta } from '../auth/auth.usecases.ts';
import { codeTaken, importInvalid, organisationNotFound } from './organisations.errors.ts';
import { requireManage, visibleIds, withNewOrganisations } from './organisations.policy.ts';
import { createOrganisationsRepository } from './organisations.repository.ts';
import {
  insertOrganisation,
  mapConstraintErrors,
  record,
  repositories,
  transact,
  type Work,
} from './organisations.steps.ts';
import type { OrganisationRecord } from './organisations.tables.ts';
import { planUpdate } from './organisations.usecases.ts';
import {
  type Column,
  type ImportRow,
  orderByParent,
  RowSchema,
  resolveParents,
} from './organisations-import.rows.ts';

/** Which column an error of the organisation rules is about, for the row report. */
const COLUMN_OF: Record<string, Column> = {
  'organisations.invalid_dates': 'valid_to',
  'organisations.invalid_parent': 'parent',
  'organisations.invalid_committee_type': 'committee_type',
  'organisations.outside_parent_validity': 'valid_from',
  'organisations.children_outside_validity': 'valid_to',
  'organisations.areas_outside_validity': 'valid_to',
  'organisations.duplicate_name': 'name',
  'organisations.code_taken': 'code',
  'organisations.cycle': 'parent',
  'organisations.history_locked': 'valid_to',
  'organisations.not_found': 'parent',
};

class Failed {
  constructor(readonly errors: RowError[]) {}
}
class DryRun {
  constructor(readonly report: ImportOrganisationsResponse) {}
}

/**
 * Imports organisations from CSV (docs/import-formats.md). Rows are matched to existing
 * organisations by code, else by name under the same parent, so a second import of the same file
 * changes nothing. Every row is checked by the same rules as the API; when any row fails, nothing is
 * written and every problem comes back with its line (`organisations.import_invalid`, details).
 */
export async function importOrganisations({
  deps,
  caller,
  csv,
  dryRun = false,
  meta,
}: {
  deps: AppDeps;
  caller: Caller;
  csv: string;
  dryRun?: boolean;
  meta?: Partial<RequestMeta>;
}): Promise<ImportOrganisationsResponse> {
  let parsed: ReturnType<typeof parseCsv>;
  try {
    parsed = parseCsv(csv);
  } catch (err) {
    if (err instanceof CsvError)
      throw importInvalid([{ line: err.line, message: err.message.replace(/^line \d+: /, '') }]);
    throw err;
  }
  const headerErrors = checkColumns(parsed, ['name', 'kind'], ORGANISATION_CSV_COLUMNS);
  if (headerErrors.length > 0) throw importInvalid(headerErrors);
  if (parsed.rows.length === 0) throw importInvalid([{ line: 1, message: 'the file has no rows' }]);
  const present = new Set(parsed.header as Column[]);
  const { valid, errors } = validateRows(parsed.rows, RowSchema);
  const rows: ImportRow[] = valid.map((v) => ({ ...v.value, line: v.line, present }));

  const repo = createOrganisationsRepository(deps);
  const visible = await repo.listByIds(await visibleIds(caller, repo));
  const root = await repo.findRoot();
  if (!root) throw organisationNotFound();
  // Rows that failed validation can still be named as parents: say so rather than "no such row".
  const validLines = new Set(valid.map((v) => v.line));
  const invalidByKey = new Map<string, number>();
  for (const r of parsed.rows)
    if (!validLines.has(r.line))
      for (const key of [r.values.code, r.values.name])
        if (key?.trim()) invalidByKey.set(key.trim().toLowerCase(), r.line);
  const refs = resolveParents(rows, visible, invalidByKey, errors);
  const order = orderByParent(rows, refs, errors);

  try {
    return await transact(deps, async (trx) => {
      let w: Work = { trx, deps, caller, meta };
      const ids = new Map<ImportRow, string>();
      const report: ImportOrganisationsResponse = { dryRun, created: 0, updated: 0, unchanged: 0, rows: [] };
      for (const row of order) {
        const ref = refs.get(row);
        const parentId =
          ref === undefined
            ? root.id
            : 'row' in ref
              ? ids.get(ref.row)
              : 'existing' in ref
                ? ref.existing.id
                : undefined;
        if (parentId === undefined) {
          if (ref && 'row' in ref)
            errors.push({
              line: row.line,
              column: 'parent',
              message: `the parent's row (line ${ref.row.line}) has errors`,
            });
          continue;
        }
        try {
          const result = await importRow(w, row, parentId);
          ids.set(row, result.id);
          if (result.result === 'created')
            w = { ...w, caller: withNewOrganisations(w.caller, parentId, [result.id]) };
          report[result.result]++;
          report.rows.push({
            line: row.line,
            name: row.name,
            result: result.result,
            id: dryRun && result.result === 'created' ? null : result.id,
          });
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          const column = COLUMN_OF[err.code];
          errors.push(
            column
              ? { line: row.line, column, message: err.message }
              : { line: row.line, message: err.message },
          );
        }
      }
      if (errors.length > 0) throw new Failed(errors);
      report.rows.sort((a, b) => a.line - b.line);
      if (dryRun) throw new DryRun(report);
      if (report.created + report.updated > 0)
        await record(w, {
          action: 'organisations.imported',
          organisationId: root.id,
          targetType: 'organisation_import',
          targetId: root.id,
          fields: ['organisations'],
        });
      return report;
    });
  } catch (err) {
    if (err instanceof DryRun) return err.report;
    if (err instanceof Failed)
      throw importInvalid(
        [...err.errors].sort((a, b) => a.line - b.line || (a.column ?? '').localeCompare(b.column ?? '')),
      );
    throw err;
  }
}

/** Finds the organisation a row describes: by code, else by name and kind under the same parent. */
async function findMatch(w: Work, row: ImportRow, parentId: string): Promise<OrganisationRecord | undefined> {
  const { organisations } = repositories(w);
  if (row.code) {
    const byCode = await organisations.findByCode(row.code);
    if (byCode && !callerCan(w.caller, 'organisations.read', { organisationId: byCode.id }))
      throw codeTaken();
    if (byCode) return byCode;
  }
  const named = (await organisations.listSiblingsNamed(parentId, row.name)).filter(
    (o) => o.kind === row.kind && callerCan(w.caller, 'organisations.read', { organisationId: o.id }),
  );
  if (named.length <= 1) return named[0];
  const sameStart = named.filter((o) => o.valid_from === row.valid_from);
  if (sameStart.length === 1) return sameStart[0];
  throw new AppError(
    'organisations.ambiguous_match',
    409,
    'Several organisations with this name under this parent; give the row a code or its start date',
  );
}

async function importRow(
  w: Work,
  row: ImportRow,
  parentId: string,
): Promise<{ id: string; result: 'created' | 'updated' | 'unchanged' }> {
  const has = (c: Column) => row.present.has(c);
  const existing = await findMatch(w, row, parentId);
  if (!existing) {
    if (!row.parent && !callerCan(w.caller, 'organisations.read', { organisationId: parentId }))
      throw new AppError(
        'organisations.not_found',
        404,
        'a row without a parent goes directly under the municipality, which is not among your organisations',
      );
    requireManage(w.caller, parentId);
    const [parent] = await repositories(w).organisations.lockByIds([parentId]);
    if (!parent) throw organisationNotFound();
    const created = await insertOrganisation(w, parent, {
      name: row.name,
      kind: row.kind,
      committeeType: row.committee_type,
      code: row.code,
      validFrom: row.valid_from,
      validTo: row.valid_to,
    });
    return { id: created.id, result: 'created' };
  }
  if (existing.kind !== row.kind)
    throw new AppError(
      'organisations.kind_differs',
      409,
      `The existing organisation with this ${row.code ? 'code' : 'name'} is of another kind (${existing.kind}); kinds cannot change`,
    );
  // A column left out of the file leaves that field as it is; an empty cell clears it.
  const input: UpdateOrganisationRequest = { name: row.name, parentId };
  if (has('committee_type') && (row.kind === 'committee' || row.committee_type))
    input.committeeType = row.committee_type;
  if (has('code')) input.code = row.code;
  if (has('valid_from')) input.validFrom = row.valid_from;
  if (has('valid_to')) input.validTo = row.valid_to;
  const changes = await planUpdate(w, existing.id, input);
  if (Object.keys(changes).length === 0) return { id: existing.id, result: 'unchanged' };
  await mapConstraintErrors(() =>
    repositories(w).organisations.updateOrganisation(existing.id, changes, w.deps.now()),
  );
  await record(w, {
    action: 'organisation.updated',
    organisationId: existing.id,
    targetType: 'organisation',
    targetId: existing.id,
    fields: Object.keys(changes),
  });
  return { id: existing.id, result: 'updated' };
}
