import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, useTestApp } from '../../../../tests/support/test-app.ts';
import { toSweref99tm } from '../../../domain/geo/sweref99tm.ts';
import type { Db } from '../../db/database.ts';
import { loadActor } from '../../platform/access.ts';
import { verifyAuditChain } from '../../platform/audit.ts';
import { createAreaLocator, swedishDay } from '../areas/areas.usecases.ts';
import { canReadIncident, loadAccessFacts } from '../incidents/incidents.policy.ts';
import { incidentsDb } from '../incidents/incidents.tables.ts';
import { findRouting, resolvePlacement } from '../incidents/routing.ts';
import { listMyCases } from '../threat-register/threat-cases.usecases.ts';
import { addIncidentsToDemoCity, createDemoCity, type DemoResult } from './demo.usecases.ts';
import { DEMO_INCIDENT_YEARS } from './demo-incidents.ts';

const COUNT = 12_000;
const DAY = 86_400_000;
/** The demo records known threats: their key comes from the settings, not a file under ./data. */
const DEMO_APP = { config: { threatRegisterKey: 'demo-test-threat-register-key-0123456789' } };
const t = useTestApp(DEMO_APP);
let city: DemoResult;

const db = () => t.current.database.db;
async function rows<T>(query: ReturnType<typeof sql<T>>): Promise<T[]> {
  return (await query.execute(db())).rows;
}
async function one<T>(query: ReturnType<typeof sql<T>>): Promise<T> {
  return (await rows(query))[0]!;
}

/** The demo incidents as text without ids (names and e-mails instead), for comparing two databases. */
async function digest(on: Db): Promise<string> {
  const { rows: incidents } = await sql`
    SELECT i.reference, t.code, o.name AS org, un.name AS unit, ru.email AS reporter, i.anonymous, i.occurred_at,
      i.reported_at, i.lat, i.lon, a.name AS area, f.code AS facility, i.address_text, i.affected_kind,
      i.affected_gender, i.description, i.immediate_action, i.police_called, i.police_report_number, i.injury,
      i.injury_severity, i.work_environment_kind, i.serious, i.state, i.closed_reason, i.closed_at,
      au.email AS assignee, i.authority_deadline_at, i.authority_reported_at, i.authority_reference,
      (SELECT string_agg(pu.email || ':' || p.role, ',' ORDER BY pu.email, p.role)
        FROM incident_participants p JOIN users pu ON pu.id = p.user_id WHERE p.incident_id = i.id) AS participants,
      (SELECT string_agg(e.kind || '@' || e.at::text || ':' || e.data::text, ',' ORDER BY e.at, e.kind)
        FROM incident_events e WHERE e.incident_id = i.id) AS events
    FROM incidents i JOIN incident_types t ON t.id = i.type_id JOIN organisations o ON o.id = i.organisation_id
    LEFT JOIN organisations un ON un.id = i.unit_id LEFT JOIN users ru ON ru.id = i.reporter_id
    LEFT JOIN users au ON au.id = i.assignee_id LEFT JOIN areas a ON a.id = i.area_id
    LEFT JOIN facilities f ON f.id = i.facility_id
    ORDER BY i.reference`.execute(on);
  return incidents.map((r) => JSON.stringify(r)).join('\n');
}

