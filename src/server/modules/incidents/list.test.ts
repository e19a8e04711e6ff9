import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedIncident } from '../../../../tests/support/incidents.ts';
import { createOrganisation, createUser, signIn, useTestApp } from '../../../../tests/support/test-app.ts';
import { SYSTEM } from '../../platform/actor.ts';
import { commitAreaImport } from '../areas/import/import.usecases.ts';
import { TEST_AREAS } from '../facilities/facilities.fixtures.ts';
import { incidentsDb } from './incidents.tables.ts';
import { createListCity, type ListCity, listedReferences, listPage } from './list.fixtures.ts';
import { periodInstant } from './list.usecases.ts';

const t = useTestApp();
const db = () => t.current.database.db;

let city: ListCity;
let areas: Map<string, string>;
let facilityId: string;
let typeIds: Map<string, string>;
/** Incident references by a name the tests use. */
const ref: Record<string, string> = {};
const refs = (...names: string[]) => names.map((n) => ref[n]!).sort();

const LONG_TEXT =
  'En cykel stals från cykelstället vid entrén under förmiddagen. Låset var klippt och personalen ' +
  'såg två personer gå därifrån mot parkeringen. Polisen kontaktades och en anmälan gjordes samma dag.';

beforeAll(async () => {
  city = await createListCity(t.current);
  await commitAreaImport({ deps: t.current.deps, caller: SYSTEM, input: TEST_AREAS });
  const areaRows = await sql<{ id: string; name: string }>`SELECT id, name FROM areas`.execute(db());
  areas = new Map(areaRows.rows.map((a) => [a.name, a.id]));
  const facility = await db()
    .insertInto('facilities')
    .values({ name: 'Förskolan Solen', type_code: 'preschool', organisation_id: city.committeeA })
    .returning('id')
    .executeTakeFirstOrThrow();
  facilityId = facility.id;
  const types = await incidentsDb(db()).selectFrom('incident_types').select(['id', 'code']).execute();
  typeIds = new Map(types.map((r) => [r.code, r.id]));
  const now = t.current.clock.now();
  const mitt = areas.get('Mittdistriktet')!;
  const seeds = {
    a1Theft: {
      organisationId: city.committeeA,
      unitId: city.unitA1,
      typeCode: 'theft',
      occurredAt: new Date('2026-01-10T10:00:00Z'),
      affectedGender: 'woman' as const,
      areaId: areas.get('Norrdal')!,
      areaPath: [mitt, areas.get('Norrdal')!],
      facilityId,
      reporterId: city.employeeA1.id,
      description: LONG_TEXT,
      lat: 59.37,
      lon: 18.02,
    },
    a1Fall: {
      organisationId: city.committeeA,
      unitId: city.unitA1,
      typeCode: 'fall_slip',
      occurredAt: new Date('2026-02-05T07:30:00Z'),
      affectedGender: 'man' as const,
      state: 'closed' as const,
      serious: true,
      authorityDeadlineAt: new Date(now.getTime() - 3600_000),
    },
    a2Vandalism: {
      organisationId: city.committeeA,
      unitId: city.unitA2,
      typeCode: 'vandalism',
      occurredAt: new Date('2026-02-20T21:00:00Z'),
      state: 'investigating' as const,
      lat: 59.32,
      lon: 18.03,
      areaId: areas.get('Söderdal')!,
      areaPath: [mitt, areas.get('Söderdal')!],
    },
    aDrugs: {
      organisationId: city.committeeA,
      typeCode: 'open_drug_dealing',
      occurredAt: new Date('2025-12-01T16:00:00Z'),
      affectedGender: 'unknown' as const,
      serious: false,
    },
    a1Threat: {
      organisationId: city.committeeA,
      unitId: city.unitA1,
      typeCode: 'threat_employee',
      occurredAt: new Date('2026-01-20T09:00:00Z'),
      reporterId: city.employeeA1.id,
      description: 'En besökare hotade handläggaren i receptionen',
      lat: 59.33,
      lon: 18.04,
    },
    a1ThreatRouted: {
      organisationId: city.committeeA,
      unitId: city.unitA1,
      typeCode: 'threat_employee',
      occurredAt: new Date('2026-01-25T09:00:00Z'),
      participants: [{ userId: city.managerA1.id, role: 'manager' as const }],
      serious: true,
      authorityDeadlineAt: new Date(now.getTime() + 3600_000),
    },
    a2Harassment: {
      organisationId: city.committeeA,
      unitId: city.unitA2,
      typeCode: 'harassment',
      occurredAt: new Date('2026-03-01T12:00:00Z'),
      reporterId: city.employeeA2.id,
    },
    bTheft: {
      organisationId: city.committeeB,
      typeCode: 'theft',
      occurredAt: new Date('2026-01-15T10:00:00Z'),
      lat: 59.34,
      lon: 18.05,
    },
    bThreat: {
      organisationId: city.committeeB,
      typeCode: 'violence_employee',
      occurredAt: new Date('2026-01-16T10:00:00Z'),
    },
  };
  for (const [name, seed] of Object.entries(seeds)) ref[name] = (await seedIncident(db(), seed)).reference;
});

