import crypto from 'node:crypto';
import fc from 'fast-check';
import { type Kysely, sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedIncident } from '../../../../tests/support/incidents.ts';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  createOrganisation,
  createUser,
  signIn,
  useTestApp,
} from '../../../../tests/support/test-app.ts';
import { createDb, type Db } from '../../db/database.ts';
import type { Database } from '../../db/types.ts';
import { createUnit, importSquareArea, reportBody } from '../incidents/reports.fixtures.ts';
import { applyRetention } from '../incidents/retention.usecases.ts';
import {
  applyIncidentRollups,
  changingIncidents,
  movingOrganisation,
  rebuildAllRollups,
} from './rollups.usecases.ts';

const t = useTestApp({ config: { incidentRetentionMonths: 24 } });
const db = () => t.current.database.db;

// ------------------------------------------------------------------ the oracle

/** Both tables as sorted lines, non-zero rows only ('own' cells). */
async function stored(d: Kysely<Database> = db()): Promise<{ rollups: string[]; cells: string[] }> {
  const rollups = await sql<{ line: string }>`
    SELECT concat_ws('|', day, organisation_id, coalesce(area_id::text, '-'), type_id, gender, source, count) AS line
    FROM incident_rollups WHERE count <> 0`.execute(d);
  const cells = await sql<{ line: string }>`
    SELECT concat_ws('|', scope_id, month, grain, category, weekday, hour, gender, count) AS line
    FROM picture_cells WHERE source = 'own' AND count <> 0`.execute(d);
  return { rollups: rollups.rows.map((r) => r.line).sort(), cells: cells.rows.map((r) => r.line).sort() };
}

const stockholm = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  weekday: 'short',
  hourCycle: 'h23',
});
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** Stockholm wall-clock parts of an instant, computed by the JS runtime's time-zone data (not PostgreSQL's). */
function local(at: Date) {
  const parts = Object.fromEntries(stockholm.formatToParts(at).map((p) => [p.type, p.value]));
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    month: `${parts.year}-${parts.month}-01`,
    weekday: WEEKDAYS[parts.weekday!]!,
    hour: Number(parts.hour),
  };
}

/**
 * What both tables should hold, computed in JS from the raw incidents, the organisation tree and the
 * root areas: an independent reading of the rules in rollups.usecases.ts.
 */
async function expected(d: Kysely<Database> = db()): Promise<{ rollups: string[]; cells: string[] }> {
  const incidents = await sql<{
    organisation_id: string;
    area_id: string | null;
    area_path: string[];
    type_id: string;
    code: string;
    affected_gender: string | null;
    source: string;
    occurred_at: Date;
  }>`
    SELECT i.organisation_id, i.area_id, i.area_path, i.type_id, t.code, i.affected_gender, i.source, i.occurred_at
    FROM incidents i JOIN incident_types t ON t.id = i.type_id`.execute(d);
  const orgs = await sql<{
    id: string;
    parent_id: string | null;
  }>`SELECT id, parent_id FROM organisations`.execute(d);
  const parentOf = new Map(orgs.rows.map((o) => [o.id, o.parent_id]));
  const roots = await sql<{ id: string; municipality_id: string }>`
    SELECT id, municipality_id FROM areas WHERE parent_id IS NULL`.execute(d);
  const rootAreaOf = new Map(roots.rows.map((r) => [r.municipality_id, r.id]));
  const rollups = new Map<string, number>();
  const cells = new Map<string, number>();
  const add = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const i of incidents.rows) {
    const l = local(i.occurred_at);
    const gender = i.affected_gender ?? 'unknown';
    add(rollups, [l.day, i.organisation_id, i.area_id ?? '-', i.type_id, gender, i.source].join('|'));
    const scopes = new Set<string>(i.area_path);
    let org: string | null = i.organisation_id;
    let top = org;
    while (org) {
      scopes.add(org);
      top = org;
      org = parentOf.get(org) ?? null;
    }
    const rootArea = rootAreaOf.get(top);
    if (rootArea) scopes.add(rootArea);
    for (const s of scopes) {
      add(cells, [s, l.month, 'total', '', 0, -1, gender].join('|'));
      add(cells, [s, l.month, 'type', i.code, 0, -1, gender].join('|'));
      add(cells, [s, l.month, 'hour', '', l.weekday, l.hour, gender].join('|'));
    }
  }
  const lines = (m: Map<string, number>) => [...m].map(([k, n]) => `${k}|${n}`).sort();
  return { rollups: lines(rollups), cells: lines(cells) };
}

