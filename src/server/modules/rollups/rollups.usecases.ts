import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../db/types.ts';
import { rebuildPoliceCells } from '../statistics/police-cells.ts';

type Executor = Kysely<Database>;

/*
 * Rollups of own incidents (migration 0013), kept exact at every moment:
 *
 * - incident_rollups: count per Stockholm day × organisation × area (NULL when not placed) × type ×
 *   affected gender (NULL → 'unknown') × source.
 * - picture_cells, source 'own': count per scope × Stockholm month × grain × gender, grains 'total'
 *   (category '', weekday 0, hour -1), 'type' (category = incident_types.code) and 'hour' (ISO weekday
 *   1–7 × hour 0–23 of the Stockholm wall clock).
 *
 * Scopes of an incident: every area on its stored area_path, the municipality's root area, the
 * incident's organisation and every organisation above it. The root area is the one of the
 * municipality the incident's organisation belongs to (areas.parent_id IS NULL AND
 * areas.municipality_id = the top of the organisation chain), added even when the incident has no
 * area or its path lacks the root: so the city's total is every incident of the municipality, placed
 * or not, while an area below the root counts only the incidents placed in it. (An incident counts
 * once per scope: a root area on the path and the one found through the organisations are the same.)
 *
 * Rows that reach 0 are deleted, in both tables.
 *
 * Writers touch rows in key order — the SELECT feeding each upsert is ordered by the key, and taking
 * counts off first locks the rows in that order — and add with `ON CONFLICT … DO UPDATE SET count =
 * count + excluded.count`, so concurrent transactions writing the same cells neither lose counts nor
 * deadlock among themselves.
 *
 * Who calls what: every incident write, in its own transaction — a report and an API batch (+1,
 * reports.repository.ts), the retention job's deletion (-1; its anonymisation changes nothing counted),
 * the demo generator (+1 per batch, or per writer from a temporary table of ids), tests' seedIncident.
 * A change of an incident's time, type, area, organisation, gender or source goes through
 * `changingIncidents`; moving an organisation under another parent through `movingOrganisation`.
 * What the hooks do not follow (a rebuild — `trygg rollups rebuild` — puts it right): an area moved
 * to another parent (the incidents' stored paths do not follow either), an area deleted
 * (incidents.area_id is set to NULL by the database, without a hook) and an incident type's code
 * changed (codes are fixed once created).
 */

const ZONE = 'Europe/Stockholm';

/** The incidents to count: the given ids, or every incident (a rebuild). */
type Selection = { ids: readonly string[] } | { idTable: string } | 'all';

/**
 * The hot path (a few incidents by id) runs as named prepared statements: planned once per connection,
 * not at every report. Other selections are planned each time.
 */
const preparedAs = (s: Selection, name: string) =>
  s !== 'all' && 'ids' in s ? sql.raw(`/* prepared:${name} */ `) : sql.raw('');

const whereOf = (s: Selection) =>
  s === 'all'
    ? sql`true`
    : 'ids' in s
      ? sql`i.id = ANY(${[...s.ids]}::uuid[])`
      : sql`i.id IN (SELECT id FROM ${sql.table(s.idTable)})`;

/**
 * The CTEs shared by the statements below: `inc` (the incidents with their Stockholm wall-clock time),
 * `rollup_rows` (incident_rollups rows) and `cell_rows` (picture_cells rows, source 'own'), both with
 * count `n` and ordered by their table's key.
 */
