import { type Kysely, sql, type Transaction } from 'kysely';
import { type Actor, type Permission, ROLE_PERMISSIONS } from '../../../domain/permissions.ts';
import { ROLES } from '../../../domain/roles.ts';
import type { Database } from '../../db/types.ts';
import { visibleIncidents } from './incidents.policy.ts';
import {
  type IncidentState,
  incidentsDb,
  PARTICIPANT_ROLES,
  type ParticipantRole,
  type SupportItem,
} from './incidents.tables.ts';

/** One incident with the names it is shown with and the type version it was reported under. */
export interface IncidentDetailRow {
  id: string;
  reference: string;
  type_id: string;
  type_version_id: string;
  group_code: string;
  focus_areas: string[];
  need_to_know: boolean;
  serious: boolean;
  organisation_id: string;
  organisation_name: string;
  unit_id: string | null;
  unit_name: string | null;
  reporter_id: string | null;
  reporter_name: string | null;
  anonymous: boolean;
  source: 'form' | 'api' | 'demo';
  occurred_at: Date;
  reported_at: Date;
  lat: number | null;
  lon: number | null;
  area_id: string | null;
  area_name: string | null;
  facility_id: string | null;
  facility_name: string | null;
  address_text: string | null;
  affected_kind: 'employee' | 'elected_official' | 'resident' | 'client' | 'unknown';
  affected_gender: 'woman' | 'man' | 'other' | 'unknown' | null;
  affected_user_id: string | null;
  description: string;
  immediate_action: string | null;
  police_called: boolean;
  police_report_number: string | null;
  injury: boolean;
  injury_severity: 'minor' | 'serious' | null;
  work_environment_kind: 'work_injury' | 'near_miss' | 'risk_observation' | null;
  state: IncidentState;
  closed_reason: string | null;
  closed_at: Date | null;
  assignee_id: string | null;
  assignee_name: string | null;
  authority_deadline_at: Date | null;
  authority_reported_at: Date | null;
  authority_reference: string | null;
  type_code: string;
  type_group_code: string;
  type_active: boolean;
  type_sort_order: number;
  tv_version: number;
  tv_label_sv: string;
  tv_label_en: string;
  tv_description_sv: string | null;
  tv_description_en: string | null;
  tv_focus_areas: string[];
  tv_work_environment_kinds: string[];
  tv_serious: boolean;
  tv_need_to_know: boolean;
  tv_anonymous_allowed: boolean;
  tv_threat_register: boolean;
  tv_retention_months: number | null;
  tv_retention_action: 'anonymise' | 'delete';
}

export interface ParticipantRow {
  user_id: string;
  name: string;
  role: ParticipantRole;
  reason: string | null;
}

export interface EventRow {
  id: string;
  at: Date;
  kind: string;
  actor_name: string | null;
  visibility: 'internal' | 'reporter';
  body: string | null;
  data: Record<string, unknown>;
}

export interface AttachmentMetaRow {
  id: string;
  file_name: string;
  media_type: 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp' | 'image/heic' | 'application/pdf';
  size_bytes: number;
  sha256: string;
  created_at: Date;
}

export interface SupportItemRow {
  item: SupportItem;
  done_on: string;
  note: string | null;
  recorded_by_name: string | null;
}

export interface DeadlineRow {
  id: string;
  reference: string;
  type_label_sv: string;
  type_label_en: string;
  organisation_name: string;
  occurred_at: Date;
  authority_deadline_at: Date;
  authority_reported_at: Date | null;
}

/** A serious event whose reminder or overdue notice was just claimed by the sweep. */
export interface ClaimedDeadlineRow {
  id: string;
  organisation_id: string;
  unit_id: string | null;
  authority_deadline_at: Date;
}

export interface NewEvent {
  incidentId: string;
  at: Date;
  actorId: string | null;
  kind: string;
  visibility?: 'internal' | 'reporter';
  body?: string | null;
  data?: Record<string, unknown>;
}

/** Roles granting a permission, for queries over `user_roles`. */
const rolesWith = (permission: Permission): string[] =>
  ROLES.filter((r) => ROLE_PERMISSIONS[r].includes(permission));

/** Reported events stay on the deadline list this long after their deadline. */
const REPORTED_KEPT_DAYS = 30;
const DEADLINE_LIST_LIMIT = 500;

