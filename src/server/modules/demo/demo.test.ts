import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestApp, createUser, signIn, useTestApp } from '../../../../tests/support/test-app.ts';
import type { ProgrammeOverview } from '../../../domain/api/programme.ts';
import { ROLES } from '../../../domain/roles.ts';
import type { Db } from '../../db/database.ts';
import { SYSTEM } from '../../platform/actor.ts';
import { verifyAuditChain } from '../../platform/audit.ts';
import { getCompliance } from '../coordinators/coordinators.usecases.ts';
import { createDemoCity, type DemoResult, formatDemoUsers } from './demo.usecases.ts';
import { DEMO_FIRST_START_INCIDENTS } from './demo-incidents.ts';

/** The demo records known threats: their key comes from the settings, not a file under ./data. */
const DEMO_APP = { config: { threatRegisterKey: 'demo-test-threat-register-key-0123456789' } };
const t = useTestApp(DEMO_APP);
let first: DemoResult;

/** Everything the demo made, without ids, timestamps or password hashes, as one sorted text. */
async function digest(db: Db): Promise<string> {
  const q = async (query: ReturnType<typeof sql>) =>
    ((await query.execute(db)).rows as Record<string, unknown>[]).map((r) => JSON.stringify(r)).sort();
  return [
    ...(await q(sql`SELECT o.name, o.kind, o.code, o.committee_type, o.valid_from, o.valid_to, p.name AS parent
      FROM organisations o LEFT JOIN organisations p ON p.id = o.parent_id`)),
    ...(await q(sql`SELECT a.name, a.level, p.name AS parent, a.geojson::text AS geometry
      FROM areas a LEFT JOIN areas p ON p.id = a.parent_id`)),
    ...(await q(sql`SELECT f.code, f.name, f.type_code, f.lat, f.lon, o.name AS org, u.name AS unit, a.name AS area
      FROM facilities f JOIN organisations o ON o.id = f.organisation_id
      LEFT JOIN organisations u ON u.id = f.unit_id LEFT JOIN areas a ON a.id = f.area_id`)),
    ...(await q(sql`SELECT u.email, u.name, r.role, o.name AS org FROM users u
      LEFT JOIN user_roles r ON r.user_id = u.id LEFT JOIN organisations o ON o.id = r.organisation_id`)),
    ...(await q(sql`SELECT o.name AS org, c.function, c.is_deputy, c.starts_on, c.ends_on, u.email
      FROM coordinator_assignments c JOIN organisations o ON o.id = c.organisation_id JOIN users u ON u.id = c.user_id`)),
  ].join('\n');
}

async function count(query: ReturnType<typeof sql<{ n: number }>>): Promise<number> {
  return (await query.execute(t.current.database.db)).rows[0]!.n;
}