/** The same for incident_rollups, by a plain GROUP BY in PostgreSQL. */
async function groupedRollups(d: Kysely<Database> = db()): Promise<string[]> {
  const result = await sql<{ line: string }>`
    SELECT concat_ws('|', (occurred_at AT TIME ZONE 'Europe/Stockholm')::date, organisation_id,
      coalesce(area_id::text, '-'), type_id, coalesce(affected_gender, 'unknown'), source, count(*)) AS line
    FROM incidents
    GROUP BY (occurred_at AT TIME ZONE 'Europe/Stockholm')::date, organisation_id, area_id, type_id,
      coalesce(affected_gender, 'unknown'), source`.execute(d);
  return result.rows.map((r) => r.line).sort();
}

async function expectConsistent(d: Kysely<Database> = db()) {
  const [have, want, grouped] = await Promise.all([stored(d), expected(d), groupedRollups(d)]);
  expect(want.rollups).toEqual(grouped);
  expect(have.rollups).toEqual(want.rollups);
  expect(have.cells).toEqual(want.cells);
  // Rows that reach 0 are deleted, not kept.
  const zeros = await sql<{ n: number }>`
    SELECT ((SELECT count(*) FROM incident_rollups WHERE count = 0)
      + (SELECT count(*) FROM picture_cells WHERE count = 0))::int AS n`.execute(d);
  expect(zeros.rows[0]!.n).toBe(0);
}

// ------------------------------------------------------------------ the city

let rootArea: string;
let district: string;
let neighbourhood: string;
let otherDistrict: string;
let committee: string;
let otherCommittee: string;
let unit: string;
let typeIds: Map<string, { id: string; versionId: string; group: string; focusAreas: string[] }>;

beforeAll(async () => {
  t.current.clock.current = new Date('2026-03-02T09:41:17Z');
  // A neighbourhood imported through the areas module (its polygon is where reports are placed); the
  // root area is made by the import.
  neighbourhood = await importSquareArea(t.current, 'Centrum', { lon: 18.0, lat: 59.3 });
  const rows = await sql<{ id: string; parent_id: string | null; municipality_id: string }>`
    SELECT id, parent_id, municipality_id FROM areas WHERE id = ${neighbourhood}`.execute(db());
  rootArea = rows.rows[0]!.parent_id!;
  const municipality = rows.rows[0]!.municipality_id;
  // Districts under the root; the neighbourhood is moved under the first one (paths are stored on
  // each incident, so this test writes them itself).
  const insertArea = async (name: string, parent: string, depth: number) =>
    (
      await sql<{ id: string }>`
        INSERT INTO areas (parent_id, level, name, municipality_id, depth)
        VALUES (${parent}, 'district_area', ${name}, ${municipality}, ${depth}) RETURNING id`.execute(db())
    ).rows[0]!.id;
  district = await insertArea('Söder', rootArea, 1);
  otherDistrict = await insertArea('Norr', rootArea, 1);
  committee = await createOrganisation(t.current, 'Stadsdelsnämnd Söder', 'committee');
  otherCommittee = await createOrganisation(t.current, 'Stadsdelsnämnd Norr', 'committee');
  unit = await createUnit(t.current, 'Förskolan Solen', committee);
  const types = await sql<{
    code: string;
    id: string;
    version_id: string;
    group_code: string;
    focus_areas: string[];
  }>`
    SELECT t.code, t.id, v.id AS version_id, t.group_code, v.focus_areas
    FROM incident_types t JOIN incident_type_versions v ON v.type_id = t.id AND v.version = t.current_version`.execute(
    db(),
  );
  typeIds = new Map(
    types.rows.map((r) => [
      r.code,
      { id: r.id, versionId: r.version_id, group: r.group_code, focusAreas: r.focus_areas },
    ]),
  );
});

async function clear() {
  await sql`UPDATE organisations SET parent_id = ${committee} WHERE id = ${unit}`.execute(db());
  await sql`DELETE FROM incidents`.execute(db());
  await sql`DELETE FROM incident_rollups`.execute(db());
  await sql`DELETE FROM picture_cells WHERE source = 'own'`.execute(db());
}

