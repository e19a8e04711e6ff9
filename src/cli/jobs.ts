import { sql } from 'kysely';
import type { Config } from '../server/config.ts';
import { sweepAuthorityDeadlines } from '../server/modules/incidents/authority.usecases.ts';
import { applyRetention } from '../server/modules/incidents/retention.usecases.ts';
import { deliverPendingNotifications } from '../server/modules/notifications/notifications.usecases.ts';
import { fetchPoliceFeed } from '../server/modules/statistics/police-feed.ts';
import type { AppDeps } from '../server/platform/context.ts';
import { JOB_SCHEMA, QUEUES } from '../server/platform/job-schema.ts';
import { createMailer } from '../server/platform/mail.ts';
import { parse, UsageError } from './args.ts';
import { withDatabase } from './db.ts';

const RUNNABLE = {
  notifications: 'send the pending e-mail notices',
  'authority-sweep': 'send due reminders and overdue notices for serious events',
  retention: 'anonymise or delete reports past their retention period',
  'police-feed': "fetch the police's events feed now (TRYGG_POLICE_FEED_URL; within its rate limits)",
} as const;
type Runnable = keyof typeof RUNNABLE;

async function runOnce(deps: AppDeps, what: Runnable): Promise<Record<string, number>> {
  if (what === 'notifications') {
    const mailer = createMailer(deps.config);
    try {
      return { ...(await deliverPendingNotifications({ deps, mailer })) };
    } finally {
      mailer?.close();
    }
  }
  if (what === 'authority-sweep') return { ...(await sweepAuthorityDeadlines({ deps })) };
  if (what === 'police-feed') {
    const outcome = await fetchPoliceFeed(deps);
    if (!outcome.fetched) {
      console.error(`police-feed: not fetched (${outcome.reason.replace('_', ' ')})`);
      return { fetched: 0 };
    }
    const r = outcome.import;
    return {
      fetched: 1,
      events: r.total,
      created: r.created,
      updated: r.updated,
      unchanged: r.unchanged,
      unplaced: r.unplaced,
    };
  }
  return { ...(await applyRetention({ deps })) };
}

/**
 * `trygg jobs status`: the queues and the e-mail outbox. `trygg jobs run <job>`: runs one job now,
 * in this process (the same use case the background job runs; safe beside a running server).
 */
export async function jobsCommand(loadCfg: () => Config, args: string[]): Promise<number> {
  const { positionals } = parse(args, {});
  const [sub, what, ...extra] = positionals;
  if (sub === 'run') {
    if (!what || !(what in RUNNABLE) || extra.length > 0)
      throw new UsageError(`trygg jobs run needs one of: ${Object.keys(RUNNABLE).join(', ')}`);
    const config = loadCfg();
    return withDatabase(config, async ({ db }) => {
      const result = await runOnce({ config, db, now: () => new Date() }, what as Runnable);
      console.log(
        `${what}: ${Object.entries(result)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`,
      );
      return 0;
    });
  }
  if (sub === 'status' && !what) {
    return withDatabase(loadCfg(), async ({ db }) => {
      const queues = await sql<{ name: string; state: string; n: number }>`
        SELECT q.name, j.state::text AS state, count(j.id)::int AS n
        FROM ${sql.table(`${JOB_SCHEMA}.queue`)} q
        LEFT JOIN ${sql.table(`${JOB_SCHEMA}.job`)} j ON j.name = q.name
        WHERE q.name = ANY(${Object.values(QUEUES)})
        GROUP BY q.name, j.state ORDER BY q.name, j.state`.execute(db);
      const schedules = await sql<{ name: string; cron: string; timezone: string }>`
        SELECT name, cron, timezone FROM ${sql.table(`${JOB_SCHEMA}.schedule`)} ORDER BY name`.execute(db);
      const outbox = await sql<{ status: string; n: number }>`
        SELECT email_status AS status, count(*)::int AS n FROM notifications
        GROUP BY email_status ORDER BY email_status`.execute(db);
      console.log('Queues (jobs by state):');
      for (const name of Object.values(QUEUES)) {
        const states = queues.rows.filter((r) => r.name === name && r.state !== null);
        const schedule = schedules.rows.find((s) => s.name === name);
        console.log(
          `  ${name.padEnd(28)} ${states.map((s) => `${s.state} ${s.n}`).join(', ') || 'no jobs'}${
            schedule
              ? `   (${schedule.cron}, ${schedule.timezone})`
              : '   (not scheduled: no server with TRYGG_JOBS=on has started)'
          }`,
        );
      }
      console.log(`E-mail notices: ${outbox.rows.map((r) => `${r.status} ${r.n}`).join(', ') || 'none'}`);
      return 0;
    });
  }
  throw new UsageError(`Unknown jobs command: ${positionals.join(' ') || '(none)'}`);
}
