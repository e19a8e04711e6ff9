import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditMark, auditSince } from '../../../../tests/support/audit.ts';
import { createOrganisation, useTestApp } from '../../../../tests/support/test-app.ts';
import { SYSTEM } from '../../platform/actor.ts';
import { commitAreaImport } from '../areas/import/import.usecases.ts';
import { TEST_AREAS } from './facilities.fixtures.ts';
import { importFacilities } from './facilities-import.usecases.ts';

const t = useTestApp();
const db = () => t.current.database.db;
let committeeA: string;

beforeAll(async () => {
  await commitAreaImport({ deps: t.current.deps, caller: SYSTEM, input: TEST_AREAS });
  committeeA = await createOrganisation(t.current, 'Norrdals stadsdelsnämnd', 'committee');
  await db()
    .updateTable('organisations')
    .set({ code: 'SDN-N' } as never)
    .where('id', '=', committeeA)
    .execute();
  const unit = await createOrganisation(t.current, 'Förskoleenheten', 'company', committeeA);
  await db()
    .updateTable('organisations')
    .set({ kind: 'unit' as never })
    .where('id', '=', unit)
    .execute();
});

const run = (csv: string, dryRun = false) => importFacilities({ deps: t.current.deps, csv, dryRun });

async function facilities(codePrefix: string) {
  return db()
    .selectFrom('facilities')
    .selectAll()
    .where('code', 'like', `${codePrefix}%`)
    .orderBy('code')
    .execute();
}

const GOOD = [
  'code,name,type,organisation,unit,street_address,postal_code,city,lat,lon',
  'IMP-1,Förskolan Ekorren,preschool,SDN-N,Förskoleenheten,Ekvägen 1,123 45,Stockholm,59.37,18.02',
  'IMP-2,Parkleken Myran,Parklek,Norrdals stadsdelsnämnd,,,,,59.32,18.02',
  'IMP-3,Kontoret,office,sdn-n,,Stora torget 1,,,,',
].join('\n');

