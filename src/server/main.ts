import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApp } from './app.ts';
import { bootstrap, type BootstrapResult } from './bootstrap.ts';
import type { Config } from './config.ts';
import { type DatabaseHandle, openDatabase } from './db/database.ts';
import { migrate } from './db/migrate.ts';

export interface RunningServer {
  app: FastifyInstance;
  database: DatabaseHandle;
  url: string;
  bootstrap: BootstrapResult;
  /** HTTP first (in-flight requests finish), then the database. */
  stop(): Promise<void>;
}

export class StartupError extends Error {}

/** config → database → migrations → first-run data → app → listen. The only place that starts things. */
export async function startServer(config: Config, log: Logger): Promise<RunningServer> {
  const database = await openDatabase(config, log);
  let app: FastifyInstance | undefined;
  try {
    const applied = await migrate(database.pool);
    if (applied.length) log.info({ migrations: applied }, 'applied migrations');
    const boot = await bootstrap(database.db, config);
    app = await buildApp({ config, db: database.db, now: () => new Date() }, { logger: log });
    try {
      await app.listen({ port: config.port, host: config.host });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new StartupError(`Port ${config.port} is already in use; set PORT to a free port`);
      if (code === 'EACCES') throw new StartupError(`Not allowed to listen on port ${config.port}; use a port above 1023`);
      throw err;
    }
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const shownHost = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(config.host) ? 'localhost' : config.host;
    const server = app;
    return {
      app: server,
      database,
      url: config.baseUrl ?? `http://${shownHost}:${port}`,
      bootstrap: boot,
      async stop() {
        await server.close();
        await database.close();
      },
    };
  } catch (err) {
    await app?.close().catch(() => undefined);
    await database.close().catch(() => undefined);
    throw err;
  }
}
