import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/types.ts';
import { incidentsDb } from '../modules/incidents/incidents.tables.ts';

/**
 * In-app notices, written in the same transaction as the change they tell of; a job sends each
 * one by e-mail afterwards (the row is the outbox, so nothing acknowledged is lost).
 *
 * Kinds (the e-mail and the app render them in the user's language):
 * - `incident.received`        to the routed manager / coordinator: a new report
 * - `incident.state_changed`   to the reporter: data { from, to, reason? }
 * - `incident.comment`         to the reporter: a comment meant for them
 * - `incident.assigned`        to the assignee
 * - `incident.access_granted`  to a user granted access
 * - `incident.authority_reminder` / `incident.authority_overdue`  serious event deadline
 */
export interface NewNotification {
  userId: string;
  incidentId: string | null;
  kind: string;
  data?: Record<string, unknown>;
}

export async function queueNotifications(
  trx: Kysely<Database> | Transaction<Database>,
  now: Date,
  items: readonly NewNotification[],
): Promise<void> {
  if (items.length === 0) return;
  await incidentsDb(trx)
    .insertInto('notifications')
    .values(
      items.map((n) => ({
        user_id: n.userId,
        incident_id: n.incidentId,
        kind: n.kind,
        data: JSON.stringify(n.data ?? {}),
        created_at: now,
      })),
    )
    .execute();
}