export function createHandlingRepository({ db }: { db: Kysely<Database> | Transaction<Database> }) {
  const idb = incidentsDb(db);

  /** The organisation and every organisation above it (grants there reach it). */
  const ancestorsOf = (organisationId: string) => sql`(
    WITH RECURSIVE up AS (
      SELECT id, parent_id FROM organisations WHERE id = ${organisationId}
      UNION
      SELECT o.id, o.parent_id FROM organisations o JOIN up ON o.id = up.parent_id
    ) SELECT id FROM up)`;

  /** The organisation and every organisation below it. */
  const subtreeOf = (organisationId: string) => sql`(
    WITH RECURSIVE down AS (
      SELECT id FROM organisations WHERE id = ${organisationId}
      UNION
      SELECT o.id FROM organisations o JOIN down ON o.parent_id = down.id
    ) SELECT id FROM down)`;

  return {
    /** The incident with its names; `lock` takes a row lock for the rest of the transaction. */
    async findIncident(id: string, opts: { lock?: boolean } = {}): Promise<IncidentDetailRow | undefined> {
      if (opts.lock) await sql`SELECT 1 FROM incidents WHERE id = ${id} FOR UPDATE`.execute(db);
      const result = await sql<IncidentDetailRow>`
        SELECT i.id, i.reference, i.type_id, i.type_version_id, i.group_code, i.focus_areas, i.need_to_know,
          i.serious, i.organisation_id, o.name AS organisation_name, i.unit_id, un.name AS unit_name,
          i.reporter_id, CASE WHEN i.anonymous THEN NULL ELSE rep.name END AS reporter_name, i.anonymous,
          i.source, i.occurred_at, i.reported_at, i.lat, i.lon, i.area_id, a.name AS area_name,
          i.facility_id, f.name AS facility_name, i.address_text, i.affected_kind, i.affected_gender,
          i.affected_user_id, i.description, i.immediate_action, i.police_called, i.police_report_number,
          i.injury, i.injury_severity, i.work_environment_kind, i.state, i.closed_reason, i.closed_at,
          i.assignee_id, asg.name AS assignee_name, i.authority_deadline_at, i.authority_reported_at,
          i.authority_reference,
          t.code AS type_code, t.group_code AS type_group_code, t.active AS type_active,
          t.sort_order AS type_sort_order, tv.version AS tv_version, tv.label_sv AS tv_label_sv,
          tv.label_en AS tv_label_en, tv.description_sv AS tv_description_sv,
          tv.description_en AS tv_description_en, tv.focus_areas AS tv_focus_areas,
          tv.work_environment_kinds AS tv_work_environment_kinds, tv.serious AS tv_serious,
          tv.need_to_know AS tv_need_to_know, tv.anonymous_allowed AS tv_anonymous_allowed,
          tv.threat_register AS tv_threat_register, tv.retention_months AS tv_retention_months,
          tv.retention_action AS tv_retention_action
        FROM incidents i
        JOIN incident_types t ON t.id = i.type_id
        JOIN incident_type_versions tv ON tv.id = i.type_version_id
        JOIN organisations o ON o.id = i.organisation_id
        LEFT JOIN organisations un ON un.id = i.unit_id
        LEFT JOIN users rep ON rep.id = i.reporter_id
        LEFT JOIN users asg ON asg.id = i.assignee_id
        LEFT JOIN areas a ON a.id = i.area_id
        LEFT JOIN facilities f ON f.id = i.facility_id
        WHERE i.id = ${id}`.execute(db);
      return result.rows[0];
    },

    async listParticipants(incidentId: string): Promise<ParticipantRow[]> {
      return idb
        .selectFrom('incident_participants as p')
        .innerJoin('users as u', 'u.id', 'p.user_id')
        .select(['p.user_id', 'u.name', 'p.role', 'p.reason'])
        .where('p.incident_id', '=', incidentId)
        .orderBy('p.created_at')
        .orderBy(sql`array_position(${PARTICIPANT_ROLES}::text[], p.role)`)
        .orderBy('u.name')
        .execute();
    },

    async listEvents(incidentId: string): Promise<EventRow[]> {
      return (
        idb
          .selectFrom('incident_events as e')
          .leftJoin('users as u', 'u.id', 'e.actor_id')
          .select(['e.id', 'e.at', 'e.kind', 'u.name as actor_name', 'e.visibility', 'e.body', 'e.data'])
          .where('e.incident_id', '=', incidentId)
          // `seq` (migration 0010) is the order of writing: events of one instant stay in order.
          .orderBy('e.at')
          .orderBy(sql`e.seq`)
          .execute()
      );
    },

    async listAttachments(incidentId: string): Promise<AttachmentMetaRow[]> {
      return idb
        .selectFrom('incident_attachments')
        .select(['id', 'file_name', 'media_type', 'size_bytes', 'sha256', 'created_at'])
        .where('incident_id', '=', incidentId)
        .orderBy('created_at')
        .orderBy('file_name')
        .execute();
    },

    async findAttachment(incidentId: string, attachmentId: string) {
      return idb
        .selectFrom('incident_attachments')
        .select(['id', 'file_name', 'media_type', 'size_bytes', 'content'])
        .where('incident_id', '=', incidentId)
        .where('id', '=', attachmentId)
        .executeTakeFirst();
    },

    async listSupportItems(incidentId: string): Promise<SupportItemRow[]> {
      return idb
        .selectFrom('incident_support_items as s')
        .leftJoin('users as u', 'u.id', 's.recorded_by')
        .select(['s.item', 's.done_on', 's.note', 'u.name as recorded_by_name'])
        .where('s.incident_id', '=', incidentId)
        .execute();
    },

    async insertEvent(e: NewEvent): Promise<string> {
      const row = await idb
        .insertInto('incident_events')
        .values({
          incident_id: e.incidentId,
          at: e.at,
          actor_id: e.actorId,
          kind: e.kind,
          visibility: e.visibility ?? 'internal',
          body: e.body ?? null,
          data: JSON.stringify(e.data ?? {}),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async setState(
      id: string,
      v: { state: IncidentState; closedAt: Date | null; closedReason: string | null; now: Date },
    ) {
      await idb
        .updateTable('incidents')
        .set({ state: v.state, closed_at: v.closedAt, closed_reason: v.closedReason, updated_at: v.now })
        .where('id', '=', id)
        .execute();
    },

    async setAssignee(id: string, assigneeId: string | null, now: Date) {
      await idb
        .updateTable('incidents')
        .set({ assignee_id: assigneeId, updated_at: now })
        .where('id', '=', id)
        .execute();
    },

    async setAuthorityReport(id: string, reportedAt: Date, reference: string | null, now: Date) {
      await idb
        .updateTable('incidents')
        .set({ authority_reported_at: reportedAt, authority_reference: reference, updated_at: now })
        .where('id', '=', id)
        .execute();
    },

    async touch(id: string, now: Date) {
      await idb.updateTable('incidents').set({ updated_at: now }).where('id', '=', id).execute();
    },

    async addParticipant(p: {
      incidentId: string;
      userId: string;
      role: ParticipantRole;
      grantedBy?: string | null;
      reason?: string | null;
      now: Date;
    }): Promise<boolean> {
      const rows = await idb
        .insertInto('incident_participants')
        .values({
          incident_id: p.incidentId,
          user_id: p.userId,
          role: p.role,
          granted_by: p.grantedBy ?? null,
          reason: p.reason ?? null,
          created_at: p.now,
        })
        .onConflict((oc) => oc.doNothing())
        .returning('user_id')
        .execute();
      return rows.length > 0;
    },

    async removeParticipant(incidentId: string, userId: string, role: ParticipantRole): Promise<boolean> {
      const rows = await idb
        .deleteFrom('incident_participants')
        .where('incident_id', '=', incidentId)
        .where('user_id', '=', userId)
        .where('role', '=', role)
        .returning('user_id')
        .execute();
      return rows.length > 0;
    },

    async upsertSupportItem(v: {
      incidentId: string;
      item: SupportItem;
      doneOn: string;
      note: string | null;
      recordedBy: string;
      now: Date;
    }) {
      await idb
        .insertInto('incident_support_items')
        .values({
          incident_id: v.incidentId,
          item: v.item,
          done_on: v.doneOn,
          note: v.note,
          recorded_by: v.recordedBy,
          recorded_at: v.now,
        })
        .onConflict((oc) =>
          oc.columns(['incident_id', 'item']).doUpdateSet({
            done_on: v.doneOn,
            note: v.note,
            recorded_by: v.recordedBy,
            recorded_at: v.now,
          }),
        )
        .execute();
    },

    async deleteSupportItem(incidentId: string, item: SupportItem): Promise<boolean> {
      const rows = await idb
        .deleteFrom('incident_support_items')
        .where('incident_id', '=', incidentId)
        .where('item', '=', item)
        .returning('item')
        .execute();
      return rows.length > 0;
    },

    async findUser(id: string) {
      return db
        .selectFrom('users')
        .select(['id', 'name', 'email', 'disabled_at'])
        .where('id', '=', id)
        .executeTakeFirst();
    },

    /** Whether the user holds any role in the organisation or below it (the same committee or company). */
    async holdsRoleWithin(userId: string, organisationId: string): Promise<boolean> {
      const result = await sql<{ one: number }>`
        SELECT 1 AS one FROM user_roles
        WHERE user_id = ${userId} AND organisation_id IN ${subtreeOf(organisationId)}
        LIMIT 1`.execute(db);
      return result.rows.length > 0;
    },

    /**
     * Active users who may handle an incident of `accessOrganisationId`: holders of `incidents.handle`
     * there (a grant at or above it), and for need-to-know incidents only those who also hold
     * `sensitive.read` there or are involved already — the same rule as `canHandleIncident`.
     */
    async listAssignableUsers(opts: {
      incidentId: string;
      accessOrganisationId: string;
      needToKnow: boolean;
      userId?: string;
    }) {
      const up = ancestorsOf(opts.accessOrganisationId);
      const result = await sql<{ id: string; name: string; email: string }>`
        SELECT u.id, u.name, u.email FROM users u
        WHERE u.disabled_at IS NULL
          ${opts.userId ? sql`AND u.id = ${opts.userId}` : sql``}
          AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id
            AND r.role = ANY(${rolesWith('incidents.handle')}::text[]) AND r.organisation_id IN ${up})
          AND (${!opts.needToKnow}
            OR EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id
              AND r.role = ANY(${rolesWith('sensitive.read')}::text[]) AND r.organisation_id IN ${up})
            OR EXISTS (SELECT 1 FROM incident_participants p
              WHERE p.incident_id = ${opts.incidentId} AND p.user_id = u.id))
        ORDER BY u.name, u.id`.execute(db);
      return result.rows;
    },

    /** Active users among the incident's participants in `roles`, each once. */
    async activeRecipients(incidentId: string, roles: ParticipantRole[]): Promise<string[]> {
      if (roles.length === 0) return [];
      const rows = await idb
        .selectFrom('incident_participants as p')
        .innerJoin('users as u', 'u.id', 'p.user_id')
        .select('p.user_id')
        .distinct()
        .where('p.incident_id', '=', incidentId)
        .where('p.role', 'in', roles)
        .where('u.disabled_at', 'is', null)
        .execute();
      return rows.map((r) => r.user_id);
    },

    /** Serious events the actor handles: unreported ones, and reported ones for a while after their deadline. */
    async listAuthorityDeadlines(actor: Actor, now: Date): Promise<DeadlineRow[]> {
      const keptSince = new Date(now.getTime() - REPORTED_KEPT_DAYS * 86_400_000);
      const rows = await idb
        .selectFrom('incidents as i')
        .innerJoin('incident_type_versions as tv', 'tv.id', 'i.type_version_id')
        .innerJoin('organisations as o', 'o.id', 'i.organisation_id')
        .select([
          'i.id',
          'i.reference',
          'tv.label_sv as type_label_sv',
          'tv.label_en as type_label_en',
          'o.name as organisation_name',
          'i.occurred_at',
          'i.authority_deadline_at',
          'i.authority_reported_at',
        ])
        .where('i.authority_deadline_at', 'is not', null)
        .where('i.anonymised_at', 'is', null)
        .where((eb) =>
          eb.or([eb('i.authority_reported_at', 'is', null), eb('i.authority_deadline_at', '>=', keptSince)]),
        )
        // The policy's builder is typed for `incidents as i` alone; the joins add tables it does not use.
        .where((eb) => visibleIncidents(actor)(eb as never))
        .orderBy(
          sql`CASE WHEN i.authority_reported_at IS NULL AND i.authority_deadline_at <= ${now} THEN 0
            WHEN i.authority_reported_at IS NULL THEN 1 ELSE 2 END`,
        )
        .orderBy(sql`CASE WHEN i.authority_reported_at IS NULL THEN i.authority_deadline_at END`, 'asc')
        .orderBy('i.authority_deadline_at', 'desc')
        .orderBy('i.id')
        .limit(DEADLINE_LIST_LIMIT)
        .execute();
      return rows as DeadlineRow[];
    },

    /**
     * Claims up to `limit` unreported serious events whose reminder (or overdue notice) is due, marking
     * them sent in the same statement. Rows another sweep holds are skipped (SKIP LOCKED) and a row
     * already marked no longer matches, so each notice is claimed exactly once.
     */
    async claimDue(kind: 'reminder' | 'overdue', now: Date, reminderHours: number, limit: number) {
      const due =
        kind === 'reminder'
          ? sql`authority_reminder_sent_at IS NULL AND authority_deadline_at > ${now}
              AND authority_deadline_at <= ${now}::timestamptz + make_interval(hours => ${reminderHours}::int)`
          : sql`authority_overdue_sent_at IS NULL AND authority_deadline_at <= ${now}`;
      const mark = kind === 'reminder' ? sql`authority_reminder_sent_at` : sql`authority_overdue_sent_at`;
      const result = await sql<ClaimedDeadlineRow>`
        WITH due AS (
          SELECT id FROM incidents
          WHERE authority_deadline_at IS NOT NULL AND authority_reported_at IS NULL
            AND anonymised_at IS NULL AND ${due}
          ORDER BY authority_deadline_at, id
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED
        )
        UPDATE incidents i SET ${mark} = ${now}, updated_at = ${now}
        FROM due WHERE i.id = due.id
        RETURNING i.id, i.organisation_id, i.unit_id, i.authority_deadline_at`.execute(db);
      return result.rows;
    },
  };
}

export type HandlingRepository = ReturnType<typeof createHandlingRepository>;
