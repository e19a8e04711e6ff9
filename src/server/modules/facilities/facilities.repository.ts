import { type ColumnType, type Generated, type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types.ts';

type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface FacilityTypesTable {
  code: string;
  label_sv: string;
  label_en: string;
  sort_order: ColumnType<number, number | undefined, number>;
}

export interface FacilitiesTable {
  id: Generated<string>;
  code: string | null;
  name: string;
  type_code: string;
  organisation_id: string;
  unit_id: string | null;
  street_address: string | null;
  postal_code: string | null;
  city: string | null;
  lat: number | null;
  lon: number | null;
  /** Native `point`, written as `'(x,y)'` text; read through `FacilityRow`. */
  location: ColumnType<{ x: number; y: number } | null, string | null, string | null>;
  area_id: string | null;
  area_path: ColumnType<string[], string[] | undefined, string[]>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

declare module '../../db/types.ts' {
  interface Database {
    facility_types: FacilityTypesTable;
    facilities: FacilitiesTable;
  }
}

/** A facility with the names it is shown with. */
export interface FacilityRow {
  id: string;
  code: string | null;
  name: string;
  type_code: string;
  type_label_sv: string;
  type_label_en: string;
  organisation_id: string;
  organisation_name: string;
  unit_id: string | null;
  unit_name: string | null;
  street_address: string | null;
  postal_code: string | null;
  city: string | null;
  lat: number | null;
  lon: number | null;
  east: number | null;
  north: number | null;
  area_id: string | null;
  area_path: string[];
  area_name: string | null;
  area_level: string | null;
  parent_area_id: string | null;
  parent_area_name: string | null;
  parent_area_level: string | null;
}

/** What is stored of a facility (the repository's write shape). */
export interface FacilityValues {
  code: string | null;
  name: string;
  type_code: string;
  organisation_id: string;
  unit_id: string | null;
  street_address: string | null;
  postal_code: string | null;
  city: string | null;
  lat: number | null;
  lon: number | null;
  /** SWEREF 99 TM metres, from lat/lon. */
  east: number | null;
  north: number | null;
  area_id: string | null;
  area_path: string[];
}

export interface OrganisationRef {
  id: string;
  name: string;
  code: string | null;
  kind: string;
  parent_id: string | null;
}

export const LIST_LIMIT = 2000;

const pointText = (v: Pick<FacilityValues, 'east' | 'north'>) =>
  v.east === null || v.north === null ? null : `(${v.east},${v.north})`;

export function createFacilitiesRepository({ db }: { db: Kysely<Database> }) {
  const select = (where: ReturnType<typeof sql>, limit = LIST_LIMIT + 1) => sql<FacilityRow>`
    SELECT f.id, f.code, f.name, f.type_code, t.label_sv AS type_label_sv, t.label_en AS type_label_en,
      f.organisation_id, o.name AS organisation_name, f.unit_id, un.name AS unit_name,
      f.street_address, f.postal_code, f.city, f.lat, f.lon, f.location[0] AS east, f.location[1] AS north,
      f.area_id, f.area_path, a.name AS area_name, a.level AS area_level,
      pa.id AS parent_area_id, pa.name AS parent_area_name, pa.level AS parent_area_level
    FROM facilities f
    JOIN facility_types t ON t.code = f.type_code
    JOIN organisations o ON o.id = f.organisation_id
    LEFT JOIN organisations un ON un.id = f.unit_id
    LEFT JOIN areas a ON a.id = f.area_id
    LEFT JOIN areas pa ON pa.id = a.parent_id
    WHERE ${where}
    ORDER BY f.name, f.id
    LIMIT ${limit}`;

  return {
    async listTypes() {
      return db.selectFrom('facility_types').selectAll().orderBy('sort_order').orderBy('code').execute();
    },

    /**
     * Facilities owned by `organisationIds` (undefined = all), filtered; at most LIST_LIMIT + 1 rows
     * so the caller can tell that there were more.
     */
    async list(opts: {
      organisationIds: string[] | undefined;
      organisationId?: string;
      type?: string;
      areaId?: string;
      q?: string;
    }): Promise<FacilityRow[]> {
      if (opts.organisationIds?.length === 0) return [];
      const conditions = [
        opts.organisationIds ? sql`f.organisation_id = ANY(${opts.organisationIds}::uuid[])` : sql`true`,
        // The organisation and everything below it: a committee's filter shows its units' facilities too.
        opts.organisationId
          ? sql`(f.organisation_id = ANY(${subtree(opts.organisationId)}) OR f.unit_id = ANY(${subtree(opts.organisationId)}))`
          : sql`true`,
        opts.type ? sql`f.type_code = ${opts.type}` : sql`true`,
        opts.areaId ? sql`f.area_path @> ARRAY[${opts.areaId}]::uuid[]` : sql`true`,
        opts.q
          ? sql`(f.name ILIKE ${`%${escapeLike(opts.q)}%`} OR f.code ILIKE ${`%${escapeLike(opts.q)}%`}
              OR f.street_address ILIKE ${`%${escapeLike(opts.q)}%`})`
          : sql`true`,
      ];
      const result = await select(sql.join(conditions, sql` AND `)).execute(db);
      return result.rows;
    },

    async findById(id: string): Promise<FacilityRow | undefined> {
      const result = await select(sql`f.id = ${id}`, 1).execute(db);
      return result.rows[0];
    },

    /** Facilities by register code (any letter case), for imports. */
    async findByCodes(codes: string[]): Promise<FacilityRow[]> {
      if (codes.length === 0) return [];
      const lower = codes.map((c) => c.toLowerCase());
      const result = await select(sql`lower(f.code) = ANY(${lower}::text[])`, 1_000_000).execute(db);
      return result.rows;
    },

    async create(v: FacilityValues, now: Date): Promise<string> {
      const row = await db
        .insertInto('facilities')
        .values({
          code: v.code,
          name: v.name,
          type_code: v.type_code,
          organisation_id: v.organisation_id,
          unit_id: v.unit_id,
          street_address: v.street_address,
          postal_code: v.postal_code,
          city: v.city,
          lat: v.lat,
          lon: v.lon,
          location: pointText(v),
          area_id: v.area_id,
          area_path: v.area_path,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async update(id: string, v: FacilityValues, now: Date): Promise<void> {
      await db
        .updateTable('facilities')
        .set({
          code: v.code,
          name: v.name,
          type_code: v.type_code,
          organisation_id: v.organisation_id,
          unit_id: v.unit_id,
          street_address: v.street_address,
          postal_code: v.postal_code,
          city: v.city,
          lat: v.lat,
          lon: v.lon,
          location: pointText(v),
          area_id: v.area_id,
          area_path: v.area_path,
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
    },

    async delete(id: string): Promise<void> {
      await db.deleteFrom('facilities').where('id', '=', id).execute();
    },

    /** Organisations as imports name them: by id, code or name, with their place in the tree. */
    async listOrganisations(): Promise<OrganisationRef[]> {
      const result = await sql<OrganisationRef>`
        SELECT id, name, code, kind, parent_id FROM organisations ORDER BY name, id`.execute(db);
      return result.rows;
    },

    async findOrganisation(id: string): Promise<OrganisationRef | undefined> {
      const result = await sql<OrganisationRef>`
        SELECT id, name, code, kind, parent_id FROM organisations WHERE id = ${id}`.execute(db);
      return result.rows[0];
    },

    /** Whether `descendantId` lies within `ancestorId`'s subtree (itself excluded). */
    async isBelow(descendantId: string, ancestorId: string): Promise<boolean> {
      const result = await sql<{ below: boolean }>`
        WITH RECURSIVE up AS (
          SELECT parent_id FROM organisations WHERE id = ${descendantId}
          UNION ALL
          SELECT o.parent_id FROM organisations o JOIN up ON o.id = up.parent_id
        )
        SELECT EXISTS (SELECT 1 FROM up WHERE parent_id = ${ancestorId}) AS below`.execute(db);
      return result.rows[0]?.below ?? false;
    },

    /** Every facility with coordinates, for recomputing areas. */
    async listLocated(organisationIds: string[] | undefined) {
      if (organisationIds?.length === 0) return [];
      let q = db
        .selectFrom('facilities')
        .select(['id', 'organisation_id', 'lat', 'lon', 'area_id', 'area_path'])
        .where('lat', 'is not', null);
      if (organisationIds) q = q.where('organisation_id', 'in', organisationIds);
      return q.execute();
    },

    async setArea(id: string, areaId: string | null, areaPath: string[], now: Date): Promise<void> {
      await db
        .updateTable('facilities')
        .set({ area_id: areaId, area_path: areaPath, updated_at: now })
        .where('id', '=', id)
        .execute();
    },
  };
}

/** The ids of an organisation and all organisations below it, as an SQL array expression. */
function subtree(organisationId: string) {
  return sql`ARRAY(
    WITH RECURSIVE sub AS (
      SELECT id FROM organisations WHERE id = ${organisationId}
      UNION ALL
      SELECT o.id FROM organisations o JOIN sub ON o.parent_id = sub.id
    ) SELECT id FROM sub)`;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export type FacilitiesRepository = ReturnType<typeof createFacilitiesRepository>;
