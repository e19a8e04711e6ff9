import { sql } from 'kysely';
import { type Actor, buildActor, type RoleGrant } from '../../domain/permissions.ts';
import type { Role } from '../../domain/roles.ts';
import type { Db } from '../db/database.ts';

export interface ActorRole extends RoleGrant {
  organisationName: string;
}

/** Loads a user's grants and resolves each to its organisation's subtree in one recursive query. */
export async function loadActor(db: Db, userId: string): Promise<{ actor: Actor; roles: ActorRole[] }> {
  const rows = await sql<{ role: Role; organisation_id: string; organisation_name: string; subtree: string[] }>`
    WITH RECURSIVE grants AS (
      SELECT ur.role, ur.organisation_id, o.name AS organisation_name
      FROM user_roles ur JOIN organisations o ON o.id = ur.organisation_id
      WHERE ur.user_id = ${userId}
    ), tree AS (
      SELECT g.organisation_id AS root, g.organisation_id AS id FROM grants g
      UNION
      SELECT t.root, o.id FROM organisations o JOIN tree t ON o.parent_id = t.id
    )
    SELECT g.role, g.organisation_id, g.organisation_name,
      (SELECT array_agg(t.id::text) FROM tree t WHERE t.root = g.organisation_id) AS subtree
    FROM grants g
    ORDER BY g.organisation_name, g.role`.execute(db);
  const subtrees = new Map<string, string[]>();
  for (const row of rows.rows) subtrees.set(row.organisation_id, row.subtree ?? [row.organisation_id]);
  const roles: ActorRole[] = rows.rows.map((r) => ({
    role: r.role,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
  }));
  const actor = buildActor(userId, roles, (orgId) => subtrees.get(orgId) ?? [orgId]);
  return { actor, roles };
}
