import { sql } from 'kysely';
import type { Role } from '../../../domain/roles.ts';
import { inOneTransaction } from '../../db/database.ts';
import { SYSTEM } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppDeps } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { generatePassword, hashPassword } from '../../platform/passwords.ts';
import { listAreas, swedishDay } from '../areas/areas.usecases.ts';
import { commitAreaImport } from '../areas/import/import.usecases.ts';
import { createAssignment } from '../coordinators/coordinators.usecases.ts';
import { addDays } from '../coordinators/dates.ts';
import { importFacilities } from '../facilities/facilities-import.usecases.ts';
import { assignArea } from '../organisations/organisation-areas.usecases.ts';
import { mergeOrganisations } from '../organisations/organisation-changes.usecases.ts';
import { listOrganisations } from '../organisations/organisations.usecases.ts';
import { importOrganisations } from '../organisations/organisations-import.usecases.ts';
import { seedStockholmProgramme } from '../programme/stockholm-2018-2021.ts';
import { createUser } from '../users/users.usecases.ts';
import { type Cell, cellsGeoJson, hexagonCells, mulberry32, pointInCell } from './demo.geometry.ts';
import {
  addDemoIncidents,
  addDemoIncidentsInParallel,
  addDemoThreatRegister,
  DEMO_FIRST_START_INCIDENTS,
  type DemoIncidentCounts,
  type DemoThreatRegister,
} from './demo-incidents.ts';
import { type DemoPicturesResult, seedDemoPictures } from './demo-pictures.ts';
import { addDemoStatistics, type DemoStatisticsCounts } from './demo-statistics.ts';
import {
  COMPANIES,
  DISTRICT_COMMITTEE_HISTORY,
  DISTRICT_COMMITTEES,
  DISTRICT_UNITS,
  SPECIALIST_COMMITTEES,
} from './stockholm-organisations.ts';
import { STOCKHOLM_NEIGHBOURHOODS } from './stockholm-places.ts';

export const DEFAULT_DEMO_SEED = 2040;
export const DEMO_EMAIL_DOMAIN = 'demo.trygg.local';
/** The audit action written last: its presence means the demo city is complete. */
export const DEMO_MARKER_ACTION = 'demo.created';
/** The day the 13 district areas (and Hägersten-Älvsjö) took effect. */
const DISTRICTS_FROM = DISTRICT_COMMITTEE_HISTORY.date;
const COMMITTEES_FROM = DISTRICT_COMMITTEE_HISTORY.predecessorsFrom;

export interface DemoUser {
  role: Role;
  email: string;
  password: string;
  name: string;
  organisation: string;
  /** One account per role: the ones printed at first start. */
  showcase: boolean;
}

export interface DemoResult {
  status: 'created' | 'exists';
  seed: number;
  users: DemoUser[];
  counts: {
    organisations: number;
    areas: number;
    facilities: number;
    users: number;
    assignments: number;
    incidents: number;
  };
  /** Made with the city: incidents with their participants and timeline events, and how long that took. */
  incidents?: DemoIncidentCounts;
  /** Survey results, population, reported crime and police events, fed through their imports. */
  statistics?: DemoStatisticsCounts;
  pictures?: DemoPicturesResult;
  /** Known threats recorded for some (fictional) case references, two of them the case worker's cases. */
  threatRegister?: DemoThreatRegister | null;
  /**
   * The people of one district committee (Rinkeby-Kista) who together show the incident loop: an
   * employee, the unit manager, the security coordinator, a case worker and the crime prevention
   * coordinator.
   */
  cast?: { organisation: string; users: DemoUser[] };
  /** The deliberate gaps in coordinator coverage: organisation name and what is wrong. */
  gaps: { organisation: string; function: string; problem: 'missing' | 'ending' }[];
  ms: number;
}

export const demoRefused = () =>
  new AppError(
    'demo.not_empty',
    409,
    'The database already holds data that is not the demo city; the demo is only created on an empty database (or one with nothing but the first administrator)',
  );

