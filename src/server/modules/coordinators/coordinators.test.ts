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
import type {
  ComplianceListResponse,
  CoordinatorAssignment,
  OrganisationCompliance,
  OrganisationComplianceDetail,
} from '../../../domain/api/coordinators.ts';
import type { Role } from '../../../domain/roles.ts';
import { syncCoordinatorRoles } from './coordinators.usecases.ts';
import { addDays, swedishDate } from './dates.ts';

const t = useTestApp();
const DAY = 86_400_000;

let committeeA: string;
let committeeB: string;
let cityAdmin: Client;
/** The administrator of committee A (not of the municipality). */
let adminA: Client;
let adminAUser: { id: string; email: string };

const today = () => swedishDate(t.current.deps.now());
const db = () => t.current.database.db;

beforeAll(async () => {
  t.current.clock.current = new Date('2026-03-02T08:00:00Z');
  committeeA = await createOrganisation(t.current, 'Nämnd A', 'committee');
  committeeB = await createOrganisation(t.current, 'Nämnd B', 'committee');
  cityAdmin = await signIn(t.current, ADMIN_EMAIL, ADMIN_PASSWORD);
  adminAUser = await createUser(t.current, 'administrator', committeeA, 'Admin A');
  adminA = await signIn(t.current, adminAUser.email);
});

/** Moves the clock by whole days and signs the clients in again (their sessions have expired). */
async function moveDays(days: number): Promise<void> {
  t.current.clock.advance(days * DAY);
  cityAdmin = await signIn(t.current, ADMIN_EMAIL, ADMIN_PASSWORD);
  adminA = await signIn(t.current, adminAUser.email);
}

async function signInWith(role: Role, organisationId: string): Promise<Client> {
  return signIn(t.current, (await createUser(t.current, role, organisationId)).email);
}

