import crypto from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/types.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppDeps } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { type AttributionMunicipality, createAttributor, type Placement } from './police-attribution.ts';
import { rebuildPoliceCells } from './police-cells.ts';
import { statisticsDb } from './statistics.tables.ts';

export interface PoliceImportInput {
  /** The feed's JSON text (an array of events) or the parsed array. */
  events: string | unknown[];
  origin: 'cli' | 'upload' | 'feed';
  fileName: string | null;
  actorId: string | null;
  /** Called as events are validated and written. */
  onProgress?: (done: number, total: number, stage: 'validating' | 'writing') => void | Promise<void>;
}

export interface PoliceImportResult {
  importId: string | null;
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Events of our municipality that could not be placed below it. */
  unplaced: number;
  /** Events of our municipality. */
  inMunicipality: number;
  unmappedTypes: string[];
}

/** The feed's datetime: "2022-09-26 15:55:23 +02:00". */
const FEED_DATETIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{1,2}):(\d{2}):(\d{2}) ([+-]\d{2}:\d{2})$/;

/** The feed's datetime as ISO 8601, or null when it is not a real date and time. */
export function feedDatetimeToIso(value: string): string | null {
  const m = FEED_DATETIME.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, tz] = m as unknown as string[];
  const hour = Number(h);
  if (Number(mo) < 1 || Number(mo) > 12 || hour > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  const lastDay = new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate();
  if (Number(d) < 1 || Number(d) > lastDay) return null;
  return `${y}-${mo}-${d}T${String(hour).padStart(2, '0')}:${mi}:${s}${tz}`;
}

const FeedEventSchema = z.object({
  id: z.union([z.number().int().positive().max(Number.MAX_SAFE_INTEGER), z.string().regex(/^\d{1,15}$/)]),
  datetime: z
    .string()
    .max(50)
    .refine(
      (v) => feedDatetimeToIso(v) !== null,
      'must be a date and time like "2022-09-26 15:55:23 +02:00"',
    ),
  name: z.string().max(500),
  summary: z.string().max(5000),
  url: z.string().max(1000).nullish(),
  type: z.string().min(1).max(200),
  location: z.object({
    name: z.string().max(200),
    gps: z.string().max(100).nullish(),
  }),
});
export type FeedEventInput = z.infer<typeof FeedEventSchema>;

export interface PoliceEventError {
  /** The event's position in the file (0-based). */
  index: number;
  id: string | number | null;
  field: string;
  message: string;
}

const MAX_REPORTED_ERRORS = 100;

export function invalidPoliceFile(errors: PoliceEventError[], total: number): AppError {
  const first = errors[0];
  const where = first
    ? ` First: event ${first.index}${first.id !== null ? ` (id ${first.id})` : ''}: ${first.field} ${first.message}.`
    : '';
  return new AppError(
    'statistics.police_invalid',
    400,
    `The police events file has errors; nothing was imported.${where}`,
    { errors: errors.slice(0, MAX_REPORTED_ERRORS), errorCount: errors.length, total },
  );
}

interface ParsedEvent {
  id: string;
  occurredAt: string;
  feedDatetime: string;
  name: string;
  summary: string;
  url: string | null;
  type: string;
  locationName: string;
  lat: number | null;
  lon: number | null;
  sha256: string;
  /** 'YYYY-MM-DD' in Stockholm. */
  day: string;
}

function parseGps(gps: string | null | undefined): { lat: number | null; lon: number | null } {
  if (!gps) return { lat: null, lon: null };
  const [a, b] = gps.split(',').map((x) => Number(x.trim()));
  if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b))
    return { lat: null, lon: null };
  if (Math.abs(a) > 90 || Math.abs(b) > 180) return { lat: null, lon: null };
  return { lat: a, lon: b };
}

/** One-shot hashing where Node has it (20.12+), else a Hash object. */
const sha256 = (text: string): string =>
  typeof (crypto as { hash?: unknown }).hash === 'function'
    ? (crypto as unknown as { hash(alg: string, data: string): string }).hash('sha256', text)
    : crypto.createHash('sha256').update(text).digest('hex');

