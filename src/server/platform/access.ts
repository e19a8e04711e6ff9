import { sql } from 'kysely';
import { type Actor, buildActor, type RoleGrant } from '../../domain/permissions.ts';
import type { Role } from '../../domain/roles.ts';
import type { Db } from '../db/database.ts';

export interface ActorRole extends RoleGrant {
  organisationName: string;
}

interface GrantRow {
  role: Role;
  organisation_id: string;
  organisation_name: string;
  subtree: string[] | null;
}

/**
 * The user's grants, each with its organisation's subtree, as JSON: a fragment shared by the
 * stand-alone actor query and the per-request session lookup (which must stay one round trip).
 */
const grantsJson = (userId: ReturnType<typeof sql>) => sql`
  (WITH RECURSIVE grants AS (
     SELECT ur.role, ur.organisation_id, o.name AS organisation_name
     FROM user_roles ur JOIN organisations o ON o.id = ur.organisation_id
     WHERE ur.user_id = ${userId}
   ), tree AS (
     SELECT g.organisation_id AS root, g.organisation_id AS id FROM grants g
     UNION
     SELECT t.root, o.id FROM organisations o JOIN tree t ON o.parent_id = t.id
   )
   SELECT COALESCE(json_agg(json_build_object(
       'role', g.role, 'organisation_id', g.organisation_id, 'organisation_name', g.organisation_name,
       'subtree', (SELECT array_agg(t.id) FROM tree t WHERE t.root = g.organisation_id))
     ORDER BY g.organisation_name, g.role), '[]'::json)
   FROM grants g)`;

export function actorFromGrants(userId: string, rows: GrantRow[]): { actor: Actor; roles: ActorRole[] } {
  const subtrees = new Map<string, string[]>();
  for (const row of rows) subtrees.set(row.organisation_id, row.subtree ?? [row.organisation_id]);
  const roles: ActorRole[] = rows.map((r) => ({
    role: r.role,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
  }));
  return { roles, actor: buildActor(userId, roles, (orgId) => subtrees.get(orgId) ?? [orgId]) };
}

/** Loads a user's grants and resolves each to its organisation's subtree in one recursive query. */
export async function loadActor(db: Db, userId: string): Promise<{ actor: Actor; roles: ActorRole[] }> {
  const result = await sql<{
    grants: GrantRow[];
  }>`SELECT ${grantsJson(sql`${userId}::uuid`)} AS grants`.execute(db);
  return actorFromGrants(userId, result.rows[0]?.grants ?? []);
}

export interface LiveSession {
  user_id: string;
  csrf_token: string;
  last_seen_at: Date;
  email: string;
  name: string;
  locale: 'sv' | 'en';
  grants: GrantRow[];
}

/**
 * Every API request's first question — whose live session is this, and what may they do — in one
 * round trip, as a named prepared statement (planned once per connection; see db/database.ts).
 */
export async function findLiveSessionWithGrants(
  db: Db,
  idHash: string,
  now: Date,
  idleSince: Date,
): Promise<LiveSession | undefined> {
  const result = await sql<LiveSession>`/* prepared:session_with_grants */
    SELECT s.user_id, s.csrf_token, s.last_seen_at, u.email, u.name, u.locale,
      ${grantsJson(sql.ref('s.user_id'))} AS grants
    FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.id_hash = ${idHash} AND s.expires_at > ${now} AND s.last_seen_at > ${idleSince} AND u.disabled_at IS NULL`.execute(
    db,
  );
  return result.rows[0];
}
