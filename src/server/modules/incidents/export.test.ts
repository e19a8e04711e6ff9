import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditMark, auditSince } from '../../../../tests/support/audit.ts';
import { seedIncident } from '../../../../tests/support/incidents.ts';
import { createOrganisation, createUser, signIn, useTestApp } from '../../../../tests/support/test-app.ts';
import { readXlsx } from '../../../../tests/support/xlsx.ts';
import { verifyAuditChain } from '../../platform/audit.ts';
import { parseCsv } from '../../platform/csv.ts';
import { csvField, EXPORT_BATCH, filterFields } from './export.ts';
import { incidentsDb } from './incidents.tables.ts';
import { createListCity, type ListCity } from './list.fixtures.ts';

const t = useTestApp();
const db = () => t.current.database.db;

let city: ListCity;
const id: Record<string, string> = {};
const ref: Record<string, string> = {};

const SV_HEADER = [
  'Referens',
  'Typ',
  'Kategori',
  'Status',
  'Inträffade',
  'Rapporterad',
  'Nämnd eller bolag',
  'Enhet',
  'Område',
  'Anläggning',
  'Den drabbades kön',
  'Allvarlig',
  'Beskrivning',
  'Polisanmälan',
  'Orsak till avslut',
];

beforeAll(async () => {
  city = await createListCity(t.current);
  const facility = await db()
    .insertInto('facilities')
    .values({ name: 'Fritidsgården Ljuset', type_code: 'youth_centre', organisation_id: city.committeeA })
    .returning('id')
    .executeTakeFirstOrThrow();
  const seeds: Record<string, Parameters<typeof seedIncident>[1]> = {
    theft: {
      organisationId: city.committeeA,
      unitId: city.unitA1,
      typeCode: 'theft',
      occurredAt: new Date('2026-01-10T10:00:00Z'),
      reportedAt: new Date('2026-01-10T12:15:00Z'),
      affectedGender: 'woman',
      facilityId: facility.id,
      description: 'Datorn stals ur personalrummet; "låset" var trasigt',
    },
    fall: {
      organisationId: city.committeeA,
      unitId: city.unitA2,
      typeCode: 'fall_slip',
      occurredAt: new Date('2026-07-01T06:00:00Z'),
      state: 'closed',
      serious: true,
      description: '=HYPERLINK("http://example.test","klicka")',
    },
    formula: {
      organisationId: city.committeeA,
      typeCode: 'disorder',
      occurredAt: new Date('2026-02-01T10:00:00Z'),
      description: '+46 70 123 45 67 ringde; -1; @SUM(A1)',
    },
    threat: {
      organisationId: city.committeeA,
      unitId: city.unitA1,
      typeCode: 'threat_employee',
      occurredAt: new Date('2026-01-20T09:00:00Z'),
      description: 'En besökare hotade handläggaren',
    },
    other: { organisationId: city.committeeB, typeCode: 'theft', description: 'Annan nämnds stöld' },
  };
  for (const [name, seed] of Object.entries(seeds)) {
    const row = await seedIncident(db(), seed);
    id[name] = row.id;
    ref[name] = row.reference;
  }
  await incidentsDb(db())
    .updateTable('incidents')
    .set({ police_report_number: '5000-K123456-26' })
    .where('id', '=', id.theft!)
    .execute();
  // 2026-03-31 22:30 UTC is already 1 April in Stockholm.
  t.current.clock.current = new Date('2026-03-31T22:30:00Z');
});

async function exportFile(client = city.coordinatorA.client, query = 'format=csv') {
  const res = await client.request('GET', `/api/incidents/export?${query}`);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res;
}

