import { type ColumnType, type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/types.ts';
import { incidentsDb, type NotificationsTable } from '../incidents/incidents.tables.ts';

/** The outbox columns added by migration 0011 (next try of a failed e-mail). */
type DeliveryTables = {
  notifications: NotificationsTable & {
    email_next_attempt_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  };
};

/** How many notices the list shows (newest first). */
export const LIST_LIMIT = 50;

export interface NotificationListRow {
  id: string;
  kind: string;
  incident_id: string | null;
  reference: string | null;
  data: Record<string, unknown>;
  created_at: Date;
  read_at: Date | null;
}

/** A notice claimed for e-mail delivery, with what the message needs about its recipient. */
export interface DeliveryRow {
  id: string;
  user_id: string;
  incident_id: string | null;
  kind: string;
  data: Record<string, unknown>;
  email_attempts: number;
  email: string;
  locale: 'sv' | 'en';
  reference: string | null;
  reporter_id: string | null;
}

export function createNotificationsRepository({ db }: { db: Kysely<Database> | Transaction<Database> }) {
  const ndb = () => incidentsDb(db).withTables<DeliveryTables>();

  return {
    async listForUser(userId: string): Promise<NotificationListRow[]> {
      return ndb()
        .selectFrom('notifications as n')
        .leftJoin('incidents as i', 'i.id', 'n.incident_id')
        .select(['n.id', 'n.kind', 'n.incident_id', 'i.reference', 'n.data', 'n.created_at', 'n.read_at'])
        .where('n.user_id', '=', userId)
        .orderBy('n.created_at', 'desc')
        .orderBy('n.id', 'desc')
        .limit(LIST_LIMIT)
        .execute();
    },

    async countUnread(userId: string): Promise<number> {
      const row = await ndb()
        .selectFrom('notifications')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .executeTakeFirstOrThrow();
      return row.n;
    },

    /** Marks the user's notice read; false when it is not theirs or was read already. */
    async markRead(userId: string, id: string, now: Date): Promise<boolean> {
      const result = await ndb()
        .updateTable('notifications')
        .set({ read_at: now })
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async markAllRead(userId: string, now: Date): Promise<number> {
      const result = await ndb()
        .updateTable('notifications')
        .set({ read_at: now })
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    /** Pending e-mails that cannot be sent at all (no server, or the user is disabled) become `skipped`. */
    async skipUndeliverable(now: Date, noServer: boolean): Promise<number> {
      const result = await ndb()
        .updateTable('notifications')
        .set({ email_status: 'skipped', email_next_attempt_at: null })
        .where('email_status', '=', 'pending')
        .$if(!noServer, (qb) =>
          qb.where('user_id', 'in', (eb) =>
            eb.selectFrom('users').select('id').where('disabled_at', 'is not', null),
          ),
        )
        .where(sql<boolean>`coalesce(email_next_attempt_at, created_at) <= ${now}`)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    /**
     * Claims up to `limit` due e-mails: each gets a lease (its next attempt moved to `leaseUntil`), so
     * another worker skips it and a crash mid-send only delays it. Oldest first.
     */
    async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<DeliveryRow[]> {
      const claimed = await sql<DeliveryRow>`
        WITH due AS (
          SELECT id FROM notifications
          WHERE email_status = 'pending' AND coalesce(email_next_attempt_at, created_at) <= ${now}
          ORDER BY coalesce(email_next_attempt_at, created_at), id
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED
        ), claimed AS (
          UPDATE notifications n SET email_next_attempt_at = ${leaseUntil}
          FROM due WHERE n.id = due.id
          RETURNING n.id, n.user_id, n.incident_id, n.kind, n.data, n.email_attempts, n.created_at
        )
        SELECT c.id, c.user_id, c.incident_id, c.kind, c.data, c.email_attempts,
          u.email, u.locale, i.reference, i.reporter_id
        FROM claimed c
        JOIN users u ON u.id = c.user_id
        LEFT JOIN incidents i ON i.id = c.incident_id
        ORDER BY c.created_at, c.id`.execute(db);
      return claimed.rows;
    },

    async markSent(id: string, now: Date): Promise<void> {
      await ndb()
        .updateTable('notifications')
        .set((eb) => ({
          email_status: 'sent',
          email_sent_at: now,
          email_attempts: eb('email_attempts', '+', 1),
          email_next_attempt_at: null,
          email_error: null,
        }))
        .where('id', '=', id)
        .where('email_status', '=', 'pending')
        .execute();
    },

    /** A failed attempt: tried again at `retryAt`, or given up (`failed`) when `retryAt` is null. */
    async markAttemptFailed(id: string, error: string, retryAt: Date | null): Promise<void> {
      await ndb()
        .updateTable('notifications')
        .set((eb) => ({
          email_status: retryAt ? 'pending' : 'failed',
          email_attempts: eb('email_attempts', '+', 1),
          email_next_attempt_at: retryAt,
          email_error: error,
        }))
        .where('id', '=', id)
        .where('email_status', '=', 'pending')
        .execute();
    },

    /** Puts claimed e-mails back without counting an attempt (the server was unreachable). */
    async release(ids: string[], retryAt: Date): Promise<void> {
      if (ids.length === 0) return;
      await ndb()
        .updateTable('notifications')
        .set({ email_next_attempt_at: retryAt })
        .where('id', 'in', ids)
        .where('email_status', '=', 'pending')
        .execute();
    },
  };
}
