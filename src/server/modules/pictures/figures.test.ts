import crypto from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedIncident } from '../../../../tests/support/incidents.ts';
import { createOrganisation, createUser, signIn, useTestApp } from '../../../../tests/support/test-app.ts';
import type { PictureFigures, PictureScopesResponse } from '../../../domain/api/pictures.ts';
import { rebuildPoliceCells } from '../statistics/police-cells.ts';

/**
 * The live picture over the rollups: a municipality with two districts (A with neighbourhoods N1 and
 * N2, B with N3), committee A answering for district A, committee B for B.
 *
 * Own reports in 2025 (the period): theft in N1, 6 women and 7 men, committee A; vandalism in N2, 2
 * women, committee A; an observation near a facility in N1; signs of violent extremism in N1 (1 woman);
 * theft in N3, 5 men, committee B. In 2024 (the comparison): theft in N1, 4 men, committee A.
 * Police events in 2025: Stöld ×3 in N1, an unmapped type ×6 in N2, a night summary (not counted) in N1, one Stöld
 * that could only be placed in the municipality. Population 2024: N1 1,000 + 1,000, N2 500 + 500,
 * N3 2,000 + 2,000.
 */
const t = useTestApp();
const ids = {} as Record<'root' | 'a' | 'b' | 'n1' | 'n2' | 'n3' | 'committeeA' | 'committeeB', string>;
const emails = {} as Record<
  'security' | 'prevention' | 'manager' | 'otherCoordinator' | 'analyst' | 'employee',
  string
>;

const at = (iso: string) => new Date(iso);
const URL_ORG = () => `/api/pictures/figures?organisation=${ids.committeeA}&from=2025-01&to=2025-12`;

async function area(id: string, parent: string | null, level: string, name: string, depth: number) {
  await sql`INSERT INTO areas (id, parent_id, level, name, municipality_id, depth)
    VALUES (${id}, ${parent}, ${level}, ${name}, ${t.current.rootId}, ${depth})`.execute(
    t.current.database.db,
  );
}

let policeId = 9_000_000;
async function policeEvent(occurredAt: string, type: string, path: string[], level: string) {
  policeId++;
  const now = new Date();
  await sql`INSERT INTO police_events (id, occurred_at, feed_datetime, name, summary, police_type, location_name,
      municipality_name, municipality_id, area_id, area_path, place_level, place_rule, content_sha256, first_seen_at, updated_at)
    VALUES (${policeId}, ${occurredAt}, ${occurredAt}, ${`${type}, Teststad`}, '', ${type}, 'Teststad', 'Teststad',
      ${t.current.rootId}, ${path.at(-1) ?? null}, ${path}::uuid[], ${level}, 'text_name', ${String(policeId)}, ${now}, ${now})`.execute(
    t.current.database.db,
  );
}

