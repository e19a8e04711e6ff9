import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditMark, auditSince } from '../../../../tests/support/audit.ts';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  type Client,
  createOrganisation,
  createUser,
  signIn,
  useTestApp,
} from '../../../../tests/support/test-app.ts';
import type { ImportOrganisationsResponse, ImportRowError } from '../../../domain/api/organisations.ts';
import { insertOrganisation } from './organisations.fixtures.ts';
import { structureDb } from './organisations.tables.ts';

const t = useTestApp();

let committeeA: string;
let adminA: Client;
let cityAdmin: Client;
const db = () => structureDb(t.current.database.db);

beforeAll(async () => {
  t.current.clock.current = new Date('2026-03-02T08:00:00Z');
  committeeA = await createOrganisation(t.current, 'Nämnd A', 'committee');
  await createOrganisation(t.current, 'Nämnd B', 'committee');
  adminA = await signIn(t.current, (await createUser(t.current, 'administrator', committeeA)).email);
  cityAdmin = await signIn(t.current, ADMIN_EMAIL, ADMIN_PASSWORD);
});

async function importCsv(client: Client, csv: string, dryRun?: boolean) {
  return client.request('POST', '/api/organisations/import', {
    csv,
    ...(dryRun === undefined ? {} : { dryRun }),
  });
}

