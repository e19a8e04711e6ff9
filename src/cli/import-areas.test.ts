import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../tests/support/database.ts';
import { bootstrap } from '../server/bootstrap.ts';
import { loadConfig } from '../server/config.ts';

// Each test starts `trygg` processes (each compiles the TypeScript sources through tsx).
vi.setConfig({ testTimeout: 90_000, hookTimeout: 90_000 });

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DATA = path.resolve(ROOT, '../shared/data/stockholm');
const GEOJSON = path.join(DATA, 'stadsdelar.geo.json');
const CSV = path.join(DATA, 'stadsdelar.csv');

let database: TestDatabase;
let tmp: string;

function trygg(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['bin/trygg.mjs', ...args],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', DATABASE_URL: database.url },
        timeout: 60_000,
        maxBuffer: 10 * 1024 * 1024,
      },
      (_err, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
}

async function count(level: string): Promise<number> {
  const row = await sql<{ n: number }>`SELECT count(*)::int AS n FROM areas WHERE level = ${level}`.execute(
    database.db,
  );
  return row.rows[0]!.n;
}

beforeAll(async () => {
  for (const file of [GEOJSON, CSV]) {
    if (!fs.existsSync(file))
      throw new Error(`The Stockholm test data is missing: ${file} (shared/data/stockholm)`);
  }
  database = await createTestDatabase();
  await bootstrap(
    database.db,
    loadConfig({ TRYGG_ADMIN_PASSWORD: 'bootstrap-admin-1', LOG_LEVEL: 'silent' }),
  );
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'trygg-import-areas-'));
});

afterAll(async () => {
  await database?.drop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const base = [
  'import',
  'areas',
  GEOJSON,
  '--level',
  'neighbourhood',
  '--name-property',
  'name',
  '--parent-csv',
  CSV,
];

describe('trygg import areas', () => {
  it('prints the preview and imports nothing with --dry-run', async () => {
    const result = await trygg(...base, '--dry-run');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('stadsdelar.geo.json: 117 features → level neighbourhood');
    expect(result.stdout).toContain('parents from stadsdelar.csv → level district_area: 13 (13 new)');
    expect(result.stdout).toMatch(/RINKEBY\s+Rinkeby-Kista\s+create/);
    expect(result.stdout).toContain('Dry run: nothing was imported.');
    expect(await count('neighbourhood')).toBe(0);
  });

  it('imports the real files, then finds nothing to change the second time', async () => {
    const first = await trygg(...base);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('Imported: 117 created, 0 changed, 0 unchanged; 13 parents created');
    expect(await count('neighbourhood')).toBe(117);
    expect(await count('district_area')).toBe(13);
    const second = await trygg(...base);
    expect(second.stdout).toContain('Imported: 0 created, 0 changed, 117 unchanged; 0 parents created');
    expect(await count('neighbourhood')).toBe(117);
  });

  it('prints every problem of an invalid file, imports nothing and exits 1', async () => {
    const bad = path.join(tmp, 'fel.geojson');
    const ring = [
      [18, 59.5],
      [18.1, 59.6],
      [18.1, 59.5],
      [18, 59.6],
      [18, 59.5],
    ];
    fs.writeFileSync(
      bad,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { name: 'Kryss' },
            geometry: { type: 'Polygon', coordinates: [ring] },
          },
          { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [18, 59] } },
        ],
      }),
    );
    const before = await count('neighbourhood');
    const result = await trygg('import', 'areas', bad, '--level', 'neighbourhood', '--name-property', 'name');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('self_intersection');
    expect(result.stdout).toContain('missing_name');
    expect(result.stdout).toContain('wrong_geometry_type');
    expect(result.stderr).toContain('3 errors: nothing was imported.');
    expect(await count('neighbourhood')).toBe(before);
  });

  it('refuses bad options as a usage error (exit 2)', async () => {
    const noLevel = await trygg('import', 'areas', GEOJSON, '--name-property', 'name');
    expect(noLevel.code).toBe(2);
    expect(noLevel.stderr).toContain('--level');
    const unknown = await trygg('import', 'streets', GEOJSON);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown import: streets');
  });
});
