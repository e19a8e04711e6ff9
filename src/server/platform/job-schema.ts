import { createRequire } from 'node:module';
import type pg from 'pg';

/**
 * The background jobs' tables (pg-boss; PostgreSQL is the queue, no other service) and queues.
 *
 * The app's database role may not change the schema, so pg-boss never installs or migrates
 * anything at run time: `installJobSchema` (run by the schema owner after the migrations) creates
 * pg-boss's schema, every queue this app uses — in pg-boss 10 each queue is a table partition —
 * and the app role's row access; the app's PgBoss runs with `migrate: false`.
 *
 * Queues (all `stately`: at most one waiting and one running job each, across instances):
 * - `notifications-deliver`: sends pending notices by e-mail; kicked after each commit that
 *   queues notices (`deps.jobs.kickNotifications()`), and every minute as a safety net;
 * - `incidents-authority-sweep`: every minute, reminders and overdue notices for serious events;
 * - `incidents-retention`: daily at 03:15 Swedish time, anonymises or deletes expired reports;
 * - `police-feed`: every TRYGG_POLICE_FEED_INTERVAL_MINUTES when TRYGG_POLICE_FEED_URL is set, fetches
 *   the police's events feed within its rules (statistics/police-feed.ts) and imports the events.
 */
export const JOB_SCHEMA = 'pgboss';

export const QUEUES = {
  notifications: 'notifications-deliver',
  authoritySweep: 'incidents-authority-sweep',
  retention: 'incidents-retention',
  policeFeed: 'police-feed',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** pg-boss's own queue for cron schedules (its Timekeeper sends scheduled jobs through it). */
const CRON_QUEUE = '__pgboss__send-it';

interface QueueSettings {
  policy: 'standard' | 'stately';
  retryLimit: number;
  retryDelay: number;
  retryBackoff: boolean;
  expireInSeconds: number;
  retentionMinutes: number;
}

const QUEUE_SETTINGS: Record<QueueName | typeof CRON_QUEUE, QueueSettings> = {
  [QUEUES.notifications]: {
    policy: 'stately',
    retryLimit: 3,
    retryDelay: 10,
    retryBackoff: true,
    expireInSeconds: 15 * 60,
    retentionMinutes: 60,
  },
  [QUEUES.authoritySweep]: {
    policy: 'stately',
    retryLimit: 1,
    retryDelay: 30,
    retryBackoff: false,
    expireInSeconds: 10 * 60,
    retentionMinutes: 10,
  },
  [QUEUES.retention]: {
    policy: 'stately',
    retryLimit: 3,
    retryDelay: 300,
    retryBackoff: true,
    expireInSeconds: 4 * 3600,
    retentionMinutes: 24 * 60,
  },
  [QUEUES.policeFeed]: {
    policy: 'stately',
    // No retries: a failed call counts against the feed's hourly allowance; the next run tries again.
    retryLimit: 0,
    retryDelay: 0,
    retryBackoff: false,
    expireInSeconds: 15 * 60,
    retentionMinutes: 24 * 60,
  },
  [CRON_QUEUE]: {
    policy: 'standard',
    retryLimit: 2,
    retryDelay: 0,
    retryBackoff: false,
    expireInSeconds: 15 * 60,
    retentionMinutes: 14 * 24 * 60,
  },
};

/** The pg-boss schema version this pg-boss release needs. */
function bossSchemaVersion(): number {
  const require = createRequire(import.meta.url);
  return (require('pg-boss/version.json') as { schema: number }).schema;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Run as the schema owner after the migrations, at every start (idempotent, one round trip when
 * nothing is missing): installs or upgrades pg-boss's schema, creates the queues with their
 * settings, and grants `appRole` row access (no DDL) to pg-boss's tables.
 */
export async function installJobSchema(ownerPool: pg.Pool, appRole: string): Promise<void> {
  const wanted = bossSchemaVersion();
  const state = await ownerPool.query<{ installed: string | null }>(
    `SELECT to_regclass('${JOB_SCHEMA}.version')::text AS installed`,
  );
  if (!state.rows[0]?.installed) {
    const { default: Boss } = await import('pg-boss');
    try {
      await ownerPool.query(Boss.getConstructionPlans(JOB_SCHEMA));
    } catch (err) {
      // Another instance installed it at the same moment (pg-boss's own race signal).
      if (!String((err as Error).message).includes('already exists')) throw err;
    }
  } else {
    const { rows } = await ownerPool.query<{ version: number }>(
      `SELECT version::int AS version FROM ${JOB_SCHEMA}.version`,
    );
    const installed = rows[0]?.version ?? wanted;
    if (installed > wanted)
      throw new Error(
        `The job schema "${JOB_SCHEMA}" is version ${installed}, newer than this release of Trygg understands (${wanted})`,
      );
    if (installed < wanted) {
      const { default: Boss } = await import('pg-boss');
      try {
        await ownerPool.query(Boss.getMigrationPlans(JOB_SCHEMA, String(installed)));
      } catch (err) {
        // pg-boss raises "division by zero" when another instance migrated it first.
        if (!String((err as Error).message).includes('division by zero')) throw err;
      }
    }
  }
  const queues = Object.entries(QUEUE_SETTINGS).map(([name, s]) => ({ name, ...s }));
  // create_queue does nothing for a queue that exists; the settings are applied to it afterwards.
  await ownerPool.query(
    `SELECT ${queues.map((_, i) => `${JOB_SCHEMA}.create_queue($${i * 2 + 1}, $${i * 2 + 2}::json)`).join(', ')}`,
    queues.flatMap((q) => [q.name, JSON.stringify(q)]),
  );
  await ownerPool.query(
    `UPDATE ${JOB_SCHEMA}.queue q SET policy = s.policy, retry_limit = s."retryLimit",
       retry_delay = s."retryDelay", retry_backoff = s."retryBackoff", expire_seconds = s."expireInSeconds",
       retention_minutes = s."retentionMinutes", updated_on = now()
     FROM json_to_recordset($1::json) AS s (name text, policy text, "retryLimit" int, "retryDelay" int,
       "retryBackoff" bool, "expireInSeconds" int, "retentionMinutes" int)
     WHERE q.name = s.name
       AND (q.policy, q.retry_limit, q.retry_delay, q.retry_backoff, q.expire_seconds, q.retention_minutes)
         IS DISTINCT FROM (s.policy, s."retryLimit", s."retryDelay", s."retryBackoff", s."expireInSeconds",
           s."retentionMinutes")`,
    [JSON.stringify(queues)],
  );
  const owner = await ownerPool.query<{ current_user: string }>('SELECT current_user');
  if (owner.rows[0]?.current_user === appRole) return;
  const role = quoteIdent(appRole);
  await ownerPool.query(`
    GRANT USAGE ON SCHEMA ${JOB_SCHEMA} TO ${role};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${JOB_SCHEMA} TO ${role};
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${JOB_SCHEMA} TO ${role};
  `);
}
