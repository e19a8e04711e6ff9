import fs from 'node:fs';
import { buildApp } from '../server/app.ts';
import type { Config } from '../server/config.ts';
import { openDatabase } from '../server/db/database.ts';
import { createLogger } from '../server/logger.ts';
import { parse } from './args.ts';

export async function withDatabase<T>(
  config: Config,
  fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>,
): Promise<T> {
  const log = createLogger({ ...config, logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel });
  const database = await openDatabase(config, log);
  try {
    await database.migrate();
    return await fn(database);
  } finally {
    await database.close();
  }
}

export async function migrateCommand(config: Config): Promise<number> {
  const log = createLogger(config);
  const database = await openDatabase(config, log);
  try {
    const applied = await database.migrate();
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
    return 0;
  } finally {
    await database.close();
  }
}

/** The OpenAPI document generated from the routes' zod schemas; needs no database. */
export async function generateOpenApi(config: Config): Promise<string> {
  const app = await buildApp(
    { config, db: null as never, now: () => new Date() },
    { oidc: null, webDist: '/nonexistent' },
  );
  await app.ready();
  const doc = JSON.stringify(app.swagger(), null, 2);
  await app.close();
  return `${doc}\n`;
}

export async function openapiCommand(loadCfg: () => Config, args: string[]): Promise<number> {
  const { values } = parse(args, { write: { type: 'string' } });
  const doc = await generateOpenApi(loadCfg());
  if (typeof values.write === 'string') {
    fs.writeFileSync(values.write, doc);
    console.log(`Wrote ${values.write}`);
  } else process.stdout.write(doc);
  return 0;
}
