import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { createDb, type Db } from '../../../../src/server/db/database.ts';
import { rebuildAllRollups } from '../../../../src/server/modules/rollups/rollups.usecases.ts';
import { rebuildPoliceCells } from '../../../../src/server/modules/statistics/police-cells.ts';
import { seedIncident } from '../../../support/incidents.ts';
import {
  type ApiSession,
  connectToServerDatabase,
  type Person,
  signInOverApi,
} from '../../incidents/support.ts';
import { E2E_ADMIN, type TestServer } from '../../support/server.ts';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
const GEOJSON = path.resolve(REPO, '../shared/data/stockholm/stadsdelar.geo.json');
const CSV = path.resolve(REPO, '../shared/data/stockholm/stadsdelar.csv');

/** Skärholmen's four neighbourhoods and, for the city reference, two of Hägersten-Älvsjö's. */
const NEIGHBOURHOODS = ['SKÄRHOLMEN', 'VÅRBERG', 'BREDÄNG', 'SÄTRA', 'LILJEHOLMEN', 'HÄGERSTEN'];
export const PASSWORD = 'Hemligt-ord-2026!';

export interface SeededArea {
  id: string;
  name: string;
}

/**
 * A Skärholmen-like district for picture specs, built on the real test server:
 * - areas: the municipality's root area, district areas Skärholmen (Skärholmen, Vårberg, Bredäng, Sätra)
 *   and Hägersten-Älvsjö (Liljeholmen, Hägersten) from the real Stockholm file;
 * - organisations: "Skärholmens stadsdelsnämnd" (responsible for Skärholmen) and
 *   "Hägersten-Älvsjö stadsdelsnämnd";
 * - people (password `PASSWORD`): a crime-prevention coordinator, a security coordinator and a manager
 *   in Skärholmen's committee, and a city analyst at the municipality;
 * - own reports (`EXPECTED` says how many), police events, population 2024 — then the rollups rebuilt.
 */
export interface PictureCity {
  admin: ApiSession;
  rootOrganisationId: string;
  rootAreaId: string;
  skarholmen: SeededArea;
  hagersten: SeededArea;
  /** By upper-case name as in the file: SKÄRHOLMEN, VÅRBERG, … */
  neighbourhoods: Record<string, SeededArea>;
  committee: string;
  otherCommittee: string;
  prevention: Person;
  security: Person;
  manager: Person;
  analyst: Person;
}

/**
 * What `seedPictureCity` puts in: own reports in 2025 (the period) and 2024 (the comparison), by
 * neighbourhood, type and gender, all for Skärholmen's committee unless noted.
 */
export const EXPECTED = {
  period: { from: '2025-01', to: '2025-12' },
  comparison: { from: '2024-01', to: '2024-12' },
  /** Theft in the neighbourhood Skärholmen, 2025: 12 women, 8 men. */
  theftWomen: 12,
  theftMen: 8,
  /** Vandalism in Vårberg, 2025: 3 women — below the threshold: "<5". */
  vandalismWomen: 3,
  /** Theft in Bredäng, 2024: 10 men. */
  comparisonTheftMen: 10,
  /** Police events "Stöld" in the neighbourhood Skärholmen, 2025. */
  policeTheft: 7,
  /** Population per neighbourhood, 2024, per gender and age band (two bands). */
  populationPerCell: 1000,
  /** Hägersten-Älvsjö's committee: theft in Liljeholmen, 2025, 6 men. */
  otherTheftMen: 6,
};

async function createPerson(
  admin: ApiSession,
  key: string,
  name: string,
  role: string,
  organisationId: string,
) {
  const email = `${key}@e2e.local`;
  const created = await admin.expect<{ id: string }>(201, 'POST', '/api/users', {
    email,
    name,
    password: PASSWORD,
    role,
    organisationId,
  });
  return { id: created.id, name, email, password: PASSWORD };
}

