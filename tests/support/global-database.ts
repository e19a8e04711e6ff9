import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import type { TestProject } from 'vitest/node';
import { migrateAs } from '../../src/server/db/database.ts';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../../src/server/db/embedded.ts';

export const TEST_ROLE = 'trygg_test';
export const TEST_ROLE_PASSWORD = 'trygg-test-password';
/** The role tests run the app as: row access only, like `trygg` in production. */
export const TEST_APP_ROLE = 'trygg_test_app';
export const TEMPLATE_DB = 'trygg_test_template';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser connection to the test server. */
    adminUrl: string;
    /** Connection string with the database name as `{db}`, for the application's role (row access only). */
    appUrlPattern: string;
    /** The same for the schema owner (migrations, DDL). */
    ownerUrlPattern: string;
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
    const appRole = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [TEST_APP_ROLE]);
    if (appRole.rowCount === 0)
      await admin.query(`CREATE ROLE ${TEST_APP_ROLE} LOGIN PASSWORD '${TEST_ROLE_PASSWORD}'`);
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
  const ownerUrl = u.toString();
  u.username = TEST_APP_ROLE;
  const appUrl = u.toString();
  await migrateAs(withDatabase(ownerUrl, TEMPLATE_DB), TEST_APP_ROLE);

  project.provide('adminUrl', adminUrl);
  project.provide('appUrlPattern', withDatabase(appUrl, '{db}'));
  project.provide('ownerUrlPattern', withDatabase(ownerUrl, '{db}'));

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
