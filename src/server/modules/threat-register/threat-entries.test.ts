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
import type { ThreatCase, ThreatEntry } from '../../../domain/api/threat-register.ts';
import { incidentsDb } from '../incidents/incidents.tables.ts';
import { hashCaseReference } from './threat-register.keys.ts';
import { recordThreat } from './threat-register.usecases.ts';

const t = useTestApp({ config: { threatRegisterKey: 'another-test-secret-for-the-register-0123456789' } });
const db = () => t.current.database.db;
const idb = () => incidentsDb(db());
const DAY = 86_400_000;

let committeeA: string;
let committeeB: string;
let coordinatorA: { id: string; email: string };
let caseWorkerA: { id: string; email: string };
let coordinator: Client;
let coordinatorOfB: Client;
let caseWorker: Client;

async function reportThreat(organisationId: string, caseReference: string, daysAgo = 10) {
  const occurredAt = new Date(t.current.clock.now().getTime() - daysAgo * DAY);
  const incident = await seedIncident(db(), { organisationId, typeCode: 'threat_employee', occurredAt });
  const type = await idb()
    .selectFrom('incidents')
    .select('type_id')
    .where('id', '=', incident.id)
    .executeTakeFirstOrThrow();
  await recordThreat(db(), t.current.deps, {
    caseReference,
    incidentId: incident.id,
    organisationId,
    typeId: type.type_id,
    occurredAt,
    createdBy: null,
  });
  const entry = await idb()
    .selectFrom('threat_register_entries')
    .select('id')
    .where('incident_id', '=', incident.id)
    .executeTakeFirstOrThrow();
  return { incidentId: incident.id, reference: incident.reference, entryId: entry.id };
}