function countsCtes(s: Selection): RawBuilder<unknown> {
  return sql`
    inc AS (
      SELECT i.organisation_id, i.area_id, i.area_path, i.type_id, t.code AS type_code,
        coalesce(i.affected_gender, 'unknown') AS gender, i.source,
        (i.occurred_at AT TIME ZONE ${ZONE}) AS local
      FROM incidents i JOIN incident_types t ON t.id = i.type_id
      WHERE ${whereOf(s)}
    ),
    up (start_id, id, parent_id) AS (
      SELECT o.id, o.id, o.parent_id FROM organisations o
      WHERE o.id IN (SELECT DISTINCT organisation_id FROM inc)
      UNION ALL
      SELECT up.start_id, p.id, p.parent_id FROM up JOIN organisations p ON p.id = up.parent_id
    ),
    org_scopes AS (
      SELECT start_id, id AS scope_id FROM up
      UNION ALL
      SELECT up.start_id, a.id FROM up
      JOIN areas a ON a.municipality_id = up.id AND a.parent_id IS NULL
      WHERE up.parent_id IS NULL
    ),
    base AS (
      SELECT organisation_id, area_path, gender, date_trunc('month', local)::date AS month,
        CASE WHEN GROUPING(type_code) = 0 THEN 'type' WHEN GROUPING(weekday, hour) = 0 THEN 'hour' ELSE 'total' END
          AS grain,
        coalesce(type_code, '') AS category, coalesce(weekday, 0) AS weekday, coalesce(hour, -1) AS hour,
        count(*)::int AS n
      FROM (
        SELECT organisation_id, area_path, gender, local, type_code,
          extract(isodow FROM local)::int AS weekday, extract(hour FROM local)::int AS hour
        FROM inc
      ) x
      GROUP BY organisation_id, area_path, gender, date_trunc('month', local)::date,
        GROUPING SETS ((), (type_code), (weekday, hour))
    ),
    -- Each (organisation, area path) pair of the incidents with its scopes, once.
    pairs AS (SELECT DISTINCT organisation_id, area_path FROM base),
    pair_scopes AS (
      SELECT p.organisation_id, p.area_path, u.scope_id FROM pairs p CROSS JOIN LATERAL unnest(p.area_path) AS u(scope_id)
      UNION
      SELECT p.organisation_id, p.area_path, o.scope_id FROM pairs p JOIN org_scopes o ON o.start_id = p.organisation_id
    ),
    cell_rows AS (
      SELECT s.scope_id, b.month, b.grain, b.category, b.weekday::smallint AS weekday, b.hour::smallint AS hour,
        b.gender, sum(b.n)::int AS n
      FROM base b
      JOIN pair_scopes s ON s.organisation_id = b.organisation_id AND s.area_path = b.area_path
      GROUP BY s.scope_id, b.month, b.grain, b.category, b.weekday, b.hour, b.gender
      ORDER BY s.scope_id, b.grain, b.month, b.category, b.weekday, b.hour, b.gender
    ),
    rollup_rows AS (
      SELECT local::date AS day, organisation_id, area_id, type_id, gender, source, count(*)::int AS n
      FROM inc
      GROUP BY local::date, organisation_id, area_id, type_id, gender, source
      ORDER BY day, organisation_id, area_id, type_id, gender, source
    )`;
}

/** Adds the selection's counts to both tables (one statement). */
async function addCounts(db: Executor, s: Selection): Promise<{ incidentRows: number; cellRows: number }> {
  const result = await sql<{ incident_rows: number; cell_rows: number }>`${preparedAs(s, 'rollups_add')}
    WITH RECURSIVE ${countsCtes(s)},
    added_rollups AS (
      INSERT INTO incident_rollups (day, organisation_id, area_id, type_id, gender, source, count)
      SELECT day, organisation_id, area_id, type_id, gender, source, n FROM rollup_rows
      ORDER BY day, organisation_id, area_id, type_id, gender, source
      ON CONFLICT ON CONSTRAINT incident_rollups_key DO UPDATE SET count = incident_rollups.count + excluded.count
      RETURNING 1
    ),
    added_cells AS (
      INSERT INTO picture_cells (scope_id, month, source, grain, category, weekday, hour, gender, count)
      SELECT scope_id, month, 'own', grain, category, weekday, hour, gender, n FROM cell_rows
      ORDER BY scope_id, grain, month, category, weekday, hour, gender
      ON CONFLICT (scope_id, source, grain, month, category, weekday, hour, gender)
        DO UPDATE SET count = picture_cells.count + excluded.count
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM added_rollups)::int AS incident_rows,
      (SELECT count(*) FROM added_cells)::int AS cell_rows`.execute(db);
  const row = result.rows[0]!;
  return { incidentRows: row.incident_rows, cellRows: row.cell_rows };
}