describe('importing facilities from CSV', () => {
  it('creates every row, finds types and organisations by code or name, derives areas, and audits each', async () => {
    const mark = await auditMark(db());
    const result = await run(GOOD);
    expect(result).toEqual({
      rows: 3,
      created: 3,
      updated: 0,
      unchanged: 0,
      outsideAreas: 0,
      dryRun: false,
      errors: [],
    });
    const rows = await facilities('IMP-');
    expect(rows.map((r) => [r.code, r.type_code, r.organisation_id, r.city])).toEqual([
      ['IMP-1', 'preschool', committeeA, 'Stockholm'],
      ['IMP-2', 'playground', committeeA, null],
      ['IMP-3', 'office', committeeA, null],
    ]);
    expect(rows[0]!.unit_id).not.toBeNull();
    const areaName = async (id: string | null) =>
      id
        ? (await sql<{ name: string }>`SELECT name FROM areas WHERE id = ${id}`.execute(db())).rows[0]?.name
        : null;
    expect(await areaName(rows[0]!.area_id)).toBe('Norrdal');
    expect(await areaName(rows[1]!.area_id)).toBe('Söderdal');
    expect(rows[2]!.area_id).toBeNull();
    const entries = await auditSince(db(), mark);
    expect(entries.map((e) => [e.action, e.actor_id])).toEqual([
      ['facility.created', null],
      ['facility.created', null],
      ['facility.created', null],
    ]);
  });

  it('changes nothing when the same file is imported again, and updates only what changed', async () => {
    const mark = await auditMark(db());
    expect(await run(GOOD)).toMatchObject({ created: 0, updated: 0, unchanged: 3, errors: [] });
    expect(await auditSince(db(), mark)).toEqual([]);

    const changed = GOOD.replace('Parkleken Myran', 'Parkleken Myrstacken');
    expect(await run(changed)).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    expect((await auditSince(db(), mark)).map((e) => [e.action, e.fields])).toEqual([
      ['facility.updated', ['name']],
    ]);
    expect((await facilities('IMP-2'))[0]!.name).toBe('Parkleken Myrstacken');
  });

  it('reads semicolons and decimal commas, as Swedish spreadsheets write them', async () => {
    const csv = 'code;name;type;organisation;lat;lon\nSEMI-1;Skolan;Skola;SDN-N;59,37;18,02\n';
    expect(await run(csv)).toMatchObject({ created: 1, errors: [] });
    expect((await facilities('SEMI-1'))[0]).toMatchObject({ lat: 59.37, lon: 18.02, type_code: 'school' });
  });

  it('reports every problem with its line and column, and writes nothing', async () => {
    const csv = [
      'code,name,type,organisation,unit,lat,lon',
      'BAD-1,Bra rad,school,SDN-N,,59.37,18.02',
      'BAD-2,Okänd typ,castle,SDN-N,,,',
      'BAD-3,Okänd ägare,school,Ingen sådan nämnd,,,',
      'BAD-4,Halv position,school,SDN-N,,59.3,',
      'BAD-5,Fel tal,school,SDN-N,,norr,18',
      'BAD-1,Samma kod,school,SDN-N,,,',
      ',Ingen kod,school,SDN-N,,,',
      'BAD-8,Okänd enhet,school,SDN-N,Ingen enhet,,',
    ].join('\n');
    const mark = await auditMark(db());
    const result = await run(csv);
    expect(result.errors).toEqual([
      { line: 3, column: 'type', message: expect.stringContaining('Unknown type "castle"') },
      { line: 4, column: 'organisation', message: 'No organisation "Ingen sådan nämnd"' },
      { line: 5, column: 'lon', message: 'Give both lat and lon, or neither' },
      { line: 6, column: 'lat', message: expect.stringContaining('Not a number') },
      { line: 7, column: 'code', message: 'The code is also on line 2' },
      { line: 8, column: 'code', message: 'The code is required' },
      { line: 9, column: 'unit', message: expect.stringContaining('No organisation "Ingen enhet"') },
    ]);
    expect(result.created).toBe(0);
    expect(await facilities('BAD-')).toEqual([]);
    expect(await auditSince(db(), mark)).toEqual([]);
  });

  it('refuses a file with a missing or unknown column, or broken quoting, naming the line', async () => {
    expect((await run('code,name,type\nX,Y,school\n')).errors).toEqual([
      { line: 1, column: 'organisation', message: 'the required column "organisation" is missing' },
    ]);
    expect((await run('code,name,type,organisation,colour\nX,Y,school,SDN-N,red\n')).errors).toEqual([
      { line: 1, column: 'colour', message: 'unknown column "colour"' },
    ]);
    expect((await run('code,name,type,organisation\nX,"Y,school,SDN-N\n')).errors).toEqual([
      { line: 2, message: 'a quoted value is never closed' },
    ]);
  });

  it('counts in a dry run and writes nothing', async () => {
    const csv = 'code,name,type,organisation\nDRY-1,Torrsim,other,SDN-N\n';
    expect(await run(csv, true)).toMatchObject({ created: 1, dryRun: true, errors: [] });
    expect(await facilities('DRY-')).toEqual([]);
  });
});

describe('trygg import facilities', () => {
  const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
  const trygg = (...args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
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

  it('imports a file, is idempotent, and reports row errors as FILE:LINE with exit code 1', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trygg-facilities-'));
    const good = path.join(dir, 'anlaggningar.csv');
    const bad = path.join(dir, 'fel.csv');
    fs.writeFileSync(
      good,
      'code,name,type,organisation,lat,lon\nCLI-1,Biblioteket,library,SDN-N,59.37,18.02\n',
    );
    fs.writeFileSync(bad, 'code,name,type,organisation\nCLI-2,Slottet,castle,SDN-N\n');
    try {
      const first = await trygg('import', 'facilities', good);
      expect(first, first.stderr).toMatchObject({ code: 0 });
      expect(first.stdout).toContain('1 rows: 1 created, 0 updated, 0 unchanged.');
      expect((await trygg('import', 'facilities', good)).stdout).toContain('1 unchanged');
      const failed = await trygg('import', 'facilities', bad);
      expect(failed.code).toBe(1);
      expect(failed.stderr).toContain('fel.csv:2: type: Unknown type "castle"');
      expect(failed.stderr).toContain('nothing was imported');
      expect(await facilities('CLI-2')).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
