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
import type { Organisation } from '../../../domain/api/organisations.ts';
import type { Role } from '../../../domain/roles.ts';
import { insertOrganisation, insertUnit } from './organisations.fixtures.ts';
import { structureDb } from './organisations.tables.ts';

const t = useTestApp();

let committeeA: string;
let committeeB: string;
let adminA: { id: string; email: string };
/** The administrator of committee A (not of the municipality). */
let admin: Client;
/** The administrator of the municipality. */
let cityAdmin: Client;
let n = 0;
const unique = (prefix: string) => `${prefix} ${++n}`;
const db = () => structureDb(t.current.database.db);

beforeAll(async () => {
  t.current.clock.current = new Date('2026-03-02T08:00:00Z');
  committeeA = await createOrganisation(t.current, 'Nämnd A', 'committee');
  committeeB = await createOrganisation(t.current, 'Nämnd B', 'committee');
  adminA = await createUser(t.current, 'administrator', committeeA, 'Admin A');
  admin = await signIn(t.current, adminA.email);
  cityAdmin = await signIn(t.current, ADMIN_EMAIL, ADMIN_PASSWORD);
});

/** A signed-in user holding each of `grants`. */
async function signInWith(...grants: [Role, string][]): Promise<Client> {
  const [first, ...rest] = grants;
  const user = await createUser(t.current, first![0], first![1]);
  for (const [role, organisationId] of rest) {
    await t.current.database.db
      .insertInto('user_roles')
      .values({ user_id: user.id, organisation_id: organisationId, role, granted_by: null })
      .execute();
  }
  return signIn(t.current, user.email);
}

