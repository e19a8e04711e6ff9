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
import type { AreaResponsibility } from '../../../domain/api/organisations.ts';
import {
  insertArea,
  insertOrganisation,
  insertResponsibility,
  insertUnit,
  makeDistrictCommittee,
} from './organisations.fixtures.ts';
import { structureDb } from './organisations.tables.ts';

const t = useTestApp();

let districtA: string;
let districtB: string;
let adminA: Client;
let cityAdmin: Client;
let n = 0;
const unique = (prefix: string) => `${prefix} ${++n}`;
const db = () => structureDb(t.current.database.db);

beforeAll(async () => {
  t.current.clock.current = new Date('2026-03-02T08:00:00Z');
  districtA = await createOrganisation(t.current, 'Stadsdelsnämnd A', 'committee');
  districtB = await createOrganisation(t.current, 'Stadsdelsnämnd B', 'committee');
  await makeDistrictCommittee(db(), districtA);
  await makeDistrictCommittee(db(), districtB);
  adminA = await signIn(t.current, (await createUser(t.current, 'administrator', districtA)).email);
  cityAdmin = await signIn(t.current, ADMIN_EMAIL, ADMIN_PASSWORD);
});

async function expectError(
  res: { statusCode: number; body: string; json(): unknown },
  status: number,
  code: string,
) {
  expect(res.statusCode, res.body).toBe(status);
  expect((res.json() as { error: { code: string } }).error.code).toBe(code);
}

const assign = (client: Client, organisationId: string, body: Record<string, unknown>) =>
  client.request('POST', `/api/organisations/${organisationId}/areas`, body);