async function compliance(client: Client = cityAdmin): Promise<ComplianceListResponse> {
  const res = await client.request('GET', '/api/compliance');
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function complianceOf(
  organisationId: string,
  client: Client = cityAdmin,
): Promise<OrganisationCompliance> {
  const item = (await compliance(client)).items.find((i) => i.organisation.id === organisationId);
  if (!item) throw new Error(`organisation ${organisationId} is not in the compliance list`);
  return item;
}

async function detail(
  organisationId: string,
  client: Client = cityAdmin,
): Promise<OrganisationComplianceDetail> {
  const res = await client.request('GET', `/api/compliance/${organisationId}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function assign(
  body: {
    organisationId: string;
    userId: string;
    function?: string;
    deputy?: boolean;
    startsOn?: string;
    endsOn?: string | null;
  },
  client: Client = cityAdmin,
): Promise<CoordinatorAssignment> {
  const res = await client.request('POST', '/api/coordinator-assignments', {
    function: 'security_coordinator',
    startsOn: today(),
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function rolesOf(userId: string) {
  return db()
    .selectFrom('user_roles')
    .select(['organisation_id', 'role', 'source'])
    .where('user_id', '=', userId)
    .orderBy('role')
    .execute();
}

const newCompany = (name: string, parent = committeeA) =>
  createOrganisation(t.current, name, 'company', parent);
const newPerson = (organisationId = committeeA) => createUser(t.current, 'employee', organisationId);

describe('required functions', () => {
  it('requires by default a security and a crime-prevention coordinator of every committee and company', async () => {
    const res = await cityAdmin.request('GET', '/api/coordinator-requirements');
    expect(res.statusCode, res.body).toBe(200);
    const cityRules = res
      .json()
      .items.filter((r: { organisationId: string | null }) => r.organisationId === null)
      .map((r: { organisationKind: string; function: string }) => `${r.organisationKind}:${r.function}`)
      .sort();
    expect(cityRules).toEqual([
      'committee:crime_prevention_coordinator',
      'committee:security_coordinator',
      'company:crime_prevention_coordinator',
      'company:security_coordinator',
    ]);

    const company = await newCompany('Krav AB');
    const item = await complianceOf(company);
    expect(item.functions.map((f) => f.function)).toEqual([
      'security_coordinator',
      'crime_prevention_coordinator',
    ]);
    // The executive board and the municipality have no required functions, so they are not listed.
    const ids = (await compliance()).items.map((i) => i.organisation.id);
    expect(ids).not.toContain(t.current.boardId);
    expect(ids).not.toContain(t.current.rootId);
  });

  it("lets the city's administrator require a function of a kind city-wide, audited; a duplicate is 409", async () => {
    const unit = await createOrganisation(t.current, 'Enhet Stad', 'company', committeeB);
    await db()
      .updateTable('organisations')
      .set({ kind: 'unit' as never })
      .where('id', '=', unit)
      .execute();
    expect((await compliance()).items.map((i) => i.organisation.id)).not.toContain(unit);

    const mark = await auditMark(db());
    const body = { organisationKind: 'unit', function: 'security_coordinator' };
    const res = await cityAdmin.request('POST', '/api/coordinator-requirements', body);
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ organisationId: null, organisationKind: 'unit', can: { delete: true } });
    expect(await auditSince(db(), mark)).toEqual([
      expect.objectContaining({
        action: 'coordinator_requirement.created',
        organisation_id: t.current.rootId,
        target_id: created.id,
        fields: ['organisation_id', 'organisation_kind', 'function'],
      }),
    ]);
    expect((await complianceOf(unit)).functions.map((f) => f.function)).toEqual(['security_coordinator']);

    const again = await cityAdmin.request('POST', '/api/coordinator-requirements', body);
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().error.code).toBe('coordinators.requirement_exists');

    const removed = await cityAdmin.request('DELETE', `/api/coordinator-requirements/${created.id}`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect((await compliance()).items.map((i) => i.organisation.id)).not.toContain(unit);
  });

  it("lets a committee's administrator add a requirement for its own subtree only, and not touch the city's", async () => {
    const ownUnit = await createOrganisation(t.current, 'Enhet A', 'company', committeeA);
    const otherUnit = await createOrganisation(t.current, 'Enhet B', 'company', committeeB);
    await db()
      .updateTable('organisations')
      .set({ kind: 'unit' as never })
      .where('id', 'in', [ownUnit, otherUnit])
      .execute();
    const res = await adminA.request('POST', '/api/coordinator-requirements', {
      organisationId: committeeA,
      organisationKind: 'unit',
      function: 'crime_prevention_coordinator',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ organisationId: committeeA, organisationName: 'Nämnd A' });
    expect((await complianceOf(ownUnit)).functions.map((f) => f.function)).toEqual([
      'crime_prevention_coordinator',
    ]);
    expect((await compliance()).items.map((i) => i.organisation.id)).not.toContain(otherUnit);

    const cityWide = await adminA.request('POST', '/api/coordinator-requirements', {
      organisationKind: 'unit',
      function: 'security_coordinator',
    });
    expect(cityWide.statusCode, cityWide.body).toBe(403);
    const rules = (await adminA.request('GET', '/api/coordinator-requirements')).json().items;
    const cityRule = rules.find((r: { organisationId: string | null }) => r.organisationId === null);
    expect(cityRule.can).toEqual({ delete: false });
    const refused = await adminA.request('DELETE', `/api/coordinator-requirements/${cityRule.id}`);
    expect(refused.statusCode).toBe(403);
  });
});

describe('the compliance view', () => {
  it('lists an organisation without coordinators as missing both today, first, with a status per function', async () => {
    const company = await newCompany('Saknar AB');
    const list = await compliance();
    expect(list.asOf).toBe(today());
    expect(list.horizonDays).toBe(30);
    const item = list.items.find((i) => i.organisation.id === company)!;
    expect(item).toMatchObject({
      organisation: { name: 'Saknar AB', kind: 'company', parentId: committeeA, parentName: 'Nämnd A' },
      status: 'missing',
      can: { assign: true },
    });
    expect(item.functions.map((f) => [f.function, f.status, f.gapFrom])).toEqual([
      ['security_coordinator', 'missing', today()],
      ['crime_prevention_coordinator', 'missing', today()],
    ]);
    // Missing before ending before covered.
    const order = list.items.map((i) => i.status);
    expect(
      [...order].sort(
        (a, b) => ['missing', 'ending', 'covered'].indexOf(a) - ['missing', 'ending', 'covered'].indexOf(b),
      ),
    ).toEqual(order);
    expect(list.summary.organisations).toBe(list.items.length);
    expect(list.summary.missing + list.summary.ending + list.summary.covered).toBe(list.items.length);
  });

  it('shows a term ending within 30 days with no successor as ending, and covered once a successor follows', async () => {
    const company = await newCompany('Slutar AB');
    const [holder, successor, crime] = [await newPerson(), await newPerson(), await newPerson()];
    await assign({ organisationId: company, userId: crime.id, function: 'crime_prevention_coordinator' });
    await assign({
      organisationId: company,
      userId: holder.id,
      startsOn: addDays(today(), -100),
      endsOn: addDays(today(), 10),
    });
    let item = await complianceOf(company);
    expect(item.status).toBe('ending');
    expect(item.functions[0]).toMatchObject({
      status: 'ending',
      holder: { userId: holder.id, endsOn: addDays(today(), 10), state: 'current' },
      gapFrom: addDays(today(), 11),
      next: null,
    });

    // A successor who starts a day late still leaves a gap…
    const late = await assign({
      organisationId: company,
      userId: successor.id,
      startsOn: addDays(today(), 12),
    });
    item = await complianceOf(company);
    expect(item.functions[0]).toMatchObject({
      status: 'ending',
      gapFrom: addDays(today(), 11),
      next: { id: late.id },
    });
    // …one who starts the day after does not.
    const moved = await cityAdmin.request('PATCH', `/api/coordinator-assignments/${late.id}`, {
      startsOn: addDays(today(), 11),
    });
    expect(moved.statusCode, moved.body).toBe(200);
    item = await complianceOf(company);
    expect(item.status).toBe('covered');
    expect(item.functions[0]).toMatchObject({ status: 'covered', gapFrom: null });
  });

  it('follows the clock: a term that has ended leaves the function missing', async () => {
    const company = await newCompany('Tiden AB');
    const holder = await newPerson();
    await assign({ organisationId: company, userId: holder.id, endsOn: addDays(today(), 5) });
    expect((await complianceOf(company)).functions[0]!.status).toBe('ending');
    await moveDays(6);
    expect((await complianceOf(company)).functions[0]).toMatchObject({
      status: 'missing',
      holder: null,
      gapFrom: today(),
    });
    const history = (await detail(company)).history;
    expect(history).toEqual([expect.objectContaining({ userId: holder.id, state: 'ended' })]);
  });

  it('does not count a deputy, or a holder whose account is disabled, as holding the function', async () => {
    const company = await newCompany('Ersättare AB');
    const [deputy, holder] = [await newPerson(), await newPerson()];
    await assign({ organisationId: company, userId: deputy.id, deputy: true });
    let fn = (await complianceOf(company)).functions[0]!;
    expect(fn).toMatchObject({
      status: 'missing',
      holder: null,
      deputies: [{ userId: deputy.id, deputy: true }],
    });

    await assign({ organisationId: company, userId: holder.id });
    expect((await complianceOf(company)).functions[0]!.status).toBe('covered');
    await db().updateTable('users').set({ disabled_at: new Date() }).where('id', '=', holder.id).execute();
    fn = (await complianceOf(company)).functions[0]!;
    expect(fn.status).toBe('missing');
    expect((await detail(company)).history).toEqual(
      expect.arrayContaining([expect.objectContaining({ userId: holder.id, userDisabled: true })]),
    );
  });

  it('counts only organisations in force today', async () => {
    const ended = await newCompany('Upphört AB');
    const future = await newCompany('Framtida AB');
    await db()
      .updateTable('organisations')
      .set({ valid_to: addDays(today(), -1) } as never)
      .where('id', '=', ended)
      .execute();
    await db()
      .updateTable('organisations')
      .set({ valid_from: addDays(today(), 1) } as never)
      .where('id', '=', future)
      .execute();
    const ids = (await compliance()).items.map((i) => i.organisation.id);
    expect(ids).not.toContain(ended);
    expect(ids).not.toContain(future);
    // Their history can still be read.
    expect((await detail(ended)).organisation.name).toBe('Upphört AB');
  });

  it("shows each organisation's leadership only their own organisations, and the city's analyst all", async () => {
    const ownCompany = await newCompany('Egen AB');
    const otherCompany = await newCompany('Annan AB', committeeB);
    const manager = await signInWith('manager', committeeA);
    const ids = (await compliance(manager)).items.map((i) => i.organisation.id);
    expect(ids).toEqual(expect.arrayContaining([committeeA, ownCompany]));
    expect(ids).not.toContain(committeeB);
    expect(ids).not.toContain(otherCompany);
    expect((await complianceOf(ownCompany, manager)).can).toEqual({ assign: false });
    for (const id of [committeeB, otherCompany, t.current.rootId]) {
      const res = await manager.request('GET', `/api/compliance/${id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('organisations.not_found');
    }

    const analyst = await signInWith('city_analyst', t.current.rootId);
    const all = (await compliance(analyst)).items.map((i) => i.organisation.id);
    expect(all).toEqual(expect.arrayContaining([committeeA, committeeB, ownCompany, otherCompany]));
    expect((await complianceOf(otherCompany, analyst)).can).toEqual({ assign: false });

    const employee = await signInWith('employee', committeeA);
    expect((await employee.request('GET', '/api/compliance')).statusCode).toBe(403);
  });

  it('keeps the history of who held each function when, newest term first', async () => {
    const company = await newCompany('Historik AB');
    const [first, second, third] = [await newPerson(), await newPerson(), await newPerson()];
    await assign({ organisationId: company, userId: first.id, startsOn: '2024-01-01', endsOn: '2025-06-30' });
    await assign({
      organisationId: company,
      userId: second.id,
      startsOn: '2025-07-01',
      endsOn: addDays(today(), 20),
    });
    await assign({ organisationId: company, userId: third.id, startsOn: addDays(today(), 21) });
    const d = await detail(company);
    expect(d.history.map((a) => [a.userId, a.state, a.startsOn, a.endsOn])).toEqual([
      [third.id, 'upcoming', addDays(today(), 21), null],
      [second.id, 'current', '2025-07-01', addDays(today(), 20)],
      [first.id, 'ended', '2024-01-01', '2025-06-30'],
    ]);
    expect(d.functions[0]).toMatchObject({
      status: 'covered',
      holder: { userId: second.id },
      next: { userId: third.id },
    });
    expect(d.functions[1]).toMatchObject({ function: 'crime_prevention_coordinator', status: 'missing' });
    expect(d.status).toBe('missing');
  });
});