export const demoMissing = () =>
  new AppError(
    'demo.missing',
    409,
    'There is no demo city to add incidents to; run `trygg demo` on an empty database first',
  );

/** ASCII code/slug of a Swedish name: "Enskede-Årsta-Vantör" → "enskede-arsta-vantor". */
export function slug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

const code = (prefix: string, name: string) => `${prefix}-${slug(name).toUpperCase()}`.slice(0, 50);
const districtCode = (area: string) => code('SDN', area);
const specialistCode = (name: string) => code('FN', name);
const companyCode = (name: string) => code('BOLAG', name);
const OFFICE_CODE = 'SLK';
/** Short names of the district departments, for the demo staff's e-mail addresses. */
const DEPARTMENT_SHORT: Record<string, string> = {
  'Avdelningen för förskola': 'forskola',
  'Avdelningen för äldreomsorg': 'aldreomsorg',
  'Avdelningen för individ- och familjeomsorg': 'ifo',
  'Avdelningen för kultur och fritid': 'kultur-fritid',
  'Administrativa avdelningen': 'administration',
};
/** The committee whose people are printed as the incident demo's cast. */
const CAST_DISTRICT = 'Rinkeby-Kista';
const STADSHUS = COMPANIES[0]!;

const SPECIALIST_UNITS: Record<string, readonly string[]> = {
  Socialnämnden: ['Socialjouren', 'Enheten för hemlösa'],
  Utbildningsnämnden: ['Grundskoleavdelningen', 'Gymnasieavdelningen'],
  Kulturnämnden: ['Stadsbiblioteket'],
  Idrottsnämnden: ['Anläggningsavdelningen'],
};

