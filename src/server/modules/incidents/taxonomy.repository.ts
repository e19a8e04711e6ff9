import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/types.ts';
import { type IncidentsDb, type IncidentTypeVersionRow, incidentsDb } from './incidents.tables.ts';

/** A type with the version it currently means. */
export interface TypeWithVersion {
  id: string;
  code: string;
  group_code: string;
  current_version: number;
  active: boolean;
  sort_order: number;
  version: IncidentTypeVersionRow;
}

/** What a version says (the writable part of `incident_type_versions`). */
export interface TypeDefinition {
  label_sv: string;
  label_en: string;
  description_sv: string | null;
  description_en: string | null;
  focus_areas: string[];
  work_environment_kinds: string[];
  serious: boolean;
  need_to_know: boolean;
  anonymous_allowed: boolean;
  threat_register: boolean;
  retention_months: number | null;
  retention_action: 'anonymise' | 'delete';
}

export const DEFINITION_FIELDS = [
  'label_sv',
  'label_en',
  'description_sv',
  'description_en',
  'focus_areas',
  'work_environment_kinds',
  'serious',
  'need_to_know',
  'anonymous_allowed',
  'threat_register',
  'retention_months',
  'retention_action',
] as const satisfies readonly (keyof TypeDefinition)[];

const VERSION_COLUMNS = [
  'v.id',
  'v.type_id',
  'v.version',
  'v.label_sv',
  'v.label_en',
  'v.description_sv',
  'v.description_en',
  'v.focus_areas',
  'v.work_environment_kinds',
  'v.serious',
  'v.need_to_know',
  'v.anonymous_allowed',
  'v.threat_register',
  'v.retention_months',
  'v.retention_action',
  'v.created_by',
  'v.created_at',
] as const;

export function createTaxonomyRepository({ db: raw }: { db: Kysely<Database> | Transaction<Database> }) {
  const db: IncidentsDb = incidentsDb(raw);

  const typesWithVersion = () =>
    db
      .selectFrom('incident_types as t')
      .innerJoin('incident_type_versions as v', (j) =>
        j.onRef('v.type_id', '=', 't.id').onRef('v.version', '=', 't.current_version'),
      )
      .select(['t.id as t_id', 't.code', 't.group_code', 't.current_version', 't.active', 't.sort_order'])
      .select(VERSION_COLUMNS);

  type Joined = Awaited<ReturnType<ReturnType<typeof typesWithVersion>['executeTakeFirstOrThrow']>>;
  const toType = (r: Joined): TypeWithVersion => ({
    id: r.t_id,
    code: r.code,
    group_code: r.group_code,
    current_version: r.current_version,
    active: r.active,
    sort_order: r.sort_order,
    version: {
      id: r.id,
      type_id: r.type_id,
      version: r.version,
      label_sv: r.label_sv,
      label_en: r.label_en,
      description_sv: r.description_sv,
      description_en: r.description_en,
      focus_areas: r.focus_areas,
      work_environment_kinds: r.work_environment_kinds,
      serious: r.serious,
      need_to_know: r.need_to_know,
      anonymous_allowed: r.anonymous_allowed,
      threat_register: r.threat_register,
      retention_months: r.retention_months,
      retention_action: r.retention_action,
      created_by: r.created_by,
      created_at: r.created_at,
    },
  });

  return {
    listGroups() {
      return db
        .selectFrom('incident_type_groups')
        .selectAll()
        .orderBy('sort_order')
        .orderBy('code')
        .execute();
    },

    listFocusAreas() {
      return db.selectFrom('focus_areas').selectAll().orderBy('position').execute();
    },

    async listTypes(opts: { includeInactive: boolean }): Promise<TypeWithVersion[]> {
      let q = typesWithVersion();
      if (!opts.includeInactive) q = q.where('t.active', '=', true);
      const rows = await q.orderBy('t.sort_order').orderBy('t.code').execute();
      return rows.map(toType);
    },

    async findType(id: string): Promise<TypeWithVersion | undefined> {
      const row = await typesWithVersion().where('t.id', '=', id).executeTakeFirst();
      return row && toType(row);
    },

    /** Types by code, with their current versions (the batch API names types by code). */
    async findTypesByCode(codes: readonly string[]): Promise<TypeWithVersion[]> {
      if (codes.length === 0) return [];
      const rows = await typesWithVersion()
        .where('t.code', 'in', [...codes])
        .execute();
      return rows.map(toType);
    },

    /** Locks the type's row for the rest of the transaction, so two edits make two versions in turn. */
    async lockType(id: string): Promise<boolean> {
      const row = await db
        .selectFrom('incident_types')
        .select('id')
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      return row !== undefined;
    },

    async insertType(
      t: { code: string; group_code: string; sort_order: number },
      d: TypeDefinition,
      createdBy: string | null,
      now: Date,
    ): Promise<string> {
      const row = await db
        .insertInto('incident_types')
        .values({ ...t, current_version: 1, active: true, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('incident_type_versions')
        .values({ type_id: row.id, version: 1, ...d, created_by: createdBy, created_at: now })
        .execute();
      return row.id;
    },

    async insertVersion(
      typeId: string,
      version: number,
      d: TypeDefinition,
      createdBy: string | null,
      now: Date,
    ): Promise<void> {
      await db
        .insertInto('incident_type_versions')
        .values({ type_id: typeId, version, ...d, created_by: createdBy, created_at: now })
        .execute();
    },

    async updateType(
      id: string,
      changes: { current_version?: number; active?: boolean; sort_order?: number },
      now: Date,
    ): Promise<void> {
      await db
        .updateTable('incident_types')
        .set({ ...changes, updated_at: now })
        .where('id', '=', id)
        .execute();
    },

    /** Every version of a type, newest first, with who made it and how many reports use it. */
    listVersions(typeId: string) {
      return db
        .selectFrom('incident_type_versions as v')
        .leftJoin('users as u', 'u.id', 'v.created_by')
        .select(VERSION_COLUMNS)
        .select('u.name as created_by_name')
        .select((eb) =>
          eb
            .selectFrom('incidents as i')
            .select((e) => e.fn.countAll<string>().as('n'))
            .whereRef('i.type_version_id', '=', 'v.id')
            .as('report_count'),
        )
        .where('v.type_id', '=', typeId)
        .orderBy('v.version', 'desc')
        .execute();
    },

    async existingGroupCodes(): Promise<Set<string>> {
      const rows = await db.selectFrom('incident_type_groups').select('code').execute();
      return new Set(rows.map((r) => r.code));
    },

    async existingFocusAreaCodes(): Promise<Set<string>> {
      const rows = await db.selectFrom('focus_areas').select('code').execute();
      return new Set(rows.map((r) => r.code));
    },
  };
}

export type TaxonomyRepository = ReturnType<typeof createTaxonomyRepository>;
