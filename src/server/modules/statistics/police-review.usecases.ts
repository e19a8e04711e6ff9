import { sql } from 'kysely';
import type {
  PoliceEventListQuery,
  PoliceEventListResponse,
  PoliceFeedStatus,
  PoliceMappingListResponse,
  PoliceTypeMapping,
  PoliceUnmappedResponse,
  UpdatePoliceMappingRequest,
} from '../../../domain/api/police.ts';
import { can } from '../../../domain/permissions.ts';
import type { Caller } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppDeps } from '../../platform/context.ts';
import { AppError, forbidden } from '../../platform/errors.ts';
import { createOrganisationsRepository } from '../organisations/organisations.repository.ts';
import { rebuildPoliceCells } from './police-cells.ts';

/**
 * Police events are the whole city's: only holders of `statistics.manage` at the municipality itself
 * (the city analyst, the administrator) upload them, edit the type mappings and review attribution.
 */
export async function assertManagesPolice(deps: Pick<AppDeps, 'db'>, caller: Caller): Promise<string> {
  const rootId = await createOrganisationsRepository(deps).findRootId();
  if (!rootId) throw new AppError('statistics.no_municipality', 409, 'There is no municipality yet');
  if (caller !== 'system' && !can(caller, 'statistics.manage', { organisationId: rootId })) throw forbidden();
  return rootId;
}

interface MappingRow {
  police_type: string;
  incident_type_id: string | null;
  incident_type_code: string | null;
  focus_areas: string[];
  violent_extremism: boolean;
  counted: boolean;
  updated_at: Date | null;
  event_count: number;
}

const presentMapping = (r: MappingRow): PoliceTypeMapping => ({
  policeType: r.police_type,
  incidentTypeId: r.incident_type_id,
  incidentTypeCode: r.incident_type_code,
  focusAreas: r.focus_areas,
  violentExtremism: r.violent_extremism,
  counted: r.counted,
  eventCount: r.event_count,
  updatedAt: r.updated_at ? r.updated_at.toISOString() : null,
});

async function mappingRows(db: AppDeps['db'], policeType?: string): Promise<MappingRow[]> {
  const where = policeType === undefined ? sql`` : sql`WHERE m.police_type = ${policeType}`;
  const { rows } = await sql<MappingRow>`
    SELECT m.police_type, m.incident_type_id, t.code AS incident_type_code, m.focus_areas, m.violent_extremism,
      m.counted, m.updated_at, coalesce(c.n, 0)::int AS event_count
    FROM police_type_mappings m
    LEFT JOIN incident_types t ON t.id = m.incident_type_id
    LEFT JOIN (SELECT police_type, count(*) AS n FROM police_events GROUP BY police_type) c
      ON c.police_type = m.police_type
    ${where}
    ORDER BY coalesce(c.n, 0) DESC, m.police_type`.execute(db);
  return rows;
}

export async function listPoliceMappings(deps: AppDeps, caller: Caller): Promise<PoliceMappingListResponse> {
  await assertManagesPolice(deps, caller);
  const types = await sql<{ id: string; code: string; label_sv: string; label_en: string }>`
    SELECT DISTINCT ON (t.id) t.id, t.code, v.label_sv, v.label_en
    FROM incident_types t JOIN incident_type_versions v ON v.type_id = t.id
    ORDER BY t.id, v.version DESC`.execute(deps.db);
  const focus = await sql<{ code: string; label_sv: string; label_en: string }>`
    SELECT code, label_sv, label_en FROM focus_areas ORDER BY position`.execute(deps.db);
  return {
    items: (await mappingRows(deps.db)).map(presentMapping),
    incidentTypes: types.rows
      .map((r) => ({ id: r.id, code: r.code, labelSv: r.label_sv, labelEn: r.label_en }))
      .sort((a, b) => a.labelSv.localeCompare(b.labelSv, 'sv')),
    focusAreas: focus.rows.map((r) => ({ code: r.code, labelSv: r.label_sv, labelEn: r.label_en })),
  };
}

/**
 * Sets how a police type maps (creates the mapping of an unmapped type). In one transaction with the
 * audit entry and the rebuild of the police cells (counted or not changes the picture's figures).
 */
