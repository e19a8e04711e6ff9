import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDb, type Db } from '../../src/server/db/database.ts';

const TEMPLATE_DB = 'trygg_test_template';

export interface TestDatabase {
  db: Db;
  pool: pg.Pool;
  /** The application role's connection string to this database (row access only). */
  url: string;
  /** The schema owner's connection string to this database. */
  ownerUrl: string;
  name: string;
  /** A superuser client on this database, for what the app itself may not do (tampering tests). */
  superuser(): Promise<pg.Client>;
  drop(): Promise<void>;
}

/** A fresh database for one test file, cloned from the migrated template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('adminUrl');
  const name = `trygg_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB} OWNER trygg_test`);
  } finally {
    await admin.end();
  }
  const url = inject('appUrlPattern').replace('%7Bdb%7D', name).replace('{db}', name);
  const ownerUrl = inject('ownerUrlPattern').replace('%7Bdb%7D', name).replace('{db}', name);
  const { db, pool } = createDb(url, 5);
  return {
    db,
    pool,
    url,
    ownerUrl,
    name,
    async superuser() {
      const u = new URL(adminUrl);
      u.pathname = `/${name}`;
      const client = new pg.Client({ connectionString: u.toString() });
      await client.connect();
      return client;
    },
    async drop() {
      await db.destroy();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
