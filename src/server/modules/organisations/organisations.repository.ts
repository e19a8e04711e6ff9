import { type Kysely, sql } from 'kysely';
import type { CommitteeType, OrganisationKind } from '../../../domain/roles.ts';
import type { Database } from '../../db/types.ts';
import { movingOrganisation } from '../rollups/rollups.usecases.ts';
import {
  type OrganisationRecord,
  type StructureDb,
  type SuccessionRecord,
  structureDb,
} from './organisations.tables.ts';

/** The municipality never changes once created, so its id is remembered per database. */
const rootIds = new WeakMap<object, string>();

export interface NewOrganisation {
  name: string;
  kind: OrganisationKind;
  parentId: string | null;
  committeeType?: CommitteeType | null;
  code?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
}

export type OrganisationChanges = Partial<
  Pick<OrganisationRecord, 'name' | 'parent_id' | 'committee_type' | 'code' | 'valid_from' | 'valid_to'>
>;

/** A succession with the names of both ends, for presenting history. */
export interface SuccessionLink extends SuccessionRecord {
  predecessor_name: string;
  successor_name: string;
}

/** "In force on `day`": started (or no recorded start) and not yet ended. */
const inForceOn = (day: string) => sql<boolean>`(o.valid_from IS NULL OR o.valid_from <= ${day}::date)
  AND (o.valid_to IS NULL OR o.valid_to >= ${day}::date)`;