beforeAll(async () => {
  const db = t.current.database.db;
  for (const k of ['root', 'a', 'b', 'n1', 'n2', 'n3'] as const) ids[k] = crypto.randomUUID();
  await area(ids.root, null, 'municipality', 'Teststad', 0);
  await area(ids.a, ids.root, 'district_area', 'Distrikt A', 1);
  await area(ids.b, ids.root, 'district_area', 'Distrikt B', 1);
  await area(ids.n1, ids.a, 'neighbourhood', 'Norra', 2);
  await area(ids.n2, ids.a, 'neighbourhood', 'Södra', 2);
  await area(ids.n3, ids.b, 'neighbourhood', 'Västra', 2);
  ids.committeeA = await createOrganisation(t.current, 'Stadsdelsnämnd A', 'committee');
  ids.committeeB = await createOrganisation(t.current, 'Stadsdelsnämnd B', 'committee');
  await sql`INSERT INTO organisation_areas (organisation_id, area_id) VALUES
    (${ids.committeeA}, ${ids.a}), (${ids.committeeB}, ${ids.b})`.execute(db);

  emails.security = (await createUser(t.current, 'security_coordinator', ids.committeeA)).email;
  emails.prevention = (await createUser(t.current, 'crime_prevention_coordinator', ids.committeeA)).email;
  emails.manager = (await createUser(t.current, 'manager', ids.committeeA)).email;
  emails.otherCoordinator = (
    await createUser(t.current, 'crime_prevention_coordinator', ids.committeeB)
  ).email;
  emails.analyst = (await createUser(t.current, 'city_analyst', t.current.rootId)).email;
  emails.employee = (await createUser(t.current, 'employee', ids.committeeA)).email;

  const n1Path = [ids.root, ids.a, ids.n1];
  const n2Path = [ids.root, ids.a, ids.n2];
  const seed = async (
    n: number,
    typeCode: string,
    organisationId: string,
    path: string[],
    affectedGender: 'woman' | 'man',
    occurredAt: string,
  ) => {
    for (let i = 0; i < n; i++)
      await seedIncident(db, {
        organisationId,
        typeCode,
        areaId: path.at(-1)!,
        areaPath: path,
        affectedGender,
        occurredAt: at(occurredAt),
      });
  };
  // Monday 3 March 2025, 10:15 UTC = 11:15 in Stockholm.
  await seed(6, 'theft', ids.committeeA, n1Path, 'woman', '2025-03-03T10:15:00Z');
  await seed(7, 'theft', ids.committeeA, n1Path, 'man', '2025-03-03T10:15:00Z');
  await seed(2, 'vandalism', ids.committeeA, n2Path, 'woman', '2025-06-14T20:00:00Z');
  await seed(1, 'open_drug_dealing', ids.committeeA, n1Path, 'man', '2025-04-01T12:00:00Z');
  await seed(1, 'violent_extremism_signs', ids.committeeA, n1Path, 'woman', '2025-05-01T12:00:00Z');
  await seed(5, 'theft', ids.committeeB, [ids.root, ids.b, ids.n3], 'man', '2025-03-03T10:15:00Z');
  await seed(4, 'theft', ids.committeeA, n1Path, 'man', '2024-02-10T10:00:00Z');

  await sql`INSERT INTO police_type_mappings (police_type, incident_type_id, focus_areas, counted) VALUES
    ('Stöld', (SELECT id FROM incident_types WHERE code = 'theft'), '{crime}', true), ('Sammanfattning natt', NULL, '{}', false)
    ON CONFLICT (police_type) DO UPDATE SET incident_type_id = excluded.incident_type_id,
      focus_areas = excluded.focus_areas, counted = excluded.counted`.execute(db);
  for (let i = 0; i < 3; i++) await policeEvent('2025-05-02T18:00:00Z', 'Stöld', n1Path, 'neighbourhood');
  for (let i = 0; i < 6; i++)
    await policeEvent('2025-05-03T18:00:00Z', 'Testhändelse', n2Path, 'neighbourhood');
  await policeEvent('2025-05-04T06:00:00Z', 'Sammanfattning natt', n1Path, 'neighbourhood');
  await policeEvent('2025-05-05T18:00:00Z', 'Stöld', [ids.root], 'municipality');
  await rebuildPoliceCells(db, t.current.rootId);

  for (const [areaId, n] of [
    [ids.n1, 500],
    [ids.n2, 250],
    [ids.n3, 1000],
  ] as const) {
    for (const gender of ['woman', 'man'])
      for (const band of ['0-17', '18-64'])
        await sql`INSERT INTO population (area_id, year, gender, age_band, count)
          VALUES (${areaId}, 2024, ${gender}, ${band}, ${n})`.execute(db);
  }
  await sql`INSERT INTO survey_results (area_id, year, question_code, question_label, group_kind, group_value, value, respondents) VALUES
    (${ids.a}, 2024, 'worry', 'Oro för brott', 'all', '', 30, 400),
    (${ids.a}, 2024, 'worry', 'Oro för brott', 'gender', 'woman', 40, 200),
    (${ids.root}, 2024, 'worry', 'Oro för brott', 'all', '', 25, 4000)`.execute(db);
  await sql`INSERT INTO reported_crime (area_id, period_start, period_end, crime_type, count) VALUES
    (${ids.a}, '2025-01-01', '2025-12-31', 'Rån', 40),
    (${ids.a}, '2024-01-01', '2024-12-31', 'Rån', 30),
    (${ids.root}, '2025-01-01', '2025-12-31', 'Rån', 100)`.execute(db);
});