describe('assigning coordinators', () => {
  it('assigns a person, grants the role in the organisation while the term runs, and audits field names only', async () => {
    const company = await newCompany('Tilldelning AB');
    const person = await newPerson();
    const mark = await auditMark(db());
    const res = await cityAdmin.request(
      'POST',
      '/api/coordinator-assignments',
      { organisationId: company, userId: person.id, function: 'security_coordinator', startsOn: today() },
      { 'x-request-id': 'req-assign-coordinator-1' },
    );
    expect(res.statusCode, res.body).toBe(201);
    const created: CoordinatorAssignment = res.json();
    expect(created).toMatchObject({
      organisationId: company,
      userId: person.id,
      deputy: false,
      startsOn: today(),
      endsOn: null,
      state: 'current',
      can: { update: true, end: true, delete: false },
    });
    const entries = await auditSince(db(), mark);
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'coordinator_assignment.created',
        organisation_id: company,
        target_type: 'coordinator_assignment',
        target_id: created.id,
        fields: ['organisation_id', 'function', 'user_id', 'is_deputy', 'starts_on', 'ends_on'],
        request_id: 'req-assign-coordinator-1',
      }),
      expect.objectContaining({
        action: 'user.role_granted',
        organisation_id: company,
        target_type: 'user',
        target_id: person.id,
        fields: ['roles'],
      }),
    ]);
    expect(JSON.stringify(entries)).not.toContain(person.email);
    expect(await rolesOf(person.id)).toEqual(
      expect.arrayContaining([
        { organisation_id: company, role: 'security_coordinator', source: 'assignment' },
      ]),
    );
    // The new coordinator can now see their organisation's compliance.
    const coordinator = await signIn(t.current, person.email);
    expect((await compliance(coordinator)).items.map((i) => i.organisation.id)).toContain(company);
  });

  it('grants the role to deputies too, and only when the term starts; ending the term takes it away', async () => {
    const company = await newCompany('Framtid AB');
    const deputy = await newPerson();
    const created = await assign({
      organisationId: company,
      userId: deputy.id,
      deputy: true,
      function: 'crime_prevention_coordinator',
      startsOn: addDays(today(), 3),
      endsOn: addDays(today(), 10),
    });
    expect(created.state).toBe('upcoming');
    const has = async () =>
      (await rolesOf(deputy.id)).some(
        (r) => r.organisation_id === company && r.role === 'crime_prevention_coordinator',
      );
    expect(await has()).toBe(false);

    await moveDays(3);
    expect((await syncCoordinatorRoles({ deps: t.current.deps })).granted).toBeGreaterThanOrEqual(1);
    expect(await has()).toBe(true);
    // Idempotent: a second run finds nothing to do.
    expect(await syncCoordinatorRoles({ deps: t.current.deps })).toEqual({ granted: 0, revoked: 0 });

    await moveDays(8);
    const mark = await auditMark(db());
    expect((await syncCoordinatorRoles({ deps: t.current.deps })).revoked).toBeGreaterThanOrEqual(1);
    expect(await has()).toBe(false);
    expect((await auditSince(db(), mark)).filter((e) => e.target_id === deputy.id)).toEqual([
      expect.objectContaining({
        action: 'user.role_revoked',
        actor_id: null,
        organisation_id: company,
        fields: ['roles'],
      }),
    ]);
  });

  it('ends an assignment by giving it an end date; ended today or before, the role goes at once', async () => {
    const company = await newCompany('Avslut AB');
    const person = await newPerson();
    const created = await assign({
      organisationId: company,
      userId: person.id,
      startsOn: addDays(today(), -30),
    });
    const mark = await auditMark(db());
    const res = await cityAdmin.request('PATCH', `/api/coordinator-assignments/${created.id}`, {
      endsOn: addDays(today(), -1),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ endsOn: addDays(today(), -1), state: 'ended', can: { end: false } });
    expect((await auditSince(db(), mark)).map((e) => [e.action, e.fields])).toEqual([
      ['coordinator_assignment.updated', ['ends_on']],
      ['user.role_revoked', ['roles']],
    ]);
    expect(await rolesOf(person.id)).toEqual([
      { organisation_id: committeeA, role: 'employee', source: 'manual' },
    ]);
  });

  it('never takes away a role granted by hand when the assignment ends', async () => {
    const company = await newCompany('Manuell AB');
    const person = await createUser(t.current, 'security_coordinator', company);
    const created = await assign({
      organisationId: company,
      userId: person.id,
      startsOn: addDays(today(), -5),
    });
    const res = await cityAdmin.request('PATCH', `/api/coordinator-assignments/${created.id}`, {
      endsOn: addDays(today(), -1),
    });
    expect(res.statusCode, res.body).toBe(200);
    await syncCoordinatorRoles({ deps: t.current.deps });
    expect(await rolesOf(person.id)).toEqual([
      { organisation_id: company, role: 'security_coordinator', source: 'manual' },
    ]);
  });

  it('refuses overlapping holders with 409; a successor from the next day, or several deputies, are fine', async () => {
    const company = await newCompany('Överlapp AB');
    const [a, b, c, d] = [await newPerson(), await newPerson(), await newPerson(), await newPerson()];
    await assign({ organisationId: company, userId: a.id, endsOn: addDays(today(), 30) });
    const mark = await auditMark(db());
    const overlapping = await cityAdmin.request('POST', '/api/coordinator-assignments', {
      organisationId: company,
      function: 'security_coordinator',
      userId: b.id,
      startsOn: addDays(today(), 30),
    });
    expect(overlapping.statusCode, overlapping.body).toBe(409);
    expect(overlapping.json().error.code).toBe('coordinators.term_overlaps');
    // The same person as their own deputy at the same time.
    const self = await cityAdmin.request('POST', '/api/coordinator-assignments', {
      organisationId: company,
      function: 'security_coordinator',
      userId: a.id,
      deputy: true,
      startsOn: today(),
    });
    expect(self.statusCode, self.body).toBe(409);
    expect(await auditSince(db(), mark)).toEqual([]);

    await assign({ organisationId: company, userId: b.id, startsOn: addDays(today(), 31) });
    await assign({ organisationId: company, userId: c.id, deputy: true });
    await assign({ organisationId: company, userId: d.id, deputy: true });
    // Another function is another slot.
    await assign({ organisationId: company, userId: b.id, function: 'crime_prevention_coordinator' });
  });

  it('refuses an end before the start with 400 and the field path, on create and on change', async () => {
    const person = await newPerson();
    const bad = await cityAdmin.request('POST', '/api/coordinator-assignments', {
      organisationId: committeeA,
      function: 'crime_prevention_coordinator',
      userId: person.id,
      deputy: true,
      startsOn: today(),
      endsOn: addDays(today(), -1),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual([expect.objectContaining({ path: 'body.endsOn' })]);

    const created = await assign({ organisationId: committeeA, userId: person.id, deputy: true });
    const change = await cityAdmin.request('PATCH', `/api/coordinator-assignments/${created.id}`, {
      endsOn: addDays(today(), -1),
    });
    expect(change.statusCode).toBe(400);
    expect(change.json().error.details).toEqual([expect.objectContaining({ path: 'body.endsOn' })]);
    const empty = await cityAdmin.request('PATCH', `/api/coordinator-assignments/${created.id}`, {});
    expect(empty.statusCode).toBe(400);
  });

  it('refuses a disabled account (409), a person the caller cannot see or another organisation (404)', async () => {
    const disabled = await newPerson();
    await db().updateTable('users').set({ disabled_at: new Date() }).where('id', '=', disabled.id).execute();
    const body = (organisationId: string, userId: string) => ({
      organisationId,
      function: 'security_coordinator',
      userId,
      deputy: true,
      startsOn: today(),
    });
    const mark = await auditMark(db());
    const d = await cityAdmin.request('POST', '/api/coordinator-assignments', body(committeeA, disabled.id));
    expect(d.statusCode).toBe(409);
    expect(d.json().error.code).toBe('coordinators.user_disabled');
    const outsider = await newPerson(committeeB);
    const hidden = await adminA.request(
      'POST',
      '/api/coordinator-assignments',
      body(committeeA, outsider.id),
    );
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe('users.not_found');
    const elsewhere = await adminA.request(
      'POST',
      '/api/coordinator-assignments',
      body(committeeB, (await newPerson()).id),
    );
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.json().error.code).toBe('organisations.not_found');
    const unknown = await cityAdmin.request(
      'POST',
      '/api/coordinator-assignments',
      body(crypto.randomUUID(), (await newPerson()).id),
    );
    expect(unknown.statusCode).toBe(404);
    expect(await auditSince(db(), mark)).toEqual([]);
  });

  it('removes an assignment only before its term starts (audited); after that, 409', async () => {
    const person = await newPerson();
    const upcoming = await assign({
      organisationId: committeeA,
      userId: person.id,
      deputy: true,
      startsOn: addDays(today(), 1),
    });
    expect(upcoming.can).toEqual({ update: true, end: true, delete: true });
    const mark = await auditMark(db());
    const res = await cityAdmin.request('DELETE', `/api/coordinator-assignments/${upcoming.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect((await auditSince(db(), mark)).map((e) => e.action)).toEqual(['coordinator_assignment.deleted']);
    const gone = await cityAdmin.request('DELETE', `/api/coordinator-assignments/${upcoming.id}`);
    expect(gone.statusCode).toBe(404);

    const started = await assign({ organisationId: committeeA, userId: person.id, deputy: true });
    const refused = await cityAdmin.request('DELETE', `/api/coordinator-assignments/${started.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('coordinators.assignment_started');
  });
});

describe('keeping roles in step while the server runs', () => {
  it('brings roles in line with the assignments as soon as the server listens', async () => {
    const company = await newCompany('Lyssnar AB');
    const person = await newPerson();
    // A term entered behind the app's back (as if it had started overnight): no role yet.
    await db()
      .insertInto('coordinator_assignments')
      .values({
        organisation_id: company,
        function: 'security_coordinator',
        user_id: person.id,
        starts_on: today(),
        ends_on: null,
        created_by: null,
      })
      .execute();
    expect(await rolesOf(person.id)).toHaveLength(1);
    await t.current.app.listen({ port: 0, host: '127.0.0.1' });
    await expect
      .poll(async () => (await rolesOf(person.id)).map((r) => `${r.role}:${r.source}`))
      .toContain('security_coordinator:assignment');
  });
});
