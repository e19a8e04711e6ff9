import { sql } from 'kysely';
import type {
  StatisticsCoverage,
  StatisticsImport,
  StatisticsImportKindName,
  StatisticsImportListResponse,
} from '../../../domain/api/statistics-imports.ts';
import { can } from '../../../domain/permissions.ts';
import type { Caller } from '../../platform/actor.ts';
import type { AppDeps } from '../../platform/context.ts';
import { formatCsv } from '../../platform/csv.ts';
import { forbidden } from '../../platform/errors.ts';
import { createOrganisationsRepository } from '../organisations/organisations.repository.ts';
import { nameKey, templateRows } from './csv-formats.ts';
import type { StatisticsCsvKind } from './csv-imports.usecases.ts';
import { invalidCursor, noMunicipality } from './statistics.errors.ts';
import { statisticsDb } from './statistics.tables.ts';

/**
 * Statistics are the whole city's: only holders of `statistics.manage` at the municipality itself
 * (the city analyst, the administrator) import them and read their history. Returns the municipality.
 */
export async function assertManagesCityStatistics(
  deps: Pick<AppDeps, 'db'>,
  caller: Caller,
): Promise<string> {
  const rootId = await createOrganisationsRepository(deps).findRootId();
  if (!rootId) throw noMunicipality();
  if (caller !== 'system' && !can(caller, 'statistics.manage', { organisationId: rootId })) throw forbidden();
  return rootId;
}

/**
 * The template of a kind: the header and two example rows, `;`-separated with a UTF-8 BOM (so Excel
 * opens it right). The examples name two of the municipality's own areas whose names are unambiguous,
 * so the template imports as it is.
 */
export async function statisticsTemplate(
  deps: Pick<AppDeps, 'db'>,
  kind: StatisticsCsvKind,
): Promise<string> {
  const rootId = await createOrganisationsRepository(deps).findRootId();
  const { rows } = rootId
    ? await sql<{ name: string; depth: number }>`
        SELECT name, depth FROM areas WHERE municipality_id = ${rootId} ORDER BY depth DESC, name`.execute(
        deps.db,
      )
    : { rows: [] };
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(nameKey(r.name), (counts.get(nameKey(r.name)) ?? 0) + 1);
  const unique = rows.filter((r) => counts.get(nameKey(r.name)) === 1).map((r) => r.name);
  const first = unique[0] ?? 'Exempelområde';
  const second = unique[1] ?? first;
  const { header, rows: examples } = templateRows(kind, { first, second });
  return `\ufeff${formatCsv(header, examples, ';')}`;
}

const encodeCursor = (at: Date, id: string) => Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');
function decodeCursor(cursor: string): { at: string; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/.test(id))
    throw invalidCursor({ field: 'before' });
  return { at, id };
}

/** Every import of statistics (police events included), newest first, a page at a time. */
export async function listStatisticsImports(
  deps: AppDeps,
  caller: Caller,
  query: { kind?: StatisticsImportKindName; limit: number; before?: string },
): Promise<StatisticsImportListResponse> {
  const municipalityId = await assertManagesCityStatistics(deps, caller);
  let q = statisticsDb(deps.db)
    .selectFrom('statistics_imports as i')
    .leftJoin('users as u', 'u.id', 'i.imported_by')
    .selectAll('i')
    .select(['u.name as user_name'])
    .where('i.municipality_id', '=', municipalityId)
    .orderBy('i.imported_at', 'desc')
    .orderBy('i.id', 'desc')
    .limit(query.limit + 1);
  if (query.kind) q = q.where('i.kind', '=', query.kind);
  if (query.before) {
    const { at, id } = decodeCursor(query.before);
    q = q.where(sql<boolean>`(i.imported_at, i.id) < (${at}::timestamptz, ${id}::uuid)`);
  }
  const rows = await q.execute();
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(
      (r): StatisticsImport => ({
        id: r.id,
        kind: r.kind,
        origin: r.origin,
        fileName: r.file_name,
        sha256: r.source_sha256,
        rows: r.row_count,
        created: r.created_count,
        updated: r.updated_count,
        unchanged: r.unchanged_count,
        unplaced: r.unplaced_count,
        coverageFrom: r.coverage_from,
        coverageTo: r.coverage_to,
        importedAt: r.imported_at.toISOString(),
        importedBy: r.imported_by ? { id: r.imported_by, name: r.user_name ?? '' } : null,
      }),
    ),
    nextBefore: rows.length > query.limit && last ? encodeCursor(last.imported_at, last.id) : null,
  };
}

/** What is stored per kind: the first and last day covered, how many rows, and the last import. */
export async function statisticsCoverage(deps: AppDeps, caller: Caller): Promise<StatisticsCoverage[]> {
  const municipalityId = await assertManagesCityStatistics(deps, caller);
  const { rows } = await sql<{
    kind: StatisticsImportKindName;
    from: string | null;
    to: string | null;
    rows: number;
  }>`
    SELECT 'survey' AS kind, make_date(min(s.year), 1, 1)::text AS "from", make_date(max(s.year), 12, 31)::text AS "to",
      count(*)::int AS rows
    FROM survey_results s JOIN areas a ON a.id = s.area_id WHERE a.municipality_id = ${municipalityId}
    UNION ALL
    SELECT 'population', make_date(min(p.year), 1, 1)::text, make_date(max(p.year), 12, 31)::text, count(*)::int
    FROM population p JOIN areas a ON a.id = p.area_id WHERE a.municipality_id = ${municipalityId}
    UNION ALL
    SELECT 'reported_crime', min(c.period_start)::text, max(c.period_end)::text, count(*)::int
    FROM reported_crime c JOIN areas a ON a.id = c.area_id WHERE a.municipality_id = ${municipalityId}
    UNION ALL
    SELECT 'police_events', (min(e.occurred_at) AT TIME ZONE 'Europe/Stockholm')::date::text,
      (max(e.occurred_at) AT TIME ZONE 'Europe/Stockholm')::date::text, count(*)::int
    FROM police_events e WHERE e.municipality_id = ${municipalityId}`.execute(deps.db);
  const latest = await sql<{ kind: string; id: string; imported_at: Date; file_name: string | null }>`
    SELECT DISTINCT ON (kind) kind, id, imported_at, file_name FROM statistics_imports
    WHERE municipality_id = ${municipalityId} ORDER BY kind, imported_at DESC, id DESC`.execute(deps.db);
  const lastOf = new Map(latest.rows.map((r) => [r.kind, r]));
  return rows.map((r) => {
    const last = lastOf.get(r.kind);
    return {
      kind: r.kind,
      from: r.from,
      to: r.to,
      rows: r.rows,
      lastImport: last
        ? { id: last.id, importedAt: new Date(last.imported_at).toISOString(), fileName: last.file_name }
        : null,
    };
  });
}
