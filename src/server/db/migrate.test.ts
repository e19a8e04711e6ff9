import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/database.ts';
import { listMigrations, type Migration, MigrationError, migrate } from './migrate.ts';

let database: TestDatabase;
/** Migrations change the schema, so they run as its owner (the app role may not). */
let owner: pg.Pool;

beforeAll(async () => {
  database = await createTestDatabase();
  owner = new pg.Pool({ connectionString: database.ownerUrl, max: 4 });
  owner.on('error', () => undefined);
});

afterAll(async () => {
  await owner?.end();
  await database?.drop();
});

async function tableExists(pool: pg.Pool, name: string): Promise<boolean> {
  const { rows } = await pool.query<{ found: string | null }>('SELECT to_regclass($1) AS found', [name]);
  return rows[0]?.found !== null;
}

async function appliedNames(pool: pg.Pool): Promise<string[]> {
  const { rows } = await pool.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
  return rows.map((r) => r.name);
}

/** A pool that tolerates its idle connections being ended when the database is dropped. */
function quietPool(connectionString: string): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: 4 });
  pool.on('error', () => undefined);
  return pool;
}

/** An empty database owned by the application role, reached as that role (not a superuser). */
async function emptyDatabase(): Promise<{ pool: pg.Pool; url: string; drop(): Promise<void> }> {
  const name = `trygg_test_empty_${crypto.randomBytes(4).toString('hex')}`;
  const admin = await database.superuser();
  const owner = new URL(database.url).username;
  await admin.query(`CREATE DATABASE ${name} OWNER ${owner}`);
  const url = new URL(database.url);
  url.pathname = `/${name}`;
  const pool = quietPool(url.toString());
  return {
    pool,
    url: url.toString(),
    async drop() {
      await pool.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

describe('migrations', () => {
  it('applies every migration to an empty database as the application role, and nothing the second time', async () => {
    const empty = await emptyDatabase();
    try {
      const all = listMigrations();
      expect(all.length).toBeGreaterThan(0);
      expect(all.map((m) => m.name)).toEqual([...all.map((m) => m.name)].sort());

      expect(await migrate(empty.pool)).toEqual(all.map((m) => m.name));
      expect(await appliedNames(empty.pool)).toEqual(all.map((m) => m.name));
      expect(await tableExists(empty.pool, 'audit_events')).toBe(true);

      expect(await migrate(empty.pool)).toEqual([]);
      expect(await appliedNames(empty.pool)).toEqual(all.map((m) => m.name));
    } finally {
      await empty.drop();
    }
  });

  it('finds the template database already up to date', async () => {
    expect(await migrate(owner)).toEqual([]);
  });

  it('applies new migrations in order, then nothing when run again', async () => {
    const extra: Migration[] = [
      { name: '9001-first', sql: 'CREATE TABLE m_first (id int PRIMARY KEY)' },
      {
        name: '9002-second',
        sql: 'ALTER TABLE m_first ADD COLUMN note text; INSERT INTO m_first VALUES (1, $$x$$);',
      },
    ];
    expect(await migrate(owner, [...listMigrations(), ...extra])).toEqual(['9001-first', '9002-second']);
    expect((await owner.query('SELECT id, note FROM m_first')).rows).toEqual([{ id: 1, note: 'x' }]);
    expect(await migrate(owner, [...listMigrations(), ...extra])).toEqual([]);
    expect((await owner.query('SELECT count(*)::int AS n FROM m_first')).rows).toEqual([{ n: 1 }]);
  });

  it('rolls a failing migration back whole, names it with the database error, and keeps the earlier ones of the run', async () => {
    const migrations: Migration[] = [
      { name: '9101-good', sql: 'CREATE TABLE m_good (id int)' },
      {
        name: '9102-broken',
        sql: `CREATE TABLE m_half_done (id int);
              INSERT INTO m_half_done VALUES (1);
              INSERT INTO m_no_such_table VALUES (1);`,
      },
      { name: '9103-after', sql: 'CREATE TABLE m_after (id int)' },
    ];

    const error = await migrate(owner, migrations).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(MigrationError);
    expect(error).toMatchObject({
      migration: '9102-broken',
      message: 'Migration 9102-broken failed: relation "m_no_such_table" does not exist',
      cause: expect.objectContaining({ code: '42P01' }),
    });

    // Nothing of the broken one, not even what its first statements did.
    expect(await tableExists(owner, 'm_half_done')).toBe(false);
    // The one before it in the same run stays applied; the one after it never ran.
    expect(await tableExists(owner, 'm_good')).toBe(true);
    expect(await tableExists(owner, 'm_after')).toBe(false);
    const names = await appliedNames(owner);
    expect(names).toContain('9101-good');
    expect(names).not.toContain('9102-broken');
    expect(names).not.toContain('9103-after');

    // The connection went back to the pool in a usable state and the lock was released.
    const fixed: Migration[] = [
      migrations[0]!,
      { name: '9102-broken', sql: 'CREATE TABLE m_half_done (id int)' },
      migrations[2]!,
    ];
    expect(await migrate(owner, fixed)).toEqual(['9102-broken', '9103-after']);
  });

  it('rolls back a migration that fails at its last statement, with a syntax error', async () => {
    const migrations: Migration[] = [
      { name: '9201-typo', sql: 'CREATE TABLE m_typo (id int); CREATE INDEX ON m_typo (id); SELEC 1;' },
    ];
    await expect(migrate(owner, migrations)).rejects.toThrow(
      /^Migration 9201-typo failed: syntax error at or near "SELEC"$/,
    );
    expect(await tableExists(owner, 'm_typo')).toBe(false);
    expect(await appliedNames(owner)).not.toContain('9201-typo');
  });

  it('applies each migration once when several app instances start at the same moment', async () => {
    const empty = await emptyDatabase();
    const others = [quietPool(empty.url), quietPool(empty.url)];
    try {
      const runs = await Promise.all([migrate(empty.pool), migrate(others[0]!), migrate(others[1]!)]);
      const all = listMigrations().map((m) => m.name);
      expect(runs.flat().sort()).toEqual([...all].sort());
      expect(await appliedNames(empty.pool)).toEqual(all);
    } finally {
      for (const p of others) await p.end();
      await empty.drop();
    }
  });
});