async function expectImported(client: Client, csv: string): Promise<ImportOrganisationsResponse> {
  const res = await importCsv(client, csv);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function expectRowErrors(client: Client, csv: string): Promise<ImportRowError[]> {
  const before = await countOrganisations();
  const mark = await auditMark(t.current.database.db);
  const res = await importCsv(client, csv);
  expect(res.statusCode, res.body).toBe(400);
  expect(res.json().error.code).toBe('organisations.import_invalid');
  expect(await countOrganisations()).toBe(before);
  expect(await auditSince(t.current.database.db, mark)).toEqual([]);
  return res.json().error.details;
}

async function countOrganisations(): Promise<number> {
  const row = await db()
    .selectFrom('organisations')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const byName = (name: string) =>
  db().selectFrom('organisations').selectAll().where('name', '=', name).executeTakeFirstOrThrow();

const CITY = [
  'name,kind,committee_type,parent,valid_from,valid_to,code',
  'Stadsledningskontoret,office,,Kommunstyrelsen,,,SLK',
  'Södermalms stadsdelsnämnd,committee,district,,2007-01-01,,SOD',
  'Äldreomsorg Södermalm,unit,,SOD,2007-01-01,,SOD-ALDRE',
  // A parent given by name, before the row that defines it.
  'Hemtjänst Katarina,unit,,Äldreomsorg Södermalm,2010-01-01,,',
  '"Trafiknämnden, staden",nämnd,facknämnd,,,,TN',
  'Stockholm Vatten och Avfall AB,bolag,,,,,SVOA',
].join('\r\n');

describe('importing organisations from CSV', () => {
  it('creates every row, parents by code or name in any order, audited; a second import changes nothing', async () => {
    const mark = await auditMark(t.current.database.db);
    const report = await expectImported(cityAdmin, `${CITY}\r\n`);
    expect(report).toMatchObject({ dryRun: false, created: 6, updated: 0, unchanged: 0 });
    expect(report.rows.map((r) => [r.line, r.result])).toEqual([
      [2, 'created'],
      [3, 'created'],
      [4, 'created'],
      [5, 'created'],
      [6, 'created'],
      [7, 'created'],
    ]);
    const office = await byName('Stadsledningskontoret');
    expect(office).toMatchObject({ kind: 'office', parent_id: t.current.boardId, code: 'SLK' });
    const sod = await byName('Södermalms stadsdelsnämnd');
    expect(sod).toMatchObject({
      kind: 'committee',
      committee_type: 'district',
      parent_id: t.current.rootId,
      valid_from: '2007-01-01',
    });
    const aldre = await byName('Äldreomsorg Södermalm');
    expect(aldre.parent_id).toBe(sod.id);
    expect((await byName('Hemtjänst Katarina')).parent_id).toBe(aldre.id);
    expect(await byName('Trafiknämnden, staden')).toMatchObject({
      kind: 'committee',
      committee_type: 'specialist',
    });
    const events = await auditSince(t.current.database.db, mark);
    expect(events.filter((e) => e.action === 'organisation.created')).toHaveLength(6);
    expect(events.at(-1)).toMatchObject({ action: 'organisations.imported', fields: ['organisations'] });

    const mark2 = await auditMark(t.current.database.db);
    const again = await expectImported(cityAdmin, CITY);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 6 });
    expect(again.rows.find((r) => r.line === 3)?.id).toBe(sod.id);
    expect(await auditSince(t.current.database.db, mark2)).toEqual([]);

    // A changed file updates what changed: matched by code (a new name), or by name under its parent.
    const changed = CITY.replace(
      'Södermalms stadsdelsnämnd,committee,district,,2007-01-01,,SOD',
      'Södermalm SDN,committee,district,,2007-01-01,,SOD',
    )
      .replace('Äldreomsorg Södermalm', 'Äldreomsorg Södermalm')
      .replace(
        'Hemtjänst Katarina,unit,,Äldreomsorg Södermalm,2010-01-01,,',
        'Hemtjänst Katarina,unit,,SOD-ALDRE,2010-01-01,2025-12-31,',
      );
    const mark3 = await auditMark(t.current.database.db);
    const updated = await expectImported(cityAdmin, changed);
    expect(updated).toMatchObject({ created: 0, updated: 2, unchanged: 4 });
    expect(
      (await db().selectFrom('organisations').selectAll().where('id', '=', sod.id).executeTakeFirstOrThrow())
        .name,
    ).toBe('Södermalm SDN');
    expect((await byName('Hemtjänst Katarina')).valid_to).toBe('2025-12-31');
    expect((await auditSince(t.current.database.db, mark3)).map((e) => [e.action, e.fields])).toEqual([
      ['organisation.updated', ['name']],
      ['organisation.updated', ['valid_to']],
      ['organisations.imported', ['organisations']],
    ]);
  });

  it("reads Swedish Excel's semicolons and BOM, and leaves fields of columns the file lacks as they are", async () => {
    await expectImported(
      cityAdmin,
      '\uFEFFname;kind;committee_type;code;valid_to\r\nKulturnämnden;committee;specialist;KN;2030-12-31\r\n',
    );
    const report = await expectImported(cityAdmin, 'name;kind;code\r\nKulturnämnden;nämnd;KN\r\n');
    expect(report).toMatchObject({ unchanged: 1 });
    expect(await byName('Kulturnämnden')).toMatchObject({
      committee_type: 'specialist',
      valid_to: '2030-12-31',
    });
  });

  it('reports every problem of every row with its line and column, and writes nothing', async () => {
    const errors = await expectRowErrors(
      cityAdmin,
      [
        'name,kind,committee_type,parent,valid_from,valid_to,code',
        ',unit,,Nämnd A,,,',
        'Felaktig,avdelning,,Nämnd A,,,',
        'Datum,unit,,Nämnd A,2020-13-01,1 jan,',
        'Baklänges,unit,,Nämnd A,2021-01-01,2020-01-01,',
        'Föräldralös,unit,,Finns inte,,,',
        'Nämnd utan typ,committee,,,,,',
        'Enhet i kommunen,unit,,,,,',
        'Kod 1,unit,,Nämnd A,,,DUP',
        'Kod 2,unit,,Nämnd A,,,dup',
        'Bra rad,unit,,Nämnd A,,,',
        'Barn till dålig,unit,,Felaktig,,,',
        'Dålig kod,unit,,Nämnd A,,,a b',
      ].join('\n'),
    );
    expect(errors).toEqual([
      { line: 2, column: 'name', message: 'a name is required' },
      {
        line: 3,
        column: 'kind',
        message: 'unknown kind "avdelning" (executive_board, office, committee, company or unit)',
      },
      { line: 4, column: 'valid_from', message: 'a date is written YYYY-MM-DD, e.g. 2020-07-01' },
      { line: 4, column: 'valid_to', message: 'a date is written YYYY-MM-DD, e.g. 2020-07-01' },
      { line: 5, column: 'valid_to', message: 'The end date is before the start date' },
      { line: 6, column: 'parent', message: 'no organisation or row has the code or name "Finns inte"' },
      {
        line: 7,
        column: 'committee_type',
        message: 'A committee needs a committee type (district or specialist); other kinds have none',
      },
      {
        line: 8,
        column: 'parent',
        message: 'An organisation of this kind cannot be placed under that parent',
      },
      { line: 10, column: 'code', message: 'the code "dup" is also on line 9' },
      { line: 12, column: 'parent', message: "the parent's row (line 3) has errors" },
      { line: 13, column: 'code', message: 'a code has only letters, digits, dot, hyphen or underscore' },
    ]);
    await expect(byName('Bra rad')).rejects.toThrow();
  });

  it('refuses parents that lead back to the row, and a name given to several rows or organisations', async () => {
    const cycle = await expectRowErrors(
      cityAdmin,
      'name,kind,parent,code\nEtt,unit,TVA,ETT\nTvå,unit,ETT,TVA\nTre,unit,TRE,TRE\nFyra,unit,Ett,\n',
    );
    expect(cycle).toEqual([
      { line: 2, column: 'parent', message: 'the parents of this row lead back to it (a cycle)' },
      { line: 3, column: 'parent', message: 'the parents of this row lead back to it (a cycle)' },
      { line: 4, column: 'parent', message: 'a row cannot be its own parent' },
      { line: 5, column: 'parent', message: "the parent's row (line 2) has errors" },
    ]);
    await insertOrganisation(db(), { name: 'Dubblett', kind: 'unit', parentId: committeeA });
    const unit = await insertOrganisation(db(), { name: 'Annan', kind: 'unit', parentId: committeeA });
    await insertOrganisation(db(), { name: 'Dubblett', kind: 'unit', parentId: unit });
    expect(await expectRowErrors(cityAdmin, 'name,kind,parent\nUnder dubblett,unit,Dubblett\n')).toEqual([
      {
        line: 2,
        column: 'parent',
        message: 'several organisations are named "Dubblett"; refer to the parent by its code',
      },
    ]);
  });

  it('reports a malformed file or a wrong header on its line', async () => {
    expect(await expectRowErrors(cityAdmin, 'name,kind\nA,unit\n"B,unit\n')).toEqual([
      { line: 3, message: 'a quoted value is never closed' },
    ]);
    expect(await expectRowErrors(cityAdmin, 'name,kind\nA,unit,extra\n')).toEqual([
      { line: 2, message: '3 values where the header has 2 columns' },
    ]);
    expect(await expectRowErrors(cityAdmin, 'namn,typ\nA,unit\n')).toEqual([
      { line: 1, column: 'name', message: 'the required column "name" is missing' },
      { line: 1, column: 'kind', message: 'the required column "kind" is missing' },
      { line: 1, column: 'namn', message: 'unknown column "namn"' },
      { line: 1, column: 'typ', message: 'unknown column "typ"' },
    ]);
    expect(await expectRowErrors(cityAdmin, 'name,kind\n')).toEqual([
      { line: 1, message: 'the file has no rows' },
    ]);
  });

  it('checks and reports without writing on a dry run', async () => {
    const before = await countOrganisations();
    const res = await importCsv(cityAdmin, 'name,kind,parent\nProvrad,unit,Nämnd A\n', true);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      dryRun: true,
      created: 1,
      updated: 0,
      unchanged: 0,
      rows: [{ line: 2, name: 'Provrad', result: 'created', id: null }],
    });
    expect(await countOrganisations()).toBe(before);
  });

  it("lets a committee's administrator import units of their own committee only", async () => {
    const ok = await expectImported(adminA, 'name,kind,parent\nImporterad,unit,Nämnd A\n');
    expect(ok.created).toBe(1);
    // The committee itself may be listed, unchanged, but not changed; other committees do not exist for them.
    const listed = await expectImported(
      adminA,
      'name,kind,parent\nNämnd A,committee,\nImporterad,unit,Nämnd A\n',
    );
    expect(listed).toMatchObject({ created: 0, unchanged: 2 });
    expect(await expectRowErrors(adminA, 'name,kind,committee_type\nNämnd A,committee,district\n')).toEqual([
      { line: 2, message: 'You may not do this' },
    ]);
    const outside =
      'a row without a parent goes directly under the municipality, which is not among your organisations';
    expect(
      await expectRowErrors(adminA, 'name,kind,parent\nUtanför,unit,Nämnd B\nNy nämnd,committee,\n'),
    ).toEqual([
      { line: 2, column: 'parent', message: 'no organisation or row has the code or name "Nämnd B"' },
      { line: 3, column: 'parent', message: outside },
    ]);
    // Naming another committee does not reveal it: it is a new row that may not be created.
    expect(await expectRowErrors(adminA, 'name,kind\nNämnd B,committee\n')).toEqual([
      { line: 2, column: 'parent', message: outside },
    ]);
  });

  it('offers a template whose example rows import as they are', async () => {
    const res = await cityAdmin.request('GET', '/api/organisations/import-template');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('attachment');
    expect(res.body.split('\r\n')[0]).toBe('name,kind,committee_type,parent,valid_from,valid_to,code');
    const report = await expectImported(cityAdmin, res.body);
    expect(report.created).toBe(2);
  });
});

