import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types.ts';

/**
 * Rebuilds the police events' picture cells (source 'police') of a municipality — all municipalities
 * when null — from police_events, inside the caller's transaction.
 *
 * Scopes: every area on the event's path (the municipality's root area included). Grains: 'total',
 * 'type' (category = the police type) and 'hour' (ISO weekday × hour); gender 'unknown' (the feed says
 * nothing about who was affected). Months, weekdays and hours are Europe/Stockholm time. Only events whose
 * type is counted: a mapping with counted = false (the feed's summaries, notices) leaves them out; an
 * unmapped type is counted under its own name.
 */
export async function rebuildPoliceCells(
  trx: Kysely<Database>,
  municipalityId: string | null,
): Promise<void> {
  if (municipalityId === null) {
    await sql`DELETE FROM picture_cells WHERE source = 'police'`.execute(trx);
  } else {
    await sql`
      DELETE FROM picture_cells
      WHERE source = 'police'
        AND scope_id IN (
          SELECT id FROM areas WHERE municipality_id = ${municipalityId}
          UNION SELECT DISTINCT unnest(area_path) FROM police_events WHERE municipality_id = ${municipalityId}
        )`.execute(trx);
  }
  const filter =
    municipalityId === null ? sql`p.municipality_id IS NOT NULL` : sql`p.municipality_id = ${municipalityId}`;
  await sql`
    WITH e AS (
      SELECT p.area_path, p.police_type, p.occurred_at AT TIME ZONE 'Europe/Stockholm' AS local
      FROM police_events p
      LEFT JOIN police_type_mappings m ON m.police_type = p.police_type
      WHERE ${filter} AND coalesce(m.counted, true)
    ), s AS (
      SELECT unnest(area_path) AS scope_id, police_type,
        date_trunc('month', local)::date AS month,
        extract(isodow FROM local)::smallint AS weekday,
        extract(hour FROM local)::smallint AS hour
      FROM e
    )
    INSERT INTO picture_cells (scope_id, month, source, grain, category, weekday, hour, gender, count)
    SELECT scope_id, month, 'police',
      CASE WHEN grouping(police_type) = 0 THEN 'type' WHEN grouping(weekday) = 0 THEN 'hour' ELSE 'total' END,
      CASE WHEN grouping(police_type) = 0 THEN police_type ELSE '' END,
      CASE WHEN grouping(weekday) = 0 THEN weekday ELSE 0 END,
      CASE WHEN grouping(hour) = 0 THEN hour ELSE -1 END,
      'unknown', count(*)::int
    FROM s
    GROUP BY GROUPING SETS ((scope_id, month), (scope_id, month, police_type), (scope_id, month, weekday, hour))`.execute(
    trx,
  );
}
