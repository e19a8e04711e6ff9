import { type Kysely, sql } from 'kysely';
import type { FlatRing } from '../../../domain/geo/geometry.ts';
import type { Database } from '../../db/types.ts';
import { type AreaRecord, type AreasDb, areasDb } from './areas.tables.ts';

/** An area without its geometry: what lists and references need. */
export type AreaSummary = Omit<AreaRecord, 'geojson' | 'bbox'> & { has_geometry: boolean };

export interface AreaRefRow {
  id: string;
  name: string;
  level: string;
  depth: number;
  parent_id: string | null;
}

const SUMMARY_COLUMNS = [
  'id',
  'parent_id',
  'level',
  'name',
  'code',
  'municipality_id',
  'depth',
  'valid_from',
  'valid_to',
  'geometry_derived',
  'import_id',
  'created_at',
  'updated_at',
] as const;

/** "In force on `day`": started (or no recorded start) and not yet ended (valid_to is inclusive). */
const inForceOn = (day: string) => sql<boolean>`(a.valid_from IS NULL OR a.valid_from <= ${day}::date)
  AND (a.valid_to IS NULL OR a.valid_to >= ${day}::date)`;

/** PostgreSQL's text form of a polygon, `((x1,y1),…)`, as a closed flat ring (the first point repeated). */
export function parsePolygonText(text: string): FlatRing {
  const numbers = text.replace(/[()]/g, '').split(',').map(Number);
  const ring = new Float64Array(numbers.length + 2);
  ring.set(numbers);
  ring[numbers.length] = numbers[0]!;
  ring[numbers.length + 1] = numbers[1]!;
  return ring;
}

/** A closed flat ring as PostgreSQL polygon text (the closing point left out: polygons are closed). */
export function polygonText(ring: FlatRing): string {
  const parts: string[] = [];
  for (let i = 0; i + 2 < ring.length; i += 2) parts.push(`(${ring[i]},${ring[i + 1]})`);
  return `(${parts.join(',')})`;
}