const ALL_A = ['a1Theft', 'a1Fall', 'a2Vandalism', 'aDrugs', 'a1Threat', 'a1ThreatRouted', 'a2Harassment'];

describe('who sees what in the handling list', () => {
  it("shows a committee's security coordinator everything in the committee and its units, need-to-know too, and nothing of another committee", async () => {
    expect(await listedReferences(city.coordinatorA.client)).toEqual(refs(...ALL_A));
    expect(await listedReferences(city.coordinatorB.client)).toEqual(refs('bTheft', 'bThreat'));
  });

  it("shows a unit's manager the unit's ordinary incidents and only the need-to-know ones routed to her", async () => {
    expect(await listedReferences(city.managerA1.client)).toEqual(
      refs('a1Theft', 'a1Fall', 'a1ThreatRouted'),
    );
    expect(await listedReferences(city.managerA1.client, 'scope=handling')).toEqual(
      refs('a1Theft', 'a1Fall', 'a1ThreatRouted'),
    );
  });

  it('refuses the handling list to someone who handles nothing, with 403', async () => {
    const res = await city.employeeA1.client.request('GET', '/api/incidents');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('access.forbidden');
  });

  it('presents a summary with names, an excerpt cut at a word and the authority deadline flag', async () => {
    const page = await listPage(city.coordinatorA.client, 'limit=200');
    const theft = page.items.find((i) => i.reference === ref.a1Theft)!;
    expect(theft).toMatchObject({
      typeId: typeIds.get('theft'),
      typeLabelSv: 'Stöld',
      typeLabelEn: 'Theft',
      groupCode: 'crime',
      needToKnow: false,
      serious: false,
      state: 'received',
      occurredAt: '2026-01-10T10:00:00.000Z',
      organisationName: 'Nämnd A',
      unitName: 'Enhet A1',
      areaName: 'Norrdal',
      facilityName: 'Förskolan Solen',
      affectedGender: 'woman',
      assigneeName: null,
      authorityOverdue: false,
    });
    expect(theft.excerpt.length).toBeLessThanOrEqual(141);
    expect(theft.excerpt.endsWith('…')).toBe(true);
    expect(LONG_TEXT.startsWith(theft.excerpt.slice(0, -1))).toBe(true);
    expect(LONG_TEXT[theft.excerpt.length - 1]).toBe(' ');
    const fall = page.items.find((i) => i.reference === ref.a1Fall)!;
    expect(fall).toMatchObject({
      serious: true,
      state: 'closed',
      authorityOverdue: true,
      excerpt: 'En händelse i testet',
    });
    const routed = page.items.find((i) => i.reference === ref.a1ThreatRouted)!;
    expect(routed.authorityOverdue).toBe(false);
  });

  it('never shows the text of a need-to-know incident in a list, even to those who may read it', async () => {
    const page = await listPage(city.coordinatorA.client, 'limit=200');
    const threats = page.items.filter((i) => i.needToKnow);
    expect(threats.map((i) => i.reference).sort()).toEqual(
      refs('a1Threat', 'a1ThreatRouted', 'a2Harassment'),
    );
    for (const item of threats) expect(item.excerpt).toBe('');
    expect(JSON.stringify(page)).not.toContain('hotade');
  });

  it('lists newest first', async () => {
    const page = await listPage(city.coordinatorA.client, 'limit=200');
    const times = page.items.map((i) => i.occurredAt);
    expect(times).toEqual([...times].sort().reverse());
    expect(page.items[0]!.reference).toBe(ref.a2Harassment);
  });
});