// ------------------------------------------------------------------ through the real use cases

describe('rollups kept by the use cases', () => {
  it('a report through the API shows up in both tables, in the same transaction', async () => {
    await clear();
    const reporter = await createUser(t.current, 'employee', unit);
    const client = await signIn(t.current, reporter.email);
    const body = await reportBody(t.current, 'vandalism', {
      unitId: unit,
      location: { lat: 59.32, lon: 18.02 },
      affectedKind: 'resident',
    });
    const res = await client.request('POST', '/api/incidents', body);
    expect(res.statusCode, res.body).toBe(201);
    const incident = await sql<{ id: string; organisation_id: string; area_id: string | null }>`
      SELECT id, organisation_id, area_id FROM incidents`.execute(db());
    expect(incident.rows).toHaveLength(1);
    expect(incident.rows[0]!.area_id).toBe(neighbourhood);
    const rollups = await sql<{ area_id: string; source: string; gender: string; count: number }>`
      SELECT area_id, source, gender, count FROM incident_rollups`.execute(db());
    expect(rollups.rows).toEqual([{ area_id: neighbourhood, source: 'form', gender: 'unknown', count: 1 }]);
    // The total of the neighbourhood, the root area (the city) and the organisations above.
    const totals = await sql<{ scope_id: string; count: number }>`
      SELECT scope_id, count FROM picture_cells WHERE source = 'own' AND grain = 'total' ORDER BY scope_id`.execute(
      db(),
    );
    const scopes = [neighbourhood, rootArea, incident.rows[0]!.organisation_id, t.current.rootId];
    expect(totals.rows.map((r) => r.scope_id).sort()).toEqual(
      expect.arrayContaining([...new Set(scopes)].sort()),
    );
    expect(totals.rows.every((r) => r.count === 1)).toBe(true);
    await expectConsistent();
  });

  it('a handling change that moves nothing leaves the rollups as they were', async () => {
    const before = await stored();
    const id = (await sql<{ id: string }>`SELECT id FROM incidents`.execute(db())).rows[0]!.id;
    const manager = await createUser(t.current, 'manager', committee);
    const client = await signIn(t.current, manager.email);
    const res = await client.request('POST', `/api/incidents/${id}/transition`, { to: 'investigating' });
    expect(res.statusCode, res.body).toBe(200);
    const state = await sql<{ state: string }>`SELECT state FROM incidents WHERE id = ${id}`.execute(db());
    expect(state.rows[0]!.state).toBe('investigating');
    expect(await stored()).toEqual(before);
  });

  it('retention deleting a report takes it off both tables', async () => {
    await clear();
    const keep = await seedIncident(db(), {
      organisationId: committee,
      typeCode: 'theft',
      areaId: neighbourhood,
      areaPath: [rootArea, district, neighbourhood],
      affectedGender: 'woman',
    });
    const gone = await seedIncident(db(), {
      organisationId: committee,
      typeCode: 'vandalism',
      areaId: neighbourhood,
      areaPath: [rootArea, district, neighbourhood],
      affectedGender: 'woman',
      occurredAt: new Date('2023-01-10T10:00:00Z'),
      state: 'closed',
    });
    await sql`
      UPDATE incident_type_versions SET retention_months = 12, retention_action = 'delete'
      WHERE type_id = ${typeIds.get('vandalism')!.id}`.execute(db());
    await expectConsistent();
    const before = await stored();
    const result = await applyRetention({ deps: t.current.deps });
    expect(result.deleted).toBe(1);
    const left = await sql<{ id: string }>`SELECT id FROM incidents`.execute(db());
    expect(left.rows.map((r) => r.id)).toEqual([keep.id]);
    const after = await stored();
    expect(after.rollups.length).toBeLessThan(before.rollups.length);
    // Nothing of 2023 is left: its rows reached 0 and were deleted.
    expect(after.rollups.some((l) => l.startsWith('2023-'))).toBe(false);
    expect(after.cells.some((l) => l.includes('|2023-01-01|'))).toBe(false);
    await expectConsistent();
    expect(gone.id).not.toBe(keep.id);
  });

  it('moving an organisation under another parent through the API moves its incidents between scopes', async () => {
    await clear();
    const from = await createOrganisation(t.current, `Nämnd ${crypto.randomUUID()}`, 'committee');
    const to = await createOrganisation(t.current, `Nämnd ${crypto.randomUUID()}`, 'committee');
    const unit = await createUnit(t.current, `Enhet ${crypto.randomUUID()}`, from);
    for (const gender of ['woman', 'man'] as const)
      await seedIncident(db(), {
        organisationId: unit,
        typeCode: 'theft',
        areaId: neighbourhood,
        areaPath: [rootArea, district, neighbourhood],
        affectedGender: gender,
      });
    const scopeCount = async (scope: string) =>
      (
        await sql<{ n: number }>`
          SELECT coalesce(sum(count), 0)::int AS n FROM picture_cells
          WHERE scope_id = ${scope}::uuid AND grain = 'total' AND source = 'own'`.execute(db())
      ).rows[0]!.n;
    expect([await scopeCount(from), await scopeCount(to)]).toEqual([2, 0]);
    const admin = await signIn(t.current, ADMIN_EMAIL, ADMIN_PASSWORD);
    const res = await admin.request('PATCH', `/api/organisations/${unit}`, { parentId: to });
    expect(res.statusCode, res.body).toBe(200);
    expect([await scopeCount(from), await scopeCount(to)]).toEqual([0, 2]);
    await expectConsistent();
  });
});