export function createAreasRepository({ db: raw }: { db: Kysely<Database> | AreasDb }) {
  const db = areasDb(raw);
  const summaries = () =>
    db
      .selectFrom('areas as a')
      .select(SUMMARY_COLUMNS.map((c) => `a.${c}` as const))
      .select(sql<boolean>`a.geojson IS NOT NULL`.as('has_geometry'));

  return {
    findRoot(municipalityId: string) {
      return summaries()
        .where('a.municipality_id', '=', municipalityId)
        .where('a.parent_id', 'is', null)
        .executeTakeFirst();
    },

    findById(id: string): Promise<AreaSummary | undefined> {
      return summaries().where('a.id', '=', id).executeTakeFirst();
    },

    /** Every area (or every area of one level), from the root down, by name. */
    list(opts: { level?: string } = {}): Promise<AreaSummary[]> {
      let query = summaries().orderBy('a.depth').orderBy(sql`a.name COLLATE "C"`).orderBy('a.id');
      if (opts.level) query = query.where('a.level', '=', opts.level);
      return query.execute();
    },

    /** The levels in use, from the root down. */
    async listLevels(): Promise<string[]> {
      const rows = await db
        .selectFrom('areas')
        .select('level')
        .select((eb) => eb.fn.min('depth').as('depth'))
        .groupBy('level')
        .orderBy('depth')
        .orderBy('level')
        .execute();
      return rows.map((r) => r.level);
    },

    /** From the root down to the area's parent. */
    async listAncestors(id: string): Promise<AreaRefRow[]> {
      const result = await sql<AreaRefRow>`
        WITH RECURSIVE up AS (
          SELECT p.id, p.name, p.level, p.depth, p.parent_id
          FROM areas c JOIN areas p ON p.id = c.parent_id WHERE c.id = ${id}
          UNION ALL
          SELECT p.id, p.name, p.level, p.depth, p.parent_id FROM areas p JOIN up ON p.id = up.parent_id
        )
        SELECT * FROM up ORDER BY depth`.execute(db);
      return result.rows;
    },

    listChildren(id: string): Promise<AreaRefRow[]> {
      return db
        .selectFrom('areas')
        .select(['id', 'name', 'level', 'depth', 'parent_id'])
        .where('parent_id', '=', id)
        .orderBy(sql`name COLLATE "C"`)
        .orderBy('id')
        .execute();
    },

    /** Areas with geometry, as WGS84 GeoJSON, optionally of one level. */
    listGeometries(opts: { level?: string } = {}) {
      let query = db
        .selectFrom('areas')
        .select(['id', 'name', 'level', 'depth', 'parent_id', 'geojson', 'geometry_derived'])
        .where('geojson', 'is not', null)
        .orderBy('depth')
        .orderBy(sql`name COLLATE "C"`)
        .orderBy('id');
      if (opts.level) query = query.where('level', '=', opts.level);
      return query.execute();
    },

    async update(
      id: string,
      changes: { name?: string; valid_from?: string | null; valid_to?: string | null },
      now: Date,
    ): Promise<void> {
      await db
        .updateTable('areas')
        .set({ ...changes, updated_at: now })
        .where('id', '=', id)
        .execute();
    },

    /** A sibling of the same level with this name (case-insensitive), other than `exceptId`. */
    findSibling(parentId: string, level: string, name: string, exceptId: string) {
      return db
        .selectFrom('areas')
        .select(['id', 'name'])
        .where('parent_id', '=', parentId)
        .where('level', '=', level)
        .where(sql<boolean>`lower(name) = lower(${name})`)
        .where('id', '<>', exceptId)
        .executeTakeFirst();
    },

    /**
     * The deepest area in force on `day` containing the point (SWEREF 99 TM metres). The GiST index on
     * the rings finds candidate outer rings by bounding box, PostgreSQL checks them exactly, and a
     * polygon counts only when none of its holes holds the point. Ties (a point on a shared border)
     * go to the name first in code-point order, then the lowest id.
     */
    async locate(x: number, y: number, day: string): Promise<AreaRefRow | undefined> {
      const result = await sql<AreaRefRow>`
        WITH p AS (SELECT polygon(box(point(${x}, ${y}), point(${x}, ${y}))) AS pt)
        SELECT a.id, a.name, a.level, a.depth, a.parent_id
        FROM areas a
        WHERE ${inForceOn(day)} AND a.id IN (
          SELECT r.area_id FROM area_rings r, p
          WHERE r.ring_index = 0 AND r.ring @> p.pt
            AND NOT EXISTS (
              SELECT 1 FROM area_rings h
              WHERE h.area_id = r.area_id AND h.polygon_index = r.polygon_index AND h.ring_index > 0
                AND h.ring @> p.pt))
        ORDER BY a.depth DESC, a.name COLLATE "C", a.id
        LIMIT 1`.execute(db);
      return result.rows[0];
    },

    /** Every ring of the areas in force on `day`, for the in-memory index. */
    async listRingsInForce(day: string) {
      const result = await sql<{
        area_id: string;
        name: string;
        level: string;
        depth: number;
        parent_id: string | null;
        polygon_index: number;
        ring_index: number;
        ring: string;
      }>`
        SELECT a.id AS area_id, a.name, a.level, a.depth, a.parent_id, r.polygon_index, r.ring_index,
          r.ring::text AS ring
        FROM areas a JOIN area_rings r ON r.area_id = a.id
        WHERE ${inForceOn(day)}
        ORDER BY a.id, r.polygon_index, r.ring_index`.execute(db);
      return result.rows;
    },

    /** Every area in force on `day` with its parent, for walking up from an in-memory hit. */
    async listRefsInForce(day: string): Promise<AreaRefRow[]> {
      const result = await sql<AreaRefRow>`
        SELECT a.id, a.name, a.level, a.depth, a.parent_id FROM areas a WHERE ${inForceOn(day)}`.execute(db);
      return result.rows;
    },
  };
}

export type AreasRepository = ReturnType<typeof createAreasRepository>;