/** Opens the test server's database as its superuser, as a Kysely handle (close with `destroy()`). */
export async function openServerDb(server: TestServer): Promise<Db> {
  const client = await connectToServerDatabase(server);
  const { host, port, user, password, database } = client as unknown as {
    host: string;
    port: number;
    user: string;
    password: string;
    database: string;
  };
  await client.end();
  const url = `postgres://${user}:${encodeURIComponent(password)}@${host}:${port}/${database}`;
  return createDb(url, 2).db;
}

async function importAreas(admin: ApiSession) {
  const file = JSON.parse(fs.readFileSync(GEOJSON, 'utf8')) as {
    features: { properties: { name: string } }[];
  };
  const geojson = JSON.stringify({
    ...file,
    features: file.features.filter((f) => NEIGHBOURHOODS.includes(f.properties.name)),
  });
  const lines = fs.readFileSync(CSV, 'utf8').split('\n');
  const parentCsv = [
    lines[0],
    ...lines.slice(1).filter((l) => NEIGHBOURHOODS.includes(l.split(',')[0] ?? '')),
  ].join('\n');
  const request = {
    fileName: 'stadsdelar.geo.json',
    geojson,
    level: 'neighbourhood',
    nameProperty: 'name',
    parentCsv,
    parentFileName: 'stadsdelar.csv',
    parentLevel: 'district_area',
  };
  const preview = await admin.expect<{ token: string }>(200, 'POST', '/api/areas/imports/preview', request);
  await admin.expect(201, 'POST', '/api/areas/imports', { ...request, previewToken: preview.token });
  return admin.expect<{
    items: { id: string; name: string; level: string; parentId: string | null; depth: number }[];
  }>(200, 'GET', '/api/areas');
}

const norm = (s: string) => s.toLocaleUpperCase('sv');