async function get(email: string, url: string) {
  const client = await signIn(t.current, email);
  return client.request('GET', url);
}

describe('GET /api/pictures/figures for an organisation', () => {
  let figures: PictureFigures;
  beforeAll(async () => {
    const res = await get(emails.security, URL_ORG());
    expect(res.statusCode, res.body).toBe(200);
    figures = res.json();
  });

  it('counts own reports by type and gender, with the comparison period', () => {
    expect(figures.scope).toMatchObject({ kind: 'organisation', organisation: { id: ids.committeeA } });
    expect(figures.scope.areas.map((a) => a.id)).toEqual([ids.a]);
    expect(figures.suppression).toEqual({ threshold: 5, applied: false });
    // Observations and extremism are not own reports; committee B's theft is not A's.
    expect(figures.own.total.current).toEqual({ woman: 8, man: 7, other: 0, unknown: 0, total: 15 });
    expect(figures.own.total.comparison).toEqual({ woman: 0, man: 4, other: 0, unknown: 0, total: 4 });
    const theft = figures.own.byType.find((r) => r.code === 'theft')!;
    expect(theft.current).toEqual({ woman: 6, man: 7, other: 0, unknown: 0, total: 13 });
    expect(theft.group).toBe('crime');
    expect(theft.label.sv).toBeTruthy();
    expect(figures.own.byType.map((r) => r.code)).toEqual(['theft', 'vandalism']);
    const crime = figures.own.byFocusArea.find((r) => r.code === 'crime')!;
    expect(crime.current.total).toBe(15);
    expect(figures.observations.total.current.total).toBe(1);
    expect(figures.observations.byType.map((r) => r.code)).toEqual(['open_drug_dealing']);
  });

  it('gives a 36-month trend ending with the period and a weekday × hour heat map', () => {
    expect(figures.own.trend).toHaveLength(36);
    expect(figures.own.trend[0]!.month).toBe('2023-01');
    expect(figures.own.trend.at(-1)!.month).toBe('2025-12');
    expect(figures.own.trend.find((m) => m.month === '2025-03')!.counts.total).toBe(13);
    expect(figures.own.trend.find((m) => m.month === '2024-02')!.counts.man).toBe(4);
    expect(figures.own.heatmap).toHaveLength(168);
    const monday11 = figures.own.heatmap.find((c) => c.weekday === 1 && c.hour === 11)!;
    expect(monday11.counts).toMatchObject({ woman: 6, man: 7, total: 13 });
    expect(figures.police.trend).toHaveLength(36);
  });

  it('shows police events beside own reports, mapped or not, without the uncounted summaries', () => {
    expect(figures.police.total).toEqual({ current: 9, comparison: 0 });
    const stold = figures.police.byType.find((r) => r.policeType === 'Stöld')!;
    expect(stold).toMatchObject({
      mapped: true,
      incidentTypeCode: 'theft',
      focusAreas: ['crime'],
      current: 3,
    });
    expect(figures.police.byType.find((r) => r.policeType === 'Testhändelse')).toMatchObject({
      mapped: false,
      current: 6,
    });
    expect(figures.police.byType.some((r) => r.policeType === 'Sammanfattning natt')).toBe(false);
    expect(figures.police.byFocusArea.find((f) => f.code === 'crime')!.current).toBe(3);
    expect(figures.police.unplacedInMunicipality).toBe(1);
  });

  it('maps the district’s neighbourhoods with rates per 1,000 inhabitants', () => {
    expect(figures.areas.map((a) => a.name).sort()).toEqual(['Norra', 'Södra']);
    const norra = figures.areas.find((a) => a.areaId === ids.n1)!;
    // 13 thefts (the observation and the extremism report are not own reports here).
    expect(norra.own).toEqual({ woman: 6, man: 7, other: 0, unknown: 0, total: 13 });
    expect(norra.police).toBe(3);
    expect(norra.population).toBe(2000);
    expect(norra.ownRatePer1000).toBe(6.5);
    expect(norra.policeRatePer1000).toBe(1.5);
  });

  it('gives population, rates against the city, surveys, reported crime and sources', () => {
    expect(figures.population).toMatchObject({ year: 2024, total: 3000, woman: 1500, man: 1500, other: 0 });
    expect(figures.population!.byAgeBand).toEqual([
      { ageBand: '0-17', woman: 750, man: 750 },
      { ageBand: '18-64', woman: 750, man: 750 },
    ]);
    const theft = figures.own.byType.find((r) => r.code === 'theft')!;
    expect(theft.ratePer1000).toBe(4.33); // 13 / 3,000
    expect(theft.cityRatePer1000).toBe(2.57); // (13 + 5) / 7,000
    const worry = figures.surveys.find((s) => s.groupKind === 'all')!;
    expect(worry).toMatchObject({
      year: 2024,
      questionCode: 'worry',
      value: 30,
      respondents: 400,
      cityValue: 25,
    });
    expect(figures.surveys.find((s) => s.groupValue === 'woman')).toMatchObject({
      value: 40,
      cityValue: null,
    });
    expect(figures.reportedCrime).toEqual([
      { crimeType: 'Rån', current: 40, comparison: 30, ratePer1000: 13.33, cityRatePer1000: 14.29 },
    ]);
    const byKind = new Map(figures.sources.map((s) => [s.kind, s]));
    expect(byKind.get('incidents')).toMatchObject({ used: true, count: 15 });
    expect(byKind.get('police_events')!.notes).toContainEqual({
      key: 'pictures.source.unplaced',
      params: { n: 1 },
    });
    expect(byKind.get('police_events')!.notes).toContainEqual({
      key: 'pictures.source.unmappedPolice',
      params: { n: 1 },
    });
    expect(byKind.get('police_events')!.coverageFrom).toBe('2025-05-02');
    expect(byKind.get('population')).toMatchObject({ used: true, count: 3000, coverageFrom: '2024-01-01' });
    expect(byKind.get('survey')).toMatchObject({ used: true, count: 2 });
  });

  it('has the extremism section for holders of extremism.read, without its analysis', () => {
    expect(figures.extremism).not.toBeNull();
    expect(figures.extremism!.own.current).toMatchObject({ woman: 1, total: 1 });
    expect(figures.extremism!.ownByType.map((r) => r.code)).toEqual(['violent_extremism_signs']);
    expect(figures.extremism!.trend).toHaveLength(36);
    expect(figures.extremism!.analysis).toBe('');
  });

  it('audits the read', async () => {
    const row = await t.current.database.db
      .selectFrom('audit_events')
      .select(['action', 'target_type', 'target_id', 'organisation_id'])
      .where('action', '=', 'picture.read')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      target_type: 'organisation',
      target_id: ids.committeeA,
      organisation_id: ids.committeeA,
    });
  });
});

