import type pg from 'pg';
import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { sweepAuthorityDeadlines } from '../modules/incidents/authority.usecases.ts';
import { applyRetention } from '../modules/incidents/retention.usecases.ts';
import { deliverPendingNotifications } from '../modules/notifications/notifications.usecases.ts';
import { fetchPoliceFeed, policeFeedCron } from '../modules/statistics/police-feed.ts';
import type { AppDeps, JobsHandle } from './context.ts';
import { JOB_SCHEMA, QUEUES } from './job-schema.ts';
import { createMailer, type Mailer } from './mail.ts';

/**
 * Background jobs on pg-boss: see job-schema.ts for the queues and how their tables are installed.
 */
export { installJobSchema, JOB_SCHEMA, QUEUES, type QueueName } from './job-schema.ts';

/** pg-boss's schedules: the notices' safety net and the deadline sweep every minute, retention daily. */
const SCHEDULES = [
  { queue: QUEUES.notifications, cron: '* * * * *' },
  { queue: QUEUES.authoritySweep, cron: '* * * * *' },
  { queue: QUEUES.retention, cron: '15 3 * * *' },
] as const;

export interface Jobs extends JobsHandle {
  /**
   * Connects the job runner: workers and schedules when `run`, sending only otherwise. `baseUrl`
   * is where links in e-mails point (the server's address once it listens).
   */
  start(opts?: { baseUrl?: string }): Promise<void>;
  /** Stops taking jobs, lets running ones finish (up to `timeoutMs`), then stops. */
  stop(timeoutMs?: number): Promise<void>;
}

export interface JobsOptions {
  deps: AppDeps;
  /** The app's pool (pg-boss shares it rather than opening connections of its own). */
  pool: pg.Pool;
  log: Logger;
  /** `run`: this process works the queues (TRYGG_JOBS=on); `send`: it only kicks, another instance works. */
  mode: 'run' | 'send';
  /** For tests: a mailer instead of the one from the settings. */
  mailer?: Mailer | null;
  /** How often idle workers look for jobs (kicks from this process wake them at once). */
  pollingIntervalSeconds?: number;
}

/**
 * The job runner of one process. `kickNotifications` is cheap and never throws: kicks while one
 * is being sent are folded into one more send.
 */
export function createJobs(opts: JobsOptions): Jobs {
  const { deps, pool, log, mode } = opts;
  let boss: PgBoss | null = null;
  let stopping = false;
  let notificationWorker: string | null = null;
  let mailer: Mailer | null = null;
  let kickInFlight = false;
  let kickAgain = false;
  /** A kick before the runner was started (a request between listen and start) is sent once it is. */
  let kickedEarly = false;

  const kick = () => {
    if (stopping) return;
    if (!boss) {
      kickedEarly = true;
      return;
    }
    if (kickInFlight) {
      kickAgain = true;
      return;
    }
    kickInFlight = true;
    const current = boss;
    current
      .send(QUEUES.notifications, {})
      .then(() => {
        if (notificationWorker) current.notifyWorker(notificationWorker);
      })
      .catch((err: unknown) => log.warn({ err }, 'could not queue e-mail delivery'))
      .finally(() => {
        kickInFlight = false;
        if (kickAgain) {
          kickAgain = false;
          kick();
        }
      });
  };

  return {
    kickNotifications: kick,

    async start({ baseUrl } = {}) {
      if (boss) return;
      const { default: Boss } = await import('pg-boss');
      const running = mode === 'run';
      const instance = new Boss({
        db: { executeSql: (text: string, values: unknown[]) => pool.query(text, values) },
        schema: JOB_SCHEMA,
        migrate: false,
        supervise: running,
        schedule: running,
      });
      instance.on('error', (err: unknown) => log.warn({ err }, 'background jobs: error'));
      await instance.start();
      boss = instance;
      const flushEarlyKick = () => {
        if (!kickedEarly) return;
        kickedEarly = false;
        kick();
      };
      if (!running) return flushEarlyKick();
      mailer = opts.mailer === undefined ? createMailer(deps.config) : opts.mailer;
      const polling = { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 5, batchSize: 1 };
      await Promise.all(
        SCHEDULES.map((s) => instance.schedule(s.queue, s.cron, {}, { tz: 'Europe/Stockholm' })),
      );
      // The police feed is fetched only when a URL is set; without one its schedule is removed.
      if (deps.config.policeFeedUrl)
        await instance.schedule(
          QUEUES.policeFeed,
          policeFeedCron(deps.config.policeFeedIntervalMinutes),
          {},
          {
            tz: 'Europe/Stockholm',
          },
        );
      else await instance.unschedule(QUEUES.policeFeed);
      notificationWorker = await instance.work(QUEUES.notifications, polling, async () => {
        const result = await deliverPendingNotifications({
          deps,
          mailer,
          ...(baseUrl ? { baseUrl } : {}),
        });
        if (result.sent + result.failed + result.retrying > 0) log.info({ email: result }, 'e-mail notices');
        return result;
      });
      await instance.work(QUEUES.authoritySweep, { ...polling, pollingIntervalSeconds: 30 }, async () => {
        // It kicks e-mail delivery itself when it queued notices.
        const result = await sweepAuthorityDeadlines({ deps });
        if (result.reminded + result.overdue > 0)
          log.info({ authority: result }, 'serious-event deadline notices');
        return result;
      });
      await instance.work(QUEUES.retention, { ...polling, pollingIntervalSeconds: 30 }, async () => {
        const result = await applyRetention({ deps });
        log.info({ retention: result }, 'retention applied');
        return result;
      });
      await instance.work(QUEUES.policeFeed, { ...polling, pollingIntervalSeconds: 30 }, async () => {
        const outcome = await fetchPoliceFeed(deps);
        if (outcome.fetched)
          log.info(
            { policeFeed: { ...outcome.import, unmappedTypes: outcome.import.unmappedTypes.length } },
            'police events fetched',
          );
        else log.info({ policeFeed: outcome }, 'police feed not fetched');
        return outcome.fetched ? { fetched: true, ...outcome.import } : outcome;
      });
      flushEarlyKick();
    },

    async stop(timeoutMs = 15_000) {
      stopping = true;
      const current = boss;
      boss = null;
      if (current) await current.stop({ graceful: true, timeout: timeoutMs, wait: true, close: false });
      mailer?.close();
      mailer = null;
    },
  };
}