describe("a district committee's responsibility for areas", () => {
  it('is assigned with dates, audited, and shown with the organisation', async () => {
    const areaId = await insertArea(db(), 'Skärholmen', 'SKH');
    const mark = await auditMark(t.current.database.db);
    const res = await assign(cityAdmin, districtA, { areaId, validFrom: '2020-01-01' });
    expect(res.statusCode, res.body).toBe(201);
    const created: AreaResponsibility = res.json();
    expect(created).toEqual({
      id: expect.any(String),
      organisationId: districtA,
      areaId,
      areaName: 'Skärholmen',
      areaCode: 'SKH',
      validFrom: '2020-01-01',
      validTo: null,
      can: { update: true, delete: true },
    });
    expect(await auditSince(t.current.database.db, mark)).toEqual([
      expect.objectContaining({
        action: 'organisation_area.created',
        organisation_id: districtA,
        target_type: 'organisation_area',
        target_id: created.id,
        fields: ['area_id', 'valid_from', 'valid_to'],
      }),
    ]);
    const org = (await adminA.request('GET', `/api/organisations/${districtA}`)).json();
    expect(org.areas).toEqual([created]);
    expect(org.can.assignAreas).toBe(true);
  });

  it('refuses overlapping responsibility for one area, from this committee or another, but allows consecutive periods', async () => {
    const areaId = await insertArea(db(), unique('Område'));
    expect(
      (await assign(cityAdmin, districtA, { areaId, validFrom: '2010-01-01', validTo: '2019-12-31' }))
        .statusCode,
    ).toBe(201);
    const mark = await auditMark(t.current.database.db);
    for (const [organisationId, period] of [
      [districtB, { validFrom: '2019-12-31' }],
      [districtB, {}],
      [districtA, { validFrom: '2005-01-01', validTo: '2010-01-01' }],
      [districtB, { validTo: '2015-06-01' }],
    ] as const) {
      const res = await assign(cityAdmin, organisationId, { areaId, ...period });
      await expectError(res, 409, 'organisations.area_overlap');
      expect(res.json().error.details).toEqual([
        { organisationId: districtA, validFrom: '2010-01-01', validTo: '2019-12-31' },
      ]);
    }
    expect(await auditSince(t.current.database.db, mark)).toEqual([]);
    expect((await assign(cityAdmin, districtB, { areaId, validFrom: '2020-01-01' })).statusCode).toBe(201);
    expect((await assign(cityAdmin, districtB, { areaId, validTo: '2009-12-31' })).statusCode).toBe(201);
  });

  it('is refused by the database too, whatever the application checks', async () => {
    const areaId = await insertArea(db(), unique('Område'));
    await insertResponsibility(db(), { organisationId: districtA, areaId, validFrom: '2020-01-01' });
    await expect(
      insertResponsibility(db(), {
        organisationId: districtB,
        areaId,
        validFrom: '2021-01-01',
        validTo: '2021-12-31',
      }),
    ).rejects.toMatchObject({ code: '23P01' });
  });

  it('belongs only to district committees, within their own validity, for an area that exists', async () => {
    const areaId = await insertArea(db(), unique('Område'));
    const specialist = await insertOrganisation(db(), {
      name: unique('Facknämnd'),
      kind: 'committee',
      committeeType: 'specialist',
      parentId: t.current.rootId,
    });
    const unit = await insertUnit(db(), unique('Enhet'), districtA);
    await expectError(
      await assign(cityAdmin, specialist, { areaId }),
      409,
      'organisations.not_district_committee',
    );
    await expectError(await assign(adminA, unit, { areaId }), 409, 'organisations.not_district_committee');
    await expectError(
      await assign(adminA, districtA, { areaId: crypto.randomUUID() }),
      404,
      'organisations.area_not_found',
    );
    await expectError(
      await assign(adminA, districtA, { areaId, validFrom: '2021-01-01', validTo: '2020-01-01' }),
      400,
      'organisations.invalid_dates',
    );
    const shortLived = await insertOrganisation(db(), {
      name: unique('Kortlivad'),
      kind: 'committee',
      committeeType: 'district',
      parentId: t.current.rootId,
      validFrom: '2020-01-01',
      validTo: '2020-12-31',
    });
    await expectError(
      await assign(cityAdmin, shortLived, { areaId }),
      409,
      'organisations.areas_outside_validity',
    );
    expect(
      (await assign(cityAdmin, shortLived, { areaId, validFrom: '2020-03-01', validTo: '2020-12-31' }))
        .statusCode,
    ).toBe(201);
    // While it answers for areas, a committee keeps its district type and its dates.
    await expectError(
      await cityAdmin.request('PATCH', `/api/organisations/${shortLived}`, { committeeType: 'specialist' }),
      409,
      'organisations.has_areas',
    );
    await expectError(
      await cityAdmin.request('PATCH', `/api/organisations/${shortLived}`, { validTo: '2020-06-30' }),
      409,
      'organisations.areas_outside_validity',
    );
  });

  it("is maintained by the committee's administrator for their own committee only", async () => {
    const areaId = await insertArea(db(), unique('Område'));
    await expectError(await assign(adminA, districtB, { areaId }), 404, 'organisations.not_found');
    const employee = await signIn(t.current, (await createUser(t.current, 'employee', districtA)).email);
    await expectError(await assign(employee, districtA, { areaId }), 403, 'access.forbidden');
    expect((await assign(adminA, districtA, { areaId })).statusCode).toBe(201);
  });

  it('is ended by setting its last day, and removed when entered by mistake, both audited', async () => {
    const areaId = await insertArea(db(), unique('Område'));
    const id = (await assign(adminA, districtA, { areaId, validFrom: '2020-01-01' })).json().id;
    const mark = await auditMark(t.current.database.db);
    const url = `/api/organisations/${districtA}/areas/${id}`;
    const ended = await adminA.request('PATCH', url, { validTo: '2025-12-31' });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({ validFrom: '2020-01-01', validTo: '2025-12-31' });
    await expectError(
      await adminA.request('PATCH', url, { validTo: '2019-12-31' }),
      400,
      'organisations.invalid_dates',
    );
    // Another committee takes over the next day.
    expect((await assign(cityAdmin, districtB, { areaId, validFrom: '2026-01-01' })).statusCode).toBe(201);
    await expectError(
      await adminA.request('PATCH', url, { validTo: null }),
      409,
      'organisations.area_overlap',
    );
    // Through another committee's address it does not exist.
    await expectError(
      await cityAdmin.request('DELETE', `/api/organisations/${districtB}/areas/${id}`),
      404,
      'organisations.area_responsibility_not_found',
    );
    expect((await adminA.request('DELETE', url)).statusCode).toBe(200);
    await expectError(
      await adminA.request('DELETE', url),
      404,
      'organisations.area_responsibility_not_found',
    );
    expect((await auditSince(t.current.database.db, mark)).map((e) => [e.action, e.fields])).toEqual([
      ['organisation_area.updated', ['valid_to']],
      ['organisation_area.created', ['area_id', 'valid_from', 'valid_to']],
      ['organisation_area.deleted', ['area_id', 'valid_from', 'valid_to']],
    ]);
  });

  it('ends with the committee', async () => {
    const committee = await insertOrganisation(db(), {
      name: unique('Upphör'),
      kind: 'committee',
      committeeType: 'district',
      parentId: t.current.rootId,
    });
    const running = await insertResponsibility(db(), {
      organisationId: committee,
      areaId: await insertArea(db(), unique('A')),
    });
    const planned = await insertResponsibility(db(), {
      organisationId: committee,
      areaId: await insertArea(db(), unique('B')),
      validFrom: '2031-01-01',
    });
    const res = await cityAdmin.request('POST', `/api/organisations/${committee}/end`, {
      date: '2030-12-31',
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = await db()
      .selectFrom('organisation_areas')
      .selectAll()
      .where('organisation_id', '=', committee)
      .execute();
    expect(after.map((r) => [r.id, r.valid_to])).toEqual([[running, '2030-12-31']]);
    expect(after.some((r) => r.id === planned)).toBe(false);
  });
});
