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
import {
  insertArea,
  insertOrganisation,
  insertResponsibility,
  insertUnit,
} from './organisations.fixtures.ts';
import { structureDb } from './organisations.tables.ts';
import {
  findCurrentSuccessors,
  findOrganisationsInForceOn,
  findResponsibleOrganisation,
  listOrganisationsInForceOn,
  mapToCurrentSuccessors,
} from './organisations.usecases.ts';

const t = useTestApp();

let committeeA: string;
let adminA: Client;
let cityAdmin: Client;
let n = 0;
const unique = (prefix: string) => `${prefix} ${++n}`;
const db = () => structureDb(t.current.database.db);
const row = (id: string) =>
  db().selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const names = (rows: { name: string }[]) => rows.map((r) => r.name);

beforeAll(async () => {
  t.current.clock.current = new Date('2026-03-02T08:00:00Z');
  committeeA = await createOrganisation(t.current, 'Nämnd A', 'committee');
  adminA = await signIn(t.current, (await createUser(t.current, 'administrator', committeeA)).email);
  cityAdmin = await signIn(t.current, ADMIN_EMAIL, ADMIN_PASSWORD);
});

function district(name: string, code: string, validFrom: string | null = '2007-01-01') {
  return insertOrganisation(db(), {
    name,
    kind: 'committee',
    committeeType: 'district',
    parentId: t.current.rootId,
    code,
    validFrom,
  });
}

async function expectError(
  res: { statusCode: number; body: string; json(): unknown },
  status: number,
  code: string,
) {
  expect(res.statusCode, res.body).toBe(status);
  expect((res.json() as { error: { code: string } }).error.code).toBe(code);
}

const merge = (client: Client, body: Record<string, unknown>) =>
  client.request('POST', '/api/organisations/merge', body);
const split = (client: Client, id: string, body: Record<string, unknown>) =>
  client.request('POST', `/api/organisations/${id}/split`, body);