describe('small-count protection by role', () => {
  it('shows "small" and secondary hidden cells to a crime prevention coordinator', async () => {
    const res = await get(emails.prevention, URL_ORG());
    expect(res.statusCode).toBe(200);
    const f: PictureFigures = res.json();
    expect(f.suppression.applied).toBe(true);
    const vandalism = f.own.byType.find((r) => r.code === 'vandalism')!;
    expect(vandalism.current.woman).toBe('small');
    expect(vandalism.current.total).toBe('small');
    expect(vandalism.ratePer1000).toBeNull();
    // Women in total (8) = theft 6 + vandalism small: the 8 cannot be shown beside a shown 6.
    const womenTotal = f.own.total.current.woman;
    const theftWomen = f.own.byType.find((r) => r.code === 'theft')!.current.woman;
    expect(typeof womenTotal === 'number' && typeof theftWomen === 'number').toBe(false);
    // The comparison's 4 men are small.
    expect(f.own.total.comparison.man).toBe('small');
    expect(f.observations.total.current.total).toBe('small');
    expect(f.police.byType.find((r) => r.policeType === 'Stöld')!.current).toBe('small');
    // The sources' incident count follows the total it repeats.
    const incidents = f.sources.find((s) => s.kind === 'incidents')!;
    expect(incidents.count === null || incidents.count === f.own.total.current.total).toBe(true);
    // Extremism: the coordinator holds extremism.read; the single report is small.
    expect(f.extremism!.own.current.total).toBe('small');
  });

  it('shows no extremism section to a manager', async () => {
    const res = await get(emails.manager, URL_ORG());
    expect(res.statusCode).toBe(200);
    expect(res.json().extremism).toBeNull();
    expect(res.json().suppression.applied).toBe(true);
  });
});

