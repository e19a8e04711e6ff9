import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { useTestApp } from '../../tests/support/test-app.ts';
import { commitAreaImport } from '../server/modules/areas/import/import.usecases.ts';
import { TEST_AREAS } from '../server/modules/facilities/facilities.fixtures.ts';
import { SYSTEM } from '../server/platform/actor.ts';
import { progressBar } from './import-statistics.ts';

// Each test starts a `trygg` process (which compiles the TypeScript sources through tsx).
vi.setConfig({ testTimeout: 90_000, hookTimeout: 90_000 });

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const t = useTestApp();
let dir: string;

beforeAll(async () => {
  await commitAreaImport({ deps: t.current.deps, caller: SYSTEM, input: TEST_AREAS });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trygg-statistics-'));
});

function trygg(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['bin/trygg.mjs', ...args],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', DATABASE_URL: t.current.database.url },
        timeout: 60_000,
      },
      (_err, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
}

function file(name: string, text: string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
}

const populationRows = async () =>
  (await sql<{ n: number }>`SELECT count(*)::int AS n FROM population`.execute(t.current.database.db))
    .rows[0]!.n;

describe('trygg import population|survey|reported-crime', () => {
  it('prints every bad row as FILE:LINE: column: message, exits 1 and writes nothing', async () => {
    const p = file(
      'bad.csv',
      'year;area;gender;age_band;count\n2024;Norrdal;woman;0-15;10\n2024;Ingenstans;man;0-15;9\n2024;Söderdal;kvinna;0-15;x\n',
    );
    const result = await trygg('import', 'population', p);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('bad.csv:3: area: No area "Ingenstans" in the municipality');
    expect(result.stderr).toContain('bad.csv:4: count: Write a whole number, 0 or more');
    expect(result.stderr).toContain('2 errors: nothing was imported.');
    expect(result.stdout).toBe('');
    expect(await populationRows()).toBe(0);
  });

  it('imports, then reports a re-import as unchanged; a dry run writes nothing', async () => {
    const p = file(
      'population.csv',
      '\ufeffyear;area;gender;age_band;count\n2024;NORRDAL;kvinna;0-15;10\n2024;Söderdal;man;80+;9\n',
    );
    const dry = await trygg('import', 'population', p, '--dry-run');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout.trim()).toBe(
      'Dry run (nothing written): 2 rows would give 2 created, 0 updated, 0 unchanged. Covers 2024-01-01 to 2024-12-31.',
    );
    expect(await populationRows()).toBe(0);
    const first = await trygg('import', 'population', p);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout.trim()).toBe(
      '2 rows: 2 created, 0 updated, 0 unchanged. Covers 2024-01-01 to 2024-12-31.',
    );
    // Not a terminal: no progress bar.
    expect(first.stderr).toBe('');
    const again = await trygg('import', 'population', p);
    expect(again.stdout.trim()).toBe(
      '2 rows: 0 created, 0 updated, 2 unchanged. Covers 2024-01-01 to 2024-12-31.',
    );
    expect(await populationRows()).toBe(2);
    const imports = await sql<{ origin: string; file_name: string }>`
      SELECT origin, file_name FROM statistics_imports WHERE kind = 'population'`.execute(
      t.current.database.db,
    );
    expect(imports.rows).toEqual([
      { origin: 'cli', file_name: 'population.csv' },
      { origin: 'cli', file_name: 'population.csv' },
    ]);
  });

  it('imports reported crime by period', async () => {
    const p = file(
      'crime.csv',
      'period,area,crime_type,count\n2024-Q1,Norrdal,Stöld,12\n2024-05,Söderdal,Rån,1\n',
    );
    const result = await trygg('import', 'reported-crime', p);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe(
      '2 rows: 2 created, 0 updated, 0 unchanged. Covers 2024-01-01 to 2024-05-31.',
    );
  });

  it('refuses a missing file or a second file as usage errors', async () => {
    const missing = await trygg('import', 'survey', path.join(dir, 'nope.csv'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Cannot read');
    const two = await trygg('import', 'survey', 'a.csv', 'b.csv');
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('import survey needs exactly one CSV file');
  });
});

describe('the progress bar', () => {
  it('fills with the share done', () => {
    expect(progressBar('writing', 5, 10, 10)).toBe('writing    [#####-----]  50%  5/10');
    expect(progressBar('validating', 0, 0, 4)).toBe('validating [####] 100%  0/0');
  });
});
