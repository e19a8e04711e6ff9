import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './embedded.ts';
import type { Database } from './types.ts';

// Return bigint/count as strings (default) but parse int8 counts where we ask with ::int.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  pool: pg.Pool;
  url: string;
  embedded: EmbeddedPostgres | null;
  close(): Promise<void>;
}

const APP_ROLE = 'trygg';
const APP_DATABASE = 'trygg';

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * The app runs as an ordinary role that owns its database, never as the superuser, so the
 * privileges revoked on the audit log hold.
 */
async function ensureAppDatabase(adminUrl: string, dataDir: string, port: number): Promise<string> {
  const file = path.join(dataDir, 'app-credentials.json');
  let password: string;
  if (fs.existsSync(file)) {
    password = (JSON.parse(fs.readFileSync(file, 'utf8')) as { password: string }).password;
  } else {
    password = crypto.randomBytes(24).toString('base64url');
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const role = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [APP_ROLE]);
    if (role.rowCount === 0) {
      await admin.query(
        `CREATE ROLE ${quoteIdent(APP_ROLE)} LOGIN PASSWORD '${password.replace(/'/g, "''")}'`,
      );
    } else if (!fs.existsSync(file)) {
      await admin.query(`ALTER ROLE ${quoteIdent(APP_ROLE)} PASSWORD '${password.replace(/'/g, "''")}'`);
    }
    const database = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [APP_DATABASE]);
    if (database.rowCount === 0) {
      await admin.query(`CREATE DATABASE ${quoteIdent(APP_DATABASE)} OWNER ${quoteIdent(APP_ROLE)}`);
    }
  } finally {
    await admin.end();
  }
  if (!fs.existsSync(file)) fs.writeFileSync(file, JSON.stringify({ password }), { mode: 0o600 });
  return `postgres://${APP_ROLE}:${encodeURIComponent(password)}@127.0.0.1:${port}/${APP_DATABASE}`;
}

const PREPARED = /^\/\* prepared:([a-z_]+) \*\//;
const preparing = new WeakSet<pg.PoolClient>();

/**
 * Queries that start with `/* prepared:name *\/` run as named prepared statements: PostgreSQL parses
 * and plans them once per connection instead of at every request. Only for fixed hot-path SQL (the
 * name must always stand for the same text).
 */
function prepareMarkedQueries(client: pg.PoolClient): void {
  if (preparing.has(client)) return;
  preparing.add(client);
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (
    text: unknown,
    values?: unknown,
    ...rest: unknown[]
  ) => {
    const match = typeof text === 'string' ? PREPARED.exec(text) : null;
    if (match && Array.isArray(values)) return query({ name: match[1], text, values }, ...rest);
    return query(text, values, ...rest);
  };
}

export function createDb(url: string, max = 10): { db: Db; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'trygg' });
  pool.on('connect', prepareMarkedQueries);
  pool.on('error', () => {
    // An idle client lost its connection (server restart); the pool replaces it on next use.
  });
  return { pool, db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }) };
}

/** Connects to DATABASE_URL, or starts the embedded PostgreSQL under the data folder. */
export async function openDatabase(config: Config, log: Logger): Promise<DatabaseHandle> {
  let embedded: EmbeddedPostgres | null = null;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, log });
    try {
      url = await ensureAppDatabase(embedded.adminUrl, config.dataDir, embedded.port);
    } catch (err) {
      await embedded.stop();
      throw err;
    }
  }
  const { db, pool } = createDb(url);
  let closed = false;
  return {
    db,
    pool,
    url,
    embedded,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      await embedded?.stop();
    },
  };
}