/**
 * Takes the selection's counts off both tables (one statement), then deletes the rows that reached 0
 * (a second statement, only when some did: a statement cannot delete the rows it has just updated).
 * A row missing here (the rollups drifted, e.g. an area deleted under its incidents) is left alone;
 * a count that would go below 0 fails the table's CHECK: the rollups disagree with the incidents.
 */
async function subtractCounts(db: Executor, s: Selection): Promise<void> {
  const result = await sql<{ zeros: number }>`${preparedAs(s, 'rollups_take')}
    WITH RECURSIVE ${countsCtes(s)},
    -- The rows are locked in key order first (as the upserts of +1 touch them), whatever order the
    -- UPDATE's join would visit them in: no deadlock with concurrent writers of the same cells.
    locked_rollups AS (
      SELECT 1 FROM incident_rollups r JOIN rollup_rows d
        ON r.day = d.day AND r.organisation_id = d.organisation_id AND r.area_id IS NOT DISTINCT FROM d.area_id
        AND r.type_id = d.type_id AND r.gender = d.gender AND r.source = d.source
      ORDER BY r.day, r.organisation_id, r.area_id, r.type_id, r.gender, r.source
      FOR UPDATE OF r
    ),
    locked_cells AS (
      SELECT 1 FROM picture_cells c JOIN cell_rows d
        ON c.scope_id = d.scope_id AND c.source = 'own' AND c.grain = d.grain AND c.month = d.month
        AND c.category = d.category AND c.weekday = d.weekday AND c.hour = d.hour AND c.gender = d.gender
      ORDER BY c.scope_id, c.grain, c.month, c.category, c.weekday, c.hour, c.gender
      FOR UPDATE OF c
    ),
    taken_rollups AS (
      UPDATE incident_rollups r SET count = r.count - d.n
      FROM rollup_rows d
      WHERE (SELECT count(*) FROM locked_rollups) >= 0
        AND r.day = d.day AND r.organisation_id = d.organisation_id AND r.area_id IS NOT DISTINCT FROM d.area_id
        AND r.type_id = d.type_id AND r.gender = d.gender AND r.source = d.source
      RETURNING r.count
    ),
    taken_cells AS (
      UPDATE picture_cells c SET count = c.count - d.n
      FROM cell_rows d
      WHERE (SELECT count(*) FROM locked_cells) >= 0
        AND c.scope_id = d.scope_id AND c.source = 'own' AND c.grain = d.grain AND c.month = d.month
        AND c.category = d.category AND c.weekday = d.weekday AND c.hour = d.hour AND c.gender = d.gender
      RETURNING c.count
    )
    SELECT ((SELECT count(*) FROM taken_rollups WHERE count = 0)
      + (SELECT count(*) FROM taken_cells WHERE count = 0))::int AS zeros`.execute(db);
  if ((result.rows[0]?.zeros ?? 0) === 0) return;
  // The rows emptied above are locked by this transaction until it ends; a concurrent writer that has
  // added to one since is waited for, and the `count = 0` check is made again on its version.
  await sql`${preparedAs(s, 'rollups_take_zeros')}
    WITH RECURSIVE ${countsCtes(s)},
    gone_rollups AS (
      DELETE FROM incident_rollups r USING rollup_rows d
      WHERE r.count = 0 AND r.day = d.day AND r.organisation_id = d.organisation_id
        AND r.area_id IS NOT DISTINCT FROM d.area_id AND r.type_id = d.type_id AND r.gender = d.gender
        AND r.source = d.source
    )
    DELETE FROM picture_cells c USING cell_rows d
    WHERE c.count = 0 AND c.scope_id = d.scope_id AND c.source = 'own' AND c.grain = d.grain
      AND c.month = d.month AND c.category = d.category AND c.weekday = d.weekday AND c.hour = d.hour
      AND c.gender = d.gender`.execute(db);
}

