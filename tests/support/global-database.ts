import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import type { TestProject } from 'vitest/node';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../../src/server/db/embedded.ts';
import { migrate } from '../../src/server/db/migrate.ts';

export const TEST_ROLE = 'trygg_test';
export const TEST_ROLE_PASSWORD = 'trygg-test-password';
export const TEMPLATE_DB = 'trygg_test_template';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser connection to the test server. */
    adminUrl: string;
    /** Connection string with the database name as `{db}`, for the application's (non-superuser) role. */
    appUrlPattern: string;
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * One PostgreSQL server per test run: embedded in a temporary folder, or the server at
 * TEST_DATABASE_URL (a superuser connection). A migrated template database is made once; each
 * test file clones its own database from it.
 */
export default async function setup(project: TestProject) {
  let embedded: EmbeddedPostgres | null = null;
  let tmp: string | null = null;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'trygg-test-pg-'));
    fs.chmodSync(tmp, 0o755);
    embedded = await startEmbeddedPostgres({ dataDir: tmp, log: pino({ level: 'warn' }) });
    adminUrl = embedded.adminUrl;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const role = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [TEST_ROLE]);
    if (role.rowCount === 0)
      await admin.query(`CREATE ROLE ${TEST_ROLE} LOGIN CREATEDB PASSWORD '${TEST_ROLE_PASSWORD}'`);
    // Left-over test databases from an interrupted run against an external server.
    const old = await admin.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'trygg_test_%'",
    );
    for (const { datname } of old.rows)
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB} OWNER ${TEST_ROLE}`);
  } finally {
    await admin.end();
  }
  const u = new URL(adminUrl);
  u.username = TEST_ROLE;
  u.password = TEST_ROLE_PASSWORD;
  const appUrl = u.toString();
  const pool = new pg.Pool({ connectionString: withDatabase(appUrl, TEMPLATE_DB), max: 1 });
  await migrate(pool);
  await pool.end();

  project.provide('adminUrl', adminUrl);
  project.provide('appUrlPattern', withDatabase(appUrl, '{db}'));

  return async () => {
    if (embedded) await embedded.stop();
    else {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      const dbs = await c.query<{ datname: string }>(
        "SELECT datname FROM pg_database WHERE datname LIKE 'trygg_test_%'",
      );
      for (const { datname } of dbs.rows) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      await c.end();
    }
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  };
}