function csv(header: string[], rows: (string | null | undefined)[][]): string {
  const cell = (v: string | null | undefined) => {
    const s = v ?? '';
    return /[",\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header.join(','), ...rows.map((r) => r.map(cell).join(','))].join('\n');
}

/** What the database holds besides the first start's municipality, board and administrator. */
async function inspect(deps: AppDeps): Promise<{ marker: boolean; empty: boolean }> {
  const { rows } = await sql<{
    marker: boolean;
    organisations: number;
    areas: number;
    facilities: number;
    users: number;
  }>`SELECT
      EXISTS (SELECT 1 FROM audit_events WHERE action = ${DEMO_MARKER_ACTION}) AS marker,
      (SELECT count(*)::int FROM organisations) AS organisations,
      (SELECT count(*)::int FROM areas) AS areas,
      (SELECT count(*)::int FROM facilities) AS facilities,
      (SELECT count(*)::int FROM users) AS users`.execute(deps.db);
  const r = rows[0]!;
  return {
    marker: r.marker,
    empty: r.organisations <= 2 && r.areas === 0 && r.facilities === 0 && r.users <= 1,
  };
}

async function countAll(deps: AppDeps): Promise<DemoResult['counts']> {
  const { rows } = await sql<DemoResult['counts']>`SELECT
      (SELECT count(*)::int FROM organisations) AS organisations,
      (SELECT count(*)::int FROM areas) AS areas,
      (SELECT count(*)::int FROM facilities) AS facilities,
      (SELECT count(*)::int FROM users) AS users,
      (SELECT count(*)::int FROM coordinator_assignments) AS assignments,
      (SELECT count(*)::int FROM incidents) AS incidents`.execute(deps.db);
  return rows[0]!;
}

/** Runs `fn` over `items` with at most `limit` at once (password hashing is the slow part). */
async function pooled<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

function organisationsCsv(): string {
  const rows: (string | null)[][] = [];
  rows.push(['Stadsledningskontoret', 'office', null, 'Kommunstyrelsen', null, OFFICE_CODE]);
  for (const d of DISTRICT_COMMITTEES) {
    if (d.name !== DISTRICT_COMMITTEE_HISTORY.successor)
      rows.push([d.name, 'committee', 'district', null, COMMITTEES_FROM, districtCode(d.area)]);
    DISTRICT_UNITS.forEach((u, i) => {
      // Children name their parent by code: the department names repeat under every committee.
      const unitCode = `${districtCode(d.area)}-${i + 1}`;
      rows.push([u.name, 'unit', null, districtCode(d.area), null, unitCode]);
      for (const child of u.children) rows.push([child, 'unit', null, unitCode, null, null]);
    });
  }
  for (const name of SPECIALIST_COMMITTEES) {
    rows.push([name, 'committee', 'specialist', null, COMMITTEES_FROM, specialistCode(name)]);
    for (const unit of SPECIALIST_UNITS[name] ?? [])
      rows.push([unit, 'unit', null, specialistCode(name), null, null]);
  }
  // Stadshus AB is the group's parent company; the others are its subsidiaries.
  for (const name of COMPANIES)
    rows.push([
      name,
      'company',
      null,
      name === STADSHUS ? null : companyCode(STADSHUS),
      null,
      companyCode(name),
    ]);
  return csv(['name', 'kind', 'committee_type', 'parent', 'valid_from', 'code'], rows);
}

const PRESCHOOLS = [
  'Solrosen',
  'Blåklockan',
  'Vitsippan',
  'Lärkan',
  'Ekorren',
  'Humlan',
  'Myran',
  'Nyckelpigan',
  'Kastanjen',
  'Lönnen',
  'Björken',
  'Regnbågen',
  'Stjärnan',
  'Månskenet',
  'Snäckan',
  'Tallkotten',
  'Fjärilen',
  'Trollsländan',
  'Äppelträdet',
  'Skogsgläntan',
  'Sjöstjärnan',
  'Lingonet',
  'Blåbäret',
  'Smultronet',
  'Tusenskönan',
  'Prästkragen',
  'Kotten',
  'Ugglan',
  'Räven',
  'Igelkotten',
  'Vallmon',
  'Hasseln',
  'Eken',
  'Linden',
  'Sippan',
  'Maskrosen',
  'Ängen',
  'Bäcken',
  'Kompassen',
  'Pärlan',
];
const PLAYGROUNDS = [
  'Humlan',
  'Kotten',
  'Myrstacken',
  'Draken',
  'Lilla Skogen',
  'Ekbacken',
  'Solgläntan',
  'Plaskis',
  'Trollet',
  'Kojan',
];
const CARE_HOMES = [
  'Ekbacken',
  'Lindgården',
  'Solgården',
  'Rosenhill',
  'Björkhagen',
  'Tallgården',
  'Ängsgården',
  'Sjöbris',
  'Kastanjegården',
  'Lönngården',
  'Fyrbåken',
  'Sofiahemmet',
];
const BLOCKS = [
  'Svalan',
  'Lärkan',
  'Domherren',
  'Trasten',
  'Staren',
  'Hägern',
  'Tranan',
  'Måsen',
  'Falken',
  'Örnen',
  'Göken',
  'Duvan',
  'Vipan',
  'Sparven',
  'Kajan',
  'Uven',
];
const SPORTS = ['sporthall', 'bollplan', 'idrottsplats', 'simhall'];
const HOUSING_COMPANIES = ['AB Familjebostäder', 'AB Stockholmshem', 'AB Svenska Bostäder'];
const FIRST_NAMES = [
  'Anna',
  'Erik',
  'Maria',
  'Lars',
  'Karin',
  'Johan',
  'Sara',
  'Ahmed',
  'Fatima',
  'Mikael',
  'Elin',
  'Omar',
  'Eva',
  'Per',
  'Lina',
  'Hassan',
  'Emma',
  'Anders',
  'Sofia',
  'Jonas',
  'Amina',
  'Peter',
  'Ida',
  'Ali',
];
const SURNAMES = [
  'Andersson',
  'Johansson',
  'Karlsson',
  'Nilsson',
  'Eriksson',
  'Larsson',
  'Olsson',
  'Persson',
  'Svensson',
  'Gustafsson',
  'Lindberg',
  'Ali',
  'Mohammed',
  'Lindström',
  'Berg',
  'Holm',
  'Ekström',
  'Sandberg',
  'Yilmaz',
  'Hussein',
];

/** A one-word name takes the compound form ("Rinkebyskolan"), others the genitive ("Farsta Strands skola"). */
function schoolName(place: string): string {
  if (place.includes(' ')) return `${place}${place.endsWith('s') ? '' : 's'} skola`;
  return `${place}skolan`;
}

function facilitiesCsv(cells: readonly Cell[], random: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const areaOf = new Map(DISTRICT_COMMITTEES.map((d) => [d.area, districtCode(d.area)]));
  const meanNorth = new Map<string, number>();
  for (const d of DISTRICT_COMMITTEES) {
    const own = cells.filter((c) => c.district === d.area);
    meanNorth.set(d.area, own.reduce((s, c) => s + c.north, 0) / own.length);
  }
  const rows: string[][] = [];
  const used = new Set<string>();
  const add = (cell: Cell, type: string, name: string, organisation: string, unit: string) => {
    let unique = name;
    if (used.has(unique)) unique = `${name}, ${cell.name}`;
    for (let n = 2; used.has(unique); n++) unique = `${name}, ${cell.name} ${n}`;
    used.add(unique);
    const { lat, lon } = pointInCell(cell, random);
    rows.push([
      `DEMO-${String(rows.length + 1).padStart(4, '0')}`,
      unique,
      type,
      organisation,
      unit,
      'Stockholm',
      String(lat),
      String(lon),
    ]);
  };
  for (const d of DISTRICT_COMMITTEES) {
    const own = cells.filter((c) => c.district === d.area);
    add(
      pick(own),
      'office',
      `${d.area} stadsdelsförvaltning`,
      districtCode(d.area),
      'Administrativa avdelningen',
    );
  }
  for (const cell of cells) {
    const district = areaOf.get(cell.district)!;
    const north = cell.north >= meanNorth.get(cell.district)! ? 'Nord' : 'Syd';
    add(cell, 'preschool', `Förskolan ${pick(PRESCHOOLS)}`, district, `Förskoleenhet ${north}`);
    if (random() < 0.45)
      add(
        cell,
        'school',
        schoolName(cell.name),
        specialistCode('Utbildningsnämnden'),
        'Grundskoleavdelningen',
      );
    if (random() < 0.2) add(cell, 'playground', `Parkleken ${pick(PLAYGROUNDS)}`, district, 'Parklekar');
    if (random() < 0.2) add(cell, 'youth_centre', `${cell.name} fritidsgård`, district, 'Fritidsgårdar');
    if (random() < 0.15)
      add(cell, 'library', `${cell.name} bibliotek`, specialistCode('Kulturnämnden'), 'Stadsbiblioteket');
    if (random() < 0.15)
      add(
        cell,
        'care_home',
        `${pick(CARE_HOMES)} vård- och omsorgsboende`,
        district,
        'Vård- och omsorgsboende',
      );
    if (random() < 0.3) add(cell, 'housing', `Kv. ${pick(BLOCKS)}`, companyCode(pick(HOUSING_COMPANIES)), '');
    if (random() < 0.1)
      add(
        cell,
        'other',
        `${cell.name} ${pick(SPORTS)}`,
        specialistCode('Idrottsnämnden'),
        'Anläggningsavdelningen',
      );
  }
  return csv(['code', 'name', 'type', 'organisation', 'unit', 'city', 'lat', 'lon'], rows);
}

export interface DemoOptions {
  seed?: number;
  now?: () => Date;
  /** Incidents to add over the last three years (default: the first start's lighter amount). */
  incidents?: number;
  /** Progress of the incidents, after every batch. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Creates the demo city — a Stockholm-like municipality — through the modules' own use cases,
 * deterministically from `seed` (passwords excepted: they are random and returned once).
 * Idempotent: when the demo is already there nothing changes (`status: 'exists'`); on a database
 * with other data it refuses (`demo.not_empty`).
 */
export async function createDemoCity(deps: AppDeps, options: DemoOptions = {}): Promise<DemoResult> {
  // All of it or nothing: a failure half-way leaves the database as it was.
  return inOneTransaction(deps.db, (db) => buildDemoCity({ ...deps, db }, options));
}

async function buildDemoCity(
  deps: AppDeps,
  {
    seed = DEFAULT_DEMO_SEED,
    now = deps.now,
    incidents = DEMO_FIRST_START_INCIDENTS,
    onProgress,
  }: DemoOptions = {},
): Promise<DemoResult> {
  const started = performance.now();
  const d: AppDeps = { ...deps, now };
  const state = await inspect(d);
  const base = { seed, users: [], gaps: [] };
  if (state.marker)
    return { ...base, status: 'exists', counts: await countAll(d), ms: performance.now() - started };
  if (!state.empty) throw demoRefused();
  const random = mulberry32(seed);
  const caller = SYSTEM;
  const today = swedishDay(now());

  // Organisations: the two predecessors, their merge into Hägersten-Älvsjö, then everything else.
  const [hl, alv] = DISTRICT_COMMITTEE_HISTORY.predecessors;
  await importOrganisations({
    deps: d,
    caller,
    csv: csv(
      ['name', 'kind', 'committee_type', 'valid_from', 'code'],
      [
        [hl, 'committee', 'district', COMMITTEES_FROM, code('SDN', 'Hägersten-Liljeholmen')],
        [alv, 'committee', 'district', COMMITTEES_FROM, code('SDN', 'Älvsjö')],
      ],
    ),
  });
  const before = await listOrganisations({ deps: d, caller });
  await mergeOrganisations({
    deps: d,
    caller,
    input: {
      organisationIds: before.filter((o) => o.name === hl || o.name === alv).map((o) => o.id),
      date: DISTRICTS_FROM,
      name: DISTRICT_COMMITTEE_HISTORY.successor,
      code: districtCode('Hägersten-Älvsjö'),
    },
  });
  await importOrganisations({ deps: d, caller, csv: organisationsCsv() });
  const organisations = await listOrganisations({ deps: d, caller });
  const byCode = new Map(organisations.filter((o) => o.code).map((o) => [o.code!, o]));
  const root = organisations.find((o) => o.kind === 'municipality')!;
  const unitOf = (parent: { id: string }, name: string) =>
    organisations.find((o) => o.parentId === parent.id && o.name === name)!;

  // Areas: a hexagon around each neighbourhood's centre; district areas derived as their union.
  const cells = hexagonCells(STOCKHOLM_NEIGHBOURHOODS);
  await commitAreaImport({
    deps: d,
    caller,
    input: {
      fileName: 'demo-neighbourhoods.geojson',
      geojson: cellsGeoJson(cells),
      level: 'neighbourhood',
      nameProperty: 'name',
      parentCsv: csv(
        ['neighbourhood', 'district_area'],
        cells.map((c) => [c.name, c.district]),
      ),
      parentFileName: 'demo-districts.csv',
      parentLevel: 'district_area',
    },
  });
  const districtAreas = new Map(
    (await listAreas({ deps: d, caller, level: 'district_area' })).items.map((a) => [a.name, a.id]),
  );
  for (const c of DISTRICT_COMMITTEES)
    await assignArea({
      deps: d,
      caller,
      organisationId: byCode.get(districtCode(c.area))!.id,
      input: { areaId: districtAreas.get(c.area)!, validFrom: DISTRICTS_FROM },
    });

  // Facilities: one import, placed inside the cells (the area is found from the coordinates).
  const facilities = await importFacilities({ deps: d, caller, csv: facilitiesCsv(cells, random) });
  if (facilities.errors.length > 0)
    throw new Error(`demo facilities rejected: ${JSON.stringify(facilities.errors.slice(0, 5))}`);

  // People: one showcase account per role, and the coordinators of every committee and company.
  const personName = () =>
    `${FIRST_NAMES[Math.floor(random() * FIRST_NAMES.length)]} ${SURNAMES[Math.floor(random() * SURNAMES.length)]}`;
  const email = (local: string) => `${local}@${DEMO_EMAIL_DOMAIN}`;
  interface Planned {
    role: Role;
    email: string;
    name: string;
    organisationId: string;
    organisation: string;
    showcase: boolean;
    /** Roles granted directly; coordinator roles come from their assignments. */
    grant: boolean;
  }
  const planned: Planned[] = [];
  const plan = (
    role: Role,
    local: string,
    org: { id: string; name: string },
    showcase: boolean,
    grant = true,
  ) =>
    planned.push({
      role,
      email: email(local),
      name: personName(),
      organisationId: org.id,
      organisation: org.name,
      showcase,
      grant,
    });
  const bromma = districtCode('Bromma');
  const brommaPreschool = unitOf(byCode.get(bromma)!, 'Avdelningen för förskola');
  const rinkebyFamily = unitOf(
    byCode.get(districtCode('Rinkeby-Kista'))!,
    'Avdelningen för individ- och familjeomsorg',
  );
  plan('administrator', 'admin', root, true);
  plan('city_analyst', 'analytiker', root, true);
  plan('manager', 'chef.forskola.bromma', brommaPreschool, true);
  plan('employee', 'medarbetare.bromma', unitOf(brommaPreschool, 'Förskoleenhet Nord'), true);
  plan('case_worker', 'handlaggare.rinkeby-kista', unitOf(rinkebyFamily, 'Barn och unga'), true);
  plan('elected_official', 'politiker.bromma', byCode.get(bromma)!, true);
  plan('auditor', 'revisor', root, true);

  // Staff who report and handle incidents: a manager for every department and an employee in every
  // unit of the district committees, the same in the specialist units that run facilities, and an
  // employee at each housing company. They share the coordinators' password.
  const planOnce = (role: Role, local: string, org: { id: string; name: string }) => {
    if (!planned.some((p) => p.email === email(local))) plan(role, local, org, false);
  };
  for (const c of DISTRICT_COMMITTEES) {
    const committee = byCode.get(districtCode(c.area))!;
    const s = slug(c.area);
    for (const u of DISTRICT_UNITS) {
      const department = unitOf(committee, u.name);
      planOnce('manager', `chef.${DEPARTMENT_SHORT[u.name] ?? slug(u.name)}.${s}`, department);
      if (u.children.length === 0) planOnce('employee', `medarbetare.${slug(u.name)}.${s}`, department);
      for (const leaf of u.children)
        planOnce('employee', `medarbetare.${slug(leaf)}.${s}`, unitOf(department, leaf));
    }
  }
  planOnce(
    'case_worker',
    'handlaggare.bromma',
    unitOf(unitOf(byCode.get(bromma)!, 'Avdelningen för individ- och familjeomsorg'), 'Barn och unga'),
  );
  for (const [committee, units] of Object.entries(SPECIALIST_UNITS))
    for (const name of units) {
      const unit = unitOf(byCode.get(specialistCode(committee))!, name);
      planOnce('manager', `chef.${slug(name)}`, unit);
      planOnce('employee', `medarbetare.${slug(name)}`, unit);
    }
  for (const name of HOUSING_COMPANIES)
    planOnce('employee', `medarbetare.${slug(name)}`, byCode.get(companyCode(name))!);

  // Deliberate gaps for the compliance view: two without a security coordinator, one term ending soon.
  const missingSecurity = new Set([districtCode('Skärholmen'), companyCode('Stockholms Hamn AB')]);
  const endingSecurity = districtCode('Farsta');
  const deputies = new Set([bromma, specialistCode('Socialnämnden')]);
  interface Term {
    local: string;
    organisationCode: string;
    function: 'security_coordinator' | 'crime_prevention_coordinator';
    deputy: boolean;
    endsOn: string | null;
  }
  const terms: Term[] = [];
  const committees = [
    ...DISTRICT_COMMITTEES.map((c) => ({ code: districtCode(c.area), label: c.area, district: true })),
    ...SPECIALIST_COMMITTEES.map((n) => ({ code: specialistCode(n), label: n, district: false })),
    ...COMPANIES.map((n) => ({ code: companyCode(n), label: n, district: false })),
  ];
  for (const o of committees) {
    const s = slug(o.label);
    const ends = o.code === endingSecurity ? addDays(today, 20) : null;
    // District committees have one coordinator per function; the others one person for both.
    const security = o.district ? `sakerhet.${s}` : `samordnare.${s}`;
    const prevention = o.district ? `brottsforebyggande.${s}` : `samordnare.${s}`;
    if (!missingSecurity.has(o.code))
      terms.push({
        local: security,
        organisationCode: o.code,
        function: 'security_coordinator',
        deputy: false,
        endsOn: ends,
      });
    terms.push({
      local: prevention,
      organisationCode: o.code,
      function: 'crime_prevention_coordinator',
      deputy: false,
      endsOn: null,
    });
    if (deputies.has(o.code))
      terms.push({
        local: `sakerhet.ersattare.${s}`,
        organisationCode: o.code,
        function: 'security_coordinator',
        deputy: true,
        endsOn: null,
      });
  }
  const planOrg = (c: string) => byCode.get(c)!;
  const seen = new Set(planned.map((p) => p.email));
  for (const t of terms) {
    if (seen.has(email(t.local))) continue;
    seen.add(email(t.local));
    const showcase =
      t.local === `sakerhet.${slug('Bromma')}` || t.local === `brottsforebyggande.${slug('Bromma')}`;
    plan(t.function, t.local, planOrg(t.organisationCode), showcase, false);
  }
  // One account per role gets its own password; the many coordinator accounts share one, hashed
  // once (scrypt is deliberately slow, and the first start should stay quick).
  const sharedPassword = generatePassword();
  const sharedHash = await hashPassword(sharedPassword);
  const users = await pooled(planned, 4, async (p) => {
    const password = p.showcase ? generatePassword() : sharedPassword;
    const id = await createUser({
      deps: d,
      caller,
      input: {
        email: p.email,
        name: p.name,
        password,
        ...(p.showcase ? {} : { passwordHash: sharedHash }),
        ...(p.grant ? { role: p.role, organisationId: p.organisationId } : {}),
      },
    });
    return { id, password, ...p };
  });
  const userId = new Map(users.map((u) => [u.email, u.id]));
  for (const t of terms)
    await createAssignment({
      deps: d,
      caller,
      input: {
        organisationId: planOrg(t.organisationCode).id,
        function: t.function,
        userId: userId.get(email(t.local))!,
        deputy: t.deputy,
        startsOn: t.organisationCode.startsWith('SDN-') ? DISTRICTS_FROM : '2019-01-01',
        endsOn: t.endsOn,
      },
    });

  await seedStockholmProgramme(d.db, { now });

  // Three years of incidents, reported by and routed to the people above.
  const incidentCounts =
    incidents > 0 ? await addDemoIncidents(d, { seed, count: incidents, now, onProgress }) : undefined;
  const threatRegister = incidentCounts
    ? await addDemoThreatRegister(d, { now, caseWorker: email(`handlaggare.${slug(CAST_DISTRICT)}`) })
    : undefined;

  // Statistics for the situational pictures, through the same imports as the city's own files.
  const statistics = await addDemoStatistics(d, { seed, now });
  // This year's pictures: some committees have submitted, one is late, one is signed, one a draft.
  const pictures = incidentCounts ? await seedDemoPictures(d, { now: now() }) : undefined;

  await d.db.transaction().execute((trx) =>
    recordAudit(
      trx,
      {
        action: DEMO_MARKER_ACTION,
        organisationId: root.id,
        targetType: 'organisation',
        targetId: root.id,
        fields: [
          'organisations',
          'areas',
          'facilities',
          'users',
          'coordinator_assignments',
          'programme',
          'statistics',
          ...(incidentCounts ? ['incidents'] : []),
        ],
      },
      now(),
    ),
  );

  const gaps: DemoResult['gaps'] = [
    ...[...missingSecurity].map((c) => ({
      organisation: planOrg(c).name,
      function: 'security_coordinator',
      problem: 'missing' as const,
    })),
    { organisation: planOrg(endingSecurity).name, function: 'security_coordinator', problem: 'ending' },
  ];
  const present = ({ role, email, password, name, organisation, showcase }: DemoUser): DemoUser => ({
    role,
    email,
    password,
    name,
    organisation,
    showcase,
  });
  const castSlug = slug(CAST_DISTRICT);
  const castEmails = [
    `medarbetare.vuxenenheten.${castSlug}`,
    `chef.ifo.${castSlug}`,
    `sakerhet.${castSlug}`,
    `handlaggare.${castSlug}`,
    `brottsforebyggande.${castSlug}`,
  ].map(email);
  return {
    status: 'created',
    seed,
    users: users.map(present),
    cast: {
      organisation: planOrg(districtCode(CAST_DISTRICT)).name,
      users: castEmails.flatMap((e) => users.filter((u) => u.email === e).map(present)),
    },
    counts: await countAll(d),
    statistics,
    ...(pictures ? { pictures } : {}),
    ...(incidentCounts ? { incidents: incidentCounts, threatRegister } : {}),
    gaps,
    ms: performance.now() - started,
  };
}

/** From this many incidents on, `addIncidentsToDemoCity` writes on two connections at once. */
export const PARALLEL_FROM = 100_000;

/**
 * Adds `count` more incidents to an existing demo city, all or nothing, e.g. a million for
 * benchmarks (from PARALLEL_FROM on, on two connections that commit together). Each call draws from
 * its own stream of the seed (the number of demo incidents already there), so ids never repeat.
 */
export async function addIncidentsToDemoCity(
  deps: AppDeps,
  {
    seed = DEFAULT_DEMO_SEED,
    count,
    onProgress,
    writers = count >= PARALLEL_FROM ? 2 : 1,
  }: { seed?: number; count: number; onProgress?: (done: number, total: number) => void; writers?: number },
): Promise<DemoIncidentCounts> {
  const { rows } = await sql<{ marker: boolean; existing: number; root: string }>`SELECT
      EXISTS (SELECT 1 FROM audit_events WHERE action = ${DEMO_MARKER_ACTION}) AS marker,
      (SELECT count(*)::int FROM incidents WHERE source = 'demo') AS existing,
      (SELECT id FROM organisations WHERE kind = 'municipality' LIMIT 1) AS root`.execute(deps.db);
  if (!rows[0]!.marker) throw demoMissing();
  const { existing, root } = rows[0]!;
  return addDemoIncidentsInParallel(deps, {
    seed: (seed + existing) | 0,
    count,
    now: deps.now,
    onProgress,
    writers,
    finish: (db) =>
      db.transaction().execute((trx) =>
        recordAudit(
          trx,
          {
            action: 'demo.incidents_added',
            organisationId: root,
            targetType: 'organisation',
            targetId: root,
            fields: ['incidents'],
          },
          deps.now(),
        ),
      ),
  });
}

/** The demo users as a plain-text table (role, e-mail, password, organisation). */
export function formatDemoUsers(users: readonly DemoUser[]): string {
  const header = ['role', 'e-mail', 'password', 'organisation'];
  const rows = users.map((u) => [u.role, u.email, u.password, u.organisation]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
