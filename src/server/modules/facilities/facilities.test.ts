import { sql } from 'kysely';
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
import type { Facility } from '../../../domain/api/facilities.ts';
import { toSweref99tm } from '../../../domain/geo/sweref99tm.ts';
import { SYSTEM } from '../../platform/actor.ts';
import { commitAreaImport } from '../areas/import/import.usecases.ts';
import { IN_NORRDAL, IN_SODERDAL, OUTSIDE, TEST_AREAS } from './facilities.fixtures.ts';

const t = useTestApp();

let committeeA: string;
let committeeB: string;
let unitA: string;
let admin: Client;
let adminA: Client;
let areaIds: Map<string, string>;
const db = () => t.current.database.db;

beforeAll(async () => {
  await commitAreaImport({ deps: t.current.deps, caller: SYSTEM, input: TEST_AREAS });
  const areas = await sql<{ id: string; name: string }>`SELECT id, name FROM areas`.execute(db());
  areaIds = new Map(areas.rows.map((a) => [a.name, a.id]));
  committeeA = await createOrganisation(t.current, 'Nämnd A', 'committee');
  committeeB = await createOrganisation(t.current, 'Nämnd B', 'committee');
  unitA = await createOrganisation(t.current, 'Enhet A1', 'company', committeeA);
  await db()
    .updateTable('organisations')
    .set({ kind: 'unit' as never })
    .where('id', '=', unitA)
    .execute();
  admin = await signIn(t.current, ADMIN_EMAIL, ADMIN_PASSWORD);
  adminA = await signIn(t.current, (await createUser(t.current, 'administrator', committeeA)).email);
});