describe('CSV export', () => {
  it('is UTF-8 with a BOM, semicolon-separated, every value quoted, with a dated file name', async () => {
    const res = await exportFile();
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="handelser-2026-04-01.csv"');
    expect(res.headers['cache-control']).toBe('private, no-store');
    const bytes = res.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(`\uFEFF${SV_HEADER.map((h) => `"${h}"`).join(';')}`);
    expect(lines.at(-1)).toBe('');
    for (const line of lines.slice(1, -1)) expect(line).toMatch(/^"[^;]*"(;"([^"]|"")*")*$/);
  });

  it('holds every incident the coordinator handles, in Swedish, with Stockholm times and need-to-know texts she may read', async () => {
    const csv = parseCsv((await exportFile()).rawPayload.toString('utf8'));
    expect(csv.separator).toBe(';');
    expect(csv.header).toEqual(SV_HEADER);
    const byRef = new Map(csv.rows.map((r) => [r.values.Referens, r.values]));
    expect([...byRef.keys()].sort()).toEqual([ref.theft, ref.fall, ref.formula, ref.threat].sort());
    expect(byRef.get(ref.theft)).toEqual({
      Referens: ref.theft,
      Typ: 'Stöld',
      Kategori: 'Brott och ordningsstörning',
      Status: 'Mottagen',
      Inträffade: '2026-01-10 11:00',
      Rapporterad: '2026-01-10 13:15',
      'Nämnd eller bolag': 'Nämnd A',
      Enhet: 'Enhet A1',
      Område: '',
      Anläggning: 'Fritidsgården Ljuset',
      'Den drabbades kön': 'Kvinna',
      Allvarlig: 'Nej',
      Beskrivning: 'Datorn stals ur personalrummet; "låset" var trasigt',
      Polisanmälan: '5000-K123456-26',
      'Orsak till avslut': '',
    });
    expect(byRef.get(ref.fall)).toMatchObject({
      Status: 'Avslutad',
      Inträffade: '2026-07-01 08:00',
      Allvarlig: 'Ja',
      'Orsak till avslut': 'Klart',
    });
    expect(byRef.get(ref.threat)).toMatchObject({
      Kategori: 'Hot eller våld mot anställd eller förtroendevald',
      Beskrivning: 'En besökare hotade handläggaren',
    });
  });

  it('guards against formula injection: a value a spreadsheet would run gets a leading apostrophe', async () => {
    const csv = parseCsv((await exportFile()).rawPayload.toString('utf8'));
    const byRef = new Map(csv.rows.map((r) => [r.values.Referens, r.values]));
    expect(byRef.get(ref.fall)!.Beskrivning).toBe('\'=HYPERLINK("http://example.test","klicka")');
    expect(byRef.get(ref.formula)!.Beskrivning).toBe("'+46 70 123 45 67 ringde; -1; @SUM(A1)");
    expect(['-1', '@x', '\tx', 'ok', ''].map(csvField)).toEqual([
      '"\'-1"',
      '"\'@x"',
      '"\'\tx"',
      '"ok"',
      '""',
    ]);
  });

  it("leaves out what the actor may not see: a manager's export lacks the unit's unrouted threat and other units", async () => {
    const csv = parseCsv((await exportFile(city.managerA1.client)).rawPayload.toString('utf8'));
    expect(csv.rows.map((r) => r.values.Referens)).toEqual([ref.theft]);
    expect(csv.rows.map((r) => r.values.Beskrivning).join()).not.toContain('hotade');
  });

  it("takes the list's filters", async () => {
    const csv = parseCsv(
      (await exportFile(undefined, 'format=csv&state=closed')).rawPayload.toString('utf8'),
    );
    expect(csv.rows.map((r) => r.values.Referens)).toEqual([ref.fall]);
    const searched = parseCsv(
      (await exportFile(undefined, 'format=csv&q=datorn')).rawPayload.toString('utf8'),
    );
    expect(searched.rows.map((r) => r.values.Referens)).toEqual([ref.theft]);
  });

  it("speaks the caller's language", async () => {
    const user = await createUser(t.current, 'security_coordinator', city.committeeA, 'Eve English');
    await db().updateTable('users').set({ locale: 'en' }).where('id', '=', user.id).execute();
    const res = await exportFile(await signIn(t.current, user.email));
    expect(res.headers['content-disposition']).toBe('attachment; filename="incidents-2026-04-01.csv"');
    const csv = parseCsv(res.rawPayload.toString('utf8'));
    expect(csv.header).toEqual([
      'Reference',
      'Type',
      'Group',
      'State',
      'Occurred',
      'Reported',
      'Organisation',
      'Unit',
      'Area',
      'Facility',
      'Gender of the affected',
      'Serious',
      'Description',
      'Police report number',
      'Reason for closing',
    ]);
    const theft = csv.rows.find((r) => r.values.Reference === ref.theft)!.values;
    expect(theft).toMatchObject({
      Type: 'Theft',
      Group: 'Crime and disorder',
      State: 'Received',
      'Gender of the affected': 'Woman',
      Serious: 'No',
    });
  });
});

