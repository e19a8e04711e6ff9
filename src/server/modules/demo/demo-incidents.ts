import { sql } from 'kysely';
import { fromSweref99tm, toSweref99tm } from '../../../domain/geo/sweref99tm.ts';
import type { Db } from '../../db/database.ts';
import { loadActor } from '../../platform/access.ts';
import type { AppDeps } from '../../platform/context.ts';
import { type AreaLocator, createAreaLocator, swedishDay } from '../areas/areas.usecases.ts';
import { authorityDeadline, isSeriousEvent, workEnvironmentKindFor } from '../incidents/report-rules.ts';
import { addIncidentRollupsFrom, applyIncidentRollups } from '../rollups/rollups.usecases.ts';
import { registerCase } from '../threat-register/threat-cases.usecases.ts';
import { recordThreat } from '../threat-register/threat-register.usecases.ts';
import { type Cell, hexagonCells, mulberry32, pointInCell } from './demo.geometry.ts';
import {
  type AffectedKind,
  DISTRICT_PROFILES,
  type DistrictMode,
  HOTSPOT_TYPES,
  HOTSPOTS,
  INCIDENT_PROFILES,
  MOSTLY_WORK,
  type PlaceOption,
  type Profile,
  WOMEN_SHARE,
  WORKDAYS,
} from './demo-incident-profiles.ts';
import {
  CLOSED_REASONS,
  EXTRA_SENTENCES,
  IMMEDIATE_ACTIONS,
  PUBLIC_PLACES,
  TYPE_TEXTS,
  timeOfDay,
  UNIT_PLACES,
} from './demo-incident-texts.ts';
import { STOCKHOLM_NEIGHBOURHOODS } from './stockholm-places.ts';

/**
 * Demo incidents (issue 4, part 10): three years of reports with a realistic spread — by district
 * population, type, season, weekday and hour, the affected person's gender, threats concentrated in
 * the social-services units of a few districts, observations around some preschools, playgrounds
 * and youth centres — deterministic for a seed and the clock. Rows are built in JS and written in
 * big `INSERT … SELECT FROM unnest(…)` batches on the caller's connection (the demo's one
 * transaction), so millions stay fast and memory stays bounded by one batch.
 */

export const DEMO_INCIDENT_YEARS = 3;
export const DEMO_INCIDENTS_PER_YEAR = 30_000;
/** What `trygg demo` adds: three years of about 30,000 a year. */
export const DEMO_INCIDENTS_FULL = DEMO_INCIDENT_YEARS * DEMO_INCIDENTS_PER_YEAR;
/**
 * What the first start with TRYGG_DEMO=on adds: the same three years at 2,000 a year, so that the
 * first start stays within seconds (each incident, with its participants, timeline and search
 * indexes, costs about half a millisecond: 6,000 add about 3 s). `trygg demo` adds the full amount.
 */
export const DEMO_FIRST_START_INCIDENTS = 6_000;
const DEFAULT_BATCH = 2_000;
/** A writer's temporary table of the ids it wrote (parallel writers add their rollups at the end). */
const ROLLUP_IDS = 'demo_rollup_ids';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface DemoIncidentOptions {
  seed: number;
  /** How many incidents, spread over `years` up to now. */
  count: number;
  now: () => Date;
  years?: number;
  batchSize?: number;
  /** Called after every batch (for a CLI progress line). */
  onProgress?: (done: number, total: number) => void;
}

export interface DemoIncidentCounts {
  incidents: number;
  participants: number;
  events: number;
  ms: number;
}

// ---------------------------------------------------------------- small tools

