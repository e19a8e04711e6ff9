import type { NotificationListResponse, NotificationUnreadResponse } from '../../../domain/api/incidents.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppDeps } from '../../platform/context.ts';
import { MailError, type Mailer } from '../../platform/mail.ts';
import type { RequestMeta } from '../auth/auth.usecases.ts';
import { createNotificationsRepository, type DeliveryRow } from './notifications.repository.ts';
import { renderNoticeMail } from './notifications.templates.ts';

/** The signed-in user's latest notices, newest first, with how many are unread. */
export async function listNotifications({
  deps,
  userId,
}: {
  deps: AppDeps;
  userId: string;
}): Promise<NotificationListResponse> {
  const repo = createNotificationsRepository(deps);
  const [rows, unread] = await Promise.all([repo.listForUser(userId), repo.countUnread(userId)]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      incidentId: r.incident_id,
      reference: r.reference,
      data: r.data,
      createdAt: r.created_at.toISOString(),
      readAt: r.read_at ? r.read_at.toISOString() : null,
    })),
    unread,
  };
}

/**
 * Marks one of the user's notices read. Another user's notice, or one already read, changes
 * nothing (and says nothing about whether it exists).
 */
export async function markNotificationRead({
  deps,
  userId,
  id,
  meta,
}: {
  deps: AppDeps;
  userId: string;
  id: string;
  meta: RequestMeta;
}): Promise<NotificationUnreadResponse> {
  return deps.db.transaction().execute(async (trx) => {
    const repo = createNotificationsRepository({ db: trx });
    const now = deps.now();
    if (await repo.markRead(userId, id, now)) {
      await recordAudit(
        trx,
        {
          action: 'notification.read',
          actorId: userId,
          targetType: 'notification',
          targetId: id,
          fields: ['read_at'],
          ...meta,
        },
        now,
      );
    }
    return { unread: await repo.countUnread(userId) };
  });
}

export async function markAllNotificationsRead({
  deps,
  userId,
  meta,
}: {
  deps: AppDeps;
  userId: string;
  meta: RequestMeta;
}): Promise<NotificationUnreadResponse> {
  return deps.db.transaction().execute(async (trx) => {
    const repo = createNotificationsRepository({ db: trx });
    const now = deps.now();
    if ((await repo.markAllRead(userId, now)) > 0) {
      await recordAudit(
        trx,
        {
          action: 'notification.read_all',
          actorId: userId,
          targetType: 'user',
          targetId: userId,
          fields: ['read_at'],
          ...meta,
        },
        now,
      );
    }
    return { unread: 0 };
  });
}

// ---------------------------------------------------------------- e-mail delivery

/** A failed e-mail is tried this many times in all, then given up (`failed`). */
export const MAX_EMAIL_ATTEMPTS = 5;
/** Minutes to wait after the 1st, 2nd, 3rd and 4th failed attempt. */
export const RETRY_MINUTES = [1, 5, 15, 60] as const;
/** How long a claimed e-mail stays reserved for the worker that claimed it. */
const LEASE_MINUTES = 10;
const BATCH = 20;
const MAX_BATCHES = 50;

/** Notices the reporter gets about their own report; they open it under "my reports". */
const REPORTER_KINDS = new Set(['incident.state_changed', 'incident.comment']);

export interface DeliveryResult {
  sent: number;
  /** Failed this time, to be tried again later. */
  retrying: number;
  /** Given up after the last attempt. */
  failed: number;
  /** Not sent by e-mail at all: no SMTP server configured, or the user is disabled. */
  skipped: number;
}

const minutes = (at: Date, n: number) => new Date(at.getTime() + n * 60_000);

/** Where the notice leads in the app: the reporter's own view, or the handler's case page. */
export function noticeLink(
  baseUrl: string,
  row: Pick<DeliveryRow, 'kind' | 'incident_id' | 'reporter_id' | 'user_id'>,
) {
  const base = baseUrl.replace(/\/+$/, '');
  if (!row.incident_id) return `${base}/notifications`;
  const toReporter =
    row.reporter_id === row.user_id && (REPORTER_KINDS.has(row.kind) || !row.kind.startsWith('incident.'));
  return `${base}${toReporter ? '/my-reports' : '/incidents'}/${row.incident_id}`;
}

/** The address links in e-mails point to: TRYGG_BASE_URL, else this machine on the configured port. */
export function appBaseUrl(deps: AppDeps): string {
  return deps.config.baseUrl ?? `http://localhost:${deps.config.port}`;
}

/**
 * Sends the e-mails of pending notices (the notifications table is the outbox): due ones are
 * claimed in batches (FOR UPDATE SKIP LOCKED, so several workers never send the same one), each
 * rendered in its recipient's language and sent on its own; a failure is tried again after 1, 5,
 * 15 and 60 minutes and then given up. With no SMTP server configured, or for a disabled user,
 * the notice stays in the app only (`skipped`). An unreachable server ends the run at once.
 */
export async function deliverPendingNotifications({
  deps,
  mailer,
  baseUrl = appBaseUrl(deps),
}: {
  deps: AppDeps;
  mailer: Mailer | null;
  baseUrl?: string;
}): Promise<DeliveryResult> {
  const repo = createNotificationsRepository(deps);
  const result: DeliveryResult = { sent: 0, retrying: 0, failed: 0, skipped: 0 };
  result.skipped = await repo.skipUndeliverable(deps.now(), mailer === null);
  if (!mailer) return result;
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const now = deps.now();
    const rows = await repo.claimDue(now, minutes(now, LEASE_MINUTES), BATCH);
    for (const [index, row] of rows.entries()) {
      const mail = renderNoticeMail({
        kind: row.kind,
        data: row.data,
        locale: row.locale === 'en' ? 'en' : 'sv',
        reference: row.reference,
        link: noticeLink(baseUrl, row),
      });
      try {
        await mailer.send({ to: row.email, ...mail, key: row.id });
        await repo.markSent(row.id, deps.now());
        result.sent++;
      } catch (err) {
        if (!(err instanceof MailError)) throw err;
        const attempt = row.email_attempts + 1;
        const retryAt =
          attempt >= MAX_EMAIL_ATTEMPTS ? null : minutes(deps.now(), RETRY_MINUTES[attempt - 1] ?? 60);
        await repo.markAttemptFailed(row.id, err.message, retryAt);
        if (retryAt) result.retrying++;
        else result.failed++;
        if (err.unreachable) {
          // The server is not there: the rest wait for the next run, without losing an attempt.
          await repo.release(
            rows.slice(index + 1).map((r) => r.id),
            minutes(deps.now(), RETRY_MINUTES[0]),
          );
          return result;
        }
      }
    }
    if (rows.length < BATCH) break;
  }
  return result;
}