// ------------------------------------------------------------------ the property test

const GENDERS = ['woman', 'man', 'other', 'unknown', null] as const;
const SOURCES = ['form', 'api', 'demo'] as const;
const TYPES = ['theft', 'vandalism', 'threat_employee', 'violent_extremism_signs'] as const;
/** Month ends, year ends and both DST changes of 2025 (30 March 01:00 UTC, 26 October 01:00 UTC). */
const EDGES = [
  '2024-12-31T22:59:59Z',
  '2024-12-31T23:00:00Z',
  '2025-01-31T22:59:59Z',
  '2025-01-31T23:00:00Z',
  '2025-03-30T00:59:59Z',
  '2025-03-30T01:00:00Z',
  '2025-03-30T01:30:00Z',
  '2025-03-31T21:59:59Z',
  '2025-03-31T22:00:00Z',
  '2025-06-30T21:59:59Z',
  '2025-06-30T22:00:00Z',
  '2025-10-26T00:30:00Z',
  '2025-10-26T01:00:00Z',
  '2025-10-26T01:30:00Z',
  '2025-10-31T22:59:59Z',
  '2025-10-31T23:00:00Z',
].map((s) => new Date(s).getTime());

const time = fc.oneof(
  fc.constantFrom(...EDGES),
  fc.integer({ min: Date.parse('2024-11-01T00:00:00Z'), max: Date.parse('2026-02-01T00:00:00Z') }),
);
/** 0: no area; 1: the district; 2: the neighbourhood; 3: the other district; 4: a path lacking the root. */
const place = fc.integer({ min: 0, max: 4 });
/** 0: the committee; 1: its unit; 2: the other committee; 3: the municipality itself. */
const organisation = fc.integer({ min: 0, max: 3 });

type Op =
  | {
      kind: 'insert';
      type: (typeof TYPES)[number];
      at: number;
      place: number;
      org: number;
      gender: (typeof GENDERS)[number];
      source: (typeof SOURCES)[number];
    }
  | { kind: 'type'; pick: number; type: (typeof TYPES)[number] }
  | { kind: 'time'; pick: number; at: number }
  | { kind: 'gender'; pick: number; gender: (typeof GENDERS)[number] }
  | { kind: 'move'; pick: number; place: number }
  | { kind: 'reorganise'; pick: number; org: number }
  | { kind: 'edit'; pick: number; place: number; at: number; type: (typeof TYPES)[number] }
  | { kind: 'delete'; picks: number[] }
  | { kind: 'regroup'; under: number };