describe('merging organisations', () => {
  it('merges Hägersten-Liljeholmen and Älvsjö into Hägersten-Älvsjö on 2020-07-01, keeping history readable', async () => {
    const hl = await district('Hägersten-Liljeholmens stadsdelsnämnd', 'HL');
    const alv = await district('Älvsjö stadsdelsnämnd', 'ALV');
    const hlUnit = await insertUnit(db(), 'Äldreomsorg HL', hl);
    const hagersten = await insertArea(db(), 'Hägersten-Liljeholmen');
    const alvsjo = await insertArea(db(), 'Älvsjö');
    await insertResponsibility(db(), { organisationId: hl, areaId: hagersten, validFrom: '2007-01-01' });
    await insertResponsibility(db(), { organisationId: alv, areaId: alvsjo, validFrom: '2007-01-01' });

    const mark = await auditMark(t.current.database.db);
    const res = await merge(cityAdmin, {
      organisationIds: [hl, alv],
      date: '2020-07-01',
      name: 'Hägersten-Älvsjö stadsdelsnämnd',
      code: 'HAL',
    });
    expect(res.statusCode, res.body).toBe(201);
    const successor: Organisation = res.json();
    expect(successor).toMatchObject({
      name: 'Hägersten-Älvsjö stadsdelsnämnd',
      kind: 'committee',
      committeeType: 'district',
      parentId: t.current.rootId,
      code: 'HAL',
      validFrom: '2020-07-01',
      validTo: null,
      inForce: true,
      successors: [],
    });
    expect(successor.predecessors).toEqual([
      { id: hl, name: 'Hägersten-Liljeholmens stadsdelsnämnd', kind: 'merge', date: '2020-07-01' },
      { id: alv, name: 'Älvsjö stadsdelsnämnd', kind: 'merge', date: '2020-07-01' },
    ]);
    // The successor answers for both areas from the day of the merge.
    expect(successor.areas.map((a) => [a.areaName, a.validFrom, a.validTo])).toEqual([
      ['Hägersten-Liljeholmen', '2020-07-01', null],
      ['Älvsjö', '2020-07-01', null],
    ]);
    // Both predecessors (and their units) end the day before; their areas too.
    for (const id of [hl, alv, hlUnit]) expect((await row(id)).valid_to).toBe('2020-06-30');
    const before = (await cityAdmin.request('GET', `/api/organisations/${hl}`)).json() as Organisation;
    expect(before.successors).toEqual([
      { id: successor.id, name: 'Hägersten-Älvsjö stadsdelsnämnd', kind: 'merge', date: '2020-07-01' },
    ]);
    expect(before.areas.map((a) => [a.areaName, a.validFrom, a.validTo])).toEqual([
      ['Hägersten-Liljeholmen', '2007-01-01', '2020-06-30'],
    ]);

    const events = await auditSince(t.current.database.db, mark);
    expect(events.map((e) => [e.action, e.target_id])).toEqual(
      expect.arrayContaining([
        ['organisation.ended', hl],
        ['organisation.ended', hlUnit],
        ['organisation.ended', alv],
        ['organisation.merged', successor.id],
      ]),
    );
    expect(events.find((e) => e.target_id === hl)?.fields).toEqual(['valid_to', 'successors']);
    expect(events.find((e) => e.action === 'organisation.merged')?.fields).toEqual([
      'name',
      'kind',
      'parent_id',
      'committee_type',
      'code',
      'valid_from',
      'predecessors',
    ]);
    expect(events.filter((e) => e.action === 'organisation_area.ended')).toHaveLength(2);
    expect(events.filter((e) => e.action === 'organisation_area.created')).toHaveLength(2);

    // Figures by the organisation in force at the time, or by today's.
    const deps = t.current.deps;
    expect(
      names(await findOrganisationsInForceOn({ deps, organisationId: successor.id, day: '2019-05-01' })),
    ).toEqual(['Hägersten-Liljeholmens stadsdelsnämnd', 'Älvsjö stadsdelsnämnd']);
    expect(names(await findOrganisationsInForceOn({ deps, organisationId: hl, day: '2021-01-01' }))).toEqual([
      'Hägersten-Älvsjö stadsdelsnämnd',
    ]);
    expect(names(await findCurrentSuccessors({ deps, organisationId: alv }))).toEqual([
      'Hägersten-Älvsjö stadsdelsnämnd',
    ]);
    expect(names(await findCurrentSuccessors({ deps, organisationId: successor.id }))).toEqual([
      'Hägersten-Älvsjö stadsdelsnämnd',
    ]);
    expect(await mapToCurrentSuccessors({ deps, organisationIds: [hl, alv, hlUnit] })).toEqual(
      new Map([
        [hl, [successor.id]],
        [alv, [successor.id]],
        [hlUnit, []],
      ]),
    );
    const on2019 = names(await listOrganisationsInForceOn({ deps, day: '2019-05-01' }));
    expect(on2019).toEqual(
      expect.arrayContaining(['Hägersten-Liljeholmens stadsdelsnämnd', 'Älvsjö stadsdelsnämnd']),
    );
    expect(on2019).not.toContain('Hägersten-Älvsjö stadsdelsnämnd');
    expect(await findResponsibleOrganisation({ deps, areaId: alvsjo, day: '2020-06-30' })).toBe(alv);
    expect(await findResponsibleOrganisation({ deps, areaId: alvsjo, day: '2020-07-01' })).toBe(successor.id);
    expect(await findResponsibleOrganisation({ deps, areaId: alvsjo, day: '2006-12-31' })).toBeUndefined();

    // The dates a merge fixed cannot be edited away, and a predecessor cannot be merged again.
    await expectError(
      await cityAdmin.request('PATCH', `/api/organisations/${hl}`, { validTo: '2020-12-31' }),
      409,
      'organisations.history_locked',
    );
    await expectError(
      await cityAdmin.request('PATCH', `/api/organisations/${successor.id}`, { validFrom: '2020-01-01' }),
      409,
      'organisations.history_locked',
    );
    await expectError(
      await cityAdmin.request('POST', `/api/organisations/${hl}/end`, { date: '2020-01-01' }),
      409,
      'organisations.history_locked',
    );
    const other = await district(unique('Annan'), `X${++n}`);
    await expectError(
      await merge(cityAdmin, { organisationIds: [hl, other], date: '2020-07-01', name: unique('Igen') }),
      409,
      'organisations.already_succeeded',
    );
  });

  it('follows a chain of changes to today: merged, then merged again', async () => {
    const a = await district(unique('A'), `A${++n}`);
    const b = await district(unique('B'), `B${++n}`);
    const c = await district(unique('C'), `C${++n}`);
    const ab = (
      await merge(cityAdmin, { organisationIds: [a, b], date: '2015-01-01', name: unique('AB') })
    ).json().id;
    const abc = (
      await merge(cityAdmin, { organisationIds: [ab, c], date: '2022-01-01', name: unique('ABC') })
    ).json();
    const deps = t.current.deps;
    expect((await findCurrentSuccessors({ deps, organisationId: a })).map((o) => o.id)).toEqual([abc.id]);
    expect(
      (await findOrganisationsInForceOn({ deps, organisationId: abc.id, day: '2010-01-01' }))
        .map((o) => o.id)
        .sort(),
    ).toEqual([a, b, c].sort());
    expect(
      (await findOrganisationsInForceOn({ deps, organisationId: abc.id, day: '2016-01-01' }))
        .map((o) => o.id)
        .sort(),
    ).toEqual([ab, c].sort());
  });

  it('refuses organisations of different kinds, committee types or parents (move them first)', async () => {
    const districtOne = await district(unique('Stadsdel'), `D${++n}`);
    const specialist = await insertOrganisation(db(), {
      name: unique('Fack'),
      kind: 'committee',
      committeeType: 'specialist',
      parentId: t.current.rootId,
    });
    const company = await insertOrganisation(db(), {
      name: unique('Bolag'),
      kind: 'company',
      parentId: t.current.rootId,
    });
    const unitA = await insertUnit(db(), unique('Enhet'), committeeA);
    const unitB = await insertUnit(db(), unique('Enhet'), districtOne);
    const mark = await auditMark(t.current.database.db);
    for (const ids of [
      [districtOne, specialist],
      [specialist, company],
      [unitA, unitB],
    ])
      await expectError(
        await merge(cityAdmin, { organisationIds: ids, date: '2030-01-01', name: unique('Ny') }),
        409,
        'organisations.merge_mismatch',
      );
    expect(await auditSince(t.current.database.db, mark)).toEqual([]);
    expect((await row(districtOne)).valid_to).toBeNull();
  });

  it('refuses an organisation not in force the day before, the same one twice, and the municipality', async () => {
    const early = await insertOrganisation(db(), {
      name: unique('Tidig'),
      kind: 'unit',
      parentId: committeeA,
      validTo: '2019-12-31',
    });
    const late = await insertOrganisation(db(), {
      name: unique('Sen'),
      kind: 'unit',
      parentId: committeeA,
      validFrom: '2030-01-01',
    });
    const now = await insertUnit(db(), unique('Nu'), committeeA);
    for (const ids of [
      [early, now],
      [late, now],
    ])
      await expectError(
        await merge(adminA, { organisationIds: ids, date: '2025-01-01', name: unique('Ny') }),
        409,
        'organisations.not_in_force',
      );
    // Starting the day before is enough.
    const starts = await insertOrganisation(db(), {
      name: unique('Start'),
      kind: 'unit',
      parentId: committeeA,
      validFrom: '2024-12-31',
    });
    const other = await insertUnit(db(), unique('Övrig'), committeeA);
    expect(
      (await merge(adminA, { organisationIds: [starts, other], date: '2025-01-01', name: unique('Ny') }))
        .statusCode,
    ).toBe(201);
    await expectError(
      await merge(adminA, { organisationIds: [now, now], date: '2025-01-01', name: unique('Ny') }),
      400,
      'organisations.duplicate_ids',
    );
    await expectError(
      await merge(cityAdmin, {
        organisationIds: [t.current.rootId, now],
        date: '2025-01-01',
        name: unique('Ny'),
      }),
      409,
      'organisations.root_locked',
    );
  });

  it("lets a committee's administrator merge its units but not committees", async () => {
    const one = await insertUnit(db(), unique('Ett'), committeeA);
    const two = await insertUnit(db(), unique('Två'), committeeA);
    const res = await merge(adminA, {
      organisationIds: [one, two],
      date: '2025-01-01',
      name: unique('Båda'),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      kind: 'unit',
      parentId: committeeA,
      can: { update: true, createChild: true },
    });
    const x = await district(unique('X'), `X${++n}`);
    const y = await district(unique('Y'), `Y${++n}`);
    await expectError(
      await merge(adminA, { organisationIds: [x, y], date: '2025-01-01', name: unique('XY') }),
      404,
      'organisations.not_found',
    );
  });

  it('may give the successor the name of a predecessor, which ends the day before', async () => {
    const name = unique('Samma namn');
    const one = await insertOrganisation(db(), { name, kind: 'unit', parentId: committeeA });
    const two = await insertUnit(db(), unique('Två'), committeeA);
    expect((await merge(adminA, { organisationIds: [one, two], date: '2025-01-01', name })).statusCode).toBe(
      201,
    );
  });
});