function contentHash(e: FeedEventInput): string {
  return sha256(
    JSON.stringify([
      String(e.id),
      e.datetime,
      e.name,
      e.summary,
      e.url ?? null,
      e.type,
      e.location.name,
      e.location.gps ?? null,
    ]),
  );
}

/** Validates every event (nothing is written on error); the last occurrence of an id wins. */
export async function parsePoliceEvents(
  events: string | unknown[],
  onProgress?: PoliceImportInput['onProgress'],
): Promise<{ events: ParsedEvent[]; total: number; sha256: string }> {
  let raw: unknown;
  let text: string;
  if (typeof events === 'string') {
    text = events;
    try {
      raw = JSON.parse(events);
    } catch (err) {
      throw new AppError(
        'statistics.police_invalid',
        400,
        `The file is not valid JSON: ${(err as Error).message}`,
        {
          errors: [],
          errorCount: 1,
          total: 0,
        },
      );
    }
  } else {
    raw = events;
    text = JSON.stringify(events);
  }
  if (!Array.isArray(raw))
    throw new AppError('statistics.police_invalid', 400, 'The file must be a JSON array of police events', {
      errors: [],
      errorCount: 1,
      total: 0,
    });
  const total = raw.length;
  const errors: PoliceEventError[] = [];
  const byId = new Map<string, ParsedEvent>();
  for (let i = 0; i < total; i++) {
    const item = raw[i];
    const result = FeedEventSchema.safeParse(item);
    if (!result.success) {
      const rawId = (item as { id?: unknown } | null)?.id;
      const id = typeof rawId === 'number' || typeof rawId === 'string' ? rawId : null;
      for (const issue of result.error.issues) {
        errors.push({ index: i, id, field: issue.path.join('.') || '(event)', message: issue.message });
      }
      continue;
    }
    const e = result.data;
    const occurredAt = feedDatetimeToIso(e.datetime)!;
    const { lat, lon } = parseGps(e.location.gps);
    const id = String(e.id);
    byId.delete(id);
    byId.set(id, {
      id,
      occurredAt,
      feedDatetime: e.datetime,
      name: e.name,
      summary: e.summary,
      url: e.url ?? null,
      type: e.type,
      locationName: e.location.name,
      lat,
      lon,
      sha256: contentHash(e),
      // The feed writes Swedish local time with its offset: the date part is the Stockholm day.
      day: occurredAt.slice(0, 10),
    });
    if (onProgress && i % 5000 === 4999) await onProgress(i + 1, total, 'validating');
  }
  if (errors.length > 0) throw invalidPoliceFile(errors, total);
  await onProgress?.(total, total, 'validating');
  return {
    events: [...byId.values()],
    total,
    sha256: sha256(text),
  };
}

/** Our municipalities (root organisations) with their areas, for place attribution. */
export async function loadAttributionMunicipalities(
  db: Kysely<Database>,
): Promise<AttributionMunicipality[]> {
  const orgs = await sql<{ id: string; name: string }>`
    SELECT id, name FROM organisations WHERE kind = 'municipality' ORDER BY created_at`.execute(db);
  const areas = await sql<{
    id: string;
    parent_id: string | null;
    level: string;
    name: string;
    municipality_id: string;
  }>`
    SELECT id, parent_id, level, name, municipality_id FROM areas`.execute(db);
  return orgs.rows.map((o) => ({
    organisationId: o.id,
    organisationName: o.name,
    areas: areas.rows
      .filter((a) => a.municipality_id === o.id)
      .map((a) => ({ id: a.id, parentId: a.parent_id, level: a.level, name: a.name })),
  }));
}

const CHUNK = 10_000;

/**
 * Imports police events in one transaction: validates every event first (nothing written on error),
 * deduplicates by id (a changed event replaces the stored one), places each event, then rebuilds the
 * police cells of the picture. A re-import of the same file changes nothing.
 */