async function list(client: Client, query = ''): Promise<Organisation[]> {
  const res = await client.request('GET', `/api/organisations${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

async function create(client: Client, body: Record<string, unknown>) {
  return client.request('POST', '/api/organisations', body);
}

async function expectError(
  res: { statusCode: number; body: string; json(): unknown },
  status: number,
  code: string,
) {
  expect(res.statusCode, res.body).toBe(status);
  expect((res.json() as { error: { code: string } }).error.code).toBe(code);
}

const row = (id: string) =>
  db().selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('creating an organisation', () => {
  it("creates one under a parent in the caller's reach, answers 201 and audits it", async () => {
    const mark = await auditMark(t.current.database.db);
    const body = { name: 'Trygghetsbolaget AB', kind: 'company', parentId: committeeA };
    const res = await admin.request('POST', '/api/organisations', body, {
      'x-request-id': 'req-create-org-01',
    });
    expect(res.statusCode, res.body).toBe(201);
    const created: Organisation = res.json();
    expect(created).toEqual({
      id: expect.any(String),
      name: 'Trygghetsbolaget AB',
      kind: 'company',
      parentId: committeeA,
      committeeType: null,
      code: null,
      validFrom: null,
      validTo: null,
      inForce: true,
      predecessors: [],
      successors: [],
      areas: [],
      can: { createChild: true, update: true, end: true, merge: true, split: true, assignAreas: false },
    });
    expect(await auditSince(t.current.database.db, mark)).toEqual([
      expect.objectContaining({
        action: 'organisation.created',
        actor_id: adminA.id,
        organisation_id: created.id,
        target_type: 'organisation',
        target_id: created.id,
        fields: ['name', 'kind', 'parent_id'],
        ip: '127.0.0.1',
        request_id: 'req-create-org-01',
      }),
    ]);

    expect((await list(admin)).map((o) => o.id)).toContain(created.id);
    expect((await admin.request('GET', `/api/organisations/${created.id}`)).json()).toEqual(created);
    // The new organisation lies within the committee, so it can have children of its own.
    const grandchild = await admin.request('POST', '/api/organisations', {
      name: 'Dotterbolaget AB',
      kind: 'company',
      parentId: created.id,
    });
    expect(grandchild.statusCode, grandchild.body).toBe(201);
    // …and its event reaches the committee's auditor.
    const auditor = await signInWith(['auditor', committeeA]);
    const events = (
      await auditor.request('GET', `/api/audit-events?action=organisation.created&targetId=${created.id}`)
    ).json().items;
    expect(events).toEqual([
      expect.objectContaining({ organisationId: created.id, requestId: 'req-create-org-01' }),
    ]);
  });

  it('stores committee type, code and validity, and audits the names of the fields given', async () => {
    const mark = await auditMark(t.current.database.db);
    const res = await create(cityAdmin, {
      name: 'Hägersten-Liljeholmens stadsdelsnämnd',
      kind: 'committee',
      committeeType: 'district',
      parentId: t.current.rootId,
      code: 'HL',
      validFrom: '2007-01-01',
      validTo: '2020-06-30',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      committeeType: 'district',
      code: 'HL',
      validFrom: '2007-01-01',
      validTo: '2020-06-30',
      inForce: false,
      can: { assignAreas: true },
    });
    expect((await auditSince(t.current.database.db, mark))[0]?.fields).toEqual([
      'name',
      'kind',
      'parent_id',
      'committee_type',
      'code',
      'valid_from',
      'valid_to',
    ]);
  });

  it("refuses a parent outside the caller's reach with 404, and creates nothing", async () => {
    const mark = await auditMark(t.current.database.db);
    for (const parentId of [committeeB, t.current.rootId, t.current.boardId, crypto.randomUUID()]) {
      const res = await admin.request('POST', '/api/organisations', {
        name: 'Utanför',
        kind: 'committee',
        parentId,
      });
      await expectError(res, 404, 'organisations.not_found');
    }
    expect(await auditSince(t.current.database.db, mark)).toEqual([]);
    const made = await db().selectFrom('organisations').select('id').where('name', '=', 'Utanför').execute();
    expect(made).toEqual([]);
  });

  it('refuses with 403 a parent the caller may see but not manage, or a caller who manages nothing', async () => {
    const mixed = await signInWith(['administrator', committeeA], ['employee', committeeB]);
    const employee = await signInWith(['employee', committeeA]);
    const mark = await auditMark(t.current.database.db);
    await expectError(
      await create(mixed, { name: 'Sedd', kind: 'company', parentId: committeeB }),
      403,
      'access.forbidden',
    );
    await expectError(
      await create(employee, { name: 'Egen', kind: 'company', parentId: committeeA }),
      403,
      'access.forbidden',
    );
    expect(await auditSince(t.current.database.db, mark)).toEqual([]);
  });

  it('refuses an invalid request with 400 and the field paths', async () => {
    const mark = await auditMark(t.current.database.db);
    const municipality = await create(admin, {
      name: 'Ny kommun',
      kind: 'municipality',
      parentId: committeeA,
    });
    expect(municipality.statusCode).toBe(400);
    expect(municipality.json().error.details).toEqual([expect.objectContaining({ path: 'body.kind' })]);
    const nameless = await create(admin, { name: '   ', kind: 'company', parentId: committeeA });
    expect(nameless.statusCode).toBe(400);
    expect(nameless.json().error.details).toEqual([expect.objectContaining({ path: 'body.name' })]);
    const badDate = await create(admin, {
      name: 'X',
      kind: 'unit',
      parentId: committeeA,
      validFrom: '2020-02-30',
    });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().error.details).toEqual([expect.objectContaining({ path: 'body.validFrom' })]);
    expect(await auditSince(t.current.database.db, mark)).toEqual([]);
  });

  it('places kinds only where they belong: committees under the municipality, nothing but units under a unit', async () => {
    const unit = await insertUnit(db(), unique('Enhet'), committeeA);
    const refused: [Client, Record<string, unknown>][] = [
      [
        admin,
        { name: 'Nämnd i nämnd', kind: 'committee', committeeType: 'specialist', parentId: committeeA },
      ],
      [admin, { name: 'Bolag i enhet', kind: 'company', parentId: unit }],
      [admin, { name: 'Kontor i enhet', kind: 'office', parentId: unit }],
      [cityAdmin, { name: 'Enhet direkt i kommunen', kind: 'unit', parentId: t.current.rootId }],
      [cityAdmin, { name: 'Kontor i kommunen', kind: 'office', parentId: t.current.rootId }],
      [cityAdmin, { name: 'Ny styrelse', kind: 'executive_board', parentId: t.current.boardId }],
    ];
    for (const [client, body] of refused)
      await expectError(await create(client, body), 400, 'organisations.invalid_parent');
    for (const [client, body] of [
      [admin, { name: unique('Enhet i enhet'), kind: 'unit', parentId: unit }],
      [admin, { name: unique('Förvaltning'), kind: 'office', parentId: committeeA }],
      [cityAdmin, { name: unique('Stadsledningskontoret'), kind: 'office', parentId: t.current.boardId }],
    ] as const)
      expect((await create(client, body)).statusCode).toBe(201);
  });

  it('needs a committee type for a committee, and refuses one for other kinds', async () => {
    await expectError(
      await create(cityAdmin, { name: 'Typlös nämnd', kind: 'committee', parentId: t.current.rootId }),
      400,
      'organisations.invalid_committee_type',
    );
    await expectError(
      await create(admin, {
        name: 'Typad enhet',
        kind: 'unit',
        committeeType: 'district',
        parentId: committeeA,
      }),
      400,
      'organisations.invalid_committee_type',
    );
  });

  it('refuses an end date before the start date', async () => {
    await expectError(
      await create(admin, {
        name: 'Baklänges',
        kind: 'unit',
        parentId: committeeA,
        validFrom: '2024-01-02',
        validTo: '2024-01-01',
      }),
      400,
      'organisations.invalid_dates',
    );
    // One day is a valid period.
    const oneDay = await create(admin, {
      name: unique('Endagars'),
      kind: 'unit',
      parentId: committeeA,
      validFrom: '2024-01-01',
      validTo: '2024-01-01',
    });
    expect(oneDay.statusCode, oneDay.body).toBe(201);
  });

  it("keeps a unit within its parent's validity", async () => {
    const parent = await insertOrganisation(db(), {
      name: unique('Tidsbegränsad'),
      kind: 'unit',
      parentId: committeeA,
      validFrom: '2020-01-01',
      validTo: '2022-12-31',
    });
    for (const dates of [
      { validFrom: '2019-12-31', validTo: '2021-01-01' },
      { validFrom: '2021-01-01', validTo: '2023-01-01' },
      { validFrom: '2021-01-01' },
    ])
      await expectError(
        await create(admin, { name: unique('Barn'), kind: 'unit', parentId: parent, ...dates }),
        409,
        'organisations.outside_parent_validity',
      );
    // A missing start is "not recorded", so it is not compared with the parent's start.
    for (const dates of [{ validTo: '2022-12-31' }, { validFrom: '2020-01-01', validTo: '2022-12-31' }])
      expect(
        (await create(admin, { name: unique('Barn'), kind: 'unit', parentId: parent, ...dates })).statusCode,
      ).toBe(201);
  });

  it('refuses a second organisation of the same name under the same parent at the same time, in any case', async () => {
    const name = unique('Socialtjänst');
    expect(
      (await create(admin, { name, kind: 'unit', parentId: committeeA, validTo: '2019-12-31' })).statusCode,
    ).toBe(201);
    await expectError(
      await create(admin, {
        name: name.toUpperCase(),
        kind: 'unit',
        parentId: committeeA,
        validFrom: '2019-12-31',
      }),
      409,
      'organisations.duplicate_name',
    );
    // …but once the first has ended, the name is free again, and another parent may use it any time.
    expect(
      (await create(admin, { name, kind: 'unit', parentId: committeeA, validFrom: '2020-01-01' })).statusCode,
    ).toBe(201);
    const unit = await insertUnit(db(), unique('Annan'), committeeA);
    expect((await create(admin, { name, kind: 'unit', parentId: unit })).statusCode).toBe(201);
  });

  it('refuses a code another organisation has, whatever the case', async () => {
    const code = `K${++n}`;
    expect(
      (await create(admin, { name: unique('Kodad'), kind: 'unit', parentId: committeeA, code })).statusCode,
    ).toBe(201);
    await expectError(
      await create(admin, {
        name: unique('Kodad'),
        kind: 'unit',
        parentId: committeeA,
        code: code.toLowerCase(),
      }),
      409,
      'organisations.code_taken',
    );
  });
});

describe('reading organisations', () => {
  it("lists only the organisations in the caller's reach", async () => {
    const child = await createOrganisation(t.current, 'Förvaltning A1', 'company', committeeA);
    const ids = (await list(admin)).map((o) => o.id);
    expect(ids).toEqual(expect.arrayContaining([committeeA, child]));
    for (const hidden of [committeeB, t.current.rootId, t.current.boardId]) expect(ids).not.toContain(hidden);

    const employeeOfB = await signInWith(['employee', committeeB]);
    expect((await list(employeeOfB)).map((o) => o.id)).toEqual([committeeB]);

    const all = await db().selectFrom('organisations').select('id').execute();
    expect((await list(cityAdmin)).map((o) => o.id).sort()).toEqual(all.map((o) => o.id).sort());
  });

  it("hides another organisation's record (404)", async () => {
    for (const id of [committeeB, t.current.rootId, crypto.randomUUID()]) {
      const res = await admin.request('GET', `/api/organisations/${id}`);
      await expectError(res, 404, 'organisations.not_found');
    }
  });

  it('lists the organisations in force on a day', async () => {
    const old = await insertOrganisation(db(), {
      name: unique('Gammal'),
      kind: 'unit',
      parentId: committeeA,
      validTo: '2019-12-31',
    });
    const future = await insertOrganisation(db(), {
      name: unique('Framtida'),
      kind: 'unit',
      parentId: committeeA,
      validFrom: '2030-01-01',
    });
    const in2019 = (await list(admin, '?on=2019-06-01')).map((o) => o.id);
    expect(in2019).toContain(old);
    expect(in2019).not.toContain(future);
    const in2030 = (await list(admin, '?on=2030-06-01')).map((o) => o.id);
    expect(in2030).toContain(future);
    expect(in2030).not.toContain(old);
    expect(in2030).toContain(committeeA);
    expect((await admin.request('GET', '/api/organisations?on=2030-13-01')).statusCode).toBe(400);
    const all = await list(admin);
    expect(all.find((o) => o.id === old)?.inForce).toBe(false);
    expect(all.find((o) => o.id === future)?.inForce).toBe(false);
  });

  it("answers with `can` reflecting the caller's rights: units of the committee, not the committee", async () => {
    const unit = await insertUnit(db(), unique('Enhet'), committeeA);
    const byId = (items: Organisation[]) => new Map(items.map((o) => [o.id, o.can]));
    const mine = byId(await list(admin));
    expect(mine.get(committeeA)).toMatchObject({
      createChild: true,
      update: false,
      end: false,
      merge: false,
    });
    expect(mine.get(unit)).toMatchObject({
      createChild: true,
      update: true,
      end: true,
      merge: true,
      split: true,
    });
    const employee = await signInWith(['employee', committeeA]);
    expect(byId(await list(employee)).get(unit)).toMatchObject({ createChild: false, update: false });
    const mixed = byId(await list(await signInWith(['administrator', committeeA], ['employee', committeeB])));
    expect(mixed.get(committeeA)).toMatchObject({ createChild: true });
    expect(mixed.get(committeeB)).toMatchObject({ createChild: false });
    expect(byId(await list(cityAdmin)).get(committeeA)).toMatchObject({ update: true, end: true });
  });
});

describe('changing an organisation', () => {
  const patch = (client: Client, id: string, body: Record<string, unknown>) =>
    client.request('PATCH', `/api/organisations/${id}`, body);

  it('renames and recodes a unit, auditing only the fields that changed', async () => {
    const unit = await insertUnit(db(), unique('Enhet'), committeeA);
    const mark = await auditMark(t.current.database.db);
    const res = await patch(admin, unit, { name: 'Omdöpt enhet', code: `OMD${++n}`, validFrom: null });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Omdöpt enhet' });
    expect(await auditSince(t.current.database.db, mark)).toEqual([
      expect.objectContaining({ action: 'organisation.updated', target_id: unit, fields: ['name', 'code'] }),
    ]);
    const again = await patch(admin, unit, { name: 'Omdöpt enhet' });
    expect(again.statusCode).toBe(200);
    expect(await auditSince(t.current.database.db, mark)).toHaveLength(1);
    expect((await patch(admin, unit, {})).statusCode).toBe(400);
  });

  it('lets a committee administrator change its units but not the committee (403)', async () => {
    await expectError(await patch(admin, committeeA, { name: 'Ny' }), 403, 'access.forbidden');
    await expectError(await patch(admin, committeeB, { name: 'Ny' }), 404, 'organisations.not_found');
    const res = await patch(cityAdmin, committeeA, { committeeType: 'specialist' });
    expect(res.statusCode, res.body).toBe(200);
    await expectError(
      await patch(cityAdmin, t.current.rootId, { name: 'Ny stad' }),
      409,
      'organisations.root_locked',
    );
  });

  it('moves a unit under another parent, refusing cycles and parents of the wrong kind', async () => {
    const top = await insertUnit(db(), unique('Topp'), committeeA);
    const middle = await insertUnit(db(), unique('Mitten'), top);
    const bottom = await insertUnit(db(), unique('Botten'), middle);
    await expectError(await patch(admin, top, { parentId: bottom }), 409, 'organisations.cycle');
    await expectError(await patch(admin, top, { parentId: top }), 409, 'organisations.cycle');
    const company = await insertOrganisation(db(), {
      name: unique('Bolag'),
      kind: 'company',
      parentId: committeeA,
    });
    await expectError(await patch(admin, company, { parentId: middle }), 400, 'organisations.invalid_parent');
    const mark = await auditMark(t.current.database.db);
    const moved = await patch(admin, bottom, { parentId: top });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().parentId).toBe(top);
    expect((await auditSince(t.current.database.db, mark))[0]?.fields).toEqual(['parent_id']);
  });

  it("refuses dates that would leave units beneath outside, or fall outside the parent's", async () => {
    const parent = await insertOrganisation(db(), {
      name: unique('Förälder'),
      kind: 'unit',
      parentId: committeeA,
      validFrom: '2020-01-01',
    });
    await insertOrganisation(db(), {
      name: unique('Barn'),
      kind: 'unit',
      parentId: parent,
      validFrom: '2021-01-01',
    });
    await expectError(
      await patch(admin, parent, { validTo: '2020-12-31' }),
      409,
      'organisations.children_outside_validity',
    );
    await expectError(
      await patch(admin, parent, { validFrom: '2022-01-01' }),
      409,
      'organisations.children_outside_validity',
    );
    await expectError(
      await patch(admin, parent, { validFrom: '2021-01-01', validTo: '2020-01-01' }),
      400,
      'organisations.invalid_dates',
    );
    const child = await insertOrganisation(db(), {
      name: unique('Barn'),
      kind: 'unit',
      parentId: parent,
      validFrom: '2021-01-01',
    });
    await expectError(
      await patch(admin, child, { validFrom: '2019-01-01' }),
      409,
      'organisations.outside_parent_validity',
    );
  });
});

describe('ending an organisation', () => {
  const end = (client: Client, id: string, date: string) =>
    client.request('POST', `/api/organisations/${id}/end`, { date });

  it('ends it and every unit beneath that would run longer, on the same last day, audited', async () => {
    const unit = await insertUnit(db(), unique('Avvecklas'), committeeA);
    const child = await insertUnit(db(), unique('Barn'), unit);
    const endedEarlier = await insertOrganisation(db(), {
      name: unique('Tidigare'),
      kind: 'unit',
      parentId: unit,
      validTo: '2024-01-31',
    });
    const grandchild = await insertUnit(db(), unique('Barnbarn'), child);
    const mark = await auditMark(t.current.database.db);
    const res = await end(admin, unit, '2025-06-30');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ validTo: '2025-06-30', inForce: false });
    for (const id of [unit, child, grandchild]) expect((await row(id)).valid_to).toBe('2025-06-30');
    expect((await row(endedEarlier)).valid_to).toBe('2024-01-31');
    const events = await auditSince(t.current.database.db, mark);
    expect(events.map((e) => [e.action, e.target_id, e.fields])).toEqual([
      ['organisation.ended', unit, ['valid_to']],
      ['organisation.ended', child, ['valid_to']],
      ['organisation.ended', grandchild, ['valid_to']],
    ]);
  });

  it('refuses an end before the start, an organisation already ended by then, the municipality, and a committee to its own administrator', async () => {
    const unit = await insertOrganisation(db(), {
      name: unique('Kort'),
      kind: 'unit',
      parentId: committeeA,
      validFrom: '2024-01-01',
      validTo: '2024-12-31',
    });
    await expectError(await end(admin, unit, '2023-12-31'), 400, 'organisations.invalid_dates');
    await expectError(await end(admin, unit, '2025-01-01'), 409, 'organisations.already_ended');
    await expectError(await end(admin, unit, '2024-12-31'), 409, 'organisations.already_ended');
    expect((await end(admin, unit, '2024-06-30')).statusCode).toBe(200);
    await expectError(await end(admin, committeeA, '2030-01-01'), 403, 'access.forbidden');
    await expectError(await end(cityAdmin, t.current.rootId, '2030-01-01'), 409, 'organisations.root_locked');
  });

  it('refuses when a unit beneath only starts after the last day', async () => {
    const unit = await insertUnit(db(), unique('Förälder'), committeeA);
    await insertOrganisation(db(), {
      name: unique('Planerad'),
      kind: 'unit',
      parentId: unit,
      validFrom: '2031-01-01',
    });
    await expectError(await end(admin, unit, '2030-12-31'), 409, 'organisations.descendant_starts_later');
    expect((await row(unit)).valid_to).toBeNull();
  });
});
