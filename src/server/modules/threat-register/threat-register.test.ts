import { Writable } from 'node:stream';
import { sql } from 'kysely';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditMark, auditSince } from '../../../../tests/support/audit.ts';
import { seedIncident } from '../../../../tests/support/incidents.ts';
import {
  type Client,
  createOrganisation,
  createUser,
  signIn,
  useTestApp,
} from '../../../../tests/support/test-app.ts';
import type { ThreatCase, ThreatCaseListResponse } from '../../../domain/api/threat-register.ts';
import { incidentsDb } from '../incidents/incidents.tables.ts';
import { hashCaseReference } from './threat-register.keys.ts';
import { recordThreat } from './threat-register.usecases.ts';

/** Everything the server logs, at the most talkative level, to look for references in. */
let logged = '';
const logStream = new Writable({
  write(chunk, _encoding, done) {
    logged += chunk.toString();
    done();
  },
});

const KEY = 'a-test-secret-for-the-threat-register-0123456789';
const t = useTestApp({
  config: { threatRegisterKey: KEY, threatWarningMonths: 24 },
  app: { logger: pino({ level: 'trace' }, logStream) },
});
const db = () => t.current.database.db;
const idb = () => incidentsDb(db());
const DAY = 86_400_000;

/** The references the tests use, as typed; none of them may ever be found in storage or logs. */
const REFERENCES = [
  'ÄR-2026-0042',
  'är 2026 0042',
  'ar-2026-0042',
  'BM-7781',
  'SN-2025-999',
  'KLIENT-XY-5150',
  'ZZ-QQ-404',
];

let committeeA: string;
let committeeB: string;
let unitA: string;
let caseWorkerA: { id: string; email: string };
let caseWorkerA2: { id: string; email: string };
let caseWorkerB: { id: string; email: string };
let coordinatorA: { id: string; email: string };
let workerA: Client;
let workerA2: Client;
let workerB: Client;
let threatEntryId: string;
let threatIncidentId: string;

/** A threat report naming `caseReference`, as the report use case records it. */
async function reportThreat(organisationId: string, caseReference: string, occurredAt: Date) {
  const incident = await seedIncident(db(), { organisationId, typeCode: 'threat_employee', occurredAt });
  const type = await idb()
    .selectFrom('incident_types')
    .select('id')
    .where('code', '=', 'threat_employee')
    .executeTakeFirstOrThrow();
  await db()
    .transaction()
    .execute((trx) =>
      recordThreat(trx, t.current.deps, {
        caseReference,
        incidentId: incident.id,
        organisationId,
        typeId: type.id,
        occurredAt,
        createdBy: null,
      }),
    );
  const entry = await idb()
    .selectFrom('threat_register_entries')
    .selectAll()
    .where('incident_id', '=', incident.id)
    .executeTakeFirstOrThrow();
  return { incidentId: incident.id, entry };
}

async function register(client: Client, body: Record<string, unknown>, status = 201): Promise<ThreatCase> {
  const res = await client.request('POST', '/api/threat-register/cases', body);
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}

beforeAll(async () => {
  committeeA = await createOrganisation(t.current, 'Socialnämnden', 'committee');
  committeeB = await createOrganisation(t.current, 'Stadsdelsnämnden Norr', 'committee');
  unitA = await createOrganisation(t.current, 'Försörjningsstöd', 'company', committeeA);
  await db()
    .updateTable('organisations')
    .set({ kind: 'unit' as never })
    .where('id', '=', unitA)
    .execute();
  caseWorkerA = await createUser(t.current, 'case_worker', unitA, 'Handläggare Ett');
  caseWorkerA2 = await createUser(t.current, 'case_worker', committeeA, 'Handläggare Två');
  caseWorkerB = await createUser(t.current, 'case_worker', committeeB, 'Handläggare Norr');
  coordinatorA = await createUser(t.current, 'security_coordinator', committeeA, 'Sara Samordnare');
  workerA = await signIn(t.current, caseWorkerA.email);
  workerA2 = await signIn(t.current, caseWorkerA2.email);
  workerB = await signIn(t.current, caseWorkerB.email);
  const occurredAt = new Date(t.current.clock.now().getTime() - 30 * DAY);
  const reported = await reportThreat(committeeA, 'ÄR-2026-0042', occurredAt);
  threatEntryId = reported.entry.id;
  threatIncidentId = reported.incidentId;
});