describe('scopes and access', () => {
  it('refuses another committee’s picture and callers without pictures.read', async () => {
    expect((await get(emails.otherCoordinator, URL_ORG())).statusCode).toBe(403);
    expect((await get(emails.employee, URL_ORG())).statusCode).toBe(403);
  });

  it('gives the city picture to the city analyst only', async () => {
    const url = '/api/pictures/figures?from=2025-01&to=2025-12';
    expect((await get(emails.prevention, url)).statusCode).toBe(403);
    const res = await get(emails.analyst, url);
    expect(res.statusCode, res.body).toBe(200);
    const f: PictureFigures = res.json();
    expect(f.scope.kind).toBe('city');
    expect(f.own.total.current.total).toBe(20); // 15 of A + 5 of B
    expect(f.areas.map((a) => a.name).sort()).toEqual(['Distrikt A', 'Distrikt B']);
    // Police: the unplaced event counts at city level.
    expect(f.police.total.current).toBe(10);
    expect(f.population?.total).toBe(7000);
  });

  it('gives chosen areas (an area inside another chosen one dropped)', async () => {
    const res = await get(
      emails.prevention,
      `/api/pictures/figures?areas=${ids.n1},${ids.a}&from=2025-01&to=2025-12&compareFrom=2024-01&compareTo=2024-12`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const f: PictureFigures = res.json();
    expect(f.scope.kind).toBe('areas');
    expect(f.scope.areas.map((a) => a.id)).toEqual([ids.a]);
    const one = await get(
      emails.otherCoordinator,
      `/api/pictures/figures?areas=${ids.n1}&from=2025-01&to=2025-12`,
    );
    expect(one.statusCode).toBe(200);
    const n1: PictureFigures = one.json();
    expect(n1.areas.map((a) => a.areaId)).toEqual([ids.n1]);
    expect(n1.own.total.current.total).toBe(13);
  });

  it('answers bad requests with field errors', async () => {
    const bad = async (query: string) => {
      const res = await get(emails.security, `/api/pictures/figures?${query}`);
      expect(res.statusCode, query).toBe(400);
      return res.json().error.details as { path: string }[];
    };
    expect((await bad(`areas=${crypto.randomUUID()}&from=2025-01&to=2025-12`))[0]!.path).toBe('areas');
    expect((await bad('areas=nonsense&from=2025-01&to=2025-12'))[0]!.path).toBe('areas');
    expect((await bad('from=2025-12&to=2025-01'))[0]!.path).toBe('to');
    expect((await bad('from=2022-01&to=2025-12'))[0]!.path).toBe('to');
    expect((await bad('from=2025-01&to=2025-12&compareFrom=2024-01'))[0]!.path).toBe('compareTo');
    expect((await bad('from=2025-13&to=2025-12'))[0]!.path).toContain('from');
  });
});

describe('GET /api/pictures/scopes', () => {
  it('lists what the caller may make pictures of', async () => {
    const res = await get(emails.prevention, '/api/pictures/scopes');
    expect(res.statusCode, res.body).toBe(200);
    const s: PictureScopesResponse = res.json();
    expect(s.organisations.map((o) => o.id)).toEqual([ids.committeeA]);
    expect(s.municipality).toMatchObject({ id: t.current.rootId, rootAreaId: ids.root });
    expect(s.canSeeCity).toBe(false);
    expect(s.areas).toHaveLength(6);
    expect(s.months.first).toBe('2024-02');
    const analyst: PictureScopesResponse = (await get(emails.analyst, '/api/pictures/scopes')).json();
    expect(analyst.canSeeCity).toBe(true);
  });
});
