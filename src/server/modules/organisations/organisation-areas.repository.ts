import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/types.ts';
import { type AreaResponsibilityRecord, type StructureDb, structureDb } from './organisations.tables.ts';

/** A responsibility with the area's name and code, for presenting. */
export interface AreaResponsibilityRow extends AreaResponsibilityRecord {
  area_name: string;
  area_code: string | null;
}

/**
 * District committees' responsibility for areas. The `areas` table belongs to the areas module; this
 * repository only reads an area's id, name and code from it.
 */
export function createOrganisationAreasRepository({ db: raw }: { db: Kysely<Database> | StructureDb }) {
  const db = structureDb(raw);
  const withArea = () =>
    db
      .selectFrom('organisation_areas as r')
      .innerJoin('areas as a', 'a.id', 'r.area_id')
      .selectAll('r')
      .select(['a.name as area_name', 'a.code as area_code']);

  return {
    findArea(id: string) {
      return db.selectFrom('areas').select(['id', 'name', 'code']).where('id', '=', id).executeTakeFirst();
    },

    findById(id: string): Promise<AreaResponsibilityRow | undefined> {
      return withArea().where('r.id', '=', id).executeTakeFirst();
    },

    /** Responsibilities of `organisationIds`, by area name and start. */
    listFor(organisationIds: readonly string[] | 'all'): Promise<AreaResponsibilityRow[]> {
      if (organisationIds !== 'all' && organisationIds.length === 0) return Promise.resolve([]);
      let query = withArea().orderBy('a.name').orderBy('r.valid_from');
      if (organisationIds !== 'all') query = query.where('r.organisation_id', 'in', organisationIds);
      return query.execute();
    },

    /** Responsibilities for `areaId` sharing a day with the period (other than `exceptId`). */
    listOverlapping(
      areaId: string,
      period: { valid_from: string | null; valid_to: string | null },
      exceptId?: string,
    ): Promise<AreaResponsibilityRecord[]> {
      let query = db
        .selectFrom('organisation_areas')
        .selectAll()
        .where('area_id', '=', areaId)
        .where(
          sql<boolean>`daterange(valid_from, valid_to, '[]') && daterange(${period.valid_from}::date, ${period.valid_to}::date, '[]')`,
        );
      if (exceptId) query = query.where('id', '<>', exceptId);
      return query.execute();
    },

    /** The responsibilities of an organisation still running on `day` or starting later. */
    listOpenOn(organisationId: string, day: string): Promise<AreaResponsibilityRecord[]> {
      return db
        .selectFrom('organisation_areas')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', day)]))
        .execute();
    },

    async insert(r: {
      organisationId: string;
      areaId: string;
      validFrom: string | null;
      validTo: string | null;
    }): Promise<string> {
      const row = await db
        .insertInto('organisation_areas')
        .values({
          organisation_id: r.organisationId,
          area_id: r.areaId,
          valid_from: r.validFrom,
          valid_to: r.validTo,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async update(id: string, changes: { valid_from?: string | null; valid_to?: string | null }, now: Date) {
      await db
        .updateTable('organisation_areas')
        .set({ ...changes, updated_at: now })
        .where('id', '=', id)
        .execute();
    },

    async delete(id: string): Promise<void> {
      await db.deleteFrom('organisation_areas').where('id', '=', id).execute();
    },

    /** The organisation responsible for `areaId` on `day`, if any. */
    async findResponsibleOn(areaId: string, day: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('organisation_areas')
        .select('organisation_id')
        .where('area_id', '=', areaId)
        .where((eb) => eb.or([eb('valid_from', 'is', null), eb('valid_from', '<=', day)]))
        .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', day)]))
        .executeTakeFirst();
      return row?.organisation_id;
    },
  };
}

export type OrganisationAreasRepository = ReturnType<typeof createOrganisationAreasRepository>;