describe('the export is audited', () => {
  it('with the format, the filters and the row count (never the rows), and a read of each need-to-know incident in it', async () => {
    const mark = await auditMark(db());
    await exportFile(undefined, `format=csv&organisationId=${city.committeeA}&state=received&q=handläggaren`);
    const entries = await auditSince(db(), mark);
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'incidents.exported',
        actor_id: city.coordinatorA.id,
        organisation_id: city.committeeA,
        target_type: 'incident_export',
        fields: [
          'format:csv',
          'rows:1',
          `filter:organisationId=${city.committeeA}`,
          'filter:q',
          'filter:state=received',
        ],
      }),
      expect.objectContaining({
        action: 'incident.read',
        actor_id: city.coordinatorA.id,
        organisation_id: city.unitA1,
        target_type: 'incident',
        target_id: id.threat,
        fields: ['export'],
      }),
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/handläggaren|hotade|Datorn/);
  });

  it('appends its entries to the audit chain, which stays whole', async () => {
    const committeeF = await createOrganisation(t.current, 'Nämnd F', 'committee');
    const coordinatorF = await signIn(
      t.current,
      (await createUser(t.current, 'security_coordinator', committeeF)).email,
    );
    const threats = [];
    for (let n = 0; n < 3; n++)
      threats.push((await seedIncident(db(), { organisationId: committeeF, typeCode: 'harassment' })).id);
    const mark = await auditMark(db());
    await exportFile(coordinatorF, 'format=xlsx');
    const entries = await auditSince(db(), mark);
    expect(entries.map((e) => e.action)).toEqual([
      'incidents.exported',
      'incident.read',
      'incident.read',
      'incident.read',
    ]);
    expect(
      entries
        .slice(1)
        .map((e) => e.target_id)
        .sort(),
    ).toEqual(threats.sort());
    for (let n = 1; n < entries.length; n++) expect(entries[n]!.prev_hash).toBe(entries[n - 1]!.hash);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });

  it('is refused, writing nothing, to someone who handles nothing or for an organisation the actor does not handle', async () => {
    const mark = await auditMark(db());
    const employee = await city.employeeA1.client.request('GET', '/api/incidents/export?format=csv');
    expect(employee.statusCode).toBe(403);
    const other = await city.coordinatorA.client.request(
      'GET',
      `/api/incidents/export?format=csv&organisationId=${city.committeeB}`,
    );
    expect(other.statusCode).toBe(403);
    for (const query of ['', 'format=pdf', 'format=csv&state=lost']) {
      const res = await city.coordinatorA.client.request('GET', `/api/incidents/export?${query}`);
      expect(res.statusCode, query).toBe(400);
    }
    expect(await auditSince(db(), mark)).toEqual([]);
  });

  it('names filters by key and value, but never the search text', () => {
    expect(filterFields({ q: 'Kalle Anka', state: ['received', 'closed'], serious: 'true' })).toEqual([
      'filter:q',
      'filter:serious=true',
      'filter:state=received,closed',
    ]);
  });
});

describe('XLSX export', () => {
  it('is a workbook with a bold, frozen Swedish header, text cells and Stockholm date-times', async () => {
    const res = await exportFile(undefined, 'format=xlsx');
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toBe('attachment; filename="handelser-2026-04-01.xlsx"');
    const file = readXlsx(res.rawPayload);
    expect(file.sheetName).toBe('Händelser');
    expect(file.frozenRows).toBe(1);
    expect(file.rows[0]).toEqual(SV_HEADER);
    expect(file.styles[0]!.every((s) => s !== null && file.cellXfs[s]!.bold)).toBe(true);
    expect(file.rows).toHaveLength(5);
    const theft = file.rows.find((r) => r[0] === ref.theft)!;
    const theftStyles = file.styles[file.rows.indexOf(theft)]!;
    expect(theft.slice(0, 4)).toEqual([ref.theft, 'Stöld', 'Brott och ordningsstörning', 'Mottagen']);
    // 11:00 on 10 January 2026 in Stockholm, as a spreadsheet serial.
    expect(theft[4]).toBeCloseTo(Date.UTC(2026, 0, 10, 11, 0) / 86_400_000 + 25569, 8);
    expect(file.cellXfs[theftStyles[4]!]!.numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(theft[12]).toBe('Datorn stals ur personalrummet; "låset" var trasigt');
    expect(theft[13]).toBe('5000-K123456-26');
    const fall = file.rows.find((r) => r[0] === ref.fall)!;
    // Cells are typed text in a workbook, so a formula-looking text stays text as it was written.
    expect(fall[12]).toBe('=HYPERLINK("http://example.test","klicka")');
  });
});

describe('a large export', () => {
  let coordinatorE: Awaited<ReturnType<typeof signIn>>;
  const total = EXPORT_BATCH * 2 + 321;

  beforeAll(async () => {
    const committeeE = await createOrganisation(t.current, 'Nämnd E', 'committee');
    coordinatorE = await signIn(
      t.current,
      (await createUser(t.current, 'security_coordinator', committeeE)).email,
    );
    const template = await seedIncident(db(), { organisationId: committeeE, description: 'Mall' });
    // Copies of one row, all at the same instant so only the id orders them.
    await sql`INSERT INTO incidents (reference, type_id, type_version_id, group_code, focus_areas, need_to_know,
        serious, organisation_id, occurred_at, reported_at, description, state)
      SELECT 'E-' || n, type_id, type_version_id, group_code, focus_areas, need_to_know, serious,
        organisation_id, occurred_at, reported_at, 'Rad ' || n, state
      FROM incidents, generate_series(1, ${total - 1}) n WHERE id = ${template.id}`.execute(db());
  });

  it('streams every row exactly once across batches, as CSV and as XLSX', async () => {
    const mark = await auditMark(db());
    const csv = parseCsv((await exportFile(coordinatorE)).rawPayload.toString('utf8'));
    expect(csv.rows).toHaveLength(total);
    expect(new Set(csv.rows.map((r) => r.values.Referens)).size).toBe(total);
    const file = readXlsx((await exportFile(coordinatorE, 'format=xlsx')).rawPayload);
    expect(file.rows).toHaveLength(total + 1);
    expect(new Set(file.rows.slice(1).map((r) => r[0])).size).toBe(total);
    const entries = await auditSince(db(), mark);
    expect(entries.map((e) => e.fields)).toEqual([
      ['format:csv', `rows:${total}`],
      ['format:xlsx', `rows:${total}`],
    ]);
  });
});