const pick = fc.nat({ max: 1000 });
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('insert' as const),
      type: fc.constantFrom(...TYPES),
      at: time,
      place,
      org: organisation,
      gender: fc.constantFrom(...GENDERS),
      source: fc.constantFrom(...SOURCES),
    }),
    weight: 4,
  },
  fc.record({ kind: fc.constant('type' as const), pick, type: fc.constantFrom(...TYPES) }),
  fc.record({ kind: fc.constant('time' as const), pick, at: time }),
  fc.record({ kind: fc.constant('gender' as const), pick, gender: fc.constantFrom(...GENDERS) }),
  fc.record({ kind: fc.constant('move' as const), pick, place }),
  fc.record({ kind: fc.constant('reorganise' as const), pick, org: organisation }),
  fc.record({ kind: fc.constant('edit' as const), pick, place, at: time, type: fc.constantFrom(...TYPES) }),
  fc.record({ kind: fc.constant('delete' as const), picks: fc.array(pick, { minLength: 1, maxLength: 3 }) }),
  // The unit moves to the other committee (1) or back (0): its incidents' organisation scopes change.
  fc.record({ kind: fc.constant('regroup' as const), under: fc.integer({ min: 0, max: 1 }) }),
);

function placeOf(n: number): { areaId: string | null; path: string[] } {
  switch (n) {
    case 1:
      return { areaId: district, path: [rootArea, district] };
    case 2:
      return { areaId: neighbourhood, path: [rootArea, district, neighbourhood] };
    case 3:
      return { areaId: otherDistrict, path: [rootArea, otherDistrict] };
    case 4:
      return { areaId: neighbourhood, path: [neighbourhood] };
    default:
      return { areaId: null, path: [] };
  }
}

const orgOf = (n: number) => [committee, unit, otherCommittee, t.current.rootId][n]!;

async function insertRaw(trx: Kysely<Database>, o: Extract<Op, { kind: 'insert' }>): Promise<string> {
  const type = typeIds.get(o.type)!;
  const p = placeOf(o.place);
  const at = new Date(o.at);
  const row = await sql<{ id: string }>`
    INSERT INTO incidents (reference, type_id, type_version_id, group_code, focus_areas, need_to_know,
      organisation_id, source, occurred_at, reported_at, area_id, area_path, affected_gender, description)
    VALUES (${`P-${crypto.randomBytes(6).toString('hex')}`}, ${type.id}, ${type.versionId}, ${type.group},
      ${type.focusAreas}::text[], false, ${orgOf(o.org)}, ${o.source}, ${at}, ${at}, ${p.areaId}, ${p.path}::uuid[],
      ${o.gender}, 'Egenskapstest')
    RETURNING id`.execute(trx);
  return row.rows[0]!.id;
}

/** One operation in one transaction, as the use cases do: -1 before a change, +1 after. */
async function apply(ids: string[], o: Op): Promise<void> {
  await db()
    .transaction()
    .execute(async (trx) => {
      if (o.kind === 'insert') {
        const id = await insertRaw(trx, o);
        await applyIncidentRollups(trx, [id], 1);
        ids.push(id);
        return;
      }
      if (o.kind === 'regroup') {
        await movingOrganisation(trx, unit, async () => {
          await sql`UPDATE organisations SET parent_id = ${o.under === 1 ? otherCommittee : committee}
            WHERE id = ${unit}`.execute(trx);
        });
        return;
      }
      if (ids.length === 0) return;
      if (o.kind === 'edit') {
        // The helper the use cases use: -1, the change, +1.
        const id = ids[o.pick % ids.length]!;
        const p = placeOf(o.place);
        const type = typeIds.get(o.type)!;
        await changingIncidents(trx, [id], () =>
          sql`UPDATE incidents SET area_id = ${p.areaId}, area_path = ${p.path}::uuid[],
            occurred_at = ${new Date(o.at)}, type_id = ${type.id}, type_version_id = ${type.versionId},
            group_code = ${type.group} WHERE id = ${id}`.execute(trx),
        );
        return;
      }
      if (o.kind === 'delete') {
        const gone = [...new Set(o.picks.map((p) => ids[p % ids.length]!))];
        await applyIncidentRollups(trx, gone, -1);
        await sql`DELETE FROM incidents WHERE id = ANY(${gone}::uuid[])`.execute(trx);
        for (const id of gone) ids.splice(ids.indexOf(id), 1);
        return;
      }
      const id = ids[o.pick % ids.length]!;
      await applyIncidentRollups(trx, [id], -1);
      switch (o.kind) {
        case 'type': {
          const type = typeIds.get(o.type)!;
          await sql`UPDATE incidents SET type_id = ${type.id}, type_version_id = ${type.versionId},
            group_code = ${type.group} WHERE id = ${id}`.execute(trx);
          break;
        }
        case 'time':
          await sql`UPDATE incidents SET occurred_at = ${new Date(o.at)} WHERE id = ${id}`.execute(trx);
          break;
        case 'gender':
          await sql`UPDATE incidents SET affected_gender = ${o.gender} WHERE id = ${id}`.execute(trx);
          break;
        case 'move': {
          const p = placeOf(o.place);
          await sql`UPDATE incidents SET area_id = ${p.areaId}, area_path = ${p.path}::uuid[] WHERE id = ${id}`.execute(
            trx,
          );
          break;
        }
        case 'reorganise':
          await sql`UPDATE incidents SET organisation_id = ${orgOf(o.org)} WHERE id = ${id}`.execute(trx);
          break;
      }
      await applyIncidentRollups(trx, [id], 1);
    });
}

