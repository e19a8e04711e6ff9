import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/database.ts';
import { createDb } from '../db/database.ts';
import { GENESIS_HASH, hashEntry, recordAudit, verifyAuditChain } from './audit.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.drop();
});

async function countEntries(db = database.db): Promise<number> {
  const row = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function writeEntries(db: TestDatabase['db'], n: number, action = 'test.written'): Promise<void> {
  for (let i = 0; i < n; i++) {
    await db
      .transaction()
      .execute((trx) => recordAudit(trx, { action, targetType: 'test', targetId: String(i) }));
  }
}

/** Runs `fn` with a superuser client whose triggers are off: what an attacker with database access could do. */
async function tamper(target: TestDatabase, fn: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = await target.superuser();
  try {
    await client.query('SET session_replication_role = replica');
    await fn(client);
  } finally {
    await client.end();
  }
}

/** Each tampering test breaks the chain for good, so it gets a database of its own. */
async function withOwnDatabase(fn: (target: TestDatabase) => Promise<void>): Promise<void> {
  const target = await createTestDatabase();
  try {
    await fn(target);
  } finally {
    await target.drop();
  }
}

describe('the audit chain', () => {
  it('links entries written in transactions into a chain that verifies, starting from the genesis hash', async () => {
    const before = await countEntries();
    await writeEntries(database.db, 5);
    await database.db.transaction().execute(async (trx) => {
      await recordAudit(trx, { action: 'test.first_of_two' });
      await recordAudit(trx, {
        action: 'test.second_of_two',
        fields: ['name', 'email'],
        ip: '10.0.0.1',
        requestId: 'req-12345678',
      });
    });

    const rows = await database.db.selectFrom('audit_events').selectAll().orderBy('id').execute();
    expect(rows).toHaveLength(before + 7);
    expect(rows[0]?.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.prev_hash).toBe(rows[i - 1]?.hash);
    expect(rows.at(-1)).toMatchObject({
      action: 'test.second_of_two',
      fields: ['name', 'email'],
      ip: '10.0.0.1',
    });

    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, checked: before + 7 });
  });

  it('verifies across batch boundaries with the same count', async () => {
    const total = await countEntries();
    expect(total).toBeGreaterThan(3);
    expect(await verifyAuditChain(database.db, 2)).toEqual({ ok: true, checked: total });
  });

  it('leaves no entry behind when the transaction is rolled back', async () => {
    const before = await countEntries();
    await expect(
      database.db.transaction().execute(async (trx) => {
        await recordAudit(trx, { action: 'test.rolled_back' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');

    expect(await countEntries()).toBe(before);
    const leftover = await database.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'test.rolled_back')
      .execute();
    expect(leftover).toEqual([]);
    // The chain continues cleanly after the gap in ids the rollback left.
    await writeEntries(database.db, 1, 'test.after_rollback');
    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, checked: before + 1 });
  });

  it('never forks the chain when 20 transactions write at once', async () => {
    const writers = 20;
    const { db } = createDb(database.url, writers);
    try {
      const before = await countEntries();
      // Every transaction is open on its own connection before any of them writes, so they really race.
      let opened = 0;
      let allOpen!: () => void;
      const barrier = new Promise<void>((resolve) => {
        allOpen = resolve;
      });
      await Promise.all(
        Array.from({ length: writers }, (_, i) =>
          db.transaction().execute(async (trx) => {
            await trx.selectFrom('audit_events').select('id').limit(1).execute();
            if (++opened === writers) allOpen();
            await barrier;
            await recordAudit(trx, { action: 'test.concurrent', targetId: String(i) });
            await recordAudit(trx, { action: 'test.concurrent.second', targetId: String(i) });
          }),
        ),
      );

      const rows = await db.selectFrom('audit_events').select(['prev_hash', 'hash']).execute();
      expect(rows).toHaveLength(before + 2 * writers);
      const prevHashes = rows.map((r) => r.prev_hash);
      expect(new Set(prevHashes).size).toBe(prevHashes.length);
      expect(await verifyAuditChain(db)).toEqual({ ok: true, checked: before + 2 * writers });
    } finally {
      await db.destroy();
    }
  });
});

describe('the audit log is append-only', () => {
  for (const statement of [
    "UPDATE audit_events SET action = 'forged'",
    'DELETE FROM audit_events',
    'TRUNCATE audit_events',
  ]) {
    it(`refuses the application role: ${statement.split(' ')[0]}`, async () => {
      const before = await countEntries();
      expect(before).toBeGreaterThan(0);
      await expect(database.pool.query(statement)).rejects.toMatchObject({
        code: '42501',
        message: expect.stringContaining('permission denied for table audit_events'),
      });
      expect(await countEntries()).toBe(before);
    });
  }

  for (const statement of [
    "UPDATE audit_events SET action = 'forged'",
    'DELETE FROM audit_events',
    'TRUNCATE audit_events',
  ]) {
    it(`refuses even the superuser through the trigger: ${statement.split(' ')[0]}`, async () => {
      const before = await countEntries();
      const client = await database.superuser();
      try {
        await expect(client.query(statement)).rejects.toMatchObject({
          code: '42501',
          message: expect.stringMatching(/audit_events is append-only \((UPDATE|DELETE|TRUNCATE) refused\)/),
        });
      } finally {
        await client.end();
      }
      expect(await countEntries()).toBe(before);
      expect((await verifyAuditChain(database.db)).ok).toBe(true);
    });
  }
});

describe('tampering is detected', () => {
  it('names exactly the entry whose content was altered in SQL, with reason hash', async () => {
    await withOwnDatabase(async (target) => {
      await writeEntries(target.db, 6);
      const ids = (await target.db.selectFrom('audit_events').select('id').orderBy('id').execute()).map((r) =>
        String(r.id),
      );
      const victim = ids[3]!;
      await tamper(target, (c) =>
        c.query("UPDATE audit_events SET action = 'user.nothing_to_see' WHERE id = $1", [victim]),
      );

      const changed = await target.db
        .selectFrom('audit_events')
        .select('action')
        .where('id', '=', victim)
        .executeTakeFirstOrThrow();
      expect(changed.action).toBe('user.nothing_to_see');
      expect(await verifyAuditChain(target.db)).toEqual({
        ok: false,
        checked: 3,
        firstBroken: { id: victim, reason: 'hash' },
      });
    });
  });

  it('detects an altered row even when the triggers were disabled on the table instead', async () => {
    await withOwnDatabase(async (target) => {
      await writeEntries(target.db, 4);
      const ids = (await target.db.selectFrom('audit_events').select('id').orderBy('id').execute()).map((r) =>
        String(r.id),
      );
      const victim = ids[0]!;
      const client = await target.superuser();
      try {
        await client.query('ALTER TABLE audit_events DISABLE TRIGGER USER');
        await client.query('UPDATE audit_events SET fields = $1 WHERE id = $2', [['nothing'], victim]);
        await client.query('ALTER TABLE audit_events ENABLE TRIGGER USER');
      } finally {
        await client.end();
      }
      expect(await verifyAuditChain(target.db)).toEqual({
        ok: false,
        checked: 0,
        firstBroken: { id: victim, reason: 'hash' },
      });
    });
  });

  it('detects a row whose hash was recomputed to match its altered content, at the next entry, with reason link', async () => {
    await withOwnDatabase(async (target) => {
      await writeEntries(target.db, 5);
      const ids = (await target.db.selectFrom('audit_events').select('id').orderBy('id').execute()).map((r) =>
        String(r.id),
      );
      // Forging one entry convincingly means recomputing its hash; the next entry still points at the old one.
      const row = await target.db
        .selectFrom('audit_events')
        .selectAll()
        .where('id', '=', ids[2]!)
        .executeTakeFirstOrThrow();
      const forged = { ...row, action: 'forged.action' };
      await tamper(target, (c) =>
        c.query('UPDATE audit_events SET action = $1, hash = $2 WHERE id = $3', [
          forged.action,
          hashEntry(forged),
          ids[2],
        ]),
      );
      expect(await verifyAuditChain(target.db)).toEqual({
        ok: false,
        checked: 3,
        firstBroken: { id: ids[3], reason: 'link' },
      });
    });
  });

  it('detects a deleted middle row at the entry after it, with reason link', async () => {
    await withOwnDatabase(async (target) => {
      await writeEntries(target.db, 5);
      const ids = (await target.db.selectFrom('audit_events').select('id').orderBy('id').execute()).map((r) =>
        String(r.id),
      );
      await tamper(target, (c) => c.query('DELETE FROM audit_events WHERE id = $1', [ids[2]]));

      expect(await verifyAuditChain(target.db)).toEqual({
        ok: false,
        checked: 2,
        firstBroken: { id: ids[3], reason: 'link' },
      });
    });
  });

  it('detects a deleted first row at the new first entry, which no longer links to the genesis hash', async () => {
    await withOwnDatabase(async (target) => {
      await writeEntries(target.db, 3);
      const ids = (await target.db.selectFrom('audit_events').select('id').orderBy('id').execute()).map((r) =>
        String(r.id),
      );
      await tamper(target, (c) => c.query('DELETE FROM audit_events WHERE id = $1', [ids[0]]));

      expect(await verifyAuditChain(target.db)).toEqual({
        ok: false,
        checked: 0,
        firstBroken: { id: ids[1], reason: 'link' },
      });
    });
  });
});