export async function importPoliceEvents(
  deps: AppDeps,
  input: PoliceImportInput,
): Promise<PoliceImportResult> {
  const parsed = await parsePoliceEvents(input.events, input.onProgress);
  const { events, total } = parsed;
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    // One import at a time: concurrent imports of overlapping files would race on the same ids.
    await sql`SELECT pg_advisory_xact_lock(hashtext('trygg.police_import'))`.execute(trx);
    const municipalities = await loadAttributionMunicipalities(trx);
    const primary = municipalities[0];
    if (!primary) throw new AppError('statistics.no_municipality', 409, 'There is no municipality yet');
    const place = createAttributor(municipalities);
    const placements: Placement[] = events.map((e) =>
      place({ name: e.name, summary: e.summary, locationName: e.locationName }),
    );
    let inMunicipality = 0;
    let unplaced = 0;
    let from: string | null = null;
    let to: string | null = null;
    for (const p of placements) {
      if (p.municipalityId) {
        inMunicipality++;
        if (p.placeLevel === 'municipality') unplaced++;
      }
    }
    for (const e of events) {
      if (from === null || e.day < from) from = e.day;
      if (to === null || e.day > to) to = e.day;
    }
    const s = statisticsDb(trx as never);
    const imp = await s
      .insertInto('statistics_imports')
      .values({
        municipality_id: primary.organisationId,
        kind: 'police_events',
        origin: input.origin,
        file_name: input.fileName ? input.fileName.slice(0, 300) : null,
        source_sha256: parsed.sha256,
        row_count: total,
        coverage_from: from,
        coverage_to: to,
        imported_at: now,
        imported_by: input.actorId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    // Events stored with the same content are left as they are: only new and changed ones are written.
    const stored = new Map<string, string>();
    for (let start = 0; start < events.length; start += 50_000) {
      const ids = events.slice(start, start + 50_000).map((e) => e.id);
      const { rows } = await sql<{ id: string; content_sha256: string }>`
        SELECT id::text AS id, content_sha256 FROM police_events WHERE id = ANY(${ids}::bigint[])`.execute(
        trx,
      );
      for (const r of rows) stored.set(r.id, r.content_sha256);
    }
    const toWrite: number[] = [];
    events.forEach((e, i) => {
      if (stored.get(e.id) !== e.sha256) toWrite.push(i);
    });
    let created = 0;
    let updated = 0;
    for (let start = 0; start < toWrite.length; start += CHUNK) {
      const slice = toWrite.slice(start, start + CHUNK);
      const counts = await upsertBatch(
        trx,
        slice.map((i) => events[i]!),
        slice.map((i) => placements[i]!),
        imp.id,
        now,
      );
      created += counts.created;
      updated += counts.updated;
      await input.onProgress?.(Math.min(start + CHUNK, toWrite.length), toWrite.length, 'writing');
    }
    if (toWrite.length === 0) await input.onProgress?.(0, 0, 'writing');
    const unchanged = events.length - created - updated;
    await s
      .updateTable('statistics_imports')
      .set({
        created_count: created,
        updated_count: updated,
        unchanged_count: unchanged,
        unplaced_count: unplaced,
      })
      .where('id', '=', imp.id)
      .execute();
    if (created + updated > 0) {
      const touched = new Set(
        placements.map((p) => p.municipalityId).filter((id): id is string => id !== null),
      );
      for (const m of touched) await rebuildPoliceCells(trx, m);
    }
    const types = [...new Set(events.map((e) => e.type))];
    const mapped = new Set(
      (
        await s
          .selectFrom('police_type_mappings')
          .select('police_type')
          .where('police_type', 'in', types)
          .execute()
      ).map((r) => r.police_type),
    );
    const unmappedTypes = types.filter((t) => !mapped.has(t)).sort((a, b) => a.localeCompare(b, 'sv'));
    await recordAudit(
      trx,
      {
        action: 'statistics.police_events_imported',
        actorId: input.actorId,
        organisationId: primary.organisationId,
        targetType: 'statistics_import',
        targetId: imp.id,
        fields: created + updated > 0 ? ['police_events'] : [],
      },
      now,
    );
    return {
      importId: imp.id,
      total,
      created,
      updated,
      unchanged,
      unplaced,
      inMunicipality,
      unmappedTypes,
    };
  });
}

