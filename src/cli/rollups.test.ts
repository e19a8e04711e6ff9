import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../tests/support/database.ts';
import { seedIncident } from '../../tests/support/incidents.ts';
import { bootstrap } from '../server/bootstrap.ts';
import { loadConfig } from '../server/config.ts';

// Each test starts a `trygg` process (it compiles the TypeScript sources through tsx).
vi.setConfig({ testTimeout: 90_000, hookTimeout: 90_000 });

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function trygg(
  args: string[],
  databaseUrl: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['bin/trygg.mjs', ...args],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl },
        timeout: 60_000,
      },
      (_err, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
}

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await bootstrap(
    database.db,
    loadConfig({
      LOG_LEVEL: 'silent',
      TRYGG_ADMIN_EMAIL: 'admin@test.local',
      TRYGG_ADMIN_PASSWORD: 'x'.repeat(16),
    }),
  );
});

afterAll(async () => {
  await database?.drop();
});

const snapshot = async () => {
  const r = await sql<{ line: string }>`
    SELECT concat_ws('|', day, organisation_id, area_id, type_id, gender, source, count) AS line
    FROM incident_rollups ORDER BY 1`.execute(database.db);
  const c = await sql<{ line: string }>`
    SELECT concat_ws('|', scope_id, month, source, grain, category, weekday, hour, gender, count) AS line
    FROM picture_cells ORDER BY 1`.execute(database.db);
  return { rollups: r.rows.map((x) => x.line), cells: c.rows.map((x) => x.line) };
};

describe('trygg rollups rebuild', () => {
  it('rebuilds both tables from the incidents, prints what it wrote, and exits 0', async () => {
    const root = await database.db
      .selectFrom('organisations')
      .select('id')
      .where('parent_id', 'is', null)
      .executeTakeFirstOrThrow();
    for (const [typeCode, occurredAt, affectedGender] of [
      ['theft', '2025-03-30T01:30:00Z', 'woman'],
      ['theft', '2025-03-30T01:45:00Z', 'woman'],
      ['vandalism', '2025-10-26T00:30:00Z', null],
    ] as const)
      await seedIncident(database.db, {
        organisationId: root.id,
        typeCode,
        occurredAt: new Date(occurredAt),
        affectedGender,
      });
    const kept = await snapshot();
    expect(kept.rollups).toHaveLength(2);
    // The rollups drift (written by hand, behind the hooks' back): a rebuild puts them right.
    await sql`UPDATE incident_rollups SET count = count + 5`.execute(database.db);
    await sql`DELETE FROM picture_cells WHERE grain = 'hour'`.execute(database.db);
    expect(await snapshot()).not.toEqual(kept);

    const result = await trygg(['rollups', 'rebuild'], database.url);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /Rollups rebuilt in \d+\.\d s: 2 incident rollup rows and \d+ picture cells/,
    );
    const cells = Number(/and (\d+) picture cells/.exec(result.stdout)![1]);
    expect(cells).toBe(kept.cells.length);
    expect(await snapshot()).toEqual(kept);
  });

  it('refuses an unknown subcommand with a usage error', async () => {
    const result = await trygg(['rollups', 'rebuilt'], database.url);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown rollups command: rebuilt');
  });
});
