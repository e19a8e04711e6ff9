import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { installJobSchema } from '../platform/job-schema.ts';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './embedded.ts';
import { migrate } from './migrate.ts';
import type { Database } from './types.ts';

// Return bigint/count as strings (default) but parse int8 counts where we ask with ::int.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  pool: pg.Pool;
  url: string;
  /** The schema owner's connection string, for migrations (the same as `url` with one role). */
  migrationUrl: string;
  embedded: EmbeddedPostgres | null;
  /** Applies pending migrations as the owner and grants the app role; returns the names applied. */
  migrate(): Promise<string[]>;
  close(): Promise<void>;
}

const OWNER_ROLE = 'trygg_owner';
const APP_ROLE = 'trygg';
const APP_DATABASE = 'trygg';

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Two ordinary roles, never the superuser: `trygg_owner` owns the database and runs migrations;
 * `trygg`, which the app runs as, may read and write rows but not change the schema, and may only
 * read and append to the audit log (see grantAppPrivileges).
 */
async function ensureAppDatabase(
  adminUrl: string,
  dataDir: string,
  port: number,
): Promise<{ appUrl: string; ownerUrl: string }> {
  const file = path.join(dataDir, 'app-credentials.json');
  const saved = fs.existsSync(file)
    ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { owner?: string; app?: string })
    : {};
  const passwords = {
    owner: saved.owner ?? crypto.randomBytes(24).toString('base64url'),
    app: saved.app ?? crypto.randomBytes(24).toString('base64url'),
  };
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (const [role, password] of [
      [OWNER_ROLE, passwords.owner],
      [APP_ROLE, passwords.app],
    ] as const) {
      const exists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      const verb = exists.rowCount === 0 ? 'CREATE' : 'ALTER';
      await admin.query(
        `${verb} ROLE ${quoteIdent(role)} LOGIN NOSUPERUSER NOCREATEROLE PASSWORD ${quoteLiteral(password)}`,
      );
    }
    const database = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [APP_DATABASE]);
    if (database.rowCount === 0) {
      await admin.query(`CREATE DATABASE ${quoteIdent(APP_DATABASE)} OWNER ${quoteIdent(OWNER_ROLE)}`);
    }
  } finally {
    await admin.end();
  }
  fs.writeFileSync(file, JSON.stringify(passwords), { mode: 0o600 });
  const url = (role: string, password: string) =>
    `postgres://${role}:${encodeURIComponent(password)}@127.0.0.1:${port}/${APP_DATABASE}`;
  return { appUrl: url(APP_ROLE, passwords.app), ownerUrl: url(OWNER_ROLE, passwords.owner) };
}

/**
 * Run by the owner after migrations, at every start (idempotent): the app role gets row access to
 * every table, but on the audit log only SELECT and INSERT, and no DDL anywhere (it owns nothing,
 * so it cannot grant itself more or switch the audit log's triggers off).
 */
export async function grantAppPrivileges(ownerPool: pg.Pool, appRole: string): Promise<void> {
  const role = quoteIdent(appRole);
  const owner = await ownerPool.query<{ current_user: string }>('SELECT current_user');
  if (owner.rows[0]?.current_user === appRole) return;
  await ownerPool.query(`
    GRANT USAGE ON SCHEMA public TO ${role};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role};
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role};
    REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM ${role};
    REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migrations FROM ${role};
  `);
}

/** The user name in a connection string. */
export function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

const PREPARED = /^\/\* prepared:([a-z_]+) \*\//;
const OUTER = /^\/\* outer:(begin|commit|rollback) \*\//;
const wrapped = new WeakSet<pg.PoolClient>();
/** Clients inside `inOneTransaction`, with how many inner transactions (savepoints) are open. */
const savepointDepth = new WeakMap<pg.PoolClient, number>();

/**
 * Two things happen to every query a pooled client sends:
 * - queries that start with `/* prepared:name *\/` run as named prepared statements: PostgreSQL
 *   parses and plans them once per connection instead of at every request (fixed hot-path SQL only);
 * - inside `inOneTransaction`, the BEGIN/COMMIT/ROLLBACK of the code it runs become savepoints, so
 *   use cases that open their own transactions join the one outer transaction.
 */