export function createOrganisationsRepository({ db: raw }: { db: Kysely<Database> | StructureDb }) {
  const db = structureDb(raw);
  return {
    findRoot() {
      return db
        .selectFrom('organisations')
        .selectAll()
        .where('parent_id', 'is', null)
        .orderBy('created_at')
        .executeTakeFirst();
    },

    async findRootId(): Promise<string | undefined> {
      const cached = rootIds.get(raw);
      if (cached) return cached;
      const root = await db
        .selectFrom('organisations')
        .select('id')
        .where('parent_id', 'is', null)
        .executeTakeFirst();
      if (root) rootIds.set(raw, root.id);
      return root?.id;
    },

    findById(id: string): Promise<OrganisationRecord | undefined> {
      return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
    },

    /** Locks the rows for the rest of the transaction, so concurrent changes to them queue up. */
    async lockByIds(ids: readonly string[]): Promise<OrganisationRecord[]> {
      if (ids.length === 0) return [];
      // In id order, so two changes locking overlapping sets cannot deadlock.
      return db
        .selectFrom('organisations')
        .selectAll()
        .where('id', 'in', ids)
        .orderBy('id')
        .forUpdate()
        .execute();
    },

    /** Organisations among `ids` (the actor's scope), by name. */
    listByIds(ids: readonly string[]): Promise<OrganisationRecord[]> {
      if (ids.length === 0) return Promise.resolve([]);
      return db.selectFrom('organisations').selectAll().where('id', 'in', ids).orderBy('name').execute();
    },

    listAll(): Promise<OrganisationRecord[]> {
      return db.selectFrom('organisations').selectAll().orderBy('name').execute();
    },

    listAllIds(): Promise<string[]> {
      return db
        .selectFrom('organisations')
        .select('id')
        .execute()
        .then((rows) => rows.map((r) => r.id));
    },

    listChildren(parentId: string): Promise<OrganisationRecord[]> {
      return db.selectFrom('organisations').selectAll().where('parent_id', '=', parentId).execute();
    },

    /** Every organisation beneath `id` (not `id` itself), at any depth. */
    async listDescendants(id: string): Promise<OrganisationRecord[]> {
      const result = await sql<OrganisationRecord>`
        WITH RECURSIVE tree AS (
          SELECT o.* FROM organisations o WHERE o.parent_id = ${id}
          UNION ALL
          SELECT o.* FROM organisations o JOIN tree t ON o.parent_id = t.id
        )
        SELECT * FROM tree`.execute(db);
      return result.rows;
    },

    findByCode(code: string): Promise<OrganisationRecord | undefined> {
      return db
        .selectFrom('organisations')
        .selectAll()
        .where(sql`lower(code)`, '=', code.toLowerCase())
        .executeTakeFirst();
    },

    /** Organisations directly under `parentId` with this name, whatever the case. */
    listSiblingsNamed(parentId: string, name: string): Promise<OrganisationRecord[]> {
      return db
        .selectFrom('organisations')
        .selectAll()
        .where('parent_id', '=', parentId)
        .where(sql`lower(name)`, '=', name.toLowerCase())
        .execute();
    },

    async createOrganisation(o: NewOrganisation): Promise<string> {
      const row = await db
        .insertInto('organisations')
        .values({
          name: o.name,
          kind: o.kind,
          parent_id: o.parentId,
          committee_type: o.committeeType ?? null,
          code: o.code ?? null,
          valid_from: o.validFrom ?? null,
          valid_to: o.validTo ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async updateOrganisation(id: string, changes: OrganisationChanges, now: Date): Promise<void> {
      const update = () =>
        db
          .updateTable('organisations')
          .set({ ...changes, updated_at: now })
          .where('id', '=', id)
          .execute();
      // A new parent moves the subtree's incidents to other organisation scopes of the picture's counts.
      if (changes.parent_id === undefined) await update();
      else await movingOrganisation(raw as Kysely<Database>, id, update);
    },

    /** Successions in which any of `ids` takes part, with both names, oldest first. */
    async listSuccessionsOf(ids: readonly string[] | 'all'): Promise<SuccessionLink[]> {
      let query = db
        .selectFrom('organisation_successions as s')
        .innerJoin('organisations as p', 'p.id', 's.predecessor_id')
        .innerJoin('organisations as n', 'n.id', 's.successor_id')
        .selectAll('s')
        .select(['p.name as predecessor_name', 'n.name as successor_name'])
        .orderBy('s.effective_date')
        .orderBy('p.name')
        .orderBy('n.name');
      if (ids !== 'all') {
        if (ids.length === 0) return [];
        query = query.where((eb) =>
          eb.or([eb('s.predecessor_id', 'in', ids), eb('s.successor_id', 'in', ids)]),
        );
      }
      return query.execute();
    },

    async hasSuccessors(id: string): Promise<boolean> {
      const row = await db
        .selectFrom('organisation_successions')
        .select('successor_id')
        .where('predecessor_id', '=', id)
        .executeTakeFirst();
      return row !== undefined;
    },

    async hasPredecessors(id: string): Promise<boolean> {
      const row = await db
        .selectFrom('organisation_successions')
        .select('predecessor_id')
        .where('successor_id', '=', id)
        .executeTakeFirst();
      return row !== undefined;
    },

    async insertSuccessions(
      rows: {
        predecessorId: string;
        successorId: string;
        kind: 'merge' | 'split';
        changeId: string;
        date: string;
      }[],
    ): Promise<void> {
      if (rows.length === 0) return;
      await db
        .insertInto('organisation_successions')
        .values(
          rows.map((r) => ({
            predecessor_id: r.predecessorId,
            successor_id: r.successorId,
            kind: r.kind,
            change_id: r.changeId,
            effective_date: r.date,
          })),
        )
        .execute();
    },

    // --- Queries for figures over time (situational pictures show them by today's organisation or
    // by the one in force at the time). ---

    /** Every organisation in force on `day`, by name. */
    async listInForceOn(day: string): Promise<OrganisationRecord[]> {
      const result = await sql<OrganisationRecord>`
        SELECT o.* FROM organisations o WHERE ${inForceOn(day)} ORDER BY o.name`.execute(db);
      return result.rows;
    },

    /**
     * The organisation(s) of `id`'s line that were in force on `day`: itself, what it was merged or
     * split from (back in time) and what it was merged or split into (forward), transitively. For
     * Hägersten-Älvsjö and a day in 2019: Hägersten-Liljeholmen and Älvsjö. Siblings of a split are
     * not part of each other's line.
     */
    async findInForceOn(id: string, day: string): Promise<OrganisationRecord[]> {
      const result = await sql<OrganisationRecord>`
        WITH RECURSIVE back(id) AS (
          SELECT ${id}::uuid
          UNION
          SELECT s.predecessor_id FROM organisation_successions s JOIN back b ON s.successor_id = b.id
        ), forward(id) AS (
          SELECT ${id}::uuid
          UNION
          SELECT s.successor_id FROM organisation_successions s JOIN forward f ON s.predecessor_id = f.id
        )
        SELECT o.* FROM organisations o
        WHERE o.id IN (SELECT id FROM back UNION SELECT id FROM forward) AND ${inForceOn(day)}
        ORDER BY o.name`.execute(db);
      return result.rows;
    },

    /**
     * Today's successor(s) of `id`: itself while in force, otherwise the organisations in force on
     * `today` that it was merged or split into, following successions forward. Empty when it ended
     * without successors.
     */
    async findCurrentSuccessors(id: string, today: string): Promise<OrganisationRecord[]> {
      const result = await sql<OrganisationRecord>`
        WITH RECURSIVE forward(id) AS (
          SELECT ${id}::uuid
          UNION
          SELECT s.successor_id FROM organisation_successions s JOIN forward f ON s.predecessor_id = f.id
        )
        SELECT o.* FROM organisations o JOIN forward f ON f.id = o.id
        WHERE ${inForceOn(today)} ORDER BY o.name`.execute(db);
      return result.rows;
    },

    /** Today's successors of many organisations at once: predecessor id → ids in force on `today`. */
    async mapToCurrentSuccessors(ids: readonly string[], today: string): Promise<Map<string, string[]>> {
      const map = new Map<string, string[]>(ids.map((id) => [id, []]));
      if (ids.length === 0) return map;
      const result = await sql<{ origin: string; id: string }>`
        WITH RECURSIVE forward(origin, id) AS (
          SELECT x, x FROM unnest(${[...ids]}::uuid[]) AS x
          UNION
          SELECT f.origin, s.successor_id FROM organisation_successions s JOIN forward f ON s.predecessor_id = f.id
        )
        SELECT f.origin, o.id FROM forward f JOIN organisations o ON o.id = f.id
        WHERE ${inForceOn(today)} ORDER BY o.name`.execute(db);
      for (const row of result.rows) map.get(row.origin)?.push(row.id);
      return map;
    },
  };
}

export type OrganisationsRepository = ReturnType<typeof createOrganisationsRepository>;
