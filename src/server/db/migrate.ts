import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export class MigrationError extends Error {
  constructor(
    public readonly migration: string,
    public override readonly cause: unknown,
  ) {
    super(`Migration ${migration} failed: ${(cause as Error)?.message ?? String(cause)}`);
  }
}

export interface Migration {
  name: string;
  sql: string;
}

/** Numbered SQL files, in order: `0001-foundation.sql`, `0002-…`. */
export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}-[a-z0-9-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ name: f.replace(/\.sql$/, ''), sql: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

/**
 * Applies the migrations not yet applied, each in its own transaction together with its row in
 * `schema_migrations`, under an advisory lock so several app instances can start at once.
 * A failing migration is rolled back whole and stops the run.
 */
export async function migrate(pool: pg.Pool, migrations = listMigrations()): Promise<string[]> {
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', ['trygg.migrations']);
    const exists = await client.query<{ t: string | null }>("SELECT to_regclass('schema_migrations') AS t");
    if (!exists.rows[0]?.t) {
      await client.query(
        'CREATE TABLE schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
      );
    }
    const { rows } = await client.query<{ name: string }>('SELECT name FROM schema_migrations');
    const done = new Set(rows.map((r) => r.name));
    for (const migration of migrations) {
      if (done.has(migration.name)) continue;
      try {
        await client.query('BEGIN');
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [migration.name]);
        await client.query('COMMIT');
        applied.push(migration.name);
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw new MigrationError(migration.name, err);
      }
    }
    return applied;
  } finally {
    await client
      .query('SELECT pg_advisory_unlock(hashtext($1))', ['trygg.migrations'])
      .catch(() => undefined);
    client.release();
  }
}
