import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApp } from './app.ts';
import { type BootstrapResult, bootstrap } from './bootstrap.ts';
import type { Config } from './config.ts';
import { type DatabaseHandle, openDatabase } from './db/database.ts';
import { createSessionsRepository } from './modules/auth/sessions.repository.ts';
import { createDemoCity, type DemoResult } from './modules/demo/demo.usecases.ts';
import { createOffsetClock } from './modules/testing/test-clock.ts';
import type { AppDeps } from './platform/context.ts';
import { createJobs, type Jobs } from './platform/jobs.ts';
import { failInterruptedTasks } from './platform/tasks.ts';

export interface RunningServer {
  app: FastifyInstance;
  database: DatabaseHandle;
  url: string;
  bootstrap: BootstrapResult;
  /** The background jobs (working the queues when TRYGG_JOBS=on). */
  jobs: Jobs;
  /** Set when this first start on an empty database created the demo city (TRYGG_DEMO=on). */
  demo?: DemoResult;
  /** HTTP first (in-flight requests finish), then the background jobs, then the database. */
  stop(): Promise<void>;
}

export class StartupError extends Error {}

const HOUSEKEEPING_MS = 15 * 60_000;

/** Removes ended sessions, finished sign-in attempts and old throttling rows every 15 minutes. */
function startHousekeeping(database: DatabaseHandle, config: Config, log: Logger): NodeJS.Timeout {
  const sessions = createSessionsRepository({ db: database.db });
  const timer = setInterval(() => {
    const now = new Date();
    Promise.all([
      sessions.deleteExpiredSessions(now, config.sessionIdleMinutes * 60_000),
      database.db
        .deleteFrom('oidc_logins')
        .where('created_at', '<', new Date(now.getTime() - 3_600_000))
        .execute(),
      database.db
        .deleteFrom('login_throttle')
        .where('updated_at', '<', new Date(now.getTime() - 86_400_000))
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
        .execute(),
    ]).catch((err: unknown) => log.warn({ err }, 'housekeeping failed'));
  }, HOUSEKEEPING_MS);
  timer.unref();
  return timer;
}

/**
 * config → database → migrations → first-run data → app → listen → background jobs. The only place
 * that starts things.
 */
export async function startServer(config: Config, log: Logger): Promise<RunningServer> {
  const database = await openDatabase(config, log);
  let app: FastifyInstance | undefined;
  // TRYGG_TEST_CLOCK=on: real time plus an offset that POST /api/test/clock moves forward.
  const now = config.testClock ? createOffsetClock().now : () => new Date();
  const deps: AppDeps = { config, db: database.db, now };
  // Workers and schedules when TRYGG_JOBS=on; otherwise this instance only kicks e-mail delivery.
  const jobs = createJobs({ deps, pool: database.pool, log, mode: config.jobs ? 'run' : 'send' });
  deps.jobs = jobs;
  try {
    const applied = await database.migrate();
    if (applied.length) log.info({ migrations: applied }, 'applied migrations');
    const boot = await bootstrap(database.db, config);
    // The first start on an empty database (bootstrap just made the administrator) builds the demo city.
    let demo: DemoResult | undefined;
    if (config.demo && boot.createdAdmin) {
      demo = await createDemoCity({ config, db: database.db, now });
      log.info({ ms: Math.round(demo.ms), counts: demo.counts }, 'created the demo city');
    }
    // Tasks (imports, exports) run in the process that took the request; ones left by a stop are dead.
    // With several instances only the job-running one clears them (see platform/tasks.ts).
    if (config.jobs) {
      const interrupted = await failInterruptedTasks(deps);
      if (interrupted) log.warn({ interrupted }, 'background tasks interrupted by the last stop');
    }
    app = await buildApp(deps, { logger: log });
    try {
      await app.listen({ port: config.port, host: config.host });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE')
        throw new StartupError(`Port ${config.port} is already in use; set PORT to a free port`);
      if (code === 'EACCES')
        throw new StartupError(`Not allowed to listen on port ${config.port}; use a port above 1023`);
      throw err;
    }
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const shownHost = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(config.host) ? 'localhost' : config.host;
    const server = app;
    const url = config.baseUrl ?? `http://${shownHost}:${port}`;
    await jobs.start({ baseUrl: url });
    const housekeeping = startHousekeeping(database, config, log);
    return {
      app: server,
      database,
      jobs,
      url,
      bootstrap: boot,
      ...(demo ? { demo } : {}),
      async stop() {
        clearInterval(housekeeping);
        await server.close();
        // Running jobs finish (or are handed back to the queue) before the database goes.
        await jobs.stop();
        await database.close();
      },
    };
  } catch (err) {
    await app?.close().catch(() => undefined);
    await jobs.stop().catch(() => undefined);
    await database.close().catch(() => undefined);
    throw err;
  }
}
