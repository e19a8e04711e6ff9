import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Role } from '../../../domain/roles.ts';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/types.ts';

export interface UserWithRoles {
  id: string;
  email: string;
  name: string;
  locale: 'sv' | 'en';
  disabled_at: Date | null;
  created_at: Date;
  roles: { role: Role; organisation_id: string; organisation_name: string }[];
}

export function createUsersRepository({ db }: { db: Kysely<Database> | Db }) {
  return {
    findByEmail(email: string) {
      return db
        .selectFrom('users')
        .selectAll()
        .where(sql<string>`lower(email)`, '=', email.toLowerCase())
        .executeTakeFirst();
    },

    findById(id: string) {
      return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    },

    findByOidc(issuer: string, subject: string) {
      return db
        .selectFrom('users')
        .selectAll()
        .where('oidc_issuer', '=', issuer)
        .where('oidc_subject', '=', subject)
        .executeTakeFirst();
    },

    async createUser(u: {
      email: string;
      name: string;
      passwordHash: string | null;
      oidcIssuer?: string | null;
      oidcSubject?: string | null;
    }): Promise<string> {
      const row = await db
        .insertInto('users')
        .values({
          email: u.email,
          name: u.name,
          password_hash: u.passwordHash,
          oidc_issuer: u.oidcIssuer ?? null,
          oidc_subject: u.oidcSubject ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async updateUser(
      id: string,
      set: Partial<{
        name: string;
        password_hash: string;
        locale: 'sv' | 'en';
        disabled_at: Date | null;
        oidc_issuer: string;
        oidc_subject: string;
      }>,
    ) {
      await db
        .updateTable('users')
        .set({ ...set, updated_at: new Date() })
        .where('id', '=', id)
        .execute();
    },

    async grantRole(g: {
      userId: string;
      organisationId: string;
      role: Role;
      grantedBy: string | null;
      source?: 'manual' | 'oidc';
    }) {
      const res = await db
        .insertInto('user_roles')
        .values({
          user_id: g.userId,
          organisation_id: g.organisationId,
          role: g.role,
          granted_by: g.grantedBy,
          source: g.source ?? 'manual',
        })
        .onConflict((oc) => oc.columns(['user_id', 'organisation_id', 'role']).doNothing())
        .executeTakeFirst();
      return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
    },

    async revokeRole(g: { userId: string; organisationId: string; role: Role }) {
      const res = await db
        .deleteFrom('user_roles')
        .where('user_id', '=', g.userId)
        .where('organisation_id', '=', g.organisationId)
        .where('role', '=', g.role)
        .executeTakeFirst();
      return Number(res.numDeletedRows) > 0;
    },

    async replaceOidcRoles(userId: string, roles: { organisationId: string; role: Role }[]) {
      await db.deleteFrom('user_roles').where('user_id', '=', userId).where('source', '=', 'oidc').execute();
      for (const r of roles) {
        await db
          .insertInto('user_roles')
          .values({
            user_id: userId,
            organisation_id: r.organisationId,
            role: r.role,
            source: 'oidc',
            granted_by: null,
          })
          .onConflict((oc) => oc.columns(['user_id', 'organisation_id', 'role']).doNothing())
          .execute();
      }
    },

    /**
     * Users with their roles. With `organisationIds`, only users holding a role in one of them,
     * and only those roles (a user's roles elsewhere are not the caller's business).
     */
    async listUsers(opts: { organisationIds?: string[]; userId?: string } = {}): Promise<UserWithRoles[]> {
      if (opts.organisationIds && opts.organisationIds.length === 0) return [];
      const orgFilter = opts.organisationIds
        ? sql`AND ur.organisation_id = ANY(${opts.organisationIds}::uuid[])`
        : sql``;
      const userFilter = opts.userId ? sql`AND u.id = ${opts.userId}` : sql``;
      const scoped = opts.organisationIds
        ? sql`AND EXISTS (SELECT 1 FROM user_roles x WHERE x.user_id = u.id AND x.organisation_id = ANY(${opts.organisationIds}::uuid[]))`
        : sql``;
      // Four fixed texts, so each runs as a prepared statement (see db/database.ts).
      const variant = `users_list_${opts.organisationIds ? 'scoped' : 'all'}_${opts.userId ? 'one' : 'many'}`;
      const result = await sql<UserWithRoles>`${sql.raw(`/* prepared:${variant} */`)}
        SELECT u.id, u.email, u.name, u.locale, u.disabled_at, u.created_at,
          COALESCE(json_agg(json_build_object('role', ur.role, 'organisation_id', ur.organisation_id,
            'organisation_name', o.name) ORDER BY o.name, ur.role) FILTER (WHERE ur.role IS NOT NULL), '[]') AS roles
        FROM users u
        LEFT JOIN user_roles ur ON ur.user_id = u.id ${orgFilter}
        LEFT JOIN organisations o ON o.id = ur.organisation_id
        WHERE true ${userFilter} ${scoped}
        GROUP BY u.id
        ORDER BY lower(u.name), u.id
        LIMIT 1000`.execute(db);
      return result.rows;
    },

    async countUsers(): Promise<number> {
      const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;
