import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/database.ts';
import { loadConfig } from '../config.ts';
import { inOneTransaction, openDatabase } from './database.ts';

describe("the app's database role", () => {
  let t: TestDatabase;
  let app: pg.Client;
  beforeAll(async () => {
    t = await createTestDatabase();
    app = new pg.Client({ connectionString: t.url });
    await app.connect();
  });
  afterAll(async () => {
    await app.end();
    await t.drop();
  });

  const refused = async (statement: string) => {
    await app.query('BEGIN');
    try {
      await expect(app.query(statement)).rejects.toThrow(/permission denied|must be owner/);
    } finally {
      await app.query('ROLLBACK');
    }
  };

  it('may read and append to the audit log', async () => {
    await app.query('BEGIN');
    await app.query("INSERT INTO audit_events (at, action, prev_hash, hash) VALUES (now(), 'x', 'a', 'b')");
    const { rows } = await app.query('SELECT count(*)::int AS n FROM audit_events');
    expect(rows[0].n).toBe(1);
    await app.query('ROLLBACK');
  });

  it('cannot change, delete or empty the audit log', async () => {
    await refused("UPDATE audit_events SET action = 'y'");
    await refused('DELETE FROM audit_events');
    await refused('TRUNCATE audit_events');
  });

  it('cannot grant itself the rights back, switch the triggers off or drop the table', async () => {
    // A GRANT by a role without the grant option only warns "no privileges were granted".
    await app.query('GRANT UPDATE, DELETE ON audit_events TO CURRENT_USER');
    await refused("UPDATE audit_events SET action = 'y'");
    await refused('ALTER TABLE audit_events DISABLE TRIGGER USER');
    await refused('DROP TABLE audit_events');
  });

  it('cannot change the schema or the record of migrations', async () => {
    await refused('CREATE TABLE sneaky (id int)');
    await refused('ALTER TABLE users ADD COLUMN sneaky int');
    await refused("INSERT INTO schema_migrations (name) VALUES ('9999-fake')");
  });

  it('reads and writes ordinary rows', async () => {
    await app.query('BEGIN');
    await app.query("INSERT INTO organisations (name, kind) VALUES ('Testkommun', 'municipality')");
    await app.query("UPDATE organisations SET name = 'Testkommunen'");
    await app.query('DELETE FROM organisations');
    await app.query('ROLLBACK');
  });
});

describe('the embedded database', () => {
  it('runs the app as an ordinary role that owns nothing, and migrations as the owner', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trygg-roles-'));
    fs.chmodSync(dir, 0o755);
    const handle = await openDatabase(loadConfig({ TRYGG_DATA_DIR: dir }), pino({ level: 'silent' }));
    try {
      expect(await handle.migrate()).toContain('0001-foundation');
      expect(new URL(handle.url).username).toBe('trygg');
      expect(new URL(handle.migrationUrl).username).toBe('trygg_owner');
      const { rows } = await handle.pool.query(
        `SELECT r.rolsuper, r.rolcreaterole, r.rolcreatedb,
           (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid AND c.relnamespace = 'public'::regnamespace) AS owned
         FROM pg_roles r WHERE r.rolname = current_user`,
      );
      expect(rows[0]).toEqual({ rolsuper: false, rolcreaterole: false, rolcreatedb: false, owned: 0 });
      await expect(handle.pool.query("UPDATE audit_events SET action = 'x'")).rejects.toThrow(
        /permission denied/,
      );
      // A second migration run applies nothing and keeps the grants.
      expect(await handle.migrate()).toEqual([]);
      await handle.pool.query('SELECT count(*) FROM users');
    } finally {
      await handle.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('inOneTransaction', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });
  const names = async () =>
    (await t.db.selectFrom('organisations').select('name').orderBy('name').execute()).map((r) => r.name);
  const insert = (db: typeof t.db, name: string) =>
    db
      .transaction()
      .execute((trx) =>
        trx.insertInto('organisations').values({ name, kind: 'municipality', parent_id: null }).execute(),
      );

  it('commits the inner transactions together at the end', async () => {
    await inOneTransaction(t.db, async (db) => {
      await insert(db, 'Ett');
      await insert(db, 'Två');
      // Not visible outside before the outer commit.
      expect(await names()).toEqual([]);
    });
    expect(await names()).toEqual(['Ett', 'Två']);
    await t.db.deleteFrom('organisations').execute();
  });

  it('leaves nothing behind when a later step fails, though earlier steps committed their own transactions', async () => {
    await expect(
      inOneTransaction(t.db, async (db) => {
        await insert(db, 'Tre');
        throw new Error('step four failed');
      }),
    ).rejects.toThrow('step four failed');
    expect(await names()).toEqual([]);
  });

  it('rolls back only the inner transaction that failed when its error is handled', async () => {
    await inOneTransaction(t.db, async (db) => {
      await insert(db, 'Fyra');
      await db
        .transaction()
        .execute(async (trx) => {
          await trx
            .insertInto('organisations')
            .values({ name: 'Fem', kind: 'municipality', parent_id: null })
            .execute();
          throw new Error('inner');
        })
        .catch(() => undefined);
      await insert(db, 'Sex');
    });
    expect(await names()).toEqual(['Fyra', 'Sex']);
  });
});
