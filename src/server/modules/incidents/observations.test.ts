import { beforeAll, describe, expect, it } from 'vitest';
import { type SeedIncident, seedIncident } from '../../../../tests/support/incidents.ts';
import { type Client, createUser, signIn, useTestApp } from '../../../../tests/support/test-app.ts';
import { incidentsDb } from './incidents.tables.ts';
import { createListCity, type ListCity } from './list.fixtures.ts';

const t = useTestApp();
const db = () => t.current.database.db;

let city: ListCity;
let youthCentre: string;
let otherFacility: string;
let facilityB: string;
let typeIds: Map<string, string>;
/** An employee of committee A, where the facility belongs: anyone who may see the facility sees this. */
let employeeA: Client;
const id: Record<string, string> = {};

interface Observations {
  facility: { id: string; name: string; typeCode: string; location: { lat: number; lon: number } | null };
  items: {
    id: string;
    reference: string;
    typeId: string;
    typeLabelSv: string;
    typeLabelEn: string;
    occurredAt: string;
    location: { lat: number; lon: number } | null;
    description: string;
  }[];
  byMonth: { month: string; typeId: string; count: number }[];
  truncated: boolean;
}

async function facility(name: string, organisationId: string, lat?: number, lon?: number) {
  const row = await db()
    .insertInto('facilities')
    .values({
      name,
      type_code: 'youth_centre',
      organisation_id: organisationId,
      ...(lat === undefined ? {} : { lat, lon, location: `(${lon! * 1000},${lat * 1000})` }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  city = await createListCity(t.current);
  employeeA = await signIn(t.current, (await createUser(t.current, 'employee', city.committeeA)).email);
  youthCentre = await facility('Fritidsgården Ljuset', city.committeeA, 59.33, 18.06);
  otherFacility = await facility('Förskolan Solen', city.committeeA);
  facilityB = await facility('Fritidsgården B', city.committeeB);
  const types = await incidentsDb(db()).selectFrom('incident_types').select(['id', 'code']).execute();
  typeIds = new Map(types.map((r) => [r.code, r.id]));
  const seeds: Record<string, Omit<SeedIncident, 'organisationId'>> = {
    // 31 January 23:30 UTC is already February in Stockholm.
    dealingJan: {
      typeCode: 'open_drug_dealing',
      occurredAt: new Date('2026-01-31T23:30:00Z'),
      lat: 59.331,
      lon: 18.061,
      description:
        'Försäljning av narkotika vid baksidan av fritidsgården, tre personer. Pågick hela kvällen.',
    },
    dealingFeb: { typeCode: 'open_drug_dealing', occurredAt: new Date('2026-02-14T19:00:00Z') },
    weaponsFeb: {
      typeCode: 'weapons',
      occurredAt: new Date('2026-02-20T20:00:00Z'),
      lat: 59.332,
      lon: 18.062,
    },
    gatheringMar: { typeCode: 'gatherings', occurredAt: new Date('2026-03-05T21:00:00Z') },
    // Not observations, or not at this facility: left out.
    theft: { typeCode: 'theft', occurredAt: new Date('2026-02-10T10:00:00Z') },
    elsewhere: { typeCode: 'weapons', occurredAt: new Date('2026-02-11T10:00:00Z'), facilityId: 'other' },
  };
  for (const [name, seed] of Object.entries(seeds)) {
    const row = await seedIncident(db(), {
      organisationId: city.committeeA,
      ...seed,
      facilityId: seed.facilityId === 'other' ? otherFacility : youthCentre,
    });
    id[name] = row.id;
  }
  // An observation type made need-to-know by an administrator stays off this open page.
  const hidden = await seedIncident(db(), {
    organisationId: city.committeeA,
    typeCode: 'observed_disorder',
    facilityId: youthCentre,
    occurredAt: new Date('2026-02-15T10:00:00Z'),
  });
  await incidentsDb(db())
    .updateTable('incidents')
    .set({ need_to_know: true })
    .where('id', '=', hidden.id)
    .execute();
});

async function observations(query = '', client = employeeA, facilityId = youthCentre) {
  const res = await client.request(
    'GET',
    `/api/facilities/${facilityId}/observations${query ? `?${query}` : ''}`,
  );
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Promise<Observations>;
}

describe("a facility's observations", () => {
  it('lists the observations near the facility, newest first, with where and the start of the text', async () => {
    const answer = await observations();
    expect(answer.facility).toEqual({
      id: youthCentre,
      name: 'Fritidsgården Ljuset',
      typeCode: 'youth_centre',
      location: { lat: 59.33, lon: 18.06 },
    });
    expect(answer.items.map((i) => i.id)).toEqual([
      id.gatheringMar,
      id.weaponsFeb,
      id.dealingFeb,
      id.dealingJan,
    ]);
    expect(answer.items[3]).toMatchObject({
      typeId: typeIds.get('open_drug_dealing'),
      typeLabelSv: 'Öppen narkotikaförsäljning',
      typeLabelEn: 'Open drug dealing',
      occurredAt: '2026-01-31T23:30:00.000Z',
      location: { lat: 59.331, lon: 18.061 },
      description:
        'Försäljning av narkotika vid baksidan av fritidsgården, tre personer. Pågick hela kvällen.',
    });
    expect(answer.items[0]!.location).toBeNull();
    expect(answer.truncated).toBe(false);
  });

  it('counts them per month in Stockholm time and per type, oldest month first', async () => {
    const answer = await observations();
    const sortType = (rows: Observations['byMonth']) =>
      [...rows].sort((a, b) => (a.month + a.typeId < b.month + b.typeId ? -1 : 1));
    expect(answer.byMonth).toEqual(
      sortType([
        { month: '2026-02', typeId: typeIds.get('open_drug_dealing')!, count: 2 },
        { month: '2026-02', typeId: typeIds.get('weapons')!, count: 1 },
        { month: '2026-03', typeId: typeIds.get('gatherings')!, count: 1 },
      ]),
    );
  });

  it('takes a period, from inclusive and to exclusive', async () => {
    const feb = await observations('from=2026-02-01&to=2026-03-01');
    expect(feb.items.map((i) => i.id)).toEqual([id.weaponsFeb, id.dealingFeb, id.dealingJan]);
    expect(feb.byMonth.map((b) => b.count).reduce((a, b) => a + b)).toBe(3);
    const instant = await observations('from=2026-02-20T20:00:00Z');
    expect(instant.items.map((i) => i.id)).toEqual([id.gatheringMar, id.weaponsFeb]);
    const bad = await employeeA.request(
      'GET',
      `/api/facilities/${youthCentre}/observations?from=2026-03-01&to=2026-02-01`,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual([
      { path: 'querystring.to', message: 'The end of the period must come after its start' },
    ]);
  });

  it('is empty for a facility with no observations', async () => {
    const answer = await observations('', city.coordinatorA.client, otherFacility);
    expect(answer.items.map((i) => i.id)).toEqual([id.elsewhere]);
    const none = await observations('', city.coordinatorB.client, facilityB);
    expect(none).toMatchObject({ items: [], byMonth: [], truncated: false });
  });

  it("is answered 404 for another organisation's facility, one out of the caller's reach and one that does not exist", async () => {
    // Employees of unit A2 see their unit's organisations, not the committee's own facilities.
    const outOfReach = await city.employeeA2.client.request(
      'GET',
      `/api/facilities/${youthCentre}/observations`,
    );
    expect(outOfReach.statusCode).toBe(404);
    for (const facilityId of [facilityB, '00000000-0000-4000-8000-000000000000']) {
      const res = await city.employeeA1.client.request('GET', `/api/facilities/${facilityId}/observations`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('facilities.not_found');
    }
  });
});
