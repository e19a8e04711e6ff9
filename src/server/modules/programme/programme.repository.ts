import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/types.ts';
import {
  type ExternalDocumentRow,
  type FocusAreaRow,
  type GoalAreaRow,
  type IndicatorRow,
  type ObjectiveRow,
  type ProgrammeTables,
  programmeDb,
  type RelationRow,
  type VersionRow,
} from './programme.tables.ts';

/** A version with the organisation its programme belongs to (what access is decided on). */
export type VersionWithOwner = VersionRow & { organisation_id: string };

/** The tables holding a version's parts, each with `version_id`, `id` and `position`. */
export type PartTable =
  | 'programme_goal_areas'
  | 'programme_focus_areas'
  | 'programme_objectives'
  | 'programme_indicators';

export interface VersionParts {
  goalAreas: GoalAreaRow[];
  focusAreas: FocusAreaRow[];
  links: { focus_area_id: string; goal_area_id: string }[];
  objectives: ObjectiveRow[];
  indicators: IndicatorRow[];
  relations: RelationWithTarget[];
}

export type RelationWithTarget = RelationRow & {
  external: ExternalDocumentRow | null;
  version: (VersionRow & { organisation_id: string }) | null;
};

export function createProgrammeRepository({ db: base }: { db: Kysely<Database> | Transaction<Database> }) {
  const db = programmeDb(base);

  const versionsWithOwner = () =>
    db
      .selectFrom('programme_versions as v')
      .innerJoin('programmes as p', 'p.id', 'v.programme_id')
      .selectAll('v')
      .select('p.organisation_id');

  const listRelations = async (versionId: string, relationId?: string): Promise<RelationWithTarget[]> => {
    let query = db
      .selectFrom('programme_relations')
      .selectAll()
      .where('version_id', '=', versionId)
      // A fixed order by type: what the version carries out first, what replaced documents last.
      .orderBy(sql`array_position(ARRAY['implements', 'complements', 'governed_by', 'replaces'], type)`)
      .orderBy('created_at')
      .orderBy('id');
    if (relationId) query = query.where('id', '=', relationId);
    const rows = await query.execute();
    const externalIds = rows.flatMap((r) => (r.target_external_id ? [r.target_external_id] : []));
    const versionIds = rows.flatMap((r) => (r.target_version_id ? [r.target_version_id] : []));
    const externals =
      externalIds.length === 0
        ? []
        : await db
            .selectFrom('external_steering_documents')
            .selectAll()
            .where('id', 'in', externalIds)
            .execute();
    const versions =
      versionIds.length === 0 ? [] : await versionsWithOwner().where('v.id', 'in', versionIds).execute();
    return rows.map((r) => ({
      ...r,
      external: externals.find((e) => e.id === r.target_external_id) ?? null,
      version: versions.find((v) => v.id === r.target_version_id) ?? null,
    }));
  };

  return {
    listRelations,

    findRootOrganisationId: async (): Promise<string | undefined> =>
      (
        await db
          .selectFrom('organisations')
          .select('id')
          .where('parent_id', 'is', null)
          .orderBy('created_at')
          .executeTakeFirst()
      )?.id,

    organisationExists: async (id: string): Promise<boolean> =>
      (await db.selectFrom('organisations').select('id').where('id', '=', id).executeTakeFirst()) !==
      undefined,

    findProgrammeByOrganisation: (organisationId: string) =>
      db
        .selectFrom('programmes')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .executeTakeFirst(),

    async createProgramme(organisationId: string): Promise<string> {
      const row = await db
        .insertInto('programmes')
        .values({ organisation_id: organisationId })
        .onConflict((oc) => oc.column('organisation_id').doNothing())
        .returning('id')
        .executeTakeFirst();
      return row?.id ?? '';
    },

    /** Locks the programme row: adoption and draft creation for one programme happen one at a time. */
    lockProgramme: (programmeId: string) =>
      db.selectFrom('programmes').selectAll().where('id', '=', programmeId).forUpdate().executeTakeFirst(),

    findVersion: (id: string): Promise<VersionWithOwner | undefined> =>
      versionsWithOwner().where('v.id', '=', id).executeTakeFirst(),

    /** The version row locked for the rest of the transaction, so its status cannot change under an edit. */
    lockVersion: (id: string): Promise<VersionWithOwner | undefined> =>
      versionsWithOwner().where('v.id', '=', id).forUpdate('v').executeTakeFirst(),

    /** A programme's versions: the draft first, then newest adoption first. */
    listVersions: (programmeId: string): Promise<VersionWithOwner[]> =>
      versionsWithOwner()
        .where('v.programme_id', '=', programmeId)
        .orderBy(sql`v.status = 'draft'`, 'desc')
        .orderBy('v.adopted_on', (ob) => ob.desc().nullsLast())
        .orderBy('v.created_at', 'desc')
        .execute(),

    findInForce: (programmeId: string): Promise<VersionWithOwner | undefined> =>
      versionsWithOwner()
        .where('v.programme_id', '=', programmeId)
        .where('v.status', '=', 'adopted')
        .executeTakeFirst(),

    findDraft: (programmeId: string) =>
      db
        .selectFrom('programme_versions')
        .select('id')
        .where('programme_id', '=', programmeId)
        .where('status', '=', 'draft')
        .executeTakeFirst(),

    isLabelTaken: async (programmeId: string, label: string, exceptId?: string): Promise<boolean> => {
      let query = db
        .selectFrom('programme_versions')
        .select('id')
        .where('programme_id', '=', programmeId)
        .where(sql<boolean>`lower(label) = lower(${label})`);
      if (exceptId) query = query.where('id', '<>', exceptId);
      return (await query.executeTakeFirst()) !== undefined;
    },

    labelsOf: async (ids: (string | null)[]): Promise<Map<string, string>> => {
      const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
      if (wanted.length === 0) return new Map();
      const rows = await db
        .selectFrom('programme_versions')
        .select(['id', 'label'])
        .where('id', 'in', wanted)
        .execute();
      return new Map(rows.map((r) => [r.id, r.label]));
    },

    async insertVersion(values: {
      programme_id: string;
      label: string;
      title_sv: string;
      title_en: string;
      summary_sv: string | null;
      summary_en: string | null;
      is_demo: boolean;
      copied_from_id: string | null;
    }): Promise<string> {
      const row = await db
        .insertInto('programme_versions')
        .values(values)
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async updateVersion(
      id: string,
      values: Partial<
        Pick<
          VersionRow,
          | 'label'
          | 'title_sv'
          | 'title_en'
          | 'summary_sv'
          | 'summary_en'
          | 'status'
          | 'adopted_on'
          | 'decision_reference'
          | 'replaces_id'
          | 'retired_on'
          | 'retirement_reference'
          | 'retired_by_id'
        >
      >,
      now: Date,
    ): Promise<void> {
      await db
        .updateTable('programme_versions')
        .set({ ...values, updated_at: now })
        .where('id', '=', id)
        .execute();
    },

    async deleteVersion(id: string): Promise<void> {
      await db.deleteFrom('programme_versions').where('id', '=', id).execute();
    },

    /** Copies every part of one version into another, remembering where each came from. */
    async copyParts(fromId: string, toId: string): Promise<void> {
      await sql`
        INSERT INTO programme_goal_areas (version_id, position, title_sv, title_en, description_sv, description_en, copied_from_id)
        SELECT ${toId}, position, title_sv, title_en, description_sv, description_en, id
        FROM programme_goal_areas WHERE version_id = ${fromId}`.execute(db);
      await sql`
        INSERT INTO programme_focus_areas (version_id, position, title_sv, title_en, description_sv, description_en,
          communication_sv, communication_en, copied_from_id)
        SELECT ${toId}, position, title_sv, title_en, description_sv, description_en, communication_sv, communication_en, id
        FROM programme_focus_areas WHERE version_id = ${fromId}`.execute(db);
      await sql`
        INSERT INTO programme_focus_area_goals (version_id, focus_area_id, goal_area_id)
        SELECT ${toId}, f.id, g.id
        FROM programme_focus_area_goals l
        JOIN programme_focus_areas f ON f.version_id = ${toId} AND f.copied_from_id = l.focus_area_id
        JOIN programme_goal_areas g ON g.version_id = ${toId} AND g.copied_from_id = l.goal_area_id
        WHERE l.version_id = ${fromId}`.execute(db);
      await sql`
        INSERT INTO programme_objectives (version_id, focus_area_id, position, title_sv, title_en, description_sv,
          description_en, copied_from_id)
        SELECT ${toId}, f.id, o.position, o.title_sv, o.title_en, o.description_sv, o.description_en, o.id
        FROM programme_objectives o
        JOIN programme_focus_areas f ON f.version_id = ${toId} AND f.copied_from_id = o.focus_area_id
        WHERE o.version_id = ${fromId}`.execute(db);
      await sql`
        INSERT INTO programme_indicators (version_id, focus_area_id, position, name_sv, name_en, unit_sv, unit_en,
          direction, baseline_value, baseline_year, target_value, target_year, copied_from_id)
        SELECT ${toId}, f.id, i.position, i.name_sv, i.name_en, i.unit_sv, i.unit_en, i.direction,
          i.baseline_value, i.baseline_year, i.target_value, i.target_year, i.id
        FROM programme_indicators i
        JOIN programme_focus_areas f ON f.version_id = ${toId} AND f.copied_from_id = i.focus_area_id
        WHERE i.version_id = ${fromId}`.execute(db);
      await sql`
        INSERT INTO programme_relations (version_id, type, target_version_id, target_external_id, note_sv, note_en)
        SELECT ${toId}, type, target_version_id, target_external_id, note_sv, note_en
        FROM programme_relations WHERE version_id = ${fromId} AND target_version_id IS DISTINCT FROM ${toId}`.execute(
        db,
      );
    },

    async loadParts(versionId: string): Promise<VersionParts> {
      const [goalAreas, focusAreas, links, objectives, indicators, relations] = await Promise.all([
        db
          .selectFrom('programme_goal_areas')
          .selectAll()
          .where('version_id', '=', versionId)
          .orderBy('position')
          .execute(),
        db
          .selectFrom('programme_focus_areas')
          .selectAll()
          .where('version_id', '=', versionId)
          .orderBy('position')
          .execute(),
        db
          .selectFrom('programme_focus_area_goals')
          .select(['focus_area_id', 'goal_area_id'])
          .where('version_id', '=', versionId)
          .execute(),
        db
          .selectFrom('programme_objectives')
          .selectAll()
          .where('version_id', '=', versionId)
          .orderBy('position')
          .execute(),
        db
          .selectFrom('programme_indicators')
          .selectAll()
          .where('version_id', '=', versionId)
          .orderBy('position')
          .execute(),
        listRelations(versionId),
      ]);
      return { goalAreas, focusAreas, links, objectives, indicators, relations };
    },

    /** The version a part belongs to, or undefined when there is no such part. */
    findPartVersionId: async (
      table: PartTable | 'programme_relations',
      id: string,
    ): Promise<string | undefined> =>
      (await db.selectFrom(table).select('version_id').where('id', '=', id).executeTakeFirst())?.version_id,

    async nextPosition(table: PartTable, scope: { version_id: string } | { focus_area_id: string }) {
      const [column, value] =
        'version_id' in scope ? ['version_id', scope.version_id] : ['focus_area_id', scope.focus_area_id];
      const row = await sql<{ next: number }>`
        SELECT COALESCE(MAX(position), 0) + 1 AS next FROM ${sql.table(table)} WHERE ${sql.ref(column)} = ${value}`.execute(
        db,
      );
      return row.rows[0]?.next ?? 1;
    },

    insertGoalArea: (values: Omit<GoalAreaRow, 'id' | 'copied_from_id'>) =>
      db.insertInto('programme_goal_areas').values(values).returningAll().executeTakeFirstOrThrow(),
    updateGoalArea: (id: string, values: Partial<GoalAreaRow>) =>
      db
        .updateTable('programme_goal_areas')
        .set(values)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow(),

    insertFocusArea: (values: Omit<FocusAreaRow, 'id' | 'copied_from_id'>) =>
      db.insertInto('programme_focus_areas').values(values).returningAll().executeTakeFirstOrThrow(),
    updateFocusArea: (id: string, values: Partial<FocusAreaRow>) =>
      db
        .updateTable('programme_focus_areas')
        .set(values)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow(),

    /** The ids among `ids` that are goal areas of the version. */
    async goalAreasOf(versionId: string, ids: string[]): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const rows = await db
        .selectFrom('programme_goal_areas')
        .select('id')
        .where('version_id', '=', versionId)
        .where('id', 'in', ids)
        .execute();
      return new Set(rows.map((r) => r.id));
    },

    async setFocusAreaGoals(versionId: string, focusAreaId: string, goalAreaIds: string[]): Promise<void> {
      await db.deleteFrom('programme_focus_area_goals').where('focus_area_id', '=', focusAreaId).execute();
      await db
        .insertInto('programme_focus_area_goals')
        .values(
          goalAreaIds.map((goal) => ({
            version_id: versionId,
            focus_area_id: focusAreaId,
            goal_area_id: goal,
          })),
        )
        .execute();
    },

    goalAreaIdsOf: async (focusAreaId: string): Promise<string[]> =>
      (
        await db
          .selectFrom('programme_focus_area_goals as l')
          .innerJoin('programme_goal_areas as g', 'g.id', 'l.goal_area_id')
          .select('l.goal_area_id')
          .where('l.focus_area_id', '=', focusAreaId)
          .orderBy('g.position')
          .execute()
      ).map((r) => r.goal_area_id),

    insertObjective: (values: Omit<ObjectiveRow, 'id' | 'copied_from_id'>) =>
      db.insertInto('programme_objectives').values(values).returningAll().executeTakeFirstOrThrow(),
    updateObjective: (id: string, values: Partial<ObjectiveRow>) =>
      db
        .updateTable('programme_objectives')
        .set(values)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow(),

    insertIndicator: (values: Omit<IndicatorRow, 'id' | 'copied_from_id'>) =>
      db.insertInto('programme_indicators').values(values).returningAll().executeTakeFirstOrThrow(),
    updateIndicator: (id: string, values: Partial<IndicatorRow>) =>
      db
        .updateTable('programme_indicators')
        .set(values)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow(),

    findFocusArea: (id: string) =>
      db.selectFrom('programme_focus_areas').selectAll().where('id', '=', id).executeTakeFirst(),

    async deletePart(table: PartTable | 'programme_relations', id: string): Promise<void> {
      await db.deleteFrom(table).where('id', '=', id).execute();
    },

    findExternalDocument: (id: string) =>
      db.selectFrom('external_steering_documents').selectAll().where('id', '=', id).executeTakeFirst(),

    listExternalDocuments: () =>
      db
        .selectFrom('external_steering_documents')
        .selectAll()
        .orderBy('year', 'desc')
        .orderBy('title_sv')
        .execute(),

    insertExternalDocument: (values: Omit<ExternalDocumentRow, 'id' | 'created_at'>) =>
      db.insertInto('external_steering_documents').values(values).returningAll().executeTakeFirstOrThrow(),

    relationExists: async (
      versionId: string,
      type: string,
      target: { version: string | null; external: string | null },
      exceptId?: string,
    ): Promise<boolean> => {
      let query = db
        .selectFrom('programme_relations')
        .select('id')
        .where('version_id', '=', versionId)
        .where(sql<boolean>`type = ${type}`)
        .where(sql<boolean>`target_version_id IS NOT DISTINCT FROM ${target.version}::uuid`)
        .where(sql<boolean>`target_external_id IS NOT DISTINCT FROM ${target.external}::uuid`);
      if (exceptId) query = query.where('id', '<>', exceptId);
      return (await query.executeTakeFirst()) !== undefined;
    },

    async insertRelation(values: Omit<RelationRow, 'id' | 'created_at'>): Promise<string> {
      const row = await db
        .insertInto('programme_relations')
        .values(values)
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async updateRelation(id: string, values: Partial<RelationRow>): Promise<void> {
      await db.updateTable('programme_relations').set(values).where('id', '=', id).execute();
    },

    findRelation: (id: string) =>
      db.selectFrom('programme_relations').selectAll().where('id', '=', id).executeTakeFirst(),
  };
}

export type ProgrammeRepository = ReturnType<typeof createProgrammeRepository>;
export type { ProgrammeTables };