describe('recording a known threat from a report', () => {
  it('stores only the keyed hash of the normalised reference, the day in Stockholm and an expiry 24 months on', async () => {
    const occurredAt = new Date('2025-11-30T23:30:00Z'); // already 1 December in Stockholm
    const { entry } = await reportThreat(committeeA, '  bm-77 81 ', occurredAt);
    expect(entry.case_ref_hmac).toMatch(/^[0-9a-f]{64}$/);
    expect(entry.case_ref_hmac).toBe(hashCaseReference(t.current.deps.config, 'BM7781'));
    expect(entry.occurred_on).toBe('2025-12-01');
    expect(entry.expires_at.toISOString()).toBe('2027-11-30T23:30:00.000Z');
    expect(entry.organisation_id).toBe(committeeA);
  });

  it('files an entry under the committee when the report names one of its units', async () => {
    const { entry } = await reportThreat(
      unitA,
      'SN-2025-999',
      new Date(t.current.clock.now().getTime() - DAY),
    );
    expect(entry.organisation_id).toBe(committeeA);
  });

  it('refuses a reference of nothing but spaces and hyphens, storing nothing', async () => {
    const before = await idb()
      .selectFrom('threat_register_entries')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const incident = await seedIncident(db(), { organisationId: committeeA, typeCode: 'threat_employee' });
    const { type_id: typeId } = await idb()
      .selectFrom('incidents')
      .select('type_id')
      .where('id', '=', incident.id)
      .executeTakeFirstOrThrow();
    await expect(
      db()
        .transaction()
        .execute((trx) =>
          recordThreat(trx, t.current.deps, {
            caseReference: ' - - ',
            incidentId: incident.id,
            organisationId: committeeA,
            typeId,
            occurredAt: new Date(),
            createdBy: null,
          }),
        ),
    ).rejects.toMatchObject({ status: 400, details: [{ path: 'body.caseReference' }] });
    const after = await idb()
      .selectFrom('threat_register_entries')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});

describe('a case worker registering the cases they handle', () => {
  it('warns the next case worker in the same committee with the date and type, and nothing more', async () => {
    const mark = await auditMark(db());
    const res = await workerA.request('POST', '/api/threat-register/cases', {
      caseReference: ' är 2026 0042 ',
      label: 'Ny klient',
    });
    expect(res.statusCode, res.body).toBe(201);
    const registered: ThreatCase = res.json();
    expect(registered.organisationId).toBe(committeeA);
    expect(registered.organisationName).toBe('Socialnämnden');
    expect(registered.label).toBe('Ny klient');
    const occurredOn = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(
      new Date(t.current.clock.now().getTime() - 30 * DAY),
    );
    expect(registered.warnings).toEqual([
      {
        entryId: threatEntryId,
        occurredOn,
        typeLabelSv: 'Hot mot anställd',
        typeLabelEn: 'Threat against an employee',
        incidentId: null,
      },
    ]);
    expect(res.body).not.toMatch(/0042/);

    const audit = await auditSince(db(), mark);
    expect(audit.map((a) => [a.action, a.actor_id, a.organisation_id, a.target_type])).toEqual([
      ['threat_register.case_registered', caseWorkerA.id, committeeA, 'threat_register_case'],
      ['threat_register.lookup', caseWorkerA.id, committeeA, 'threat_register_case'],
      ['threat_register.matched', caseWorkerA.id, committeeA, 'threat_register_entry'],
    ]);
    expect(audit[0]!.target_id).toBe(registered.id);
    expect(audit[2]!.target_id).toBe(threatEntryId);
    expect(audit.every((a) => a.request_id !== null && a.ip !== null)).toBe(true);
  });

  it('gives no warning to a case worker of another committee: secrecy applies between committees', async () => {
    const registered = await register(workerB, { caseReference: 'ÄR-2026-0042' });
    expect(registered.organisationId).toBe(committeeB);
    expect(registered.warnings).toEqual([]);
    const lookup = await workerB.request('POST', '/api/threat-register/lookup', {
      caseReference: 'ÄR-2026-0042',
    });
    expect(lookup.json()).toEqual({ warnings: [] });
  });

  it("refuses a case in another committee's organisation without writing anything", async () => {
    const mark = await auditMark(db());
    const res = await workerB.request('POST', '/api/threat-register/cases', {
      caseReference: 'ÄR-2026-0042',
      organisationId: committeeA,
    });
    expect(res.statusCode).toBe(403);
    expect(await auditSince(db(), mark)).toEqual([]);
  });

  it('answers a second registration of the same reference with the same case', async () => {
    const first = await register(workerA2, { caseReference: 'ÄR-2026-0042' });
    const again = await register(workerA2, { caseReference: 'är20260042', label: 'Samma' }, 200);
    expect(again.id).toBe(first.id);
    expect(again.label).toBe('Samma');
    expect(again.warnings.map((w) => w.entryId)).toEqual([threatEntryId]);
  });

  it('refuses a reference of nothing but spaces and hyphens with a field error, storing nothing', async () => {
    const mark = await auditMark(db());
    const res = await workerA.request('POST', '/api/threat-register/cases', { caseReference: '- -' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([{ path: 'body.caseReference', message: expect.any(String) }]);
    const empty = await workerA.request('POST', '/api/threat-register/cases', { caseReference: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(await auditSince(db(), mark)).toEqual([]);
  });

  it('lists my cases with their warnings and whom to contact, auditing each look-up and match', async () => {
    const mark = await auditMark(db());
    const res = await workerA.request('GET', '/api/threat-register/cases');
    expect(res.statusCode, res.body).toBe(200);
    const body: ThreatCaseListResponse = res.json();
    expect(body.items.map((c) => [c.label, c.warnings.length])).toEqual([['Ny klient', 1]]);
    expect(body.organisations).toEqual([
      {
        id: committeeA,
        name: 'Socialnämnden',
        securityCoordinators: [{ name: 'Sara Samordnare', email: coordinatorA.email }],
      },
    ]);
    const audit = await auditSince(db(), mark);
    expect(audit.map((a) => [a.action, a.target_id])).toEqual([
      ['threat_register.lookup', body.items[0]!.id],
      ['threat_register.matched', threatEntryId],
    ]);
  });

  it('asks which organisation when the case worker handles cases in several', async () => {
    const both = await createUser(t.current, 'case_worker', committeeA);
    await db()
      .insertInto('user_roles')
      .values({ user_id: both.id, organisation_id: committeeB, role: 'case_worker', granted_by: null })
      .execute();
    const client = await signIn(t.current, both.email);
    const res = await client.request('POST', '/api/threat-register/cases', { caseReference: 'ÄR-2026-0042' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([{ path: 'body.organisationId', message: expect.any(String) }]);
    const inA = await register(client, { caseReference: 'ÄR-2026-0042', organisationId: committeeA });
    expect(inA.warnings).toHaveLength(1);
    const list: ThreatCaseListResponse = (await client.request('GET', '/api/threat-register/cases')).json();
    expect(list.organisations.map((o) => o.id).sort()).toEqual([committeeA, committeeB].sort());
  });

  it('looks a reference up once, storing nothing but the audit entries', async () => {
    const cases = () =>
      idb()
        .selectFrom('threat_register_cases')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
    const before = await cases();
    const mark = await auditMark(db());
    const res = await workerA.request('POST', '/api/threat-register/lookup', {
      caseReference: 'ar-2026-0042',
    });
    expect(res.json()).toEqual({ warnings: [] }); // "AR" is not "ÄR": no fuzzy matching of identities
    const hit = await workerA.request('POST', '/api/threat-register/lookup', {
      caseReference: 'ÄR 2026-0042',
    });
    expect(hit.statusCode, hit.body).toBe(200);
    expect(hit.json().warnings.map((w: { entryId: string }) => w.entryId)).toEqual([threatEntryId]);
    expect(await cases()).toEqual(before);
    const audit = await auditSince(db(), mark);
    expect(audit.map((a) => [a.action, a.organisation_id, a.target_id])).toEqual([
      ['threat_register.lookup', committeeA, null],
      ['threat_register.lookup', committeeA, null],
      ['threat_register.matched', committeeA, threatEntryId],
    ]);
  });

  it("deletes a case worker's own case and answers 404 for another's", async () => {
    const mine = await register(workerA, { caseReference: 'KLIENT-XY-5150' });
    const others = await workerB.request('DELETE', `/api/threat-register/cases/${mine.id}`);
    expect(others.statusCode).toBe(404);
    const mark = await auditMark(db());
    const res = await workerA.request('DELETE', `/api/threat-register/cases/${mine.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(
      await idb().selectFrom('threat_register_cases').where('id', '=', mine.id).select('id').execute(),
    ).toEqual([]);
    expect((await auditSince(db(), mark)).map((a) => [a.action, a.target_id])).toEqual([
      ['threat_register.case_deleted', mine.id],
    ]);
  });

  it('shows the report to a case worker only once they have been granted access', async () => {
    await idb()
      .insertInto('incident_participants')
      .values({
        incident_id: threatIncidentId,
        user_id: caseWorkerA.id,
        role: 'granted',
        granted_by: coordinatorA.id,
        reason: 'Behöver veta',
      })
      .execute();
    const mine: ThreatCaseListResponse = (await workerA.request('GET', '/api/threat-register/cases')).json();
    expect(mine.items[0]!.warnings[0]!.incidentId).toBe(threatIncidentId);
    const theirs: ThreatCaseListResponse = (
      await workerA2.request('GET', '/api/threat-register/cases')
    ).json();
    expect(theirs.items[0]!.warnings[0]!.incidentId).toBeNull();
  });
});

describe('the case reference itself', () => {
  it('is found in no table and no log line, in any of the forms it was typed', async () => {
    const tables = await sql<{ name: string }>`
      SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
    `.execute(db());
    expect(tables.rows.length).toBeGreaterThan(20);
    const needles = [
      ...new Set(REFERENCES.flatMap((r) => [r, r.toUpperCase(), r.replace(/[\s-]/g, '').toUpperCase()])),
    ];
    for (const { name } of tables.rows) {
      for (const needle of needles) {
        const hits = await sql<{ n: string }>`
          SELECT count(*) AS n FROM ${sql.table(name)} AS x
          WHERE position(lower(${needle}) IN lower(x::text)) > 0
        `.execute(db());
        expect(Number(hits.rows[0]!.n), `${needle} found in ${name}`).toBe(0);
      }
    }
    expect(logged.length).toBeGreaterThan(1000);
    for (const needle of needles) expect(logged.toLowerCase()).not.toContain(needle.toLowerCase());
  });
});

describe('expiry', () => {
  it('stops warning once the configured period has passed since the event', async () => {
    const lookup = async () => {
      const client = await signIn(t.current, caseWorkerA.email); // the clock moves past sessions too
      const res = await client.request('POST', '/api/threat-register/lookup', { caseReference: 'ZZ-QQ-404' });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().warnings;
    };
    await reportThreat(committeeA, 'ZZ-QQ-404', new Date(t.current.clock.now().getTime() - 700 * DAY));
    expect(await lookup()).toHaveLength(1);
    t.current.clock.advance(40 * DAY);
    expect(await lookup()).toEqual([]);
  });
});