class Picker<T> {
  private readonly cumulative: Float64Array;
  private readonly total: number;
  constructor(
    readonly items: readonly T[],
    weights: readonly number[],
  ) {
    this.cumulative = new Float64Array(items.length);
    let sum = 0;
    for (let i = 0; i < items.length; i++) {
      sum += Math.max(0, weights[i] ?? 0);
      this.cumulative[i] = sum;
    }
    this.total = sum;
  }
  get empty(): boolean {
    return this.items.length === 0 || this.total <= 0;
  }
  pick(random: () => number): T {
    const x = random() * this.total;
    let lo = 0;
    let hi = this.items.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

const pickers = new WeakMap<object, Picker<string>>();
/** A (cached) picker over the keys of a weight table or list of [key, weight]. */
function pickerOf<K extends string>(
  weights: Record<K, number> | readonly (readonly [K, number])[],
): Picker<K> {
  const cached = pickers.get(weights);
  if (cached) return cached as Picker<K>;
  const entries = Array.isArray(weights)
    ? (weights as readonly (readonly [K, number])[])
    : (Object.entries(weights) as [K, number][]);
  const picker = new Picker(
    entries.map(([k]) => k),
    entries.map(([, w]) => w),
  );
  pickers.set(weights, picker);
  return picker;
}

const oneOf = <T>(list: readonly T[], random: () => number): T => list[Math.floor(random() * list.length)]!;
const round6 = (n: number) => Math.round(n * 1e6) / 1e6;
const CREATED_DATA = JSON.stringify({ source: 'demo' });

/**
 * A version-7 UUID (time first, then bits from the seeded generator): the same seed gives the same
 * ids, and rows written in time order land at the end of the primary-key index, not all over it.
 */
function seededUuid(ms: number, random: () => number): string {
  const hex = (n: number) => (Math.floor(n * 4294967296) >>> 0).toString(16).padStart(8, '0');
  const time = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0').slice(-12);
  const s = time + hex(random()) + hex(random()) + hex(random()).slice(0, 4);
  const variant = ((Number.parseInt(s[16]!, 16) & 3) | 8).toString(16);
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-7${s.slice(13, 16)}-${variant}${s.slice(17, 20)}-${s.slice(20, 32)}`;
}

/** Whether Sweden keeps summer time at this instant (EU rule: last Sunday of March to last of October, 01:00 UTC). */
function summerTime(utcMs: number): boolean {
  const year = new Date(utcMs).getUTCFullYear();
  const lastSunday = (month: number) => {
    const last = new Date(Date.UTC(year, month + 1, 0));
    return Date.UTC(year, month, last.getUTCDate() - last.getUTCDay(), 1);
  };
  return utcMs >= lastSunday(2) && utcMs < lastSunday(9);
}

/** A Stockholm wall-clock time as an instant. */
function stockholmToUtc(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
) {
  const asUtc = Date.UTC(year, month, day, hour, minute, second);
  const winter = asUtc - HOUR;
  return summerTime(winter - HOUR) ? winter - HOUR : winter;
}

const stockholmHour = (utcMs: number) => (new Date(utcMs).getUTCHours() + (summerTime(utcMs) ? 2 : 1)) % 24;

// ---------------------------------------------------------------- the city, read back

interface IncidentTypeInfo {
  code: string;
  typeId: string;
  versionId: string;
  group: string;
  focusAreas: string[];
  needToKnow: boolean;
  serious: boolean;
  anonymousAllowed: boolean;
  workEnvironmentKinds: string[];
}

interface FacilityInfo {
  id: string;
  name: string;
  type: string;
  organisationId: string;
  unitId: string | null;
  lat: number;
  lon: number;
  east: number;
  north: number;
  neighbourhood: string | null;
  district: string | null;
}

interface District {
  name: string;
  committeeId: string;
  cells: Picker<Cell>;
  /** Leaf units of the committee by name (Förskoleenhet Nord, Vuxenenheten…). */
  units: Map<string, string>;
  facilitiesByType: Map<string, FacilityInfo[]>;
  facilitiesByUnit: Map<string, FacilityInfo[]>;
  profile: { population: number; crime: number; threat: number };
}

interface World {
  types: IncidentTypeInfo[];
  districts: District[];
  districtPickers: Record<DistrictMode, Picker<District>>;
  hotspots: Picker<FacilityInfo>;
  cellByName: Map<string, Cell>;
  locator: AreaLocator;
  parentOf: Map<string, string | null>;
  orgName: Map<string, string>;
  employeesAt: Map<string, string[]>;
  managersAt: Map<string, string[]>;
  electedAt: Map<string, string[]>;
  security: Map<string, string>;
  prevention: Map<string, string>;
}

async function loadWorld(db: Db, today: string, random: () => number, deps: AppDeps): Promise<World> {
  const types = (
    await sql<{
      code: string;
      type_id: string;
      version_id: string;
      group_code: string;
      focus_areas: string[];
      need_to_know: boolean;
      serious: boolean;
      anonymous_allowed: boolean;
      work_environment_kinds: string[];
    }>`SELECT t.code, t.id AS type_id, v.id AS version_id, t.group_code, v.focus_areas, v.need_to_know,
        v.serious, v.anonymous_allowed, v.work_environment_kinds
      FROM incident_types t JOIN incident_type_versions v ON v.type_id = t.id AND v.version = t.current_version
      WHERE t.active ORDER BY t.sort_order, t.code`.execute(db)
  ).rows
    .filter((t) => INCIDENT_PROFILES[t.code])
    .map((t) => ({
      code: t.code,
      typeId: t.type_id,
      versionId: t.version_id,
      group: t.group_code,
      focusAreas: t.focus_areas,
      needToKnow: t.need_to_know,
      serious: t.serious,
      anonymousAllowed: t.anonymous_allowed,
      workEnvironmentKinds: t.work_environment_kinds,
    }));
  if (types.length === 0) throw new Error('demo incidents: no incident types to use');

  const orgs = (
    await sql<{ id: string; name: string; parent_id: string | null }>`
      SELECT id, name, parent_id FROM organisations WHERE valid_to IS NULL ORDER BY name, id`.execute(db)
  ).rows;
  const parentOf = new Map(orgs.map((o) => [o.id, o.parent_id]));
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const children = new Map<string, { id: string; name: string }[]>();
  for (const o of orgs) {
    if (!o.parent_id) continue;
    const list = children.get(o.parent_id) ?? [];
    list.push(o);
    children.set(o.parent_id, list);
  }

  const committees = (
    await sql<{ committee_id: string; area: string }>`
      SELECT r.organisation_id AS committee_id, a.name AS area
      FROM organisation_areas r JOIN areas a ON a.id = r.area_id JOIN organisations o ON o.id = r.organisation_id
      WHERE a.level = 'district_area' AND o.valid_to IS NULL
        AND (r.valid_from IS NULL OR r.valid_from <= ${today}::date)
        AND (r.valid_to IS NULL OR r.valid_to >= ${today}::date)
      ORDER BY a.name`.execute(db)
  ).rows;

  const facilities: FacilityInfo[] = (
    await sql<{
      id: string;
      name: string;
      type_code: string;
      organisation_id: string;
      unit_id: string | null;
      lat: number;
      lon: number;
      neighbourhood: string | null;
      district: string | null;
    }>`SELECT f.id, f.name, f.type_code, f.organisation_id, f.unit_id, f.lat, f.lon,
        a.name AS neighbourhood, d.name AS district
      FROM facilities f LEFT JOIN areas a ON a.id = f.area_id LEFT JOIN areas d ON d.id = a.parent_id
      WHERE f.lat IS NOT NULL ORDER BY f.code NULLS LAST, f.name`.execute(db)
  ).rows.map((f) => ({
    id: f.id,
    name: f.name,
    type: f.type_code,
    organisationId: f.organisation_id,
    unitId: f.unit_id,
    lat: f.lat,
    lon: f.lon,
    ...toSweref99tm(f.lat, f.lon),
    neighbourhood: f.neighbourhood,
    district: f.district,
  }));

  const cells = hexagonCells(STOCKHOLM_NEIGHBOURHOODS);
  const cellByName = new Map(cells.map((c) => [c.name, c]));
  const districts: District[] = [];
  for (const c of committees) {
    const own = cells.filter((cell) => cell.district === c.area);
    if (own.length === 0) continue;
    const units = new Map<string, string>();
    for (const department of children.get(c.committee_id) ?? []) {
      const leaves = children.get(department.id) ?? [];
      if (leaves.length === 0) units.set(department.name, department.id);
      for (const leaf of leaves) units.set(leaf.name, leaf.id);
    }
    const mine = facilities.filter((f) => f.district === c.area);
    const group = (key: (f: FacilityInfo) => string | null) => {
      const map = new Map<string, FacilityInfo[]>();
      for (const f of mine) {
        const k = key(f);
        if (k) map.set(k, [...(map.get(k) ?? []), f]);
      }
      return map;
    };
    districts.push({
      name: c.area,
      committeeId: c.committee_id,
      // Industrial estates have few people.
      cells: new Picker(
        own,
        own.map((cell) => (/industri/.test(cell.name) ? 0.3 : 1)),
      ),
      units,
      facilitiesByType: group((f) => f.type),
      facilitiesByUnit: group((f) => f.unitId),
      profile: DISTRICT_PROFILES[c.area] ?? { population: own.length * 5_000, crime: 1, threat: 1 },
    });
  }
  if (districts.length === 0)
    throw new Error('demo incidents: no district committees with demo areas (create the demo city first)');
  const districtPicker = (weight: (d: District) => number) => new Picker(districts, districts.map(weight));
  const districtPickers: Record<DistrictMode, Picker<District>> = {
    population: districtPicker((d) => d.profile.population),
    crime: districtPicker((d) => d.profile.population * d.profile.crime),
    threat: districtPicker((d) => d.profile.population * d.profile.threat),
  };

  // Observation hotspots: a weighted sample of preschools, playgrounds, youth centres and schools,
  // likelier where crime runs high; a few of them draw most observations (rank^-0.8).
  const crimeOf = new Map(districts.map((d) => [d.name, d.profile.crime]));
  const candidates = facilities
    .filter((f) => HOTSPOT_TYPES.has(f.type) && f.district && crimeOf.has(f.district))
    .map((f) => ({ f, key: random() ** (1 / crimeOf.get(f.district!)! ** 2) }))
    .sort((a, b) => b.key - a.key)
    .slice(0, HOTSPOTS)
    .map((c) => c.f);
  const hotspots = new Picker(
    candidates,
    candidates.map((_, rank) => (rank + 1) ** -0.8),
  );

  const roles = (
    await sql<{ user_id: string; role: string; organisation_id: string }>`
      SELECT r.user_id, r.role, r.organisation_id FROM user_roles r JOIN users u ON u.id = r.user_id
      WHERE u.disabled_at IS NULL AND r.role IN ('employee', 'manager', 'elected_official', 'case_worker')
      ORDER BY lower(u.email), r.role`.execute(db)
  ).rows;
  const add = (map: Map<string, string[]>, key: string, value: string) =>
    map.set(key, [...(map.get(key) ?? []), value]);
  const employeesAt = new Map<string, string[]>();
  const managersAt = new Map<string, string[]>();
  const electedAt = new Map<string, string[]>();
  for (const r of roles) {
    if (r.role === 'manager') add(managersAt, r.organisation_id, r.user_id);
    else if (r.role === 'elected_official') add(electedAt, r.organisation_id, r.user_id);
    else add(employeesAt, r.organisation_id, r.user_id);
  }
  const coordinators = (
    await sql<{ organisation_id: string; function: string; user_id: string }>`
      SELECT c.organisation_id, c.function, c.user_id FROM coordinator_assignments c JOIN users u ON u.id = c.user_id
      WHERE NOT c.is_deputy AND c.starts_on <= ${today}::date AND (c.ends_on IS NULL OR c.ends_on >= ${today}::date)
      ORDER BY lower(u.email)`.execute(db)
  ).rows;
  const security = new Map<string, string>();
  const prevention = new Map<string, string>();
  for (const c of coordinators)
    (c.function === 'security_coordinator' ? security : prevention).set(c.organisation_id, c.user_id);

  return {
    types,
    districts,
    districtPickers,
    hotspots,
    cellByName,
    locator: await createAreaLocator({ deps: { ...deps, db }, date: today }),
    parentOf,
    orgName,
    employeesAt,
    managersAt,
    electedAt,
    security,
    prevention,
  };
}

// ---------------------------------------------------------------- one incident

interface Built {
  id: string;
  type: IncidentTypeInfo;
  organisationId: string;
  unitId: string | null;
  reporterId: string | null;
  anonymous: boolean;
  occurredAt: number;
  reportedAt: number;
  lat: number;
  lon: number;
  east: number;
  north: number;
  areaId: string;
  areaPath: string;
  facilityId: string | null;
  addressText: string | null;
  affectedKind: AffectedKind;
  affectedGender: string | null;
  affectedUserId: string | null;
  description: string;
  immediateAction: string | null;
  policeCalled: boolean;
  policeReportNumber: string | null;
  injury: boolean;
  injurySeverity: 'minor' | 'serious' | null;
  workEnvironmentKind: string | null;
  serious: boolean;
  state: 'received' | 'investigating' | 'measures_decided' | 'closed';
  closedReason: string | null;
  closedAt: number | null;
  assigneeId: string | null;
  authorityDeadlineAt: number | null;
  authorityReportedAt: number | null;
  authorityReference: string | null;
  authorityReminderSentAt: number | null;
  authorityOverdueSentAt: number | null;
  updatedAt: number;
  participants: [userId: string, role: string][];
  events: {
    id: string;
    at: number;
    actorId: string | null;
    kind: string;
    visibility: string;
    body: string | null;
    data: string;
  }[];
}

interface Place {
  district: District;
  organisationId: string;
  unitId: string | null;
  unitName: string | null;
  facility: FacilityInfo | null;
  committee: boolean;
  publicPlace: boolean;
}

class Generator {
  private readonly typePickers = new Map<string, { hours: Picker<number>; places: Picker<PlaceOption> }>();
  private readonly memo = new Map<string, string[]>();
  private readonly managerMemo = new Map<string, string | null>();
  private readonly hoursList = Array.from({ length: 24 }, (_, h) => h);
  private readonly reminderMs: number;

  constructor(
    private readonly world: World,
    private readonly random: () => number,
    private readonly nowMs: number,
    reminderHours: number,
  ) {
    this.reminderMs = reminderHours * HOUR;
    for (const t of world.types) {
      const p = INCIDENT_PROFILES[t.code]!;
      this.typePickers.set(t.code, {
        hours: new Picker(this.hoursList, p.hours),
        places: new Picker(
          p.places,
          p.places.map((o) => o.weight),
        ),
      });
    }
  }

  /** A local hour of the day for the type. */
  hourFor(type: IncidentTypeInfo): number {
    return this.typePickers.get(type.code)!.hours.pick(this.random);
  }

  /** The nearest manager from the unit up to (and including) the organisation. */
  private managerFor(unitId: string | null, organisationId: string): string | null {
    const key = `${unitId}|${organisationId}`;
    if (this.managerMemo.has(key)) return this.managerMemo.get(key)!;
    let current: string | null = unitId ?? organisationId;
    let found: string | null = null;
    while (current) {
      const managers = this.world.managersAt.get(current);
      if (managers?.length) {
        found = managers[0]!;
        break;
      }
      if (current === organisationId) break;
      current = this.world.parentOf.get(current) ?? null;
    }
    this.managerMemo.set(key, found);
    return found;
  }

  /** People who might report from the unit: its employees, else the organisation's, else its manager or coordinators. */
  private reportersFor(unitId: string | null, organisationId: string): string[] {
    const key = `${unitId}|${organisationId}`;
    const cached = this.memo.get(key);
    if (cached) return cached;
    const w = this.world;
    let list = (unitId && w.employeesAt.get(unitId)) || [];
    if (list.length === 0 && unitId) {
      // Employees somewhere below the unit.
      const below: string[] = [];
      for (const [org, users] of w.employeesAt) {
        let p = w.parentOf.get(org) ?? null;
        while (p && p !== unitId) p = w.parentOf.get(p) ?? null;
        if (p === unitId) below.push(...users);
      }
      list = below;
    }
    if (list.length === 0) list = w.employeesAt.get(organisationId) ?? [];
    if (list.length === 0) {
      const fallback = [
        this.managerFor(unitId, organisationId),
        w.prevention.get(organisationId),
        w.security.get(organisationId),
      ].filter((u): u is string => !!u);
      list = fallback.slice(0, 1);
    }
    this.memo.set(key, list);
    return list;
  }

  private place(type: IncidentTypeInfo): Place {
    const r = this.random;
    const pickers = this.typePickers.get(type.code)!;
    const profile = INCIDENT_PROFILES[type.code]!;
    const option = pickers.places.pick(r);
    if (option.kind === 'hotspot' && !this.world.hotspots.empty) {
      const f = this.world.hotspots.pick(r);
      const district = this.world.districts.find((d) => d.name === f.district)!;
      return this.atFacility(district, f);
    }
    const district = this.world.districtPickers[profile.district].pick(r);
    const committeePlace = (publicPlace: boolean): Place => ({
      district,
      organisationId: district.committeeId,
      unitId: null,
      unitName: null,
      facility: null,
      committee: !publicPlace,
      publicPlace,
    });
    if (option.kind === 'facility') {
      const candidates = option.types.flatMap((t) => district.facilitiesByType.get(t) ?? []);
      if (candidates.length > 0) return this.atFacility(district, oneOf(candidates, r));
      return committeePlace(true);
    }
    if (option.kind === 'unit') {
      const name = pickerOf(option.units).pick(r);
      const unitId = district.units.get(name);
      if (!unitId) return committeePlace(true);
      const own = district.facilitiesByUnit.get(unitId);
      const facility = option.atFacility && own?.length && r() < option.atFacility ? oneOf(own, r) : null;
      return {
        district,
        organisationId: district.committeeId,
        unitId,
        unitName: name,
        facility,
        committee: false,
        publicPlace: false,
      };
    }
    return committeePlace(option.kind === 'public');
  }

  private atFacility(district: District, f: FacilityInfo): Place {
    return {
      district,
      organisationId: f.organisationId,
      unitId: f.unitId,
      unitName: f.unitId ? (this.world.orgName.get(f.unitId) ?? null) : null,
      facility: f,
      committee: false,
      publicPlace: false,
    };
  }

  /** A point for the place, inside an area (the app's own point-to-area lookup decides which). */
  private locate(place: Place) {
    const r = this.random;
    const w = this.world;
    const tryPoint = (lat: number, lon: number) => {
      const hit = w.locator.locate(lat, lon);
      if (!hit) return null;
      const { north, east } = toSweref99tm(lat, lon);
      return {
        lat,
        lon,
        east,
        north,
        areaId: hit.area.id,
        areaPath: `{${[...hit.ancestors.map((a) => a.id), hit.area.id].join(',')}}`,
      };
    };
    const f = place.facility;
    if (f) {
      const cell = f.neighbourhood ? w.cellByName.get(f.neighbourhood) : undefined;
      const reach = cell ? Math.min(150, 0.35 * cell.radius * Math.cos(Math.PI / 6)) : 40;
      const d = reach * Math.sqrt(r());
      const angle = 2 * Math.PI * r();
      const p = fromSweref99tm(f.north + d * Math.sin(angle), f.east + d * Math.cos(angle));
      const near = tryPoint(round6(p.lat), round6(p.lon));
      if (near) return near;
      const exact = tryPoint(f.lat, f.lon);
      if (exact) return exact;
    }
    for (let attempt = 0; attempt < 8; attempt++) {
      const p = pointInCell(place.district.cells.pick(r), r);
      const hit = tryPoint(p.lat, p.lon);
      if (hit) return hit;
    }
    throw new Error(`demo incidents: no point inside an area found in ${place.district.name}`);
  }

  private gender(kind: AffectedKind, unitName: string | null): string | null {
    const r = this.random();
    if (kind === 'unknown') return r < 0.8 ? null : 'unknown';
    // The question is optional: some leave it out, some answer "unknown".
    if (r < 0.1) return null;
    if (r < 0.15) return 'unknown';
    if (r < 0.156) return 'other';
    const women =
      kind === 'employee'
        ? (WOMEN_SHARE[unitName ?? ''] ?? 0.6)
        : kind === 'elected_official'
          ? 0.47
          : kind === 'client'
            ? 0.58
            : 0.5;
    return this.random() < women ? 'woman' : 'man';
  }

  private text(type: IncidentTypeInfo, place: Place, hour: number): string {
    const r = this.random;
    const texts = TYPE_TEXTS[type.code]!;
    const neighbourhood = place.facility?.neighbourhood ?? place.district.cells.pick(r).name;
    let where: string;
    if (place.facility) where = `${oneOf(['vid', 'på', 'utanför', 'intill'], r)} ${place.facility.name}`;
    else if (place.unitName && UNIT_PLACES[place.unitName])
      where = `${oneOf(UNIT_PLACES[place.unitName]!, r)} i ${neighbourhood}`;
    else where = oneOf(PUBLIC_PLACES, r).replace('{plats}', neighbourhood);
    const person = texts.persons ? oneOf(texts.persons, r) : 'någon';
    let text = oneOf(texts.templates, r)
      .replace('{person}', person)
      .replace('{vid}', where)
      .replace('{tid}', timeOfDay(hour))
      .replace('{plats}', neighbourhood)
      .replace('{detalj}', oneOf(texts.details, r));
    if (r() < 0.35) text += ` ${oneOf(EXTRA_SENTENCES, r)}`;
    if (r() < 0.15) text += ` ${oneOf(texts.details, r)}`;
    // Sentences start with a capital (a colon does not end one).
    return text
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/(^|[.!?] )(\p{Ll})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
  }

  private delay(kind: Profile['delay']): number {
    const r = this.random();
    const u = this.random();
    if (kind === 'fast') return r < 0.8 ? u * 2 * HOUR : r < 0.97 ? u * 2 * DAY : u * 10 * DAY;
    if (kind === 'normal') return r < 0.65 ? u * 6 * HOUR : r < 0.92 ? u * 4 * DAY : u * 20 * DAY;
    return r < 0.45 ? u * 8 * HOUR : r < 0.8 ? u * 4 * DAY : u * 25 * DAY;
  }

  build(type: IncidentTypeInfo, occurredAt: number): Built {
    const r = this.random;
    const w = this.world;
    const profile = INCIDENT_PROFILES[type.code]!;
    const id = seededUuid(occurredAt, r);
    const place = this.place(type);
    const point = this.locate(place);
    const injury = r() < (profile.injury ?? 0);
    const injurySeverity = injury ? (r() < (profile.seriousInjury ?? 0) ? 'serious' : 'minor') : null;
    const serious = isSeriousEvent({
      typeSerious: type.serious,
      groupCode: type.group,
      injury,
      injurySeverity,
    });
    // Serious events are mostly reported at once.
    let reportedAt = Math.max(
      occurredAt,
      Math.min(occurredAt + 60_000 + this.delay(serious ? 'fast' : profile.delay), this.nowMs),
    );
    const organisationId = place.organisationId;
    const unitId = place.unitId;

    let affectedKind = pickerOf(profile.affected).pick(r);
    const manager = this.managerFor(unitId, organisationId);
    const coordinator = w.security.get(organisationId) ?? null;
    const anonymous = type.anonymousAllowed && r() < 0.3;
    // Anonymous reports keep their time only to the hour, as the form stores them.
    if (anonymous) reportedAt = Math.max(occurredAt, reportedAt - (reportedAt % HOUR));
    let reporterId: string | null = null;
    let affectedUserId: string | null = null;
    if (!anonymous) {
      const elected = affectedKind === 'elected_official' ? w.electedAt.get(organisationId) : undefined;
      if (elected?.length && r() < 0.7) {
        reporterId = oneOf(elected, r);
        affectedUserId = reporterId;
      } else if (manager && r() < 0.12) reporterId = manager;
      else {
        const candidates = this.reportersFor(unitId, organisationId);
        reporterId = candidates.length ? oneOf(candidates, r) : null;
      }
      const personal = type.group === 'threat_violence' || type.group === 'undue_influence';
      if (personal && affectedKind === 'employee' && reporterId && reporterId !== manager && r() < 0.7)
        affectedUserId = reporterId;
    }
    if (place.committee && affectedKind === 'employee') affectedKind = 'elected_official';

    const hour = stockholmHour(occurredAt);
    const kinds = type.workEnvironmentKinds;
    // The reporter picks a near miss or a risk observation where the type offers it; the rest follows the form's rule.
    const chosen =
      kinds.length === 1 && kinds[0] === 'risk_observation'
        ? 'risk_observation'
        : affectedKind === 'employee' && !injury && kinds.includes('near_miss')
          ? 'near_miss'
          : null;
    const workEnvironmentKind =
      affectedKind === 'employee' || chosen
        ? workEnvironmentKindFor({ chosen, injury, typeKinds: kinds }).kind
        : null;
    const policeCalled = r() < profile.police;
    const year = new Date(occurredAt).getUTCFullYear();
    const policeReportNumber =
      policeCalled && r() < 0.7
        ? `${5000 + Math.floor(r() * 1000)}-K${100000 + Math.floor(r() * 900000)}-${String(year).slice(2)}`
        : null;

    // Handling: received → investigating → (measures decided) → closed, each a while after the last;
    // a few stall on the way. What has not happened by now is still ahead: recent reports are open.
    const assignee = type.needToKnow
      ? (coordinator ?? manager)
      : type.group === 'facility_observation' || type.group === 'crime'
        ? (manager ?? w.prevention.get(organisationId) ?? coordinator)
        : (manager ?? coordinator);
    const path: { at: number; to: Built['state']; reason?: string }[] = [];
    let t = reportedAt + (0.1 + r() * 2.5) * DAY * (r() < 0.8 ? 1 : 4);
    const stall = r();
    if (r() < 0.08) {
      // Closed at once: nothing to do.
      path.push({ at: t, to: 'closed', reason: 'Ingen åtgärd behövs.' });
    } else {
      path.push({ at: t, to: 'investigating' });
      if (stall > 0.015) {
        if (r() < 0.6) {
          t += (0.5 + r() * 12) * DAY;
          path.push({ at: t, to: 'measures_decided' });
        }
        if (stall > 0.045) {
          t += (0.5 + r() * 20) * DAY;
          path.push({ at: t, to: 'closed', reason: oneOf(CLOSED_REASONS[type.group] ?? ['Avslutat.'], r) });
        }
      }
    }
    const done = path.filter((s) => s.at <= this.nowMs);
    const state = done.length ? done[done.length - 1]!.to : 'received';
    const closed = state === 'closed' ? done[done.length - 1]! : null;

    let authorityDeadlineAt: number | null = null;
    let authorityReportedAt: number | null = null;
    let authorityReference: string | null = null;
    let reminderAt: number | null = null;
    let overdueAt: number | null = null;
    if (serious) {
      authorityDeadlineAt = authorityDeadline(new Date(occurredAt)).getTime();
      const x = r();
      // Most are reported in time: within the day after the report reached the system.
      const planned =
        x < 0.93
          ? Math.min(
              reportedAt + (1 + r() * 20) * HOUR,
              Math.max(reportedAt + HOUR, authorityDeadlineAt - HOUR),
            )
          : x < 0.98
            ? authorityDeadlineAt + (1 + r() * 48) * HOUR
            : null;
      if (planned !== null && planned <= this.nowMs) {
        authorityReportedAt = planned;
        authorityReference = `${new Date(planned).getUTCFullYear()}/${String(Math.floor(r() * 100000)).padStart(5, '0')}`;
      }
      // The reminder and overdue notices the daily job would have sent (so it does not send them now).
      const reminderDue = authorityDeadlineAt - this.reminderMs;
      if (reminderDue <= this.nowMs && (authorityReportedAt === null || authorityReportedAt > reminderDue))
        reminderAt = reminderDue;
      if (
        authorityDeadlineAt <= this.nowMs &&
        (authorityReportedAt === null || authorityReportedAt > authorityDeadlineAt)
      )
        overdueAt = authorityDeadlineAt;
    }

    const participants: Built['participants'] = [];
    if (reporterId) participants.push([reporterId, 'reporter']);
    if (affectedUserId) participants.push([affectedUserId, 'affected']);
    if (manager) participants.push([manager, 'manager']);
    if (coordinator) participants.push([coordinator, 'coordinator']);
    const assigned = state !== 'received' && assignee ? assignee : null;
    if (assigned) participants.push([assigned, 'assignee']);

    // The timeline as the report form and the handling use cases write it.
    const events: Built['events'] = [
      {
        id: seededUuid(reportedAt, r),
        at: reportedAt,
        actorId: reporterId,
        kind: 'created',
        visibility: 'reporter',
        body: null,
        data: CREATED_DATA,
      },
    ];
    let from: Built['state'] = 'received';
    for (const step of done) {
      events.push({
        id: seededUuid(step.at, r),
        at: step.at,
        actorId: assigned,
        kind: 'state_changed',
        visibility: 'reporter',
        body: null,
        data: JSON.stringify({ from, to: step.to, reason: step.reason ?? null, reopened: false }),
      });
      from = step.to;
    }
    if (authorityReportedAt !== null)
      events.push({
        id: seededUuid(authorityReportedAt, r),
        at: authorityReportedAt,
        actorId: assigned ?? coordinator,
        kind: 'authority_reported',
        visibility: 'internal',
        body: null,
        data: JSON.stringify({
          reportedAt: new Date(authorityReportedAt).toISOString(),
          reference: authorityReference,
          late: authorityReportedAt > authorityDeadlineAt!,
        }),
      });
    let updatedAt = reportedAt;
    for (const e of events) if (e.at > updatedAt) updatedAt = e.at;

    const group = type.group;
    return {
      id,
      type,
      organisationId,
      unitId,
      reporterId,
      anonymous,
      occurredAt,
      reportedAt,
      ...point,
      facilityId: place.facility?.id ?? null,
      addressText:
        place.publicPlace && r() < 0.6
          ? oneOf(PUBLIC_PLACES, r)
              .replace('{plats}', place.district.cells.pick(r).name)
              .replace(/^(i|vid|på) /, '')
              .replace(/^./, (c) => c.toUpperCase())
          : null,
      affectedKind,
      affectedGender: this.gender(affectedKind, place.unitName),
      affectedUserId,
      description: this.text(type, place, hour),
      immediateAction: r() < 0.55 ? oneOf(IMMEDIATE_ACTIONS[group] ?? IMMEDIATE_ACTIONS.accident!, r) : null,
      policeCalled,
      policeReportNumber,
      injury,
      injurySeverity,
      workEnvironmentKind,
      serious,
      state,
      closedReason: closed?.reason ?? null,
      closedAt: closed?.at ?? null,
      assigneeId: assigned,
      authorityDeadlineAt,
      authorityReportedAt,
      authorityReference,
      authorityReminderSentAt: reminderAt,
      authorityOverdueSentAt: overdueAt,
      updatedAt,
      participants,
      events,
    };
  }
}

// ---------------------------------------------------------------- days and counts

interface DemoDay {
  year: number;
  month: number;
  day: number;
  start: number;
  /** Relative weight of each type (world.types order) on this day. */
  weights: number[];
  total: number;
}

/** Special days: New Year's Eve and Day, Walpurgis Night, Midsummer Eve; and the Christmas lull. */
function festiveFactor(month: number, day: number, weekday: number, profile: Profile): number {
  const workplace = profile.week === WORKDAYS || profile.week === MOSTLY_WORK;
  const festive = profile.festive ?? 1;
  if ((month === 11 && day === 31) || (month === 0 && day === 1)) return festive * (workplace ? 0.3 : 1);
  if (month === 3 && day === 30) return Math.sqrt(festive);
  if (month === 5 && weekday === 4 && day >= 19 && day <= 25)
    return Math.sqrt(festive) * (workplace ? 0.3 : 1);
  if (month === 11 && day >= 24 && day <= 26 && workplace) return 0.3;
  return 1;
}

function demoDays(types: IncidentTypeInfo[], nowMs: number, years: number): DemoDay[] {
  const [y, m, d] = swedishDay(new Date(nowMs)).split('-').map(Number) as [number, number, number];
  const last = Date.UTC(y, m - 1, d);
  const first = Date.UTC(y - years, m - 1, d) + DAY;
  const days: DemoDay[] = [];
  for (let t = first; t <= last; t += DAY) {
    const date = new Date(t);
    const year = date.getUTCFullYear();
    const month = date.getUTCMonth();
    const day = date.getUTCDate();
    const weekday = (date.getUTCDay() + 6) % 7;
    const start = stockholmToUtc(year, month, day, 0, 0, 0);
    // More reports over the years as reporting gets easier; today only counts the hours gone by.
    const trend = 1 + (0.1 * (t - first)) / (365 * DAY);
    const elapsed = t === last ? Math.min(1, Math.max(0, (nowMs - start) / DAY)) : 1;
    const weights = types.map((type) => {
      const p = INCIDENT_PROFILES[type.code]!;
      return (
        p.share *
        p.season[month]! *
        p.week[weekday]! *
        festiveFactor(month, day, weekday, p) *
        trend *
        elapsed
      );
    });
    days.push({ year, month, day, start, weights, total: weights.reduce((a, b) => a + b, 0) });
  }
  return days;
}

// ---------------------------------------------------------------- writing

async function nextReferences(db: Db, n: number): Promise<number[]> {
  const { rows } = await sql<{ n: string }>`
    SELECT nextval('incident_reference_seq')::text AS n FROM generate_series(1, ${n}::int)`.execute(db);
  return rows.map((row) => Number(row.n)).sort((a, b) => a - b);
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
/** An array literal of values that need no quoting (ids, numbers, booleans, ISO times, codes). */
const literal = (values: readonly (string | number | boolean | null)[]) =>
  `{${values.map((v) => (v === null ? 'NULL' : String(v))).join(',')}}`;

async function writeBatch(
  db: Db,
  batch: Built[],
  numbers: readonly number[],
): Promise<{ participants: number; events: number }> {
  const col = <T>(f: (b: Built, i: number) => T) => batch.map(f);
  // Ids, numbers, times and codes need no quoting: the array literal is built here, not by pg.
  const lit = (f: (b: Built, i: number) => string | number | boolean | null) => literal(batch.map(f));
  await sql`
    INSERT INTO incidents (id, reference, type_id, type_version_id, group_code, focus_areas, need_to_know, serious,
      organisation_id, unit_id, reporter_id, anonymous, source, occurred_at, reported_at, lat, lon, location,
      area_id, area_path, facility_id, address_text, affected_kind, affected_gender, affected_user_id,
      description, immediate_action, police_called, police_report_number, injury, injury_severity,
      work_environment_kind, state, closed_reason, closed_at, assignee_id, authority_deadline_at,
      authority_reported_at, authority_reference, authority_reminder_sent_at, authority_overdue_sent_at,
      created_at, updated_at)
    SELECT u.id, u.reference, u.type_id, u.type_version_id, u.group_code, u.focus_areas::text[], u.need_to_know,
      u.serious, u.organisation_id, u.unit_id, u.reporter_id, u.anonymous, 'demo', u.occurred_at, u.reported_at,
      u.lat, u.lon, point(u.east, u.north), u.area_id, u.area_path::uuid[], u.facility_id, u.address_text,
      u.affected_kind, u.affected_gender, u.affected_user_id, u.description, u.immediate_action, u.police_called,
      u.police_report_number, u.injury, u.injury_severity, u.work_environment_kind, u.state, u.closed_reason,
      u.closed_at, u.assignee_id, u.authority_deadline_at, u.authority_reported_at, u.authority_reference,
      u.authority_reminder_sent_at, u.authority_overdue_sent_at, u.reported_at, u.updated_at
    FROM unnest(
      ${lit((b) => b.id)}::uuid[], ${lit((b, i) => `H-${new Date(b.reportedAt + HOUR).getUTCFullYear()}-${String(numbers[i]).padStart(6, '0')}`)}::text[],
      ${lit((b) => b.type.typeId)}::uuid[], ${lit((b) => b.type.versionId)}::uuid[], ${lit((b) => b.type.group)}::text[],
      ${col((b) => `{${b.type.focusAreas.join(',')}}`)}::text[], ${lit((b) => b.type.needToKnow)}::boolean[],
      ${lit((b) => b.serious)}::boolean[], ${lit((b) => b.organisationId)}::uuid[], ${lit((b) => b.unitId)}::uuid[],
      ${lit((b) => b.reporterId)}::uuid[], ${lit((b) => b.anonymous)}::boolean[],
      ${lit((b) => iso(b.occurredAt))}::timestamptz[], ${lit((b) => iso(b.reportedAt))}::timestamptz[],
      ${lit((b) => b.lat)}::float8[], ${lit((b) => b.lon)}::float8[], ${lit((b) => b.east)}::float8[],
      ${lit((b) => b.north)}::float8[], ${lit((b) => b.areaId)}::uuid[], ${col((b) => b.areaPath)}::text[],
      ${lit((b) => b.facilityId)}::uuid[], ${col((b) => b.addressText)}::text[], ${lit((b) => b.affectedKind)}::text[],
      ${lit((b) => b.affectedGender)}::text[], ${lit((b) => b.affectedUserId)}::uuid[],
      ${col((b) => b.description)}::text[], ${col((b) => b.immediateAction)}::text[],
      ${lit((b) => b.policeCalled)}::boolean[], ${col((b) => b.policeReportNumber)}::text[],
      ${lit((b) => b.injury)}::boolean[], ${lit((b) => b.injurySeverity)}::text[],
      ${lit((b) => b.workEnvironmentKind)}::text[], ${lit((b) => b.state)}::text[],
      ${col((b) => b.closedReason)}::text[], ${lit((b) => iso(b.closedAt))}::timestamptz[],
      ${lit((b) => b.assigneeId)}::uuid[], ${lit((b) => iso(b.authorityDeadlineAt))}::timestamptz[],
      ${lit((b) => iso(b.authorityReportedAt))}::timestamptz[], ${col((b) => b.authorityReference)}::text[],
      ${lit((b) => iso(b.authorityReminderSentAt))}::timestamptz[],
      ${lit((b) => iso(b.authorityOverdueSentAt))}::timestamptz[], ${lit((b) => iso(b.updatedAt))}::timestamptz[]
    ) AS u(id, reference, type_id, type_version_id, group_code, focus_areas, need_to_know, serious,
      organisation_id, unit_id, reporter_id, anonymous, occurred_at, reported_at, lat, lon, east, north,
      area_id, area_path, facility_id, address_text, affected_kind, affected_gender, affected_user_id,
      description, immediate_action, police_called, police_report_number, injury, injury_severity,
      work_environment_kind, state, closed_reason, closed_at, assignee_id, authority_deadline_at,
      authority_reported_at, authority_reference, authority_reminder_sent_at, authority_overdue_sent_at,
      updated_at)`.execute(db);

  const pIncident: string[] = [];
  const pUser: string[] = [];
  const pRole: string[] = [];
  const pAt: (string | null)[] = [];
  const eId: string[] = [];
  const eIncident: string[] = [];
  const eAt: (string | null)[] = [];
  const eActor: (string | null)[] = [];
  const eKind: string[] = [];
  const eVisibility: string[] = [];
  const eBody: (string | null)[] = [];
  const eData: string[] = [];
  for (const b of batch) {
    // (user, role) pairs are unique by construction: every role is added once.
    for (const [user, role] of b.participants) {
      pIncident.push(b.id);
      pUser.push(user);
      pRole.push(role);
      pAt.push(iso(b.reportedAt));
    }
    for (const e of b.events) {
      eId.push(e.id);
      eIncident.push(b.id);
      eAt.push(iso(e.at));
      eActor.push(e.actorId);
      eKind.push(e.kind);
      eVisibility.push(e.visibility);
      eBody.push(e.body);
      eData.push(e.data);
    }
  }
  if (pIncident.length > 0)
    await sql`
      INSERT INTO incident_participants (incident_id, user_id, role, created_at)
      SELECT * FROM unnest(${literal(pIncident)}::uuid[], ${literal(pUser)}::uuid[], ${literal(pRole)}::text[],
        ${literal(pAt)}::timestamptz[])`.execute(db);
  await sql`
    INSERT INTO incident_events (id, incident_id, at, actor_id, kind, visibility, body, data)
    SELECT u.id, u.incident_id, u.at, u.actor_id, u.kind, u.visibility, u.body, u.data::jsonb
    FROM unnest(${literal(eId)}::uuid[], ${literal(eIncident)}::uuid[], ${literal(eAt)}::timestamptz[],
      ${literal(eActor)}::uuid[], ${literal(eKind)}::text[], ${literal(eVisibility)}::text[], ${eBody}::text[],
      ${eData}::text[])
      AS u(id, incident_id, at, actor_id, kind, visibility, body, data)`.execute(db);
  return { participants: pIncident.length, events: eIncident.length };
}

// ---------------------------------------------------------------- the entry point

interface Plan {
  world: World;
  days: DemoDay[];
  /** How many incidents each day gets: its share of the total, rounding carried over. */
  perDay: Int32Array;
  nowMs: number;
  count: number;
  reminderHours: number;
  batchSize: number;
  /** The generator's stream after the city was read (slice 0 goes on with it). */
  random: () => number;
  seed: number;
}

async function planIncidents(deps: AppDeps, options: DemoIncidentOptions): Promise<Plan> {
  const nowMs = options.now().getTime();
  const today = swedishDay(new Date(nowMs));
  const random = mulberry32(options.seed ^ 0x1c1de7);
  const world = await loadWorld(deps.db, today, random, deps);
  const days = demoDays(world.types, nowMs, options.years ?? DEMO_INCIDENT_YEARS);
  const grand = days.reduce((s, d) => s + d.total, 0);
  const perDay = new Int32Array(days.length);
  let cumulative = 0;
  let assigned = 0;
  days.forEach((day, i) => {
    cumulative += day.total;
    const upTo = i === days.length - 1 ? options.count : Math.round((options.count * cumulative) / grand);
    perDay[i] = upTo - assigned;
    assigned = upTo;
  });
  return {
    world,
    days,
    perDay,
    nowMs,
    count: options.count,
    reminderHours: deps.config.authorityReminderHours,
    batchSize: Math.max(100, options.batchSize ?? DEFAULT_BATCH),
    random,
    seed: options.seed,
  };
}

/** `n` runs of consecutive days with about the same number of incidents each. */
function slicesOf(plan: Plan, n: number): { from: number; to: number; count: number }[] {
  const out: { from: number; to: number; count: number }[] = [];
  let from = 0;
  let sum = 0;
  for (let i = 0; i < plan.days.length; i++) {
    sum += plan.perDay[i]!;
    const target = Math.round((plan.count * (out.length + 1)) / n);
    if ((sum >= target && out.length < n - 1) || i === plan.days.length - 1) {
      const before = out.reduce((s, o) => s + o.count, 0);
      out.push({ from, to: i + 1, count: sum - before });
      from = i + 1;
    }
  }
  return out;
}

/**
 * Writes the incidents of days [from, to) on `db`, in time order; one batch is written while the
 * next is built (the database and JS work side by side). Slice 0 goes on with the plan's stream,
 * later slices have streams of their own (so one writer gives the same incidents as the plain call).
 */
async function writeSlice(
  db: Db,
  plan: Plan,
  slice: { from: number; to: number; index: number },
  references: (n: number) => Promise<number[]>,
  progress: (written: { incidents: number; participants: number; events: number }) => void,
  stopped: () => unknown,
  /** Runs after each batch is written, with its incident ids (the rollups). */
  afterBatch: (ids: string[]) => Promise<void>,
): Promise<void> {
  const random =
    slice.index === 0 ? plan.random : mulberry32(((plan.seed ^ 0x1c1de7) + slice.index * 0x9e3779b9) | 0);
  const generator = new Generator(plan.world, random, plan.nowMs, plan.reminderHours);
  let batch: Built[] = [];
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    if (batch.length === 0) return;
    const full = batch;
    batch = [];
    await writing;
    const stop = stopped();
    if (stop) throw stop;
    writing = references(full.length)
      .then((numbers) => writeBatch(db, full, numbers))
      .then(async (written) => {
        await afterBatch(full.map((b) => b.id));
        progress({ incidents: full.length, ...written });
      });
    // Without a handler here a failure would be "unhandled" until the next await reaches it.
    writing.catch(() => undefined);
  };
  for (let d = slice.from; d < slice.to; d++) {
    const day = plan.days[d]!;
    const n = plan.perDay[d]!;
    if (n <= 0) continue;
    const types = new Picker(plan.world.types, day.weights);
    const planned: { type: IncidentTypeInfo; at: number }[] = [];
    for (let i = 0; i < n; i++) {
      const type = types.pick(random);
      const hour = generator.hourFor(type);
      let at = stockholmToUtc(
        day.year,
        day.month,
        day.day,
        hour,
        Math.floor(random() * 60),
        Math.floor(random() * 60),
      );
      if (at > plan.nowMs) at = day.start + random() * Math.max(0, plan.nowMs - day.start);
      planned.push({ type, at: Math.floor(at) });
    }
    planned.sort((a, b) => a.at - b.at);
    for (const p of planned) {
      batch.push(generator.build(p.type, p.at));
      if (batch.length >= plan.batchSize) await flush();
    }
  }
  await flush();
  await writing;
}

/**
 * Adds `count` demo incidents to the demo city on `deps.db` (call it inside the demo's transaction).
 * The same seed, clock and city give the same incidents. The daily jobs will not act on them at
 * once: reminders and overdue notices that would already have gone out are marked as sent.
 */
export async function addDemoIncidents(
  deps: AppDeps,
  options: DemoIncidentOptions,
): Promise<DemoIncidentCounts> {
  const started = performance.now();
  const result: DemoIncidentCounts = { incidents: 0, participants: 0, events: 0, ms: 0 };
  if (options.count <= 0) return result;
  const plan = await planIncidents(deps, options);
  await writeSlice(
    deps.db,
    plan,
    { from: 0, to: plan.days.length, index: 0 },
    (n) => nextReferences(deps.db, n),
    (w) => {
      result.incidents += w.incidents;
      result.participants += w.participants;
      result.events += w.events;
      options.onProgress?.(result.incidents, options.count);
    },
    () => null,
    // The rollups of each batch, on the same connection and transaction.
    (ids) => applyIncidentRollups(deps.db, ids, 1),
  );
  result.ms = performance.now() - started;
  return result;
}

/**
 * The same, on `writers` connections of `deps.db` (a pool, not a transaction) at once, for millions:
 * each writes a run of days in its own transaction, and they commit together once all have written —
 * when one fails, all roll back. References are drawn for each run before writing, so they still
 * follow time. `finish` runs in the first writer's transaction (e.g. its audit entry).
 */
export async function addDemoIncidentsInParallel(
  deps: AppDeps,
  options: DemoIncidentOptions & { writers: number; finish?: (db: Db) => Promise<void> },
): Promise<DemoIncidentCounts> {
  const started = performance.now();
  const result: DemoIncidentCounts = { incidents: 0, participants: 0, events: 0, ms: 0 };
  if (options.count <= 0) return result;
  const plan = await planIncidents(deps, options);
  const slices = slicesOf(plan, Math.max(1, Math.floor(options.writers)));
  // Each run's references, drawn in time order before anyone writes.
  const reserved: number[][] = [];
  for (const slice of slices)
    reserved.push(slice.count > 0 ? await nextReferences(deps.db, slice.count) : []);
  let failure: unknown = null;
  let arrived = 0;
  let release: (ok: boolean) => void = () => undefined;
  const allWritten = new Promise<boolean>((resolve) => {
    release = resolve;
  });
  const arrive = (ok: boolean) => {
    if (!ok) release(false);
    else if (++arrived === slices.length) release(true);
  };
  const outcomes = await Promise.allSettled(
    slices.map((slice, index) =>
      deps.db.connection().execute(async (db) => {
        // The markers make transactions opened inside (e.g. by `finish`) savepoints of this one.
        await sql`/* outer:begin */ BEGIN`.execute(db);
        try {
          // The ids this writer wrote, for its rollups (see below).
          await sql`CREATE TEMP TABLE ${sql.table(ROLLUP_IDS)} (id uuid NOT NULL) ON COMMIT DROP`.execute(db);
          let taken = 0;
          await writeSlice(
            db,
            plan,
            { ...slice, index },
            async (n) => {
              const numbers = reserved[index]!.slice(taken, taken + n);
              taken += n;
              return numbers;
            },
            (w) => {
              result.incidents += w.incidents;
              result.participants += w.participants;
              result.events += w.events;
              options.onProgress?.(result.incidents, options.count);
            },
            () => failure,
            async (ids) => {
              await sql`INSERT INTO ${sql.table(ROLLUP_IDS)} SELECT unnest(${literal(ids)}::uuid[])`.execute(
                db,
              );
            },
          );
          if (index === 0) await options.finish?.(db);
        } catch (err) {
          failure ??= err;
          arrive(false);
          await sql`/* outer:rollback */ ROLLBACK`.execute(db).catch(() => undefined);
          throw err;
        }
        arrive(true);
        if (!(await allWritten)) {
          await sql`/* outer:rollback */ ROLLBACK`.execute(db).catch(() => undefined);
          throw failure;
        }
        // The rollups of this writer's incidents, added only now: runs of days share months (the
        // picture's cells), and a writer adding to a cell another has added to waits for that one's
        // commit — before every writer had written, they would wait for each other for ever. Now
        // each adds in key order and commits at once, so a wait ends with the other's commit.
        try {
          await sql`ANALYZE ${sql.table(ROLLUP_IDS)}`.execute(db);
          await addIncidentRollupsFrom(db, ROLLUP_IDS);
        } catch (err) {
          failure ??= err;
          await sql`/* outer:rollback */ ROLLBACK`.execute(db).catch(() => undefined);
          throw err;
        }
        await sql`/* outer:commit */ COMMIT`.execute(db);
      }),
    ),
  );
  const rejected = outcomes.find((o) => o.status === 'rejected');
  if (rejected) throw failure ?? (rejected as PromiseRejectedResult).reason;
  result.ms = performance.now() - started;
  return result;
}

// ---------------------------------------------------------------- the known-threat register

export interface DemoThreatRegister {
  /** The case worker who has registered cases with warnings. */
  caseWorker: string;
  /** Fictional case references with threats recorded (the register keeps only their keyed hash). */
  references: string[];
  /** Those the case worker has registered as their own cases: their warnings show at once. */
  registered: string[];
}

/**
 * Known threats for the demo: the latest threats against the case worker's colleagues in their own
 * committee name a client by a (fictional) case reference, recorded through the register's own use
 * case (keyed hash only); the case worker has registered two of those cases, so the warning is there
 * to see, and the others can be tried. Null when the demo has no such case worker or threats.
 */
export async function addDemoThreatRegister(
  deps: AppDeps,
  { now, caseWorker }: { now: () => Date; caseWorker: string },
): Promise<DemoThreatRegister | null> {
  const d: AppDeps = { ...deps, now };
  const worker = (
    await sql<{ id: string; email: string; committee: string }>`
      WITH RECURSIVE up AS (
        SELECT u.id AS user_id, u.email, o.id, o.parent_id, o.kind FROM users u
        JOIN user_roles r ON r.user_id = u.id AND r.role = 'case_worker' JOIN organisations o ON o.id = r.organisation_id
        WHERE lower(u.email) = lower(${caseWorker})
        UNION ALL SELECT up.user_id, up.email, o.id, o.parent_id, o.kind FROM organisations o JOIN up ON o.id = up.parent_id)
      SELECT user_id AS id, email, id AS committee FROM up WHERE kind = 'committee' LIMIT 1`.execute(d.db)
  ).rows[0];
  if (!worker) return null;
  const since = new Date(now().getTime() - d.config.threatWarningMonths * 30 * DAY);
  const threats = (
    await sql<{
      id: string;
      organisation_id: string;
      type_id: string;
      occurred_at: Date;
      reporter_id: string | null;
    }>`
      SELECT i.id, i.organisation_id, i.type_id, i.occurred_at, i.reporter_id FROM incidents i
      JOIN incident_type_versions v ON v.id = i.type_version_id
      WHERE v.threat_register AND i.organisation_id = ${worker.committee} AND i.source = 'demo'
        AND i.affected_kind = 'employee' AND NOT i.anonymous AND i.occurred_at >= ${since}
      ORDER BY i.occurred_at DESC, i.reference DESC LIMIT 12`.execute(d.db)
  ).rows;
  if (threats.length === 0) return null;
  // Eight clients; some threatened more than one case worker.
  const references = Array.from({ length: Math.min(8, threats.length) }, (_, i) => `DEMO-${2401 + i * 37}`);
  for (const [i, t] of threats.entries())
    await recordThreat(d.db, d, {
      caseReference: references[i % references.length]!,
      incidentId: t.id,
      organisationId: t.organisation_id,
      typeId: t.type_id,
      occurredAt: t.occurred_at,
      createdBy: t.reporter_id,
    });
  const registered = references.slice(0, 2);
  const { actor } = await loadActor(d.db, worker.id);
  for (const [i, reference] of registered.entries())
    await registerCase({
      deps: d,
      caller: actor,
      input: { caseReference: reference, label: i === 0 ? 'Försörjningsstöd, familj' : 'Placeringsärende' },
    });
  return { caseWorker: worker.email, references, registered };
}