async function entries(client = coordinator, query = ''): Promise<ThreatEntry[]> {
  const res = await client.request('GET', `/api/threat-register/entries${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

async function warningsFor(caseReference: string) {
  const res = await caseWorker.request('POST', '/api/threat-register/lookup', { caseReference });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().warnings as ThreatCase['warnings'];
}

beforeAll(async () => {
  committeeA = await createOrganisation(t.current, 'Socialnämnden', 'committee');
  committeeB = await createOrganisation(t.current, 'Stadsdelsnämnden Syd', 'committee');
  coordinatorA = await createUser(t.current, 'security_coordinator', committeeA, 'Sara Samordnare');
  caseWorkerA = await createUser(t.current, 'case_worker', committeeA, 'Hanna Handläggare');
  coordinator = await signIn(t.current, coordinatorA.email);
  coordinatorOfB = await signIn(
    t.current,
    (await createUser(t.current, 'security_coordinator', committeeB, 'Bo Samordnare')).email,
  );
  caseWorker = await signIn(t.current, caseWorkerA.email);
});

describe("the security coordinator's review of the register", () => {
  it("lists their organisations' entries with the case workers whose cases match, never a reference", async () => {
    const own = await reportThreat(committeeA, 'REV-1001');
    const other = await reportThreat(committeeB, 'REV-1001');
    const res = await caseWorker.request('POST', '/api/threat-register/cases', { caseReference: 'rev 1001' });
    expect(res.statusCode, res.body).toBe(201);
    const mark = await auditMark(db());
    const items = await entries();
    const entry = items.find((e) => e.id === own.entryId)!;
    expect(items.map((e) => e.id)).not.toContain(other.entryId);
    expect(entry).toMatchObject({
      organisationId: committeeA,
      organisationName: 'Socialnämnden',
      typeLabelSv: 'Hot mot anställd',
      incidentId: own.incidentId,
      incidentReference: own.reference,
      expired: false,
      note: null,
      matchedCases: [
        { caseId: res.json().id, userId: caseWorkerA.id, userName: 'Hanna Handläggare', granted: false },
      ],
    });
    expect(JSON.stringify(items)).not.toMatch(/REV|1001/i);
    expect((await auditSince(db(), mark)).map((a) => [a.action, a.actor_id, a.organisation_id])).toEqual([
      ['threat_register.entries_read', coordinatorA.id, committeeA],
    ]);
    expect((await entries(coordinatorOfB)).map((e) => e.id)).toEqual([other.entryId]);
    const refused = await coordinatorOfB.request(
      'GET',
      `/api/threat-register/entries?organisationId=${committeeA}`,
    );
    expect(refused.statusCode).toBe(403);
  });

  it('hides expired entries unless asked for them', async () => {
    const old = await reportThreat(committeeA, 'OLD-77', 800);
    expect((await entries()).map((e) => e.id)).not.toContain(old.entryId);
    const all = await entries(coordinator, '?includeExpired=true');
    expect(all.find((e) => e.id === old.entryId)).toMatchObject({ expired: true });
  });
});

describe('adding an entry from a report', () => {
  it('adds one from a threat report the coordinator handles, and the case worker is warned', async () => {
    const incident = await seedIncident(db(), { organisationId: committeeA, typeCode: 'violence_employee' });
    expect(await warningsFor('ADD-5')).toEqual([]);
    const mark = await auditMark(db());
    const res = await coordinator.request('POST', '/api/threat-register/entries', {
      caseReference: 'add-5',
      incidentId: incident.id,
      note: 'Klienten hotade vid besök',
    });
    expect(res.statusCode, res.body).toBe(201);
    const entry: ThreatEntry = res.json();
    expect(entry).toMatchObject({
      incidentId: incident.id,
      typeLabelSv: 'Våld mot anställd',
      note: 'Klienten hotade vid besök',
    });
    const stored = await idb()
      .selectFrom('threat_register_entries')
      .selectAll()
      .where('id', '=', entry.id)
      .executeTakeFirstOrThrow();
    expect(stored.case_ref_hmac).toBe(hashCaseReference(t.current.deps.config, 'ADD5'));
    expect(stored.created_by).toBe(coordinatorA.id);
    expect((await auditSince(db(), mark)).map((a) => [a.action, a.target_id, a.fields])).toEqual([
      [
        'threat_register.entry_created',
        entry.id,
        ['case_ref_hmac', 'incident_id', 'type_id', 'occurred_on', 'expires_at', 'note'],
      ],
    ]);
    expect((await warningsFor('ADD-5')).map((w) => w.entryId)).toEqual([entry.id]);
    const again = await coordinator.request('POST', '/api/threat-register/entries', {
      caseReference: 'ADD 5',
      incidentId: incident.id,
    });
    expect(again.statusCode).toBe(409);
  });

  it('refuses a report of a type outside the register, and another committee’s report, storing nothing', async () => {
    const count = async () =>
      (
        await idb()
          .selectFrom('threat_register_entries')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    const before = await count();
    const theft = await seedIncident(db(), { organisationId: committeeA, typeCode: 'theft' });
    const res = await coordinator.request('POST', '/api/threat-register/entries', {
      caseReference: 'NOPE-1',
      incidentId: theft.id,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([{ path: 'body.incidentId', message: expect.any(String) }]);
    const elsewhere = await seedIncident(db(), { organisationId: committeeB, typeCode: 'threat_employee' });
    const other = await coordinator.request('POST', '/api/threat-register/entries', {
      caseReference: 'NOPE-1',
      incidentId: elsewhere.id,
    });
    expect(other.statusCode).toBe(404);
    const blank = await coordinator.request('POST', '/api/threat-register/entries', {
      caseReference: ' - ',
      incidentId: elsewhere.id,
    });
    expect(blank.statusCode).toBe(400);
    expect(await count()).toBe(before);
  });
});

describe('correcting and deleting entries', () => {
  it('hashes a corrected reference again: the old one no longer matches, the new one does', async () => {
    const { entryId } = await reportThreat(committeeA, 'TYPO-12');
    expect(await warningsFor('TYPO-12')).toHaveLength(1);
    const mark = await auditMark(db());
    const res = await coordinator.request('PATCH', `/api/threat-register/entries/${entryId}`, {
      caseReference: 'TYPO-21',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await warningsFor('TYPO-12')).toEqual([]);
    expect((await warningsFor('typo 21')).map((w) => w.entryId)).toEqual([entryId]);
    const audit = await auditSince(db(), mark);
    expect(audit[0]).toMatchObject({
      action: 'threat_register.entry_updated',
      actor_id: coordinatorA.id,
      target_id: entryId,
      fields: ['case_ref_hmac'],
    });
    expect(JSON.stringify(audit)).not.toMatch(/TYPO/i);
  });

  it('moves the expiry with a corrected date, and refuses a future date or an expiry before the event', async () => {
    const { entryId } = await reportThreat(committeeA, 'DATE-3');
    const res = await coordinator.request('PATCH', `/api/threat-register/entries/${entryId}`, {
      occurredOn: '2025-06-15',
      note: 'Datum rättat',
    });
    expect(res.statusCode, res.body).toBe(200);
    const entry: ThreatEntry = res.json();
    expect(entry).toMatchObject({ occurredOn: '2025-06-15', note: 'Datum rättat' });
    expect(entry.expiresAt).toBe('2027-06-14T22:00:00.000Z'); // midnight in Stockholm, 24 months on

    const expiresAt = '2028-01-01T00:00:00.000Z';
    const later = await coordinator.request('PATCH', `/api/threat-register/entries/${entryId}`, {
      expiresAt,
    });
    expect(later.json().expiresAt).toBe(expiresAt);

    const mark = await auditMark(db());
    const future = await coordinator.request('PATCH', `/api/threat-register/entries/${entryId}`, {
      occurredOn: '2999-01-01',
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details[0].path).toBe('body.occurredOn');
    const before = await coordinator.request('PATCH', `/api/threat-register/entries/${entryId}`, {
      expiresAt: '2025-06-01T00:00:00Z',
      note: 'Ska inte sparas',
    });
    expect(before.statusCode).toBe(400);
    expect(before.json().error.details[0].path).toBe('body.expiresAt');
    expect(await auditSince(db(), mark)).toEqual([]);
    const stored = await idb()
      .selectFrom('threat_register_entries')
      .select(['note', 'expires_at'])
      .where('id', '=', entryId)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ note: 'Datum rättat', expires_at: new Date(expiresAt) });
  });

  it("deletes an entry, after which no one is warned; another committee's coordinator gets 404", async () => {
    const { entryId } = await reportThreat(committeeA, 'DEL-9');
    const other = await coordinatorOfB.request('DELETE', `/api/threat-register/entries/${entryId}`);
    expect(other.statusCode).toBe(404);
    const otherPatch = await coordinatorOfB.request('PATCH', `/api/threat-register/entries/${entryId}`, {
      note: 'x',
    });
    expect(otherPatch.statusCode).toBe(404);
    expect(await warningsFor('DEL-9')).toHaveLength(1);
    const mark = await auditMark(db());
    const res = await coordinator.request('DELETE', `/api/threat-register/entries/${entryId}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(await warningsFor('DEL-9')).toEqual([]);
    expect((await auditSince(db(), mark))[0]).toMatchObject({
      action: 'threat_register.entry_deleted',
      target_id: entryId,
      organisation_id: committeeA,
    });
  });
});