function wrapClient(client: pg.PoolClient): void {
  if (wrapped.has(client)) return;
  wrapped.add(client);
  // Looked up at each call, so instrumentation of pg.Client.prototype (benchmarks) still sees queries.
  const send = (...args: unknown[]) =>
    (Object.getPrototypeOf(client) as { query: (...args: unknown[]) => unknown }).query.call(client, ...args);
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (
    text: unknown,
    values?: unknown,
    ...rest: unknown[]
  ) => {
    if (typeof text === 'string') {
      const outer = OUTER.exec(text);
      if (outer) {
        if (outer[1] === 'begin') savepointDepth.set(client, 0);
        else savepointDepth.delete(client);
        return send(text, values, ...rest);
      }
      const depth = savepointDepth.get(client);
      if (depth !== undefined) {
        const statement = text.trim().toLowerCase();
        if (statement === 'begin') {
          savepointDepth.set(client, depth + 1);
          return send(`SAVEPOINT trygg_inner_${depth + 1}`, values, ...rest);
        }
        if (statement === 'commit' && depth > 0) {
          savepointDepth.set(client, depth - 1);
          return send(`RELEASE SAVEPOINT trygg_inner_${depth}`, values, ...rest);
        }
        if (statement === 'rollback' && depth > 0) {
          savepointDepth.set(client, depth - 1);
          return (send(`ROLLBACK TO SAVEPOINT trygg_inner_${depth}`, values) as Promise<unknown>).then(() =>
            send(`RELEASE SAVEPOINT trygg_inner_${depth}`, values),
          );
        }
      }
      const match = PREPARED.exec(text);
      if (match && Array.isArray(values)) return send({ name: match[1], text, values }, ...rest);
    }
    return send(text, values, ...rest);
  };
}

/**
 * Runs `fn` on one connection inside one transaction: everything it does — including use cases
 * that open transactions of their own, which become savepoints — is committed together, or
 * nothing is. For long multi-step jobs that must not stop half-way (the demo city). The
 * connection serves one transaction at a time, so concurrent steps inside `fn` run in turn.
 */
export async function inOneTransaction<T>(db: Db, fn: (db: Db) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`/* outer:begin */ BEGIN`.execute(conn);
    try {
      const result = await fn(conn);
      await sql`/* outer:commit */ COMMIT`.execute(conn);
      return result;
    } catch (err) {
      await sql`/* outer:rollback */ ROLLBACK`.execute(conn).catch(() => undefined);
      throw err;
    }
  });
}

export function createDb(url: string, max = 10): { db: Db; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'trygg' });
  pool.on('connect', wrapClient);
  pool.on('error', () => {
    // An idle client lost its connection (server restart); the pool replaces it on next use.
  });
  return { pool, db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }) };
}

/** Connects to DATABASE_URL, or starts the embedded PostgreSQL under the data folder. */
export async function openDatabase(config: Config, log: Logger): Promise<DatabaseHandle> {
  let embedded: EmbeddedPostgres | null = null;
  let url = config.databaseUrl;
  let migrationUrl = config.databaseMigrationUrl ?? config.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, log });
    try {
      const urls = await ensureAppDatabase(embedded.adminUrl, config.dataDir, embedded.port);
      url = urls.appUrl;
      migrationUrl = urls.ownerUrl;
    } catch (err) {
      await embedded.stop();
      throw err;
    }
  }
  const { db, pool } = createDb(url);
  const appUrl = url;
  const ownerUrl = migrationUrl ?? url;
  let closed = false;
  return {
    db,
    pool,
    url: appUrl,
    migrationUrl: ownerUrl,
    embedded,
    async migrate() {
      return migrateAs(ownerUrl, roleOf(appUrl));
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      await embedded?.stop();
    },
  };
}

/** Applies migrations as the schema owner, then (re)grants the app role its privileges and installs the job schema. */
export async function migrateAs(ownerUrl: string, appRole: string): Promise<string[]> {
  const pool = new pg.Pool({ connectionString: ownerUrl, max: 1, application_name: 'trygg-migrate' });
  try {
    const applied = await migrate(pool);
    await grantAppPrivileges(pool, appRole);
    // The background jobs' queue tables (pg-boss), which the app role may not create itself.
    await installJobSchema(pool, appRole);
    return applied;
  } finally {
    await pool.end();
  }
}