describe('rollups against raw counts (property)', () => {
  it('after random inserts, edits, moves and deletions both tables equal the raw counts, and so does a rebuild', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 20 }), async (ops) => {
        await clear();
        const ids: string[] = [];
        for (const o of ops) await apply(ids, o);
        await expectConsistent();
        const before = await stored();
        // A rebuild from scratch gives the same rows.
        // Drift of every kind: counts changed, rows missing, rows that should not be there.
        await sql`UPDATE incident_rollups SET count = count + 7 WHERE gender <> 'woman'`.execute(db());
        await sql`DELETE FROM incident_rollups WHERE gender = 'woman'`.execute(db());
        await sql`UPDATE picture_cells SET count = count + 1 WHERE source = 'own' AND grain = 'type'`.execute(
          db(),
        );
        await sql`DELETE FROM picture_cells WHERE source = 'own' AND grain = 'hour' AND hour < 12`.execute(
          db(),
        );
        await sql`
          INSERT INTO picture_cells (scope_id, month, source, grain, category, weekday, hour, gender, count)
          VALUES (${rootArea}, '2020-01-01', 'own', 'total', '', 0, -1, 'other', 3)`.execute(db());
        await sql`
          INSERT INTO incident_rollups (day, organisation_id, area_id, type_id, gender, source, count)
          VALUES ('2020-01-01', ${committee}, NULL, ${typeIds.get('theft')!.id}, 'man', 'form', 2)`.execute(
          db(),
        );
        await rebuildAllRollups(db());
        expect(await stored()).toEqual(before);
      }),
      { numRuns: 50 },
    );
    // A few seconds on an idle machine; CI shares two cores with other test files.
  }, 120_000);
});

// ------------------------------------------------------------------ concurrency