export async function updatePoliceMapping(
  deps: AppDeps,
  caller: Caller,
  input: UpdatePoliceMappingRequest,
  meta: { ip?: string | null; requestId?: string | null } = {},
): Promise<PoliceTypeMapping> {
  const municipalityId = await assertManagesPolice(deps, caller);
  const actorId = caller === 'system' ? null : caller.userId;
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    if (input.incidentTypeId) {
      const t = await sql`SELECT 1 FROM incident_types WHERE id = ${input.incidentTypeId}`.execute(trx);
      if (t.rows.length === 0)
        throw new AppError('validation.failed', 400, 'No such incident type', [
          { path: 'incidentTypeId', message: 'No such incident type' },
        ]);
    }
    const known = await sql`SELECT 1 FROM police_type_mappings WHERE police_type = ${input.policeType}
      UNION ALL SELECT 1 FROM police_events WHERE police_type = ${input.policeType} LIMIT 1`.execute(trx);
    if (known.rows.length === 0)
      throw new AppError(
        'statistics.police_type_unknown',
        404,
        'No such police type (neither mapped nor seen)',
      );
    const focus = [...new Set(input.focusAreas)];
    await sql`
      INSERT INTO police_type_mappings (police_type, incident_type_id, focus_areas, violent_extremism, counted,
        updated_at, updated_by)
      VALUES (${input.policeType}, ${input.incidentTypeId}, ${focus}::text[], ${input.violentExtremism},
        ${input.counted}, ${now}, ${actorId})
      ON CONFLICT (police_type) DO UPDATE SET incident_type_id = EXCLUDED.incident_type_id,
        focus_areas = EXCLUDED.focus_areas, violent_extremism = EXCLUDED.violent_extremism,
        counted = EXCLUDED.counted, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`.execute(
      trx,
    );
    await rebuildPoliceCells(trx, municipalityId);
    await recordAudit(
      trx,
      {
        action: 'statistics.police_mapping_updated',
        actorId,
        organisationId: municipalityId,
        targetType: 'police_type_mapping',
        targetId: input.policeType,
        fields: ['incident_type_id', 'focus_areas', 'violent_extremism', 'counted'],
        ip: meta.ip ?? null,
        requestId: meta.requestId ?? null,
      },
      now,
    );
    const [row] = await mappingRows(trx as never, input.policeType);
    return presentMapping(row!);
  });
}

/** Police types seen in events but not in the mapping table, most frequent first. */
export async function listUnmappedPoliceTypes(
  deps: AppDeps,
  caller: Caller,
): Promise<PoliceUnmappedResponse> {
  await assertManagesPolice(deps, caller);
  const { rows } = await sql<{ police_type: string; n: number }>`
    SELECT p.police_type, count(*)::int AS n FROM police_events p
    WHERE NOT EXISTS (SELECT 1 FROM police_type_mappings m WHERE m.police_type = p.police_type)
    GROUP BY p.police_type ORDER BY n DESC, p.police_type`.execute(deps.db);
  return { items: rows.map((r) => ({ policeType: r.police_type, count: r.n })) };
}

interface EventRow {
  id: string;
  occurred_at: Date;
  name: string;
  summary: string;
  url: string | null;
  police_type: string;
  location_name: string;
  municipality_name: string | null;
  place_level: string;
  place_rule: string;
  area_id: string | null;
  area_name: string | null;
  ambiguous_names: string[];
}