/**
 * Adds (+1) or removes (-1) the given incidents' current rows to/from the rollups (incident_rollups and
 * the 'own' picture_cells), reading the incidents as they are now in `trx`. Call with -1 before a change
 * that moves an incident (type, time, area, organisation, gender, source) or deletes it, and with +1
 * after inserting or changing it — inside the same transaction.
 *
 * +1 is one round trip; -1 is one, plus one more when a row reaches 0 (it is deleted).
 */
export async function applyIncidentRollups(
  trx: Executor,
  incidentIds: readonly string[],
  sign: 1 | -1,
): Promise<void> {
  if (incidentIds.length === 0) return;
  const s: Selection = { ids: incidentIds };
  if (sign === 1) await addCounts(trx, s);
  else await subtractCounts(trx, s);
}

/**
 * Runs `change` — an update of the given incidents' time, type, area, organisation, affected gender or
 * source — between taking their counts off (-1) and adding them back as they are after it (+1), in
 * `trx`. Only for such changes: the others leave the rollups as they are and need no call.
 */
export async function changingIncidents<T>(
  trx: Executor,
  incidentIds: readonly string[],
  change: () => Promise<T>,
): Promise<T> {
  await applyIncidentRollups(trx, incidentIds, -1);
  const result = await change();
  await applyIncidentRollups(trx, incidentIds, 1);
  return result;
}

/**
 * Runs `change` — moving an organisation under another parent — with the incidents of its subtree taken
 * off the rollups before and added back after (their organisation scopes are the organisations above
 * them), in `trx`.
 */
export async function movingOrganisation<T>(
  trx: Executor,
  organisationId: string,
  change: () => Promise<T>,
): Promise<T> {
  const result = await sql<{ id: string }>`
    WITH RECURSIVE subtree (id) AS (
      SELECT ${organisationId}::uuid
      UNION
      SELECT o.id FROM organisations o JOIN subtree s ON o.parent_id = s.id
    )
    SELECT i.id FROM incidents i WHERE i.organisation_id IN (SELECT id FROM subtree)
    ORDER BY i.id FOR UPDATE OF i`.execute(trx);
  return changingIncidents(
    trx,
    result.rows.map((r) => r.id),
    change,
  );
}

/**
 * Adds the rollups of the incidents whose ids are in `idTable` (a table or temporary table with a
 * uuid column `id`), for writers of many incidents at once (the demo).
 */
export async function addIncidentRollupsFrom(trx: Executor, idTable: string): Promise<void> {
  await addCounts(trx, { idTable });
}

/** A NULL area as a value, so that keys with no area still join by hash. */
const NO_AREA = sql`'00000000-0000-0000-0000-000000000000'::uuid`;

/**
 * Rebuilds every rollup from the raw rows, in one transaction. The rows are computed afresh and only the
 * differences are written (rows changed, added, removed): a rebuild of rollups that were right writes
 * almost nothing.
 */