describe('granting a matched case worker access to the report', () => {
  it('puts them on the need-to-know list with who granted it and why, tells them, and shows them the report', async () => {
    const { entryId, incidentId } = await reportThreat(committeeA, 'GRANT-4');
    const registered = await caseWorker.request('POST', '/api/threat-register/cases', {
      caseReference: 'GRANT-4',
    });
    const caseId: string = registered.json().id;
    expect(registered.json().warnings[0].incidentId).toBeNull();

    const mark = await auditMark(db());
    const res = await coordinator.request('POST', `/api/threat-register/entries/${entryId}/grants`, {
      caseId,
      reason: 'Ska träffa klienten nästa vecka',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().matchedCases).toEqual([expect.objectContaining({ caseId, granted: true })]);

    const participant = await idb()
      .selectFrom('incident_participants')
      .selectAll()
      .where('incident_id', '=', incidentId)
      .where('user_id', '=', caseWorkerA.id)
      .executeTakeFirstOrThrow();
    expect(participant).toMatchObject({
      role: 'granted',
      granted_by: coordinatorA.id,
      reason: 'Ska träffa klienten nästa vecka',
    });
    const notices = await idb()
      .selectFrom('notifications')
      .select(['kind', 'incident_id'])
      .where('user_id', '=', caseWorkerA.id)
      .execute();
    expect(notices).toEqual([{ kind: 'incident.access_granted', incident_id: incidentId }]);
    const events = await idb()
      .selectFrom('incident_events')
      .select(['kind', 'actor_id', 'visibility'])
      .where('incident_id', '=', incidentId)
      .execute();
    expect(events).toEqual([{ kind: 'access_granted', actor_id: coordinatorA.id, visibility: 'internal' }]);
    expect((await auditSince(db(), mark)).map((a) => [a.action, a.target_type, a.target_id])).toEqual([
      ['threat_register.access_granted', 'incident', incidentId],
    ]);
    expect((await warningsFor('GRANT-4'))[0]!.incidentId).toBe(incidentId);
  });

  it('refuses a case that does not match the entry, and an entry of another committee', async () => {
    const { entryId } = await reportThreat(committeeA, 'MATCH-1');
    const unrelated = await caseWorker.request('POST', '/api/threat-register/cases', {
      caseReference: 'MATCH-2',
    });
    const matching = await caseWorker.request('POST', '/api/threat-register/cases', {
      caseReference: 'MATCH-1',
    });
    const mark = await auditMark(db());
    const res = await coordinator.request('POST', `/api/threat-register/entries/${entryId}/grants`, {
      caseId: unrelated.json().id,
      reason: 'Fel ärende',
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('threat_register.case_not_matched');
    const other = await coordinatorOfB.request('POST', `/api/threat-register/entries/${entryId}/grants`, {
      caseId: matching.json().id,
      reason: 'Inte min nämnd',
    });
    expect(other.statusCode).toBe(404);
    expect(await auditSince(db(), mark)).toEqual([]);
    const granted = await idb()
      .selectFrom('incident_participants')
      .select('user_id')
      .where('user_id', '=', caseWorkerA.id)
      .where('role', '=', 'granted')
      .execute();
    expect(granted).toHaveLength(1); // only the grant of the previous test
  });
});