describe('splitting an organisation', () => {
  it('splits a district committee into two that share out its areas; areas no one takes end', async () => {
    const whole = await district('Rinkeby-Kista stadsdelsnämnd', `RK${++n}`);
    const rinkeby = await insertArea(db(), unique('Rinkeby'));
    const kista = await insertArea(db(), unique('Kista'));
    const husby = await insertArea(db(), unique('Husby'));
    for (const areaId of [rinkeby, kista, husby])
      await insertResponsibility(db(), { organisationId: whole, areaId, validFrom: '2007-01-01' });
    const mark = await auditMark(t.current.database.db);
    const res = await split(cityAdmin, whole, {
      date: '2024-01-01',
      successors: [
        { name: 'Rinkeby stadsdelsnämnd', code: `R${++n}`, areaIds: [rinkeby] },
        { name: 'Kista stadsdelsnämnd', areaIds: [kista] },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const [r, k] = res.json().items as Organisation[];
    expect(r).toMatchObject({
      name: 'Rinkeby stadsdelsnämnd',
      kind: 'committee',
      committeeType: 'district',
      validFrom: '2024-01-01',
    });
    expect(r!.predecessors).toEqual([
      { id: whole, name: 'Rinkeby-Kista stadsdelsnämnd', kind: 'split', date: '2024-01-01' },
    ]);
    expect(r!.areas.map((a) => [a.areaId, a.validFrom])).toEqual([[rinkeby, '2024-01-01']]);
    expect(k!.areas.map((a) => a.areaId)).toEqual([kista]);
    expect((await row(whole)).valid_to).toBe('2023-12-31');
    const deps = t.current.deps;
    expect(await findResponsibleOrganisation({ deps, areaId: husby, day: '2024-01-01' })).toBeUndefined();
    expect(await findResponsibleOrganisation({ deps, areaId: husby, day: '2023-12-31' })).toBe(whole);
    expect((await findCurrentSuccessors({ deps, organisationId: whole })).map((o) => o.id).sort()).toEqual(
      [r!.id, k!.id].sort(),
    );
    // A split's siblings are not in each other's line.
    expect(
      (await findOrganisationsInForceOn({ deps, organisationId: r!.id, day: '2025-01-01' })).map((o) => o.id),
    ).toEqual([r!.id]);
    const events = await auditSince(t.current.database.db, mark);
    expect(
      events
        .filter((e) => e.action === 'organisation.split')
        .map((e) => e.target_id)
        .sort(),
    ).toEqual([r!.id, k!.id].sort());
  });

  it('refuses an area the organisation does not answer for, one area twice, and areas for a unit', async () => {
    const whole = await district(unique('Helhet'), `H${++n}`);
    const held = await insertArea(db(), unique('Eget'));
    const notHeld = await insertArea(db(), unique('Annat'));
    await insertResponsibility(db(), { organisationId: whole, areaId: held });
    const body = (areaIds: string[][]) => ({
      date: '2024-01-01',
      successors: areaIds.map((ids) => ({ name: unique('Del'), areaIds: ids })),
    });
    await expectError(
      await split(cityAdmin, whole, body([[notHeld], []])),
      409,
      'organisations.split_area_not_held',
    );
    await expectError(
      await split(cityAdmin, whole, body([[held], [held]])),
      400,
      'organisations.split_area_twice',
    );
    const unit = await insertUnit(db(), unique('Enhet'), committeeA);
    await expectError(
      await split(adminA, unit, body([[held], []])),
      409,
      'organisations.not_district_committee',
    );
    expect((await row(whole)).valid_to).toBeNull();
  });

  it('refuses successors with the same name, an ended organisation, and a committee to its own administrator', async () => {
    const unit = await insertUnit(db(), unique('Enhet'), committeeA);
    await expectError(
      await split(adminA, unit, { date: '2024-01-01', successors: [{ name: 'Del' }, { name: 'del' }] }),
      409,
      'organisations.duplicate_name',
    );
    expect((await row(unit)).valid_to).toBeNull();
    const ended = await insertOrganisation(db(), {
      name: unique('Slut'),
      kind: 'unit',
      parentId: committeeA,
      validTo: '2020-01-01',
    });
    await expectError(
      await split(adminA, ended, {
        date: '2024-01-01',
        successors: [{ name: unique('Del') }, { name: unique('Del') }],
      }),
      409,
      'organisations.not_in_force',
    );
    await expectError(
      await split(adminA, committeeA, {
        date: '2024-01-01',
        successors: [{ name: unique('Del') }, { name: unique('Del') }],
      }),
      403,
      'access.forbidden',
    );
    expect(
      (await split(adminA, unit, { date: '2024-01-01', successors: [{ name: 'Del' }] })).statusCode,
    ).toBe(400);
  });
});
