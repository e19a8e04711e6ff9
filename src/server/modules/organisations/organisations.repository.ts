import type { Kysely } from 'kysely';
import type { OrganisationKind } from '../../../domain/roles.ts';
import type { Database } from '../../db/types.ts';

/** The municipality never changes once created, so its id is remembered per database. */
const rootIds = new WeakMap<object, string>();

export function createOrganisationsRepository({ db }: { db: Kysely<Database> }) {
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
      const cached = rootIds.get(db);
      if (cached) return cached;
      const root = await db
        .selectFrom('organisations')
        .select('id')
        .where('parent_id', 'is', null)
        .executeTakeFirst();
      if (root) rootIds.set(db, root.id);
      return root?.id;
    },

    findById(id: string) {
      return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
    },

    /** Organisations among `ids` (the actor's scope), by name. */
    listByIds(ids: string[]) {
      if (ids.length === 0) return Promise.resolve([]);
      return db.selectFrom('organisations').selectAll().where('id', 'in', ids).orderBy('name').execute();
    },

    async createOrganisation(o: {
      name: string;
      kind: OrganisationKind;
      parentId: string | null;
    }): Promise<string> {
      const row = await db
        .insertInto('organisations')
        .values({ name: o.name, kind: o.kind, parent_id: o.parentId })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
  };
}