describe('my reports (scope=mine)', () => {
  it('lists what the caller reported or takes part in, for anyone, need-to-know included (without its text)', async () => {
    expect(await listedReferences(city.employeeA1.client, 'scope=mine')).toEqual(refs('a1Theft', 'a1Threat'));
    expect(await listedReferences(city.employeeA2.client, 'scope=mine')).toEqual(refs('a2Harassment'));
    expect(await listedReferences(city.managerA1.client, 'scope=mine')).toEqual(refs('a1ThreatRouted'));
    const page = await listPage(city.employeeA1.client, 'scope=mine');
    expect(page.items.find((i) => i.reference === ref.a1Threat)!.excerpt).toBe('');
  });

  it('is empty for a user with no role who never reported, and takes the same filters', async () => {
    const nobody = await signIn(t.current, (await createUser(t.current, null, city.committeeA)).email);
    expect(await listPage(nobody, 'scope=mine')).toEqual({ items: [], nextCursor: null });
    expect(await listedReferences(city.employeeA1.client, 'scope=mine&needToKnow=true')).toEqual(
      refs('a1Threat'),
    );
    // In "mine" an organisation filter is not a question of handling rights.
    expect(
      await listedReferences(city.employeeA1.client, `scope=mine&organisationId=${city.committeeB}`),
    ).toEqual([]);
  });
});