describe('concurrent writers', () => {
  it('N transactions adding to and taking from the same cells at once lose no count', async () => {
    await clear();
    const n = 8;
    const pool: { db: Db; pool: unknown } = createDb(t.current.database.url, n + 2);
    try {
      const same = {
        organisationId: committee,
        typeCode: 'theft',
        areaId: neighbourhood,
        areaPath: [rootArea, district, neighbourhood],
        affectedGender: 'man' as const,
        occurredAt: new Date('2025-05-05T10:15:00Z'),
      };
      // Half of them are there before (and are deleted by the concurrent half).
      const existing: string[] = [];
      for (let i = 0; i < n / 2; i++) existing.push((await seedIncident(db(), same)).id);
      let arrived = 0;
      let open: () => void = () => undefined;
      const allInserted = new Promise<void>((resolve) => {
        open = resolve;
      });
      const arrive = () => {
        if (++arrived === n) open();
      };
      await Promise.all(
        Array.from({ length: n }, (_, i) =>
          pool.db.transaction().execute(async (trx) => {
            if (i % 2 === 0) {
              const id = await insertRaw(trx, {
                kind: 'insert',
                type: 'theft',
                at: same.occurredAt.getTime(),
                place: 2,
                org: 0,
                gender: 'man',
                source: 'form',
              });
              arrive();
              // Every transaction is open and has written its incident before any touches the rollups.
              await allInserted;
              await applyIncidentRollups(trx, [id], 1);
            } else {
              const id = existing[(i - 1) / 2]!;
              arrive();
              await allInserted;
              await applyIncidentRollups(trx, [id], -1);
              await sql`DELETE FROM incidents WHERE id = ${id}`.execute(trx);
            }
          }),
        ),
      );
      const count = await sql<{ n: number }>`SELECT count::int AS n FROM incident_rollups`.execute(db());
      expect(count.rows).toEqual([{ n: n / 2 }]);
      const root = await sql<{ n: number }>`
        SELECT count AS n FROM picture_cells WHERE scope_id = ${rootArea} AND grain = 'total'`.execute(db());
      expect(root.rows).toEqual([{ n: n / 2 }]);
      await expectConsistent();
    } finally {
      await pool.db.destroy();
    }
  });

  it('concurrent transactions each moving several incidents across shared cells neither deadlock nor drift', async () => {
    await clear();
    const n = 6;
    const { db: many } = createDb(t.current.database.url, n + 2);
    try {
      const months = ['2025-01-15T10:00:00Z', '2025-02-15T10:00:00Z', '2025-03-15T10:00:00Z'];
      const seeded: string[] = [];
      for (let i = 0; i < n * 3; i++)
        seeded.push(
          (
            await seedIncident(db(), {
              organisationId: i % 2 === 0 ? committee : unit,
              typeCode: i % 3 === 0 ? 'theft' : 'vandalism',
              areaId: i % 2 === 0 ? neighbourhood : otherDistrict,
              areaPath: i % 2 === 0 ? [rootArea, district, neighbourhood] : [rootArea, otherDistrict],
              affectedGender: i % 4 === 0 ? 'woman' : 'man',
              occurredAt: new Date(months[i % 3]!),
            })
          ).id,
        );
      let arrived = 0;
      let open: () => void = () => undefined;
      const allOpen = new Promise<void>((resolve) => {
        open = resolve;
      });
      await Promise.all(
        Array.from({ length: n }, (_, k) =>
          many.transaction().execute(async (trx) => {
            // Each moves three incidents (reverse order in every other transaction) to the other area,
            // month and gender.
            const mine = [seeded[k]!, seeded[k + n]!, seeded[k + 2 * n]!];
            if (k % 2 === 1) mine.reverse();
            await sql`SELECT 1`.execute(trx);
            if (++arrived === n) open();
            await allOpen;
            await changingIncidents(trx, mine, () =>
              sql`UPDATE incidents SET
                  area_id = CASE WHEN area_id = ${neighbourhood}::uuid THEN ${otherDistrict}::uuid ELSE ${neighbourhood}::uuid END,
                  area_path = CASE WHEN area_id = ${neighbourhood}::uuid THEN ARRAY[${rootArea}, ${otherDistrict}]::uuid[]
                    ELSE ARRAY[${rootArea}, ${district}, ${neighbourhood}]::uuid[] END,
                  occurred_at = occurred_at + interval '1 month',
                  affected_gender = CASE WHEN affected_gender = 'man' THEN 'woman' ELSE 'man' END
                WHERE id = ANY(${mine}::uuid[])`.execute(trx),
            );
          }),
        ),
      );
      await expectConsistent();
    } finally {
      await many.destroy();
    }
  });

  it('N concurrent inserts into one cell give exactly N', async () => {
    await clear();
    const n = 8;
    const { db: many } = createDb(t.current.database.url, n + 2);
    try {
      await Promise.all(
        Array.from({ length: n }, () =>
          seedIncident(many, {
            organisationId: unit,
            typeCode: 'threat_employee',
            affectedGender: null,
            occurredAt: new Date('2025-10-26T01:30:00Z'),
          }),
        ),
      );
      const rows = await sql<{ gender: string; area_id: string | null; n: number }>`
        SELECT gender, area_id, count AS n FROM incident_rollups`.execute(db());
      expect(rows.rows).toEqual([{ gender: 'unknown', area_id: null, n }]);
      // Without an area it still counts in the city (the root area) and in its organisations.
      const scopes = await sql<{ scope_id: string; n: number }>`
        SELECT scope_id, count AS n FROM picture_cells WHERE grain = 'total' AND source = 'own' ORDER BY scope_id`.execute(
        db(),
      );
      expect(scopes.rows.map((r) => r.scope_id).sort()).toEqual(
        [rootArea, committee, unit, t.current.rootId].sort(),
      );
      expect(scopes.rows.every((r) => r.n === n)).toBe(true);
      await expectConsistent();
    } finally {
      await many.destroy();
    }
  });
});