describe('the demo city', () => {
  it('is created on a freshly bootstrapped database, in a few seconds, with the first start’s incidents', async () => {
    first = await createDemoCity(t.current.deps, { seed: 7 });
    expect(first.status).toBe('created');
    expect(first.counts.incidents).toBe(DEMO_FIRST_START_INCIDENTS);
    // A few seconds on an idle machine; generous for a busy one.
    expect(first.ms).toBeLessThan(60_000);
    expect(formatDemoUsers(first.users.filter((u) => u.showcase))).toContain(
      'sakerhet.bromma@demo.trygg.local',
    );
  }, 120_000);

  it('has 13 district committees, each responsible for one district area from 2020-07-01', async () => {
    const { rows } = await sql<{ committee: string; area: string; valid_from: string; n: number }>`
      SELECT o.name AS committee, a.name AS area, r.valid_from, count(*) OVER (PARTITION BY o.id)::int AS n
      FROM organisations o JOIN organisation_areas r ON r.organisation_id = o.id JOIN areas a ON a.id = r.area_id
      WHERE o.committee_type = 'district' AND o.valid_to IS NULL AND a.level = 'district_area'`.execute(
      t.current.database.db,
    );
    expect(rows).toHaveLength(13);
    expect(new Set(rows.map((r) => r.area)).size).toBe(13);
    for (const r of rows) {
      expect(r.n).toBe(1);
      expect(r.valid_from).toBe('2020-07-01');
    }
    const merged = await sql<{ name: string; valid_to: string; successor: string }>`
      SELECT p.name, p.valid_to, s.name AS successor FROM organisation_successions x
      JOIN organisations p ON p.id = x.predecessor_id JOIN organisations s ON s.id = x.successor_id`.execute(
      t.current.database.db,
    );
    expect(merged.rows.map((r) => [r.name, r.valid_to, r.successor]).sort()).toEqual([
      ['Hägersten-Liljeholmens stadsdelsnämnd', '2020-06-30', 'Hägersten-Älvsjö stadsdelsnämnd'],
      ['Älvsjö stadsdelsnämnd', '2020-06-30', 'Hägersten-Älvsjö stadsdelsnämnd'],
    ]);
    expect(
      await count(sql`SELECT count(*)::int AS n FROM organisations WHERE committee_type = 'specialist'`),
    ).toBe(12);
    expect(await count(sql`SELECT count(*)::int AS n FROM organisations WHERE kind = 'company'`)).toBe(8);
    expect(await count(sql`SELECT count(*)::int AS n FROM organisations WHERE kind = 'office'`)).toBe(1);
  });

  it('has 117 neighbourhoods with geometry under 13 district areas under the municipality', async () => {
    const db = t.current.database.db;
    const { rows } = await sql<{ district: string; n: number; geometry: boolean }>`
      SELECT d.name AS district, count(n.id)::int AS n, bool_and(n.geojson IS NOT NULL) AND d.geojson IS NOT NULL AS geometry
      FROM areas d JOIN areas m ON m.id = d.parent_id AND m.level = 'municipality'
      JOIN areas n ON n.parent_id = d.id AND n.level = 'neighbourhood'
      WHERE d.level = 'district_area' GROUP BY d.id`.execute(db);
    expect(rows).toHaveLength(13);
    expect(rows.reduce((s, r) => s + r.n, 0)).toBe(117);
    expect(rows.every((r) => r.geometry)).toBe(true);
  });

  it('has about 300 facilities, each inside a neighbourhood', async () => {
    const { rows } = await sql<{ n: number; outside: number; types: number }>`
      SELECT count(*)::int AS n, count(*) FILTER (WHERE a.level IS DISTINCT FROM 'neighbourhood')::int AS outside,
        count(DISTINCT f.type_code)::int AS types
      FROM facilities f LEFT JOIN areas a ON a.id = f.area_id`.execute(t.current.database.db);
    expect(rows[0]!.n).toBeGreaterThanOrEqual(250);
    expect(rows[0]!.n).toBeLessThanOrEqual(350);
    expect(rows[0]!.outside).toBe(0);
    expect(rows[0]!.types).toBe(9);
  });

  it('has users for all nine roles who can sign in with the passwords returned once', async () => {
    const showcase = first.users.filter((u) => u.showcase);
    expect(showcase.map((u) => u.role).sort()).toEqual([...ROLES].sort());
    for (const u of showcase) {
      const client = await signIn(t.current, u.email, u.password);
      const session = (await client.request('GET', '/api/session')).json();
      expect(JSON.stringify(session)).toContain(u.role);
    }
  });

  it('shows the deliberate gaps in coordinator coverage', async () => {
    const compliance = await getCompliance({ deps: t.current.deps, caller: SYSTEM });
    const status = new Map(compliance.items.map((i) => [i.organisation.name, i.status]));
    expect(first.gaps).toHaveLength(3);
    for (const gap of first.gaps) expect(status.get(gap.organisation)).toBe(gap.problem);
    expect(compliance.summary).toMatchObject({ organisations: 33, missing: 2, ending: 1, covered: 30 });
    expect(await count(sql`SELECT count(*)::int AS n FROM coordinator_assignments WHERE is_deputy`)).toBe(2);
  });

  it('has the programme in force with 4 goal areas and 5 focus areas', async () => {
    const admin = first.users.find((u) => u.role === 'administrator')!;
    const client = await signIn(t.current, admin.email, admin.password);
    const overview: ProgrammeOverview = (await client.request('GET', '/api/programme')).json();
    expect(overview.inForce?.goalAreas).toHaveLength(4);
    expect(overview.inForce?.focusAreas).toHaveLength(5);
  });

  it('changes nothing when run again, and keeps the audit chain intact', async () => {
    const db = t.current.database.db;
    const before = await digest(db);
    const audits = await count(sql`SELECT count(*)::int AS n FROM audit_events`);
    const again = await createDemoCity(t.current.deps, { seed: 7 });
    expect(again.status).toBe('exists');
    expect(again.users).toEqual([]);
    expect(await digest(db)).toBe(before);
    expect(await count(sql`SELECT count(*)::int AS n FROM audit_events`)).toBe(audits);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it('gives the same city for the same seed, and refuses a database with other data', async () => {
    const other = await createTestApp(DEMO_APP);
    try {
      await createUser(other, 'employee', other.rootId);
      await expect(createDemoCity(other.deps, { seed: 7, incidents: 0 })).rejects.toMatchObject({
        code: 'demo.not_empty',
      });
    } finally {
      await other.app.close();
      await other.database.drop();
    }
    const fresh = await createTestApp(DEMO_APP);
    try {
      fresh.clock.current = t.current.clock.current;
      await createDemoCity(fresh.deps, { seed: 7, incidents: 0 });
      expect(await digest(fresh.database.db)).toBe(await digest(t.current.database.db));
    } finally {
      await fresh.app.close();
      await fresh.database.drop();
    }
  });
});

describe('loading the real boundaries over the demo city', () => {
  const real = useTestApp(DEMO_APP);
  it("replaces the generated cells with Stockholm's real neighbourhoods and places the facilities again", async () => {
    const { default: fs } = await import('node:fs');
    const { default: path } = await import('node:path');
    const { fileURLToPath } = await import('node:url');
    const { commitAreaImport } = await import('../areas/import/import.usecases.ts');
    const { recomputeFacilityAreas } = await import('../facilities/facilities-import.usecases.ts');
    const data = path.resolve(
      fileURLToPath(new URL('../../../../', import.meta.url)),
      '../shared/data/stockholm',
    );
    const read = (file: string) => {
      const full = path.join(data, file);
      if (!fs.existsSync(full)) throw new Error(`The Stockholm test data is missing: ${full}`);
      return fs.readFileSync(full, 'utf8');
    };
    await createDemoCity(real.current.deps, { seed: 7, incidents: 0 });
    const db = real.current.database.db;
    const neighbourhoods = async () =>
      (
        await sql<{ n: number }>`SELECT count(*)::int AS n FROM areas WHERE level = 'neighbourhood'`.execute(
          db,
        )
      ).rows[0]!.n;
    expect(await neighbourhoods()).toBe(117);
    const result = await commitAreaImport({
      deps: real.current.deps,
      caller: SYSTEM,
      input: {
        fileName: 'stadsdelar.geo.json',
        geojson: read('stadsdelar.geo.json'),
        level: 'neighbourhood',
        nameProperty: 'name',
        parentCsv: read('stadsdelar.csv'),
        parentFileName: 'stadsdelar.csv',
        parentLevel: 'district_area',
      },
    });
    // The demo's names are the real ones, so every neighbourhood is matched and updated, none added.
    expect(result.import.counts).toMatchObject({ created: 0, updated: 117 });
    expect(await neighbourhoods()).toBe(117);
    const moved = await recomputeFacilityAreas({ deps: real.current.deps });
    expect(moved.checked).toBeGreaterThan(250);
    const unplaced = (
      await sql<{ n: number }>`SELECT count(*)::int AS n FROM facilities WHERE area_id IS NULL`.execute(db)
    ).rows[0]!.n;
    // Cells were drawn inside the real neighbourhoods' reach; a few may fall outside the real borders.
    expect(unplaced).toBeLessThan(moved.checked * 0.1);
  });
});

describe('a demo that fails half-way', () => {
  const broken = useTestApp(DEMO_APP);
  it('leaves the database exactly as it was', async () => {
    const db = broken.current.database.db;
    const counts = async () =>
      (
        await sql<{ orgs: number; areas: number; users: number; audit: number }>`SELECT
          (SELECT count(*)::int FROM organisations) AS orgs, (SELECT count(*)::int FROM areas) AS areas,
          (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM audit_events) AS audit`.execute(
          db,
        )
      ).rows[0]!;
    const before = await counts();
    let calls = 0;
    // The clock fails after the first steps have written (and committed their own transactions).
    const now = () => {
      calls++;
      if (calls > 40) throw new Error('the clock stopped');
      return new Date('2026-03-02T08:00:00Z');
    };
    await expect(createDemoCity(broken.current.deps, { seed: 7, now, incidents: 0 })).rejects.toThrow(
      'the clock stopped',
    );
    expect(calls).toBeGreaterThan(40);
    expect(await counts()).toEqual(before);
    expect((await verifyAuditChain(db)).ok).toBe(true);
    // And it can be made afterwards.
    const result = await createDemoCity(broken.current.deps, { seed: 7, incidents: 0 });
    expect(result.status).toBe('created');
  });
});
