import { sql } from 'kysely';
import type { AppDeps } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { importPoliceEvents, type PoliceImportResult } from './police.usecases.ts';

/**
 * The scheduled fetch of the police's events feed. The feed's rules: a User-Agent that says who is
 * calling, at least 10 s between calls and at most 60 calls in a rolling hour. Both limits are enforced
 * from police_feed_fetches (every call is recorded before it is made, under a lock), so they hold across
 * processes and restarts.
 */
export const POLICE_FEED_USER_AGENT = 'Trygg/1.0 (kommunens trygghets- och säkerhetsarbete; lägesbilder)';
export const MIN_SECONDS_BETWEEN_CALLS = 10;
export const MAX_CALLS_PER_HOUR = 60;
/** A feed answer larger than this is refused (the full feed is a few MB). */
const MAX_BYTES = 100 * 1024 * 1024;

export type PoliceFeedOutcome =
  | { fetched: true; status: number; import: PoliceImportResult }
  | { fetched: false; reason: 'not_configured' | 'too_soon' | 'hourly_cap'; retryAfterSeconds?: number };

/** Fetches the feed now if its rules allow, records the call, and imports the events (origin 'feed'). */
export async function fetchPoliceFeed(
  deps: AppDeps,
  opts: { url?: string } = {},
): Promise<PoliceFeedOutcome> {
  const url = opts.url ?? deps.config.policeFeedUrl;
  if (!url) return { fetched: false, reason: 'not_configured' };
  const now = deps.now();
  type Reservation = { id: string } | { refused: 'too_soon' | 'hourly_cap'; retryAfterSeconds?: number };
  const reserved = await deps.db.transaction().execute(async (trx): Promise<Reservation> => {
    await sql`SELECT pg_advisory_xact_lock(hashtext('trygg.police_feed'))`.execute(trx);
    const { rows } = await sql<{ last: Date | null; in_hour: number }>`
      SELECT max(fetched_at) AS last,
        count(*) FILTER (WHERE fetched_at > ${now}::timestamptz - interval '1 hour')::int AS in_hour
      FROM police_feed_fetches WHERE fetched_at > ${now}::timestamptz - interval '1 hour'`.execute(trx);
    const last = rows[0]?.last ?? null;
    if (last && now.getTime() - last.getTime() < MIN_SECONDS_BETWEEN_CALLS * 1000)
      return {
        refused: 'too_soon',
        retryAfterSeconds: Math.ceil(
          (MIN_SECONDS_BETWEEN_CALLS * 1000 - (now.getTime() - last.getTime())) / 1000,
        ),
      };
    if ((rows[0]?.in_hour ?? 0) >= MAX_CALLS_PER_HOUR) return { refused: 'hourly_cap' };
    const row = await sql<{ id: string }>`
      INSERT INTO police_feed_fetches (fetched_at, url) VALUES (${now}, ${url}) RETURNING id`.execute(trx);
    return { id: row.rows[0]!.id };
  });
  if ('refused' in reserved)
    return {
      fetched: false,
      reason: reserved.refused,
      ...(reserved.retryAfterSeconds !== undefined ? { retryAfterSeconds: reserved.retryAfterSeconds } : {}),
    };
  const record = (status: number | null, eventCount: number | null, error: string | null) =>
    sql`UPDATE police_feed_fetches SET status = ${status}, event_count = ${eventCount}, error = ${error}
      WHERE id = ${reserved.id}`.execute(deps.db);
  let status: number | null = null;
  try {
    const res = await fetch(url, {
      headers: { 'user-agent': POLICE_FEED_USER_AGENT, accept: 'application/json' },
      signal: AbortSignal.timeout(60_000),
    });
    status = res.status;
    if (!res.ok) throw new AppError('statistics.police_feed_failed', 502, `The feed answered ${res.status}`);
    const length = Number(res.headers.get('content-length') ?? 0);
    if (length > MAX_BYTES)
      throw new AppError('statistics.police_feed_failed', 502, 'The feed answer is too large');
    const text = await res.text();
    const result = await importPoliceEvents(deps, {
      events: text,
      origin: 'feed',
      fileName: null,
      actorId: null,
    });
    await record(status, result.total, null);
    return { fetched: true, status, import: result };
  } catch (err) {
    await record(status, null, (err as Error).message.slice(0, 1000));
    throw err;
  }
}

/** pg-boss cron for the interval: every N minutes (N < 60), else hourly or every few hours. */
export function policeFeedCron(intervalMinutes: number): string {
  if (intervalMinutes < 60) return `*/${Math.max(1, intervalMinutes)} * * * *`;
  const hours = Math.min(24, Math.round(intervalMinutes / 60));
  return hours >= 24 ? '0 4 * * *' : `0 */${hours} * * *`;
}