/**
 * One multi-row INSERT … ON CONFLICT over unnest()ed arrays: new ids are inserted, changed ones replaced
 * (first_seen_at kept), unchanged ones left untouched.
 */
async function upsertBatch(
  trx: Kysely<Database>,
  events: ParsedEvent[],
  places: Placement[],
  importId: string,
  now: Date,
): Promise<{ created: number; updated: number }> {
  const col = <T>(f: (e: ParsedEvent, p: Placement) => T) => events.map((e, i) => f(e, places[i]!));
  const result = await sql<{ created: number; updated: number }>`
    WITH input AS (
      SELECT * FROM unnest(
        ${col((e) => e.id)}::bigint[], ${col((e) => e.occurredAt)}::timestamptz[],
        ${col((e) => e.feedDatetime)}::text[], ${col((e) => e.name)}::text[], ${col((e) => e.summary)}::text[],
        ${col((e) => e.url)}::text[], ${col((e) => e.type)}::text[], ${col((e) => e.locationName)}::text[],
        ${col((e) => e.lat)}::float8[], ${col((e) => e.lon)}::float8[],
        ${col((_, p) => p.municipalityName)}::text[], ${col((_, p) => p.municipalityId)}::uuid[],
        ${col((_, p) => p.areaId)}::uuid[], ${col((_, p) => `{${p.areaPath.join(',')}}`)}::text[],
        ${col((_, p) => p.placeLevel)}::text[], ${col((_, p) => p.placeRule)}::text[],
        ${col((_, p) => JSON.stringify(p.ambiguousNames))}::text[], ${col((e) => e.sha256)}::text[]
      ) AS t (id, occurred_at, feed_datetime, name, summary, url, police_type, location_name, gps_lat, gps_lon,
              municipality_name, municipality_id, area_id, area_path, place_level, place_rule, ambiguous_names,
              content_sha256)
    ), written AS (
      INSERT INTO police_events (id, occurred_at, feed_datetime, name, summary, url, police_type, location_name,
        gps_lat, gps_lon, municipality_name, municipality_id, area_id, area_path, place_level, place_rule,
        ambiguous_names, content_sha256, import_id, first_seen_at, updated_at)
      SELECT id, occurred_at, feed_datetime, name, summary, url, police_type, location_name, gps_lat, gps_lon,
        municipality_name, municipality_id, area_id, area_path::uuid[], place_level, place_rule,
        CASE WHEN ambiguous_names = '[]' THEN '{}'::text[]
          ELSE ARRAY(SELECT jsonb_array_elements_text(ambiguous_names::jsonb)) END,
        content_sha256, ${importId}::uuid,
        ${now}::timestamptz, ${now}::timestamptz
      FROM input
      ON CONFLICT (id) DO UPDATE SET
        occurred_at = EXCLUDED.occurred_at, feed_datetime = EXCLUDED.feed_datetime, name = EXCLUDED.name,
        summary = EXCLUDED.summary, url = EXCLUDED.url, police_type = EXCLUDED.police_type,
        location_name = EXCLUDED.location_name, gps_lat = EXCLUDED.gps_lat, gps_lon = EXCLUDED.gps_lon,
        municipality_name = EXCLUDED.municipality_name, municipality_id = EXCLUDED.municipality_id,
        area_id = EXCLUDED.area_id, area_path = EXCLUDED.area_path, place_level = EXCLUDED.place_level,
        place_rule = EXCLUDED.place_rule, ambiguous_names = EXCLUDED.ambiguous_names,
        content_sha256 = EXCLUDED.content_sha256, import_id = EXCLUDED.import_id, updated_at = EXCLUDED.updated_at
      WHERE police_events.content_sha256 IS DISTINCT FROM EXCLUDED.content_sha256
      RETURNING (xmax = 0) AS inserted
    )
    SELECT count(*) FILTER (WHERE inserted)::int AS created, count(*) FILTER (WHERE NOT inserted)::int AS updated
    FROM written`.execute(trx);
  const row = result.rows[0];
  return { created: row?.created ?? 0, updated: row?.updated ?? 0 };
}