export async function seedPictureCity(server: TestServer): Promise<PictureCity> {
  const admin = await signInOverApi(server.baseUrl, E2E_ADMIN.email, E2E_ADMIN.password);
  const session = await admin.expect<{ user: { roles: { role: string; organisationId: string }[] } }>(
    200,
    'GET',
    '/api/session',
  );
  const rootOrganisationId = session.user.roles.find((r) => r.role === 'administrator')!.organisationId;
  const areas = (await importAreas(admin)).items;
  const root = areas.find((a) => a.depth === 0);
  if (!root) throw new Error('no root area after the import');
  const byName = (name: string, level: string) => {
    const found = areas.find((a) => a.level === level && norm(a.name) === norm(name));
    if (!found) throw new Error(`no ${level} ${name} among ${areas.map((a) => a.name).join(', ')}`);
    return { id: found.id, name: found.name };
  };
  const skarholmen = byName('Skärholmen', 'district_area');
  const hagersten = byName('Hägersten-Älvsjö', 'district_area');
  const neighbourhoods: Record<string, SeededArea> = {};
  for (const n of NEIGHBOURHOODS) neighbourhoods[n] = byName(n, 'neighbourhood');

  const org = async (name: string) =>
    (
      await admin.expect<{ id: string }>(201, 'POST', '/api/organisations', {
        name,
        kind: 'committee',
        committeeType: 'district',
        parentId: rootOrganisationId,
      })
    ).id;
  const committee = await org('Skärholmens stadsdelsnämnd');
  const otherCommittee = await org('Hägersten-Älvsjö stadsdelsnämnd');
  await admin.expect(201, 'POST', `/api/organisations/${committee}/areas`, { areaId: skarholmen.id });
  await admin.expect(201, 'POST', `/api/organisations/${otherCommittee}/areas`, { areaId: hagersten.id });

  const [prevention, security, manager, analyst] = await Promise.all([
    createPerson(admin, 'pia', 'Pia Förebyggare', 'crime_prevention_coordinator', committee),
    createPerson(admin, 'sune', 'Sune Säkerhet', 'security_coordinator', committee),
    createPerson(admin, 'mats', 'Mats Chef', 'manager', committee),
    createPerson(admin, 'ana', 'Ana Analytiker', 'city_analyst', rootOrganisationId),
  ]);

  const db = await openServerDb(server);
  try {
    const pathOf = (n: string, district: SeededArea) => [root.id, district.id, neighbourhoods[n]!.id];
    const seed = async (
      count: number,
      input: {
        typeCode: string;
        organisationId: string;
        path: string[];
        gender: 'woman' | 'man';
        at: string;
      },
    ) => {
      for (let i = 0; i < count; i++)
        await seedIncident(db, {
          organisationId: input.organisationId,
          typeCode: input.typeCode,
          areaId: input.path.at(-1)!,
          areaPath: input.path,
          affectedGender: input.gender,
          // Spread over the months of the year and the hours of the evening.
          occurredAt: new Date(
            `${input.at.slice(0, 4)}-${String((i % 12) + 1).padStart(2, '0')}-1${i % 9}T${String(14 + (i % 8)).padStart(2, '0')}:15:00Z`,
          ),
        });
    };
    const skPath = pathOf('SKÄRHOLMEN', skarholmen);
    await seed(EXPECTED.theftWomen, {
      typeCode: 'theft',
      organisationId: committee,
      path: skPath,
      gender: 'woman',
      at: '2025',
    });
    await seed(EXPECTED.theftMen, {
      typeCode: 'theft',
      organisationId: committee,
      path: skPath,
      gender: 'man',
      at: '2025',
    });
    await seed(EXPECTED.vandalismWomen, {
      typeCode: 'vandalism',
      organisationId: committee,
      path: pathOf('VÅRBERG', skarholmen),
      gender: 'woman',
      at: '2025',
    });
    await seed(EXPECTED.comparisonTheftMen, {
      typeCode: 'theft',
      organisationId: committee,
      path: pathOf('BREDÄNG', skarholmen),
      gender: 'man',
      at: '2024',
    });
    await seed(EXPECTED.otherTheftMen, {
      typeCode: 'theft',
      organisationId: otherCommittee,
      path: pathOf('LILJEHOLMEN', hagersten),
      gender: 'man',
      at: '2025',
    });

    await sql`INSERT INTO police_type_mappings (police_type, incident_type_id, focus_areas, counted) VALUES
      ('Stöld', (SELECT id FROM incident_types WHERE code = 'theft'), '{crime}', true)
      ON CONFLICT (police_type) DO NOTHING`.execute(db);
    const now = new Date();
    for (let i = 0; i < EXPECTED.policeTheft; i++) {
      const at = `2025-0${(i % 9) + 1}-05T19:00:00Z`;
      await sql`INSERT INTO police_events (id, occurred_at, feed_datetime, name, summary, police_type, location_name,
          municipality_name, municipality_id, area_id, area_path, place_level, place_rule, content_sha256,
          first_seen_at, updated_at)
        VALUES (${8_000_000 + i}, ${at}, ${at}, ${'Stöld, Skärholmen, Stockholm'}, 'Stöld i centrum', 'Stöld',
          'Stockholm', 'Stockholm', ${rootOrganisationId}, ${skPath.at(-1)!}, ${skPath}::uuid[], 'neighbourhood',
          'text_name', ${`e2e-${i}`}, ${now}, ${now})`.execute(db);
    }

    for (const n of NEIGHBOURHOODS)
      for (const gender of ['woman', 'man'])
        for (const band of ['0-17', '18-64'])
          await sql`INSERT INTO population (area_id, year, gender, age_band, count)
            VALUES (${neighbourhoods[n]!.id}, 2024, ${gender}, ${band}, ${EXPECTED.populationPerCell})`.execute(
            db,
          );

    await rebuildAllRollups(db);
    await rebuildPoliceCells(db, rootOrganisationId);
  } finally {
    await db.destroy();
  }

  return {
    admin,
    rootOrganisationId,
    rootAreaId: root.id,
    skarholmen,
    hagersten,
    neighbourhoods,
    committee,
    otherCommittee,
    prevention,
    security,
    manager,
    analyst,
  };
}