describe('trygg import organisations', () => {
  const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
  function trygg(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
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

  it('imports a file, says what it did, and lists the errors of a bad file by line, writing nothing', {
    timeout: 120_000,
  }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trygg-orgs-'));
    try {
      const good = path.join(dir, 'good.csv');
      fs.writeFileSync(good, 'name,kind,committee_type,code\nIdrottsnämnden,committee,specialist,IDN\n');
      const dry = await trygg(['import', 'organisations', good, '--dry-run']);
      expect(dry).toMatchObject({ code: 0, stderr: '' });
      expect(dry.stdout).toContain('Dry run (nothing written): would be 1 created, 0 updated, 0 unchanged.');
      const result = await trygg(['import', 'organisations', good]);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toBe('good.csv:2: created: Idrottsnämnden\n1 created, 0 updated, 0 unchanged.\n');
      expect(await byName('Idrottsnämnden')).toMatchObject({ committee_type: 'specialist', code: 'IDN' });
      const audit = await db()
        .selectFrom('audit_events')
        .selectAll()
        .where('action', '=', 'organisation.created')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(audit.actor_id).toBeNull();

      const bad = path.join(dir, 'bad.csv');
      fs.writeFileSync(bad, 'name,kind,code\nSkolnämnden,committee,SKN\n,unit,\n');
      const failed = await trygg(['import', 'organisations', bad]);
      expect(failed.code).toBe(1);
      expect(failed.stdout).toBe('');
      expect(failed.stderr).toBe(
        [
          'bad.csv:2: committee_type: A committee needs a committee type (district or specialist); other kinds have none',
          'bad.csv:3: name: a name is required',
          '2 errors: nothing was imported.',
          '',
        ].join('\n'),
      );
      await expect(byName('Skolnämnden')).rejects.toThrow();
      const missing = await trygg(['import', 'organisations', path.join(dir, 'nope.csv')]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('Cannot read');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
