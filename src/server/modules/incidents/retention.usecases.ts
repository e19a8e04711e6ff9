import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit.ts';
import type { AppDeps } from '../../platform/context.ts';
import { applyIncidentRollups } from '../rollups/rollups.usecases.ts';
import { incidentsDb } from './incidents.tables.ts';

/** Incidents handled per transaction. */
const BATCH = 200;
/** Report uploads never sent are removed after this long. */
const UPLOAD_TTL_MS = 24 * 3_600_000;

/**
 * What anonymising clears on the incident itself (named in the audit entry), besides the
 * participants (the need-to-know list), comment texts, the timeline's details, the support
 * checklist's notes, the attachments and the in-app notices, which go too. What remains is what
 * statistics need: type, time, organisation and unit, area, facility, who was affected (kind and
 * gender, not the person), injury, seriousness, states and their times.
 */
export const ANONYMISED_FIELDS = [
  'description',
  'immediate_action',
  'address_text',
  'lat',
  'lon',
  'location',
  'police_report_number',
  'reporter_id',
  'affected_user_id',
  'assignee_id',
  'closed_reason',
  'external_system',
  'external_id',
  'authority_reference',
  'participants',
  'comments',
  'attachments',
] as const;

interface DueRow {
  id: string;
  organisation_id: string;
  action: 'anonymise' | 'delete';
}

/**
 * The daily retention job: reports closed longer ago than their type's retention period (or the
 * configured default) are anonymised or deleted with their attachments; each is recorded in the
 * audit log. Also removes report uploads never sent (older than a day).
 *
 * The period and the action are the type version's the report was made under (an edit of the type
 * never changes what happens to older reports). Deleting a report leaves its known-threat register
 * entries in place, unlinked (they expire on their own schedule). Safe to run concurrently:
 * incidents are claimed with FOR UPDATE SKIP LOCKED.
 */
export async function applyRetention({
  deps,
}: {
  deps: AppDeps;
}): Promise<{ anonymised: number; deleted: number; uploadsRemoved: number }> {
  const now = deps.now();
  const counts = { anonymised: 0, deleted: 0, uploadsRemoved: 0 };
  for (;;) {
    const handled = await deps.db.transaction().execute(async (trx) => {
      const db = incidentsDb(trx);
      const due = await sql<DueRow>`
        SELECT i.id, i.organisation_id, v.retention_action AS action
        FROM incidents i
        JOIN incident_type_versions v ON v.id = i.type_version_id
        WHERE i.state = 'closed' AND i.anonymised_at IS NULL
          AND i.closed_at + make_interval(months => coalesce(v.retention_months, ${deps.config.incidentRetentionMonths}::int)) <= ${now}
        ORDER BY i.closed_at, i.id
        LIMIT ${BATCH}
        FOR UPDATE OF i SKIP LOCKED`.execute(trx);
      const anonymise = due.rows.filter((r) => r.action === 'anonymise').map((r) => r.id);
      const remove = due.rows.filter((r) => r.action === 'delete').map((r) => r.id);
      if (anonymise.length > 0) {
        await db
          .updateTable('incidents')
          .set({
            description: '',
            immediate_action: null,
            address_text: null,
            lat: null,
            lon: null,
            location: null,
            police_report_number: null,
            reporter_id: null,
            affected_user_id: null,
            assignee_id: null,
            closed_reason: null,
            external_system: null,
            external_id: null,
            authority_reference: null,
            anonymised_at: now,
            updated_at: now,
          })
          .where('id', 'in', anonymise)
          .execute();
        await db.deleteFrom('incident_participants').where('incident_id', 'in', anonymise).execute();
        // The timeline keeps what happened and when; its texts, people and details go (a state
        // change keeps its from and to).
        await db
          .updateTable('incident_events')
          .set({
            body: null,
            actor_id: null,
            data: sql`CASE WHEN kind = 'state_changed' THEN jsonb_strip_nulls(jsonb_build_object(
              'from', data -> 'from', 'to', data -> 'to', 'reopened', data -> 'reopened')) ELSE '{}'::jsonb END`,
          })
          .where('incident_id', 'in', anonymise)
          .execute();
        await db
          .updateTable('incident_support_items')
          .set({ note: null, recorded_by: null })
          .where('incident_id', 'in', anonymise)
          .execute();
        await db.deleteFrom('incident_attachments').where('incident_id', 'in', anonymise).execute();
        await db.deleteFrom('notifications').where('incident_id', 'in', anonymise).execute();
      }
      if (remove.length > 0) {
        // Participants, timeline, attachments, checklist and notices go with it (ON DELETE CASCADE);
        // register entries stay, unlinked (ON DELETE SET NULL). Their counts leave the rollups first.
        await applyIncidentRollups(trx, remove, -1);
        await db.deleteFrom('incidents').where('id', 'in', remove).execute();
      }
      for (const row of due.rows) {
        await recordAudit(
          trx,
          {
            action: row.action === 'delete' ? 'incident.deleted' : 'incident.anonymised',
            actorId: null,
            organisationId: row.organisation_id,
            targetType: 'incident',
            targetId: row.id,
            fields: row.action === 'delete' ? [] : [...ANONYMISED_FIELDS],
          },
          now,
        );
      }
      counts.anonymised += anonymise.length;
      counts.deleted += remove.length;
      return due.rows.length;
    });
    if (handled < BATCH) break;
  }
  const uploads = await incidentsDb(deps.db)
    .deleteFrom('incident_uploads')
    .where('created_at', '<', new Date(now.getTime() - UPLOAD_TTL_MS))
    .executeTakeFirst();
  counts.uploadsRemoved = Number(uploads.numDeletedRows);
  return counts;
}
