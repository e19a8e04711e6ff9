import { type ColumnType, type Generated, type Kysely, sql } from 'kysely';
import type { CoordinatorFunction } from '../../../domain/api/coordinators.ts';
import type { Database } from '../../db/types.ts';

type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface CoordinatorRequirementsTable {
  id: Generated<string>;
  organisation_id: string | null;
  organisation_kind: string;
  function: CoordinatorFunction;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface CoordinatorAssignmentsTable {
  id: Generated<string>;
  organisation_id: string;
  function: CoordinatorFunction;
  user_id: string;
  is_deputy: ColumnType<boolean, boolean | undefined, boolean>;
  /** `YYYY-MM-DD` (dates are read as text, see db/database.ts). */
  starts_on: string;
  ends_on: string | null;
  created_by: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

declare module '../../db/types.ts' {
  interface Database {
    coordinator_requirements: CoordinatorRequirementsTable;
    coordinator_assignments: CoordinatorAssignmentsTable;
  }
}

export interface RequirementRow {
  id: string;
  organisation_id: string | null;
  organisation_name: string | null;
  organisation_kind: string;
  function: CoordinatorFunction;
}

export interface AssignmentRow {
  id: string;
  organisation_id: string;
  function: CoordinatorFunction;
  user_id: string;
  user_name: string;
  user_disabled: boolean;
  is_deputy: boolean;
  starts_on: string;
  ends_on: string | null;
}

export interface ComplianceOrganisationRow {
  id: string;
  name: string;
  kind: string;
  parent_id: string | null;
  parent_name: string | null;
}

/** A role an assignment granted or took away, for the audit log. */
export interface RoleChange {
  user_id: string;
  organisation_id: string;
  role: CoordinatorFunction;
}

/** `organisationIds` undefined means every organisation (the command line, the whole city). */
type Scope = string[] | undefined;

const inScope = (column: string, ids: Scope) =>
  ids === undefined ? sql`true` : sql`${sql.ref(column)} = ANY(${ids}::uuid[])`;

/** Organisations in force on `today` (migration 0004: `valid_to` is the last day, null = open). */
const inForce = (alias: string, today: string) => sql`
  (${sql.ref(`${alias}.valid_from`)} IS NULL OR ${sql.ref(`${alias}.valid_from`)} <= ${today}::date)
  AND (${sql.ref(`${alias}.valid_to`)} IS NULL OR ${sql.ref(`${alias}.valid_to`)} >= ${today}::date)`;

export function createCoordinatorsRepository({ db }: { db: Kysely<Database> }) {
  const assignmentColumns = sql`a.id, a.organisation_id, a.function, a.user_id, u.name AS user_name,
    (u.disabled_at IS NOT NULL) AS user_disabled, a.is_deputy, a.starts_on, a.ends_on`;

  return {
    // --- Requirements ---

    /** The municipality's rules and those set within `organisationIds`. */
    async listRequirements(organisationIds: Scope): Promise<RequirementRow[]> {
      const result = await sql<RequirementRow>`
        SELECT r.id, r.organisation_id, o.name AS organisation_name, r.organisation_kind, r.function
        FROM coordinator_requirements r LEFT JOIN organisations o ON o.id = r.organisation_id
        WHERE r.organisation_id IS NULL OR ${inScope('r.organisation_id', organisationIds)}
        ORDER BY r.organisation_id IS NOT NULL, o.name, r.organisation_kind, r.function`.execute(db);
      return result.rows;
    },

    async findRequirement(id: string): Promise<RequirementRow | undefined> {
      const result = await sql<RequirementRow>`
        SELECT r.id, r.organisation_id, o.name AS organisation_name, r.organisation_kind, r.function
        FROM coordinator_requirements r LEFT JOIN organisations o ON o.id = r.organisation_id
        WHERE r.id = ${id}`.execute(db);
      return result.rows[0];
    },

    async createRequirement(r: {
      organisationId: string | null;
      organisationKind: string;
      function: CoordinatorFunction;
      createdBy: string | null;
    }): Promise<string> {
      const row = await db
        .insertInto('coordinator_requirements')
        .values({
          organisation_id: r.organisationId,
          organisation_kind: r.organisationKind,
          function: r.function,
          created_by: r.createdBy,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async deleteRequirement(id: string): Promise<void> {
      await db.deleteFrom('coordinator_requirements').where('id', '=', id).execute();
    },

    /**
     * The functions each organisation among `organisationIds` must have: the municipality's rules
     * for its kind, and the rules set for its kind by it or any organisation above it.
     */
    async requiredFunctions(organisationIds: Scope): Promise<Map<string, Set<CoordinatorFunction>>> {
      const result = await sql<{ organisation_id: string; function: CoordinatorFunction }>`
        WITH RECURSIVE ancestry AS (
          SELECT o.id AS organisation_id, o.id AS ancestor_id, o.parent_id
          FROM organisations o WHERE ${inScope('o.id', organisationIds)}
          UNION ALL
          SELECT a.organisation_id, p.id, p.parent_id
          FROM ancestry a JOIN organisations p ON p.id = a.parent_id
        )
        SELECT DISTINCT o.id AS organisation_id, r.function
        FROM organisations o
        JOIN coordinator_requirements r ON r.organisation_kind = o.kind
        WHERE ${inScope('o.id', organisationIds)}
          AND (r.organisation_id IS NULL OR EXISTS (
            SELECT 1 FROM ancestry x WHERE x.organisation_id = o.id AND x.ancestor_id = r.organisation_id))
        ORDER BY 1, 2`.execute(db);
      const map = new Map<string, Set<CoordinatorFunction>>();
      for (const row of result.rows) {
        const set = map.get(row.organisation_id) ?? new Set<CoordinatorFunction>();
        set.add(row.function);
        map.set(row.organisation_id, set);
      }
      return map;
    },

    // --- Organisations ---

    /** Organisations in force on `today` among `organisationIds`, with their parent's name. */
    async listOrganisations(organisationIds: Scope, today: string): Promise<ComplianceOrganisationRow[]> {
      const result = await sql<ComplianceOrganisationRow>`
        SELECT o.id, o.name, o.kind, o.parent_id, p.name AS parent_name
        FROM organisations o LEFT JOIN organisations p ON p.id = o.parent_id
        WHERE ${inScope('o.id', organisationIds)} AND ${inForce('o', today)}
        ORDER BY o.name, o.id`.execute(db);
      return result.rows;
    },

    async findOrganisation(id: string): Promise<ComplianceOrganisationRow | undefined> {
      const result = await sql<ComplianceOrganisationRow>`
        SELECT o.id, o.name, o.kind, o.parent_id, p.name AS parent_name
        FROM organisations o LEFT JOIN organisations p ON p.id = o.parent_id
        WHERE o.id = ${id}`.execute(db);
      return result.rows[0];
    },

    // --- Assignments ---

    /** Assignments in `organisationIds`; with `runningFrom`, only those not over before that day. */
    async listAssignments(opts: { organisationIds: Scope; runningFrom?: string }): Promise<AssignmentRow[]> {
      const running = opts.runningFrom
        ? sql`AND (a.ends_on IS NULL OR a.ends_on >= ${opts.runningFrom}::date)`
        : sql``;
      const result = await sql<AssignmentRow>`
        SELECT ${assignmentColumns}
        FROM coordinator_assignments a JOIN users u ON u.id = a.user_id
        WHERE ${inScope('a.organisation_id', opts.organisationIds)} ${running}
        ORDER BY a.starts_on DESC, a.is_deputy, u.name, a.id`.execute(db);
      return result.rows;
    },

    async findAssignment(id: string): Promise<AssignmentRow | undefined> {
      const result = await sql<AssignmentRow>`
        SELECT ${assignmentColumns}
        FROM coordinator_assignments a JOIN users u ON u.id = a.user_id
        WHERE a.id = ${id}`.execute(db);
      return result.rows[0];
    },

    async createAssignment(a: {
      organisationId: string;
      function: CoordinatorFunction;
      userId: string;
      deputy: boolean;
      startsOn: string;
      endsOn: string | null;
      createdBy: string | null;
    }): Promise<string> {
      const row = await db
        .insertInto('coordinator_assignments')
        .values({
          organisation_id: a.organisationId,
          function: a.function,
          user_id: a.userId,
          is_deputy: a.deputy,
          starts_on: a.startsOn,
          ends_on: a.endsOn,
          created_by: a.createdBy,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async updateAssignment(id: string, set: { starts_on?: string; ends_on?: string | null }, now: Date) {
      await db
        .updateTable('coordinator_assignments')
        .set({ ...set, updated_at: now })
        .where('id', '=', id)
        .execute();
    },

    async deleteAssignment(id: string): Promise<void> {
      await db.deleteFrom('coordinator_assignments').where('id', '=', id).execute();
    },

    // --- The roles that follow assignments ---

    /**
     * Makes the user's role for one function in one organisation match their assignments on
     * `today`: granted (marked as coming from an assignment) while one runs, removed when none does.
     * A role granted by hand or by OIDC is never removed. Returns what changed.
     */
    async syncRole(
      key: { userId: string; organisationId: string; function: CoordinatorFunction },
      today: string,
    ): Promise<'granted' | 'revoked' | null> {
      const running = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM coordinator_assignments
        WHERE user_id = ${key.userId} AND organisation_id = ${key.organisationId} AND function = ${key.function}
          AND starts_on <= ${today}::date AND (ends_on IS NULL OR ends_on >= ${today}::date)`.execute(db);
      if ((running.rows[0]?.n ?? 0) > 0) {
        const added = await sql`
          INSERT INTO user_roles (user_id, organisation_id, role, source, granted_by)
          VALUES (${key.userId}, ${key.organisationId}, ${key.function}, 'assignment', NULL)
          ON CONFLICT (user_id, organisation_id, role) DO NOTHING`.execute(db);
        return Number(added.numAffectedRows ?? 0) > 0 ? 'granted' : null;
      }
      const removed = await sql`
        DELETE FROM user_roles
        WHERE user_id = ${key.userId} AND organisation_id = ${key.organisationId} AND role = ${key.function}
          AND source = 'assignment'`.execute(db);
      return Number(removed.numAffectedRows ?? 0) > 0 ? 'revoked' : null;
    },

    /** `syncRole` for everyone at once, for terms that started or ended as the days went by. */
    async syncAllRoles(today: string): Promise<{ granted: RoleChange[]; revoked: RoleChange[] }> {
      const granted = await sql<RoleChange>`
        INSERT INTO user_roles (user_id, organisation_id, role, source, granted_by)
        SELECT DISTINCT a.user_id, a.organisation_id, a.function, 'assignment', NULL::uuid
        FROM coordinator_assignments a
        WHERE a.starts_on <= ${today}::date AND (a.ends_on IS NULL OR a.ends_on >= ${today}::date)
        ON CONFLICT (user_id, organisation_id, role) DO NOTHING
        RETURNING user_id, organisation_id, role`.execute(db);
      const revoked = await sql<RoleChange>`
        DELETE FROM user_roles ur
        WHERE ur.source = 'assignment' AND NOT EXISTS (
          SELECT 1 FROM coordinator_assignments a
          WHERE a.user_id = ur.user_id AND a.organisation_id = ur.organisation_id AND a.function = ur.role
            AND a.starts_on <= ${today}::date AND (a.ends_on IS NULL OR a.ends_on >= ${today}::date))
        RETURNING user_id, organisation_id, role`.execute(db);
      return { granted: granted.rows, revoked: revoked.rows };
    },
  };
}

export type CoordinatorsRepository = ReturnType<typeof createCoordinatorsRepository>;