async function create(body: Record<string, unknown>, client = admin): Promise<Facility> {
  const res = await client.request('POST', '/api/facilities', {
    name: 'Förskolan Solen',
    type: 'preschool',
    organisationId: committeeA,
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function list(query = '', client = admin): Promise<Facility[]> {
  const res = await client.request('GET', `/api/facilities${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

describe('facility types', () => {
  it('are data, seeded with Swedish and English names', async () => {
    const res = await admin.request('GET', '/api/facility-types');
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.map((i: { code: string }) => i.code)).toEqual([
      'preschool',
      'school',
      'playground',
      'youth_centre',
      'library',
      'care_home',
      'office',
      'housing',
      'other',
    ]);
    expect(items[2]).toEqual({ code: 'playground', labelSv: 'Parklek', labelEn: 'Staffed playground' });
    expect(items[3]).toMatchObject({ labelSv: 'Fritidsgård' });
  });
});

describe('adding and changing facilities', () => {
  it('adds a facility with its SWEREF 99 TM position and the area its coordinates fall in, audited', async () => {
    const mark = await auditMark(db());
    const created = await create({
      code: 'F-001',
      streetAddress: 'Solvägen 1',
      postalCode: '123 45',
      city: 'Stockholm',
      unitId: unitA,
      ...IN_NORRDAL,
    });
    const expected = toSweref99tm(IN_NORRDAL.lat, IN_NORRDAL.lon);
    expect(created).toMatchObject({
      code: 'F-001',
      name: 'Förskolan Solen',
      type: { code: 'preschool', labelSv: 'Förskola' },
      organisation: { id: committeeA, name: 'Nämnd A' },
      unit: { id: unitA, name: 'Enhet A1' },
      streetAddress: 'Solvägen 1',
      lat: IN_NORRDAL.lat,
      lon: IN_NORRDAL.lon,
      area: { name: 'Norrdal', level: 'neighbourhood' },
      parentArea: { name: 'Mittdistriktet', level: 'district_area' },
      can: { update: true, delete: true },
    });
    expect(created.sweref99tm!.north).toBeCloseTo(expected.north, 3);
    expect(created.sweref99tm!.east).toBeCloseTo(expected.east, 3);
    const entries = await auditSince(db(), mark);
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'facility.created',
        organisation_id: committeeA,
        target_type: 'facility',
        target_id: created.id,
        fields: expect.arrayContaining(['name', 'type_code', 'lat', 'lon', 'area_id']),
      }),
    ]);
    expect(JSON.stringify(entries)).not.toContain('Solvägen');
    expect((await admin.request('GET', `/api/facilities/${created.id}`)).json()).toEqual(created);
  });

  it('has no area outside every area, and no position without coordinates', async () => {
    expect(await create({ name: 'Göteborgskontoret', type: 'office', ...OUTSIDE })).toMatchObject({
      area: null,
      parentArea: null,
      sweref99tm: expect.any(Object),
    });
    expect(await create({ name: 'Utan plats' })).toMatchObject({ lat: null, sweref99tm: null, area: null });
  });

  it('moves the facility to the new area when its coordinates change, naming the changed fields', async () => {
    const f = await create({ name: 'Flyttbar skola', type: 'school', ...IN_NORRDAL });
    const mark = await auditMark(db());
    const res = await admin.request('PATCH', `/api/facilities/${f.id}`, IN_SODERDAL);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().area).toMatchObject({ name: 'Söderdal' });
    expect((await auditSince(db(), mark)).map((e) => e.fields)).toEqual([['lat', 'area_id']]);
    // Nothing changed: nothing audited.
    const again = await admin.request('PATCH', `/api/facilities/${f.id}`, { name: 'Flyttbar skola' });
    expect(again.statusCode).toBe(200);
    expect(await auditSince(db(), mark)).toHaveLength(1);
    // Clearing an optional field.
    const cleared = await admin.request('PATCH', `/api/facilities/${f.id}`, { lat: null, lon: null });
    expect(cleared.json()).toMatchObject({ lat: null, area: null, sweref99tm: null });
  });

  it('refuses an unknown type, half a coordinate, a unit outside the owner, or coordinates far from Sweden (400)', async () => {
    const mark = await auditMark(db());
    const cases: [Record<string, unknown>, string][] = [
      [{ type: 'castle' }, 'body.type'],
      [{ lat: 59.3 }, 'body.lon'],
      [{ unitId: committeeB }, 'body.unitId'],
      [{ lat: 40, lon: -100 }, 'body.lon'],
    ];
    for (const [body, path] of cases) {
      const res = await admin.request('POST', '/api/facilities', {
        name: 'Fel',
        type: 'school',
        organisationId: committeeA,
        ...body,
      });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.details).toEqual([expect.objectContaining({ path })]);
    }
    expect(await auditSince(db(), mark)).toEqual([]);
  });

  it('refuses a second facility with the same code, in any letter case (409)', async () => {
    await create({ code: 'DUP-1' });
    const res = await admin.request('POST', '/api/facilities', {
      code: 'dup-1',
      name: 'Kopia',
      type: 'school',
      organisationId: committeeA,
    });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.code).toBe('facilities.code_taken');
  });

  it("keeps a committee's administrator to their own organisation's facilities", async () => {
    const own = await create({ name: 'Egen förskola' }, adminA);
    const other = await create({ name: 'Annans förskola', organisationId: committeeB });
    const outside = await adminA.request('POST', '/api/facilities', {
      name: 'Utanför',
      type: 'school',
      organisationId: committeeB,
    });
    expect(outside.statusCode).toBe(404);
    for (const [method, body] of [
      ['GET', undefined],
      ['PATCH', { name: 'X' }],
      ['DELETE', undefined],
    ] as const) {
      const res = await adminA.request(method, `/api/facilities/${other.id}`, body);
      expect(res.statusCode, method).toBe(404);
      expect(res.json().error.code).toBe('facilities.not_found');
    }
    const handOver = await adminA.request('PATCH', `/api/facilities/${own.id}`, {
      organisationId: committeeB,
    });
    expect(handOver.statusCode).toBe(404);
    const ids = (await list('', adminA)).map((f) => f.id);
    expect(ids).toContain(own.id);
    expect(ids).not.toContain(other.id);

    // An employee sees their organisation's facilities but may not change them.
    const employee = await signIn(t.current, (await createUser(t.current, 'employee', committeeA)).email);
    const seen = (await list('', employee)).find((f) => f.id === own.id)!;
    expect(seen.can).toEqual({ update: false, delete: false });
    expect((await employee.request('PATCH', `/api/facilities/${own.id}`, { name: 'X' })).statusCode).toBe(
      403,
    );
  });

  it('removes a facility, audited', async () => {
    const f = await create({ name: 'Tillfällig paviljong', type: 'other' });
    const mark = await auditMark(db());
    const res = await admin.request('DELETE', `/api/facilities/${f.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect((await auditSince(db(), mark)).map((e) => [e.action, e.target_id])).toEqual([
      ['facility.deleted', f.id],
    ]);
    expect((await admin.request('GET', `/api/facilities/${f.id}`)).statusCode).toBe(404);
  });
});

describe('finding facilities', () => {
  it('filters by organisation or unit, type, area (including the areas below it) and text', async () => {
    const a = await create({ name: 'Parkleken Ekorren', type: 'playground', code: 'PL-9', ...IN_NORRDAL });
    const b = await create({
      name: 'Fritidsgården Ugglan',
      type: 'youth_centre',
      unitId: unitA,
      ...IN_SODERDAL,
    });
    const c = await create({
      name: 'Biblioteket Boken',
      type: 'library',
      organisationId: committeeB,
      ...IN_NORRDAL,
    });
    const ids = async (q: string) => (await list(q)).map((f) => f.id);

    expect(await ids('?type=playground')).toContain(a.id);
    expect(await ids('?type=playground')).not.toContain(b.id);
    expect(await ids(`?organisationId=${committeeB}`)).toEqual(expect.arrayContaining([c.id]));
    expect(await ids(`?organisationId=${committeeB}`)).not.toContain(a.id);
    expect(await ids(`?organisationId=${unitA}`)).toEqual(expect.arrayContaining([b.id]));
    expect(await ids(`?organisationId=${unitA}`)).not.toContain(a.id);
    // A committee's filter takes in what its units own.
    const d = await create({ name: 'Enhetens kontor', type: 'office', organisationId: unitA });
    expect(await ids(`?organisationId=${committeeA}`)).toEqual(expect.arrayContaining([a.id, b.id, d.id]));
    expect(await ids(`?organisationId=${committeeA}`)).not.toContain(c.id);
    const norr = await ids(`?areaId=${areaIds.get('Norrdal')}`);
    expect(norr).toEqual(expect.arrayContaining([a.id, c.id]));
    expect(norr).not.toContain(b.id);
    expect(await ids(`?areaId=${areaIds.get('Mittdistriktet')}`)).toEqual(
      expect.arrayContaining([a.id, b.id, c.id]),
    );
    expect(await ids('?q=ugglan')).toEqual([b.id]);
    expect(await ids('?q=pl-9')).toEqual([a.id]);
    expect(await ids('?q=100%25')).toEqual([]);
  });
});

describe('when areas change', () => {
  it("derives the areas of the caller's facilities again, audited, and leaves other organisations' alone", async () => {
    const west = { lat: 59.37, lon: 17.92 };
    const own = await create({ name: 'Västra förskolan', ...west }, adminA);
    const other = await create({
      name: 'Västra biblioteket',
      type: 'library',
      organisationId: committeeB,
      ...west,
    });
    expect(own.area).toBeNull();
    await commitAreaImport({
      deps: t.current.deps,
      caller: SYSTEM,
      input: {
        ...TEST_AREAS,
        fileName: 'vaster.geo.json',
        geojson: JSON.stringify({
          type: 'FeatureCollection',
          features: [
            {
              type: 'Feature',
              properties: { name: 'Västerdal' },
              geometry: {
                type: 'Polygon',
                coordinates: [
                  [
                    [17.9, 59.35],
                    [17.95, 59.35],
                    [17.95, 59.4],
                    [17.9, 59.4],
                    [17.9, 59.35],
                  ],
                ],
              },
            },
          ],
        }),
        parentCsv: 'stadsdel,stadsdelsomrade\nVästerdal,Mittdistriktet\n',
      },
    });
    const mark = await auditMark(db());
    const res = await adminA.request('POST', '/api/facilities/recompute-areas');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().changed).toBe(1);
    expect((await auditSince(db(), mark)).map((e) => [e.action, e.target_id, e.fields])).toEqual([
      ['facility.updated', own.id, ['area_id']],
    ]);
    expect((await adminA.request('GET', `/api/facilities/${own.id}`)).json().area).toMatchObject({
      name: 'Västerdal',
    });
    expect((await admin.request('GET', `/api/facilities/${other.id}`)).json().area).toBeNull();
    // Run again: nothing left to change.
    expect((await adminA.request('POST', '/api/facilities/recompute-areas')).json().changed).toBe(0);
  });
});