/** The events for attribution review, newest first, filtered by level, rule, ambiguity, type and month. */
export async function listPoliceEvents(
  deps: AppDeps,
  caller: Caller,
  query: PoliceEventListQuery & { limit: number; offset: number },
): Promise<PoliceEventListResponse> {
  const municipalityId = await assertManagesPolice(deps, caller);
  const conditions = [sql`true`];
  if (query.ownOnly !== 'false') conditions.push(sql`p.municipality_id = ${municipalityId}`);
  if (query.level) conditions.push(sql`p.place_level = ${query.level}`);
  if (query.rule) conditions.push(sql`p.place_rule = ${query.rule}`);
  if (query.ambiguous === 'true') conditions.push(sql`cardinality(p.ambiguous_names) > 0`);
  if (query.ambiguous === 'false') conditions.push(sql`cardinality(p.ambiguous_names) = 0`);
  if (query.type) conditions.push(sql`p.police_type = ${query.type}`);
  if (query.month) {
    const start = `${query.month}-01`;
    conditions.push(sql`p.occurred_at >= (${start}::date::timestamp AT TIME ZONE 'Europe/Stockholm')
      AND p.occurred_at < ((${start}::date + interval '1 month')::timestamp AT TIME ZONE 'Europe/Stockholm')`);
  }
  const where = sql.join(conditions, sql` AND `);
  const [items, total, summary] = await Promise.all([
    sql<EventRow>`
      SELECT p.id, p.occurred_at, p.name, p.summary, p.url, p.police_type, p.location_name, p.municipality_name,
        p.place_level, p.place_rule, p.area_id, a.name AS area_name, p.ambiguous_names
      FROM police_events p LEFT JOIN areas a ON a.id = p.area_id
      WHERE ${where}
      ORDER BY p.occurred_at DESC, p.id DESC
      LIMIT ${query.limit} OFFSET ${query.offset}`.execute(deps.db),
    sql<{ n: number }>`SELECT count(*)::int AS n FROM police_events p WHERE ${where}`.execute(deps.db),
    sql<{ place_level: string; place_rule: string; n: number }>`
      SELECT place_level, place_rule, count(*)::int AS n FROM police_events
      WHERE municipality_id = ${municipalityId} GROUP BY 1, 2 ORDER BY 3 DESC`.execute(deps.db),
  ]);
  return {
    items: items.rows.map((r) => ({
      id: String(r.id),
      occurredAt: r.occurred_at.toISOString(),
      name: r.name,
      summary: r.summary,
      url: r.url,
      type: r.police_type,
      locationName: r.location_name,
      municipalityName: r.municipality_name,
      placeLevel: r.place_level,
      placeRule: r.place_rule,
      areaId: r.area_id,
      areaName: r.area_name,
      ambiguousNames: r.ambiguous_names,
    })),
    total: total.rows[0]?.n ?? 0,
    summary: summary.rows.map((r) => ({ placeLevel: r.place_level, placeRule: r.place_rule, count: r.n })),
  };
}

/** The scheduled fetch's settings, its latest fetches and the latest police import. */
export async function policeFeedStatus(deps: AppDeps, caller: Caller): Promise<PoliceFeedStatus> {
  const municipalityId = await assertManagesPolice(deps, caller);
  const [fetches, last, counts] = await Promise.all([
    sql<{ fetched_at: Date; status: number | null; event_count: number | null; error: string | null }>`
      SELECT fetched_at, status, event_count, error FROM police_feed_fetches
      ORDER BY fetched_at DESC, id DESC LIMIT 20`.execute(deps.db),
    sql<{
      imported_at: Date;
      origin: 'cli' | 'upload' | 'feed';
      file_name: string | null;
      row_count: number;
      created_count: number;
      updated_count: number;
      unplaced_count: number;
    }>`SELECT imported_at, origin, file_name, row_count, created_count, updated_count, unplaced_count
      FROM statistics_imports WHERE kind = 'police_events' AND municipality_id = ${municipalityId}
      ORDER BY imported_at DESC LIMIT 1`.execute(deps.db),
    sql<{ stored: number; own: number }>`SELECT count(*)::int AS stored,
      count(*) FILTER (WHERE municipality_id = ${municipalityId})::int AS own FROM police_events`.execute(
      deps.db,
    ),
  ]);
  const l = last.rows[0];
  return {
    configured: Boolean(deps.config.policeFeedUrl),
    url: deps.config.policeFeedUrl ?? null,
    intervalMinutes: deps.config.policeFeedIntervalMinutes,
    fetches: fetches.rows.map((f) => ({
      fetchedAt: f.fetched_at.toISOString(),
      status: f.status,
      eventCount: f.event_count,
      error: f.error,
    })),
    lastImport: l
      ? {
          importedAt: l.imported_at.toISOString(),
          origin: l.origin,
          fileName: l.file_name,
          rowCount: l.row_count,
          created: l.created_count,
          updated: l.updated_count,
          unplaced: l.unplaced_count,
        }
      : null,
    storedEvents: counts.rows[0]?.stored ?? 0,
    municipalityEvents: counts.rows[0]?.own ?? 0,
  };
}