describe('the demo incidents', () => {
  it(`are made with the demo city: ${COUNT} with participants and a timeline, unique references`, async () => {
    city = await createDemoCity(t.current.deps, { seed: 11, incidents: COUNT });
    expect(city.status).toBe('created');
    expect(city.counts.incidents).toBe(COUNT);
    expect(city.incidents).toMatchObject({ incidents: COUNT });
    const c = await one(sql<{
      n: number;
      refs: number;
      participants: number;
      created: number;
      max: number;
      next: number;
    }>`
      SELECT count(*)::int AS n, count(DISTINCT reference)::int AS refs,
        (SELECT count(*)::int FROM incident_participants) AS participants,
        (SELECT count(DISTINCT incident_id)::int FROM incident_events WHERE kind = 'created') AS created,
        max(substring(reference FROM '[0-9]+$')::int) AS max,
        (SELECT nextval('incident_reference_seq')::int) AS next
      FROM incidents WHERE source = 'demo' AND reference ~ '^H-[0-9]{4}-[0-9]{6}$'`);
    expect(c.n).toBe(COUNT);
    expect(c.refs).toBe(COUNT);
    expect(c.created).toBe(COUNT);
    expect(c.participants).toBe(city.incidents!.participants);
    // The next report made through the form continues after the demo's references.
    expect(c.next).toBeGreaterThan(c.max);
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  }, 180_000);

  it('span the last three years, each reported after it happened and none in the future', async () => {
    const now = t.current.clock.current.getTime();
    const r = await one(sql<{ first: Date; last: Date; backwards: number; future: number }>`
      SELECT min(occurred_at) AS first, max(reported_at) AS last,
        count(*) FILTER (WHERE reported_at < occurred_at)::int AS backwards,
        count(*) FILTER (WHERE occurred_at > ${new Date(now)} OR reported_at > ${new Date(now)})::int AS future
      FROM incidents`);
    expect(r.backwards).toBe(0);
    expect(r.future).toBe(0);
    expect(r.first.getTime()).toBeGreaterThanOrEqual(now - DEMO_INCIDENT_YEARS * 366 * DAY);
    expect(r.first.getTime()).toBeLessThan(now - (DEMO_INCIDENT_YEARS * 365 - 5) * DAY);
    expect(r.last.getTime()).toBeGreaterThan(now - 2 * DAY);
    // Later years have a little more (reporting grows), but every year has its share.
    const perYear = await rows(sql<{ n: number }>`
      SELECT count(*)::int AS n FROM (
        SELECT floor(extract(epoch FROM ${new Date(now)}::timestamptz - occurred_at) / (365.25 * 86400)) AS y
        FROM incidents) x
      GROUP BY y ORDER BY y`);
    expect(perYear).toHaveLength(3);
    for (const y of perYear) expect(y.n).toBeGreaterThan(COUNT * 0.25);
  });

  it('lie inside the areas, with the area, its path and the SWEREF 99 TM point as the app computes them', async () => {
    const incidents = await rows(
      sql<{
        lat: number;
        lon: number;
        east: number;
        north: number;
        area_id: string | null;
        area_path: string[];
      }>`SELECT lat, lon, location[0] AS east, location[1] AS north, area_id, area_path FROM incidents`,
    );
    const locator = await createAreaLocator({
      deps: t.current.deps,
      date: swedishDay(t.current.clock.now()),
    });
    let checked = 0;
    for (const i of incidents) {
      const hit = locator.locate(i.lat, i.lon);
      expect(hit).not.toBeNull();
      expect(i.area_id).toBe(hit!.area.id);
      expect(i.area_path).toEqual([...hit!.ancestors.map((a) => a.id), hit!.area.id]);
      const p = toSweref99tm(i.lat, i.lon);
      expect(Math.abs(p.east - i.east) + Math.abs(p.north - i.north)).toBeLessThan(0.01);
      checked++;
    }
    expect(checked).toBe(COUNT);
    const levels = await rows(sql<{ level: string; n: number }>`
      SELECT a.level, count(*)::int AS n FROM incidents i JOIN areas a ON a.id = i.area_id GROUP BY a.level`);
    expect(levels).toEqual([{ level: 'neighbourhood', n: COUNT }]);
  });

  it('follow the districts’ population, with crime heavier in the centre', async () => {
    const byDistrict = new Map(
      (
        await rows(sql<{ district: string; accidents: number; crime: number }>`
          SELECT d.name AS district, count(*) FILTER (WHERE i.group_code = 'accident')::int AS accidents,
            count(*) FILTER (WHERE i.group_code = 'crime')::int AS crime
          FROM incidents i JOIN areas d ON d.id = i.area_path[2] GROUP BY d.name`)
      ).map((r) => [r.district, r]),
    );
    expect(byDistrict.size).toBe(13);
    // Södermalm has about 3.6 times Skärholmen's people.
    const ratio = byDistrict.get('Södermalm')!.accidents / byDistrict.get('Skärholmen')!.accidents;
    expect(ratio).toBeGreaterThan(2.5);
    expect(ratio).toBeLessThan(5);
    // Norrmalm has fewer people than Bromma but far more crime reports.
    expect(byDistrict.get('Norrmalm')!.crime).toBeGreaterThan(2 * byDistrict.get('Bromma')!.crime);
  });

  it('mix the types: accidents and crime most, threats fewer', async () => {
    const groups = new Map(
      (
        await rows(sql<{ group_code: string; n: number }>`
          SELECT group_code, count(*)::int AS n FROM incidents GROUP BY group_code`)
      ).map((r) => [r.group_code, r.n]),
    );
    expect(groups.size).toBe(6);
    const share = (g: string) => (groups.get(g) ?? 0) / COUNT;
    expect(share('accident')).toBeGreaterThan(0.25);
    expect(share('crime')).toBeGreaterThan(0.25);
    expect(share('threat_violence')).toBeGreaterThan(0.05);
    expect(share('threat_violence')).toBeLessThan(share('accident'));
    expect(share('undue_influence')).toBeLessThan(share('threat_violence'));
    expect(share('facility_observation')).toBeGreaterThan(0.05);
    expect(share('security')).toBeGreaterThan(0.01);
  });

  it('follow the seasons, weekdays and hours: winter falls, summer-evening disorder, threats in office hours', async () => {
    const r = await one(sql<{
      falls_winter: number;
      falls_summer: number;
      disorder_summer: number;
      disorder_winter: number;
      disorder: number;
      disorder_evening: number;
      threats: number;
      threats_weekday: number;
      threats_office: number;
    }>`
      WITH x AS (
        SELECT t.code, i.group_code, extract(month FROM i.occurred_at AT TIME ZONE 'Europe/Stockholm') AS m,
          extract(isodow FROM i.occurred_at AT TIME ZONE 'Europe/Stockholm') AS dow,
          extract(hour FROM i.occurred_at AT TIME ZONE 'Europe/Stockholm') AS h
        FROM incidents i JOIN incident_types t ON t.id = i.type_id)
      SELECT
        count(*) FILTER (WHERE code = 'fall_slip' AND m IN (12, 1, 2))::int AS falls_winter,
        count(*) FILTER (WHERE code = 'fall_slip' AND m IN (6, 7, 8))::int AS falls_summer,
        count(*) FILTER (WHERE code IN ('disorder', 'vandalism', 'gatherings', 'observed_disorder') AND m IN (6, 7, 8))::int AS disorder_summer,
        count(*) FILTER (WHERE code IN ('disorder', 'vandalism', 'gatherings', 'observed_disorder') AND m IN (12, 1, 2))::int AS disorder_winter,
        count(*) FILTER (WHERE code IN ('disorder', 'vandalism'))::int AS disorder,
        count(*) FILTER (WHERE code IN ('disorder', 'vandalism') AND (h >= 18 OR h < 3))::int AS disorder_evening,
        count(*) FILTER (WHERE code = 'threat_employee')::int AS threats,
        count(*) FILTER (WHERE code = 'threat_employee' AND dow <= 5)::int AS threats_weekday,
        count(*) FILTER (WHERE code = 'threat_employee' AND h BETWEEN 7 AND 16)::int AS threats_office
      FROM x`);
    expect(r.falls_winter).toBeGreaterThan(2 * r.falls_summer);
    expect(r.disorder_summer).toBeGreaterThan(1.6 * r.disorder_winter);
    expect(r.disorder_evening / r.disorder).toBeGreaterThan(0.5);
    expect(r.threats_weekday / r.threats).toBeGreaterThan(0.85);
    expect(r.threats_office / r.threats).toBeGreaterThan(0.8);
  });

  it('record the gender of the affected: mostly women among care and school staff, and a share not known', async () => {
    const r = await one(sql<{ women: number; men: number; other: number; unknown: number; missing: number }>`
      SELECT count(*) FILTER (WHERE affected_gender = 'woman')::int AS women,
        count(*) FILTER (WHERE affected_gender = 'man')::int AS men,
        count(*) FILTER (WHERE affected_gender = 'other')::int AS other,
        count(*) FILTER (WHERE affected_gender = 'unknown')::int AS unknown,
        count(*) FILTER (WHERE affected_gender IS NULL)::int AS missing
      FROM incidents WHERE affected_kind = 'employee'`);
    const total = r.women + r.men + r.other + r.unknown + r.missing;
    expect(r.women / (r.women + r.men)).toBeGreaterThan(0.6);
    expect(r.women / (r.women + r.men)).toBeLessThan(0.9);
    expect((r.unknown + r.missing) / total).toBeGreaterThan(0.05);
    expect((r.unknown + r.missing) / total).toBeLessThan(0.3);
    expect(r.other).toBeGreaterThan(0);
    // Where nobody in particular was affected, the gender is mostly left out.
    const nobody = await one(sql<{ n: number; with_gender: number }>`
      SELECT count(*)::int AS n, count(*) FILTER (WHERE affected_gender IN ('woman', 'man'))::int AS with_gender
      FROM incidents WHERE affected_kind = 'unknown'`);
    expect(nobody.with_gender).toBe(0);
  });

  it('concentrate threats in the social services of a few district committees', async () => {
    const units = await one(sql<{ all: number; social: number }>`
      SELECT count(*)::int AS all,
        count(*) FILTER (WHERE u.name IN ('Vuxenenheten', 'Barn och unga'))::int AS social
      FROM incidents i LEFT JOIN organisations u ON u.id = i.unit_id WHERE i.group_code = 'threat_violence'
        AND i.affected_kind = 'employee'`);
    expect(units.social / units.all).toBeGreaterThan(0.5);
    const byCommittee = await rows(sql<{ name: string; threats: number; all: number }>`
      SELECT o.name, count(*) FILTER (WHERE i.group_code = 'threat_violence')::int AS threats, count(*)::int AS all
      FROM incidents i JOIN organisations o ON o.id = i.organisation_id WHERE o.committee_type = 'district'
      GROUP BY o.name ORDER BY 2 DESC`);
    const rate = (name: string) => {
      const r = byCommittee.find((c) => c.name.startsWith(name))!;
      return r.threats / r.all;
    };
    // Threats make a far larger part of Rinkeby-Kista's reports than of Östermalm's.
    expect(rate('Rinkeby-Kista')).toBeGreaterThan(2 * rate('Östermalms'));
    expect(byCommittee[0]!.name).toMatch(/Rinkeby-Kista|Spånga-Tensta|Hägersten|Enskede/);
  });

  it('place observations around some preschools, playgrounds, youth centres and schools', async () => {
    const obs = await rows(sql<{ type_code: string; n: number }>`
      SELECT f.type_code, count(*)::int AS n FROM incidents i JOIN facilities f ON f.id = i.facility_id
      WHERE i.group_code = 'facility_observation' GROUP BY f.id, f.type_code ORDER BY n DESC`);
    const total = obs.reduce((s, o) => s + o.n, 0);
    const all = await one(
      sql<{ n: number }>`SELECT count(*)::int AS n FROM incidents WHERE group_code = 'facility_observation'`,
    );
    expect(total).toBe(all.n);
    expect(obs.length).toBeLessThanOrEqual(40);
    expect(
      obs.every((o) => ['preschool', 'playground', 'youth_centre', 'school'].includes(o.type_code)),
    ).toBe(true);
    // A few facilities draw many.
    expect(obs.slice(0, 5).reduce((s, o) => s + o.n, 0) / total).toBeGreaterThan(0.25);
    // Within a couple of hundred metres of the facility.
    const far = await one(sql<{ n: number }>`
      SELECT count(*)::int AS n FROM incidents i JOIN facilities f ON f.id = i.facility_id
      WHERE i.location <-> f.location > 160`);
    expect(far.n).toBe(0);
  });

  it('are mostly closed with a reason when old and mostly open when recent', async () => {
    const now = t.current.clock.current;
    const r = await one(sql<{
      old: number;
      old_closed: number;
      recent: number;
      recent_open: number;
      closed_without_reason: number;
      closed_early: number;
      assigned_unseen: number;
    }>`SELECT
        count(*) FILTER (WHERE reported_at < ${now}::timestamptz - interval '180 days')::int AS old,
        count(*) FILTER (WHERE reported_at < ${now}::timestamptz - interval '180 days' AND state = 'closed')::int AS old_closed,
        count(*) FILTER (WHERE reported_at > ${now}::timestamptz - interval '7 days')::int AS recent,
        count(*) FILTER (WHERE reported_at > ${now}::timestamptz - interval '7 days' AND state <> 'closed')::int AS recent_open,
        count(*) FILTER (WHERE state = 'closed' AND (closed_reason IS NULL OR closed_at IS NULL))::int AS closed_without_reason,
        count(*) FILTER (WHERE closed_at < reported_at)::int AS closed_early,
        count(*) FILTER (WHERE assignee_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM incident_participants p
          WHERE p.incident_id = incidents.id AND p.user_id = incidents.assignee_id AND p.role = 'assignee'))::int AS assigned_unseen
      FROM incidents`);
    expect(r.old_closed / r.old).toBeGreaterThan(0.9);
    expect(r.old_closed).toBeLessThan(r.old);
    expect(r.recent_open / r.recent).toBeGreaterThan(0.6);
    expect(r.closed_without_reason).toBe(0);
    expect(r.closed_early).toBe(0);
    expect(r.assigned_unseen).toBe(0);
    // Every state change is on the timeline, visible to the reporter.
    const timeline = await one(sql<{ missing: number }>`
      SELECT count(*)::int AS missing FROM incidents i WHERE i.state <> 'received' AND NOT EXISTS (
        SELECT 1 FROM incident_events e WHERE e.incident_id = i.id AND e.kind = 'state_changed'
          AND e.visibility = 'reporter' AND e.data->>'to' = i.state)`);
    expect(timeline.missing).toBe(0);
  });

  it('flag serious events with the 24-hour deadline, most reported to the authority in time, none left for the job to chase', async () => {
    const now = t.current.clock.current;
    const r = await one(sql<{
      serious: number;
      wrong_deadline: number;
      due: number;
      reported: number;
      in_time: number;
      unmarked_overdue: number;
    }>`SELECT count(*)::int AS serious,
        count(*) FILTER (WHERE authority_deadline_at IS DISTINCT FROM occurred_at + interval '24 hours')::int AS wrong_deadline,
        count(*) FILTER (WHERE authority_deadline_at < ${now})::int AS due,
        count(*) FILTER (WHERE authority_reported_at IS NOT NULL)::int AS reported,
        count(*) FILTER (WHERE authority_reported_at <= authority_deadline_at)::int AS in_time,
        count(*) FILTER (WHERE authority_deadline_at <= ${now} AND authority_reported_at IS NULL
          AND authority_overdue_sent_at IS NULL)::int AS unmarked_overdue
      FROM incidents WHERE serious`);
    expect(r.serious).toBeGreaterThan(20);
    expect(r.wrong_deadline).toBe(0);
    expect(r.reported / r.due).toBeGreaterThan(0.85);
    expect(r.in_time / r.reported).toBeGreaterThan(0.75);
    expect(r.unmarked_overdue).toBe(0);
    const notSerious = await one(
      sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM incidents WHERE NOT serious AND authority_deadline_at IS NOT NULL`,
    );
    expect(notSerious.n).toBe(0);
  });

  it('keep anonymous reports anonymous: no reporter anywhere, and only where the type allows it', async () => {
    const r = await one(sql<{
      n: number;
      named: number;
      not_allowed: number;
      traced: number;
      minutes: number;
    }>`
      SELECT count(*)::int AS n,
        count(*) FILTER (WHERE i.reporter_id IS NOT NULL OR i.affected_user_id IS NOT NULL)::int AS named,
        count(*) FILTER (WHERE NOT v.anonymous_allowed)::int AS not_allowed,
        count(*) FILTER (WHERE EXISTS (SELECT 1 FROM incident_participants p WHERE p.incident_id = i.id
          AND p.role IN ('reporter', 'affected'))
          OR EXISTS (SELECT 1 FROM incident_events e WHERE e.incident_id = i.id AND e.kind = 'created'
          AND e.actor_id IS NOT NULL))::int AS traced,
        count(*) FILTER (WHERE date_trunc('hour', i.reported_at) <> i.reported_at AND i.reported_at <> i.occurred_at)::int AS minutes
      FROM incidents i JOIN incident_type_versions v ON v.id = i.type_version_id WHERE i.anonymous`);
    expect(r.n).toBeGreaterThan(100);
    expect(r.named).toBe(0);
    expect(r.not_allowed).toBe(0);
    expect(r.traced).toBe(0);
    expect(r.minutes).toBe(0);
  });

  it('route every report as the app does: the reporter, the nearest manager and the security coordinator take part', async () => {
    const today = swedishDay(t.current.clock.now());
    const places = await rows(sql<{ organisation_id: string; unit_id: string | null }>`
      SELECT DISTINCT organisation_id, unit_id FROM incidents`);
    const expected = new Map<string, { managers: string[]; coordinators: string[] }>();
    for (const p of places) {
      const placement = await resolvePlacement(db(), p.unit_id ?? p.organisation_id);
      expect(placement).toMatchObject({ organisationId: p.organisation_id, unitId: p.unit_id });
      const routing = await findRouting(db(), placement!, today);
      expect(routing.managerIds.length).toBeLessThanOrEqual(1);
      expect(routing.coordinatorIds.length).toBeLessThanOrEqual(1);
      expected.set(`${p.organisation_id}|${p.unit_id}`, {
        managers: routing.managerIds,
        coordinators: routing.coordinatorIds,
      });
    }
    const incidents = await rows(sql<{
      organisation_id: string;
      unit_id: string | null;
      reporter_id: string | null;
      affected_user_id: string | null;
      managers: string[];
      coordinators: string[];
      reporters: string[];
      affected: string[];
    }>`SELECT i.organisation_id, i.unit_id, i.reporter_id, i.affected_user_id,
        array(SELECT user_id FROM incident_participants p WHERE p.incident_id = i.id AND p.role = 'manager') AS managers,
        array(SELECT user_id FROM incident_participants p WHERE p.incident_id = i.id AND p.role = 'coordinator') AS coordinators,
        array(SELECT user_id FROM incident_participants p WHERE p.incident_id = i.id AND p.role = 'reporter') AS reporters,
        array(SELECT user_id FROM incident_participants p WHERE p.incident_id = i.id AND p.role = 'affected') AS affected
      FROM incidents i`);
    let routedToManager = 0;
    for (const i of incidents) {
      const e = expected.get(`${i.organisation_id}|${i.unit_id}`)!;
      expect(i.managers).toEqual(e.managers);
      expect(i.coordinators).toEqual(e.coordinators);
      expect(i.reporters).toEqual(i.reporter_id ? [i.reporter_id] : []);
      expect(i.affected).toEqual(i.affected_user_id ? [i.affected_user_id] : []);
      if (i.managers.length) routedToManager++;
    }
    expect(routedToManager / COUNT).toBeGreaterThan(0.7);
    // Reporters report where they work: in the unit (or organisation) of the incident, or above it.
    const stray = await one(sql<{ n: number }>`
      SELECT count(*)::int AS n FROM incidents i WHERE i.reporter_id IS NOT NULL AND NOT EXISTS (
        WITH RECURSIVE up AS (
          SELECT o.id, o.parent_id FROM organisations o WHERE o.id = coalesce(i.unit_id, i.organisation_id)
          UNION ALL SELECT o.id, o.parent_id FROM organisations o JOIN up ON o.id = up.parent_id)
        SELECT 1 FROM up WHERE EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = i.reporter_id AND r.organisation_id = up.id)
          OR EXISTS (SELECT 1 FROM user_roles r JOIN organisations ro ON ro.id = r.organisation_id
            WHERE r.user_id = i.reporter_id AND ro.parent_id = up.id)
          OR EXISTS (SELECT 1 FROM coordinator_assignments c WHERE c.user_id = i.reporter_id AND c.organisation_id = up.id))`);
    expect(stray.n).toBe(0);
  });

  it('keep need-to-know reports within their circle under the access rule', async () => {
    const sample = await rows(sql<{ id: string; coordinator: string; other: string }>`
      SELECT i.id, p.user_id AS coordinator,
        (SELECT c.user_id FROM coordinator_assignments c JOIN organisations o ON o.id = c.organisation_id
          WHERE c.function = 'security_coordinator' AND NOT c.is_deputy AND o.committee_type = 'district'
            AND c.organisation_id <> i.organisation_id ORDER BY o.name LIMIT 1) AS other
      FROM incidents i JOIN incident_participants p ON p.incident_id = i.id AND p.role = 'coordinator'
      WHERE i.need_to_know ORDER BY i.reference LIMIT 40`);
    expect(sample).toHaveLength(40);
    for (const s of sample) {
      const facts = (await loadAccessFacts(incidentsDb(db()), s.id))!;
      expect(canReadIncident((await loadActor(db(), s.coordinator)).actor, facts)).toBe(true);
      expect(canReadIncident((await loadActor(db(), s.other)).actor, facts)).toBe(false);
    }
    // The employees who reported threats against themselves read them; their colleagues do not.
    const own = await one(sql<{ id: string; reporter: string; colleague: string }>`
      SELECT i.id, i.reporter_id AS reporter, (SELECT r.user_id FROM user_roles r JOIN users u ON u.id = r.user_id
        WHERE r.role = 'employee' AND r.organisation_id <> coalesce(i.unit_id, i.organisation_id)
        ORDER BY u.email LIMIT 1) AS colleague
      FROM incidents i WHERE i.group_code = 'threat_violence' AND i.affected_user_id = i.reporter_id
      ORDER BY i.reference LIMIT 1`);
    const facts = (await loadAccessFacts(incidentsDb(db()), own.id))!;
    expect(canReadIncident((await loadActor(db(), own.reporter)).actor, facts)).toBe(true);
    expect(canReadIncident((await loadActor(db(), own.colleague)).actor, facts)).toBe(false);
  });

  it('have Swedish descriptions that full-text and misspelled searches find', async () => {
    const r = await one(sql<{ distinct: number; klotter: number; hotade: number; fuzzy: number }>`
      SELECT count(DISTINCT description)::int AS distinct,
        count(*) FILTER (WHERE search @@ websearch_to_tsquery('trygg_swedish', 'klotter'))::int AS klotter,
        count(*) FILTER (WHERE search @@ websearch_to_tsquery('trygg_swedish', 'hot handläggare'))::int AS hotade,
        count(*) FILTER (WHERE trygg_fold('klotrad') <% trygg_fold(description))::int AS fuzzy
      FROM incidents`);
    expect(r.distinct).toBeGreaterThan(COUNT * 0.5);
    expect(r.klotter).toBeGreaterThan(50);
    expect(r.hotade).toBeGreaterThan(10);
    // "klotrad" (misspelt) is close to "klottrad" by trigrams.
    expect(r.fuzzy).toBeGreaterThan(10);
  });

  it('prints a cast in one district committee: employee, unit manager, security coordinator, case worker and crime prevention coordinator', async () => {
    expect(city.cast?.organisation).toBe('Rinkeby-Kista stadsdelsnämnd');
    expect(city.cast?.users.map((u) => u.role)).toEqual([
      'employee',
      'manager',
      'security_coordinator',
      'case_worker',
      'crime_prevention_coordinator',
    ]);
    // Each of them has incidents to work with.
    for (const u of city.cast!.users.filter((c) => c.role !== 'case_worker')) {
      const n = await one(sql<{ n: number }>`
        SELECT count(*)::int AS n FROM incident_participants p JOIN users u ON u.id = p.user_id
        WHERE u.email = ${u.email}`);
      if (u.role !== 'crime_prevention_coordinator') expect(n.n, u.email).toBeGreaterThan(0);
    }
  });

  it('record known threats against a case worker’s colleagues: the case worker sees the warning, the register holds no reference', async () => {
    const register = city.threatRegister!;
    expect(register.caseWorker).toBe('handlaggare.rinkeby-kista@demo.trygg.local');
    expect(register.references.length).toBeGreaterThanOrEqual(2);
    const worker = await one(sql<{ id: string }>`SELECT id FROM users WHERE email = ${register.caseWorker}`);
    const { actor } = await loadActor(db(), worker.id);
    const mine = await listMyCases({ deps: t.current.deps, caller: actor });
    expect(mine.items).toHaveLength(register.registered.length);
    for (const c of mine.items) expect(c.warnings.length).toBeGreaterThan(0);
    const entries = await one(sql<{ n: number; incidents: number }>`
      SELECT count(*)::int AS n, count(DISTINCT incident_id)::int AS incidents FROM threat_register_entries`);
    expect(entries.n).toBeGreaterThan(0);
    expect(entries.incidents).toBe(entries.n);
    // Only keyed hashes: no reference in the register, the timeline or the audit log.
    const leaks = await one(sql<{ n: number }>`SELECT
        (SELECT count(*) FROM threat_register_entries e WHERE e::text LIKE '%DEMO-%')
        + (SELECT count(*) FROM threat_register_cases c WHERE c::text LIKE '%DEMO-%')
        + (SELECT count(*) FROM audit_events a WHERE a::text LIKE '%DEMO-%')::int AS n`);
    expect(Number(leaks.n)).toBe(0);
  });

  it('can be added to afterwards, e.g. for benchmarks, continuing the references', async () => {
    const before = await one(sql<{ max: string }>`SELECT max(reference) AS max FROM incidents`);
    const added = await addIncidentsToDemoCity(t.current.deps, { seed: 11, count: 500 });
    expect(added.incidents).toBe(500);
    const after = await one(sql<{ n: number; ids: number }>`
      SELECT count(*)::int AS n, count(DISTINCT id)::int AS ids FROM incidents`);
    expect(after).toEqual({ n: COUNT + 500, ids: COUNT + 500 });
    const newer = await one(
      sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM incidents WHERE substring(reference FROM '[0-9]+$') > substring(${before.max} FROM '[0-9]+$')`,
    );
    expect(newer.n).toBe(500);
  });

  it('can be added on two connections that commit together, references following time; one failing leaves nothing', async () => {
    const counts = () =>
      one(sql<{ n: number; audits: number; max: number }>`SELECT count(*)::int AS n,
        (SELECT count(*)::int FROM audit_events WHERE action = 'demo.incidents_added') AS audits,
        max(substring(reference FROM '[0-9]+$')::int) AS max FROM incidents`);
    const before = await counts();
    const added = await addIncidentsToDemoCity(t.current.deps, { seed: 11, count: 800, writers: 2 });
    expect(added.incidents).toBe(800);
    const after = await counts();
    expect(after.n).toBe(before.n + 800);
    expect(after.audits).toBe(before.audits + 1);
    const order = await rows(sql<{ n: number }>`
      SELECT substring(reference FROM '[0-9]+$')::int AS n FROM incidents
      WHERE substring(reference FROM '[0-9]+$')::int > ${before.max} ORDER BY occurred_at, reference`);
    expect(order).toHaveLength(800);
    expect(order.map((o) => o.n)).toEqual([...order.map((o) => o.n)].sort((a, b) => a - b));

    let batches = 0;
    await expect(
      addIncidentsToDemoCity(t.current.deps, {
        seed: 11,
        count: 800,
        writers: 2,
        onProgress: () => {
          if (++batches === 1) throw new Error('one writer failed');
        },
      }),
    ).rejects.toThrow('one writer failed');
    const unchanged = await counts();
    expect({ n: unchanged.n, audits: unchanged.audits }).toEqual({ n: after.n, audits: after.audits });
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true });
  });
});