describe('filters', () => {
  const coordinator = () => city.coordinatorA.client;
  const cases: [string, () => string, string[]][] = [
    ['an organisation and the units below it', () => `organisationId=${city.committeeA}`, ALL_A],
    ['the municipality (everything the caller handles)', () => `organisationId=${t.current.rootId}`, ALL_A],
    ['a unit', () => `unitId=${city.unitA1}`, ['a1Theft', 'a1Fall', 'a1Threat', 'a1ThreatRouted']],
    ['a type', () => `typeId=${typeIds.get('theft')}`, ['a1Theft']],
    [
      'several types, comma-separated',
      () => `typeId=${typeIds.get('theft')},${typeIds.get('vandalism')}`,
      ['a1Theft', 'a2Vandalism'],
    ],
    [
      'several types, repeated',
      () => `typeId=${typeIds.get('theft')}&typeId=${typeIds.get('fall_slip')}`,
      ['a1Theft', 'a1Fall'],
    ],
    ['a group', () => 'groupCode=threat_violence', ['a1Threat', 'a1ThreatRouted']],
    ['groups', () => 'groupCode=undue_influence,accident', ['a2Harassment', 'a1Fall']],
    ['a focus area', () => 'focusArea=accidents', ['a1Fall']],
    ['focus areas (any of them)', () => 'focusArea=crime', ['a1Theft', 'a2Vandalism', 'aDrugs']],
    ['a state', () => 'state=closed', ['a1Fall']],
    ['states', () => 'state=investigating,closed', ['a1Fall', 'a2Vandalism']],
    [
      'a period from a date (Stockholm midnight)',
      () => 'from=2026-02-01',
      ['a1Fall', 'a2Vandalism', 'a2Harassment'],
    ],
    [
      'a period between dates, the end excluded',
      () => 'from=2026-01-15&to=2026-02-05',
      ['a1Threat', 'a1ThreatRouted'],
    ],
    ['a period ending at an instant, excluded', () => 'to=2026-01-10T10:00:00Z', ['aDrugs']],
    ['a period ending just after it', () => 'to=2026-01-10T10:00:01Z', ['aDrugs', 'a1Theft']],
    [
      'an area and the areas inside it',
      () => `areaId=${areas.get('Mittdistriktet')}`,
      ['a1Theft', 'a2Vandalism'],
    ],
    ['an area', () => `areaId=${areas.get('Söderdal')}`, ['a2Vandalism']],
    ['a facility', () => `facilityId=${facilityId}`, ['a1Theft']],
    ['a gender', () => 'gender=woman', ['a1Theft']],
    ['genders', () => 'gender=woman,man', ['a1Theft', 'a1Fall']],
    [
      'unknown gender, which includes not stated',
      () => 'gender=unknown',
      ['a2Vandalism', 'aDrugs', 'a1Threat', 'a1ThreatRouted', 'a2Harassment'],
    ],
    ['serious', () => 'serious=true', ['a1Fall', 'a1ThreatRouted']],
    ['not serious', () => 'serious=false', ['a1Theft', 'a2Vandalism', 'aDrugs', 'a1Threat', 'a2Harassment']],
    ['need-to-know', () => 'needToKnow=true', ['a1Threat', 'a1ThreatRouted', 'a2Harassment']],
    ['not need-to-know', () => 'needToKnow=false', ['a1Theft', 'a1Fall', 'a2Vandalism', 'aDrugs']],
    [
      'several filters at once',
      () => `unitId=${city.unitA1}&serious=true&state=received`,
      ['a1ThreatRouted'],
    ],
  ];
  it.each(cases)('by %s', async (_, query, expected) => {
    expect(await listedReferences(coordinator(), query())).toEqual(refs(...expected));
  });

  it('refuses a filter on an organisation where the caller handles nothing (403), and an unknown one (400)', async () => {
    const other = await city.coordinatorA.client.request(
      'GET',
      `/api/incidents?organisationId=${city.committeeB}`,
    );
    expect(other.statusCode).toBe(403);
    const unit = await city.managerA1.client.request('GET', `/api/incidents?unitId=${city.unitA2}`);
    expect(unit.statusCode).toBe(403);
    const unknown = await city.coordinatorA.client.request(
      'GET',
      '/api/incidents?organisationId=00000000-0000-4000-8000-000000000000',
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details).toEqual([
      { path: 'querystring.organisationId', message: 'No such organisation' },
    ]);
  });

  it('refuses malformed filters with field-level errors', async () => {
    const bad: [string, string][] = [
      ['state=lost', 'querystring.state'],
      ['gender=robot', 'querystring.gender'],
      ['from=yesterday', 'querystring.from'],
      ['from=2026-03-01&to=2026-02-01', 'querystring.to'],
      ['limit=201', 'querystring.limit'],
      ['limit=0', 'querystring.limit'],
      ['typeId=not-a-uuid', 'querystring.typeId'],
      ['serious=yes', 'querystring.serious'],
      ['scope=everything', 'querystring.scope'],
      ['cursor=bm90LWEtY3Vyc29y', 'querystring.cursor'],
    ];
    for (const [query, path] of bad) {
      const res = await city.coordinatorA.client.request('GET', `/api/incidents?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.code).toBe('validation.failed');
      const paths: string[] = res.json().error.details.map((d: { path: string }) => d.path);
      expect(
        paths.some((p) => p.startsWith(path)),
        `${query}: ${paths.join(', ')}`,
      ).toBe(true);
    }
  });
});

describe('the map', () => {
  interface MapAnswer {
    points: {
      id: string;
      lat: number;
      lon: number;
      typeId: string;
      groupCode: string;
      serious: boolean;
      state: string;
    }[];
    truncated: boolean;
  }
  const map = async (client = city.coordinatorA.client, query = ''): Promise<MapAnswer> => {
    const res = await client.request('GET', `/api/incidents/map${query ? `?${query}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const idsOf = async (...names: string[]) => {
    const rows = await incidentsDb(db())
      .selectFrom('incidents')
      .select('id')
      .where(
        'reference',
        'in',
        names.map((n) => ref[n]!),
      )
      .execute();
    return rows.map((r) => r.id).sort();
  };

  it('shows the incidents the caller handles that have coordinates, with what a marker needs', async () => {
    const answer = await map();
    expect(answer.truncated).toBe(false);
    expect(answer.points.map((p) => p.id).sort()).toEqual(await idsOf('a1Theft', 'a2Vandalism', 'a1Threat'));
    const [theftId] = await idsOf('a1Theft');
    expect(answer.points.find((p) => p.id === theftId)).toEqual({
      id: theftId,
      lat: 59.37,
      lon: 18.02,
      typeId: typeIds.get('theft'),
      groupCode: 'crime',
      serious: false,
      state: 'received',
    });
    expect((await map(city.managerA1.client)).points.map((p) => p.id)).toEqual(await idsOf('a1Theft'));
    expect((await map(city.coordinatorB.client)).points.map((p) => p.id)).toEqual(await idsOf('bTheft'));
  });

  it('takes the list filters, and shows the newest `limit` saying there were more', async () => {
    expect((await map(undefined, 'groupCode=threat_violence')).points.map((p) => p.id)).toEqual(
      await idsOf('a1Threat'),
    );
    const limited = await map(undefined, 'limit=2');
    expect(limited.truncated).toBe(true);
    expect(limited.points.map((p) => p.id).sort()).toEqual(await idsOf('a2Vandalism', 'a1Threat'));
  });

  it('is refused to those who handle nothing', async () => {
    const res = await city.employeeA1.client.request('GET', '/api/incidents/map');
    expect(res.statusCode).toBe(403);
  });
});

describe('period bounds', () => {
  it('read a date as midnight in Stockholm, summer and winter, and a time as given', () => {
    expect(new Date(periodInstant('2026-01-15')).toISOString()).toBe('2026-01-14T23:00:00.000Z');
    expect(new Date(periodInstant('2026-07-01')).toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(new Date(periodInstant('2026-03-29')).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(periodInstant('2026-07-01T10:00:00+02:00')).toBe(Date.parse('2026-07-01T08:00:00Z'));
  });

  it('accept a period that ends the same evening it starts', async () => {
    const res = await city.coordinatorA.client.request(
      'GET',
      '/api/incidents?from=2026-03-01&to=2026-02-28T23:30:00Z',
    );
    expect(res.statusCode, res.body).toBe(200);
  });
});

describe('cursor pagination', () => {
  let coordinatorC: Awaited<ReturnType<typeof signIn>>;
  let expected: string[];

  beforeAll(async () => {
    const committeeC = await createOrganisation(t.current, 'Nämnd C', 'committee');
    coordinatorC = await signIn(
      t.current,
      (await createUser(t.current, 'security_coordinator', committeeC)).email,
    );
    // 130 incidents: runs of ten sharing one instant (the id breaks the tie), some a few
    // microseconds apart (finer than a JavaScript date), a need-to-know one among them.
    for (let n = 0; n < 130; n++) {
      await seedIncident(db(), {
        organisationId: committeeC,
        typeCode: n % 17 === 0 ? 'threat_employee' : 'theft',
        occurredAt: new Date(Date.UTC(2026, 0, 1 + Math.floor(n / 10), 12)),
      });
    }
    await sql`UPDATE incidents SET occurred_at = occurred_at + (interval '1 microsecond' * (get_byte(decode(md5(id::text), 'hex'), 0) % 3))
      WHERE organisation_id = ${committeeC}`.execute(db());
    const rows = await sql<{ id: string }>`SELECT id FROM incidents WHERE organisation_id = ${committeeC}
      ORDER BY occurred_at DESC, id DESC`.execute(db());
    expected = rows.rows.map((r) => r.id);
  });

  it('walks every page exactly once, in order, with no duplicates or gaps, and ends with a null cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await listPage(coordinatorC, `limit=25${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(25);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
      pages++;
      if (cursor) expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    } while (cursor);
    expect(pages).toBe(6);
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(130);
  });

  it('gives a null cursor when the last page is exactly full, and uses 50 as the default page size', async () => {
    const first = await listPage(coordinatorC, 'limit=65');
    const second = await listPage(coordinatorC, `limit=65&cursor=${first.nextCursor}`);
    expect(second.items).toHaveLength(65);
    expect(second.nextCursor).toBeNull();
    expect((await listPage(coordinatorC)).items).toHaveLength(50);
  });

  it('keeps its place when newer incidents arrive between pages', async () => {
    const first = await listPage(coordinatorC, 'limit=40');
    const committeeC = (
      await db()
        .selectFrom('organisations')
        .select('id')
        .where('name', '=', 'Nämnd C')
        .executeTakeFirstOrThrow()
    ).id;
    const newer = await seedIncident(db(), {
      organisationId: committeeC,
      occurredAt: new Date('2026-06-01T00:00:00Z'),
    });
    const second = await listPage(coordinatorC, `limit=40&cursor=${first.nextCursor}`);
    expect(second.items.map((i) => i.id)).toEqual(expected.slice(40, 80));
    expect(second.items.map((i) => i.id)).not.toContain(newer.id);
    await incidentsDb(db()).deleteFrom('incidents').where('id', '=', newer.id).execute();
  });
});