export async function rebuildAllRollups(db: Executor): Promise<{ incidentRows: number; cellRows: number }> {
  return db.transaction().execute(async (trx) => {
    // Writers wait until the rebuild commits (readers do not): a report stored meanwhile is either
    // counted here (committed before) or adds itself after (its upsert waits for this lock).
    await sql`LOCK TABLE incident_rollups, picture_cells IN EXCLUSIVE MODE`.execute(trx);
    // Sorts and hash tables of a million incidents stay in memory (the default spills to disk).
    await sql`SET LOCAL work_mem = '256MB'`.execute(trx);
    // The planner underestimates the computed rows (CTEs) and would compare them with the tables by
    // walking the tables' indexes in order; hashing both sides is several times faster.
    await sql`SET LOCAL enable_mergejoin = off`.execute(trx);
    const rollupKey = (r: string, w: string) =>
      sql`${sql.ref(`${r}.day`)} = ${sql.ref(`${w}.day`)}
        AND ${sql.ref(`${r}.organisation_id`)} = ${sql.ref(`${w}.organisation_id`)}
        AND coalesce(${sql.ref(`${r}.area_id`)}, ${NO_AREA}) = coalesce(${sql.ref(`${w}.area_id`)}, ${NO_AREA})
        AND ${sql.ref(`${r}.type_id`)} = ${sql.ref(`${w}.type_id`)} AND ${sql.ref(`${r}.gender`)} = ${sql.ref(`${w}.gender`)}
        AND ${sql.ref(`${r}.source`)} = ${sql.ref(`${w}.source`)}`;
    const cellKey = (c: string, w: string) =>
      sql`${sql.ref(`${c}.scope_id`)} = ${sql.ref(`${w}.scope_id`)} AND ${sql.ref(`${c}.source`)} = 'own'
        AND ${sql.ref(`${c}.grain`)} = ${sql.ref(`${w}.grain`)} AND ${sql.ref(`${c}.month`)} = ${sql.ref(`${w}.month`)}
        AND ${sql.ref(`${c}.category`)} = ${sql.ref(`${w}.category`)} AND ${sql.ref(`${c}.weekday`)} = ${sql.ref(`${w}.weekday`)}
        AND ${sql.ref(`${c}.hour`)} = ${sql.ref(`${w}.hour`)} AND ${sql.ref(`${c}.gender`)} = ${sql.ref(`${w}.gender`)}`;
    // Every sub-statement sees the tables as they were before it: changed, added and removed rows
    // are disjoint.
    const result = await sql<{ incident_rows: number; cell_rows: number }>`
      WITH RECURSIVE ${countsCtes('all')},
      rollups_changed AS (
        UPDATE incident_rollups r SET count = w.n FROM rollup_rows w
        WHERE ${rollupKey('r', 'w')} AND r.count <> w.n
        RETURNING 1
      ),
      rollups_added AS (
        INSERT INTO incident_rollups (day, organisation_id, area_id, type_id, gender, source, count)
        SELECT w.day, w.organisation_id, w.area_id, w.type_id, w.gender, w.source, w.n FROM rollup_rows w
        WHERE NOT EXISTS (SELECT 1 FROM incident_rollups r WHERE ${rollupKey('r', 'w')})
        ORDER BY w.day, w.organisation_id, w.area_id, w.type_id, w.gender, w.source
        RETURNING 1
      ),
      rollups_removed AS (
        DELETE FROM incident_rollups r
        WHERE NOT EXISTS (SELECT 1 FROM rollup_rows w WHERE ${rollupKey('r', 'w')})
        RETURNING 1
      ),
      cells_changed AS (
        UPDATE picture_cells c SET count = w.n FROM cell_rows w
        WHERE ${cellKey('c', 'w')} AND c.count <> w.n
        RETURNING 1
      ),
      cells_added AS (
        INSERT INTO picture_cells (scope_id, month, source, grain, category, weekday, hour, gender, count)
        SELECT w.scope_id, w.month, 'own', w.grain, w.category, w.weekday, w.hour, w.gender, w.n FROM cell_rows w
        WHERE NOT EXISTS (SELECT 1 FROM picture_cells c WHERE ${cellKey('c', 'w')})
        ORDER BY w.scope_id, w.grain, w.month, w.category, w.weekday, w.hour, w.gender
        RETURNING 1
      ),
      cells_removed AS (
        DELETE FROM picture_cells c
        WHERE c.source = 'own' AND NOT EXISTS (SELECT 1 FROM cell_rows w WHERE ${cellKey('c', 'w')})
        RETURNING 1
      )
      SELECT (SELECT count(*) FROM rollup_rows)::int AS incident_rows,
        (SELECT count(*) FROM cell_rows)::int AS cell_rows,
        (SELECT count(*) FROM rollups_changed) + (SELECT count(*) FROM rollups_added)
          + (SELECT count(*) FROM rollups_removed) + (SELECT count(*) FROM cells_changed)
          + (SELECT count(*) FROM cells_added) + (SELECT count(*) FROM cells_removed) AS written`.execute(
      trx,
    );
    await rebuildPoliceCells(trx, null);
    const row = result.rows[0]!;
    return { incidentRows: row.incident_rows, cellRows: row.cell_rows };
  });
}