describe('demo incidents for the same seed', () => {
  it('are the same in two databases', async () => {
    const apps: TestApp[] = [];
    try {
      for (let i = 0; i < 2; i++) {
        const app = await createTestApp(DEMO_APP);
        app.clock.current = new Date('2026-03-02T08:00:00Z');
        apps.push(app);
        await createDemoCity(app.deps, { seed: 5, incidents: 1_500 });
      }
      const [a, b] = await Promise.all(apps.map((app) => digest(app.database.db)));
      expect(a!.split('\n')).toHaveLength(1_500);
      expect(a).toBe(b);
    } finally {
      for (const app of apps) {
        await app.app.close();
        await app.database.drop();
      }
    }
  }, 120_000);
});

describe('a demo whose incidents fail half-way', () => {
  const broken = useTestApp(DEMO_APP);
  it('leaves nothing behind', async () => {
    const b = broken.current.database.db;
    const counts = async () =>
      (
        await sql<{ orgs: number; users: number; incidents: number; events: number; audit: number }>`SELECT
          (SELECT count(*)::int FROM organisations) AS orgs, (SELECT count(*)::int FROM users) AS users,
          (SELECT count(*)::int FROM incidents) AS incidents, (SELECT count(*)::int FROM incident_events) AS events,
          (SELECT count(*)::int FROM audit_events) AS audit`.execute(b)
      ).rows[0]!;
    const before = await counts();
    let batches = 0;
    await expect(
      createDemoCity(broken.current.deps, {
        seed: 3,
        incidents: 6_000,
        onProgress: () => {
          batches++;
          throw new Error('the disk is full');
        },
      }),
    ).rejects.toThrow('the disk is full');
    expect(batches).toBe(1);
    expect(await counts()).toEqual(before);
    expect((await verifyAuditChain(b)).ok).toBe(true);
  }, 120_000);
});
