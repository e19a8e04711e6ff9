import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditMark, auditSince } from '../../../../tests/support/audit.ts';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  type Client,
  createUser,
  signIn,
  useTestApp,
} from '../../../../tests/support/test-app.ts';
import type { AreaImportPreview, AreaListResponse } from '../../../domain/api/areas.ts';

const t = useTestApp();
let admin: Client;
let employee: Client;

// Small squares around Stockholm: 0.01° ≈ 1.1 km north, 0.56 km east.
const square = (lon: number, lat: number, size = 0.01) => [
  [lon, lat],
  [lon + size, lat],
  [lon + size, lat + size],
  [lon, lat + size],
  [lon, lat],
];
const feature = (name: unknown, geometry: unknown, property = 'namn') => ({
  type: 'Feature',
  properties: { [property]: name },
  geometry,
});
const polygon = (...rings: number[][][]) => ({ type: 'Polygon', coordinates: rings });
const collection = (...features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });

const GOOD = collection(
  feature('Norra', polygon(square(18.0, 59.3))),
  feature('Södra', polygon(square(18.0, 59.29))),
  feature('Östra', { type: 'MultiPolygon', coordinates: [[square(18.01, 59.3)], [square(18.03, 59.3)]] }),
);
const PARENTS = 'område,distrikt\nNorra,Centrum\nSödra,Centrum\nÖstra,Ytterstaden\n';
const request = (geojson: string, extra: Record<string, unknown> = {}) => ({
  fileName: 'test.geojson',
  geojson,
  level: 'neighbourhood',
  nameProperty: 'namn',
  ...extra,
});

async function preview(body: unknown): Promise<AreaImportPreview> {
  const res = await admin.request('POST', '/api/areas/imports/preview', body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function areaCount(): Promise<number> {
  const row = await sql<{ n: number }>`SELECT count(*)::int AS n FROM areas`.execute(t.current.database.db);
  return row.rows[0]!.n;
}

beforeAll(async () => {
  admin = await signIn(t.current, ADMIN_EMAIL, ADMIN_PASSWORD);
  const user = await createUser(t.current, 'employee', t.current.rootId);
  employee = await signIn(t.current, user.email);
});

describe('rejecting an invalid file', () => {
  const cases: [string, string, Record<string, unknown>, { code: string; feature: number | null }[]][] = [
    [
      'an unclosed ring',
      collection(feature('A', polygon(square(18, 59.3).slice(0, 4)))),
      {},
      [{ code: 'unclosed_ring', feature: 1 }],
    ],
    [
      'a self-intersecting ring (a bow tie)',
      collection(
        feature('A', polygon(square(18, 59.3))),
        feature(
          'B',
          polygon([
            [18, 59.4],
            [18.01, 59.41],
            [18.01, 59.4],
            [18, 59.41],
            [18, 59.4],
          ]),
        ),
      ),
      {},
      [{ code: 'self_intersection', feature: 2 }],
    ],
    [
      'coordinates outside WGS84',
      collection(
        feature(
          'A',
          polygon([
            [18, 59],
            [181, 59],
            [181, 91],
            [18, 59],
          ]),
        ),
      ),
      {},
      [{ code: 'coordinate_out_of_range', feature: 1 }],
    ],
    [
      'a duplicate name (whatever the case)',
      collection(feature('Norra', polygon(square(18, 59.3))), feature('NORRA', polygon(square(18, 59.4)))),
      {},
      [{ code: 'duplicate_name', feature: 2 }],
    ],
    [
      'a missing name property',
      collection(feature('A', polygon(square(18, 59.3))), feature(null, polygon(square(18, 59.4)))),
      {},
      [{ code: 'missing_name', feature: 2 }],
    ],
    [
      'an unknown parent',
      GOOD,
      { parentCsv: 'område,distrikt\nNorra,Centrum\nSödra,Centrum\n', parentFileName: 'p.csv' },
      [{ code: 'unknown_parent', feature: 3 }],
    ],
    [
      'a wrong geometry type',
      collection(feature('A', { type: 'Point', coordinates: [18, 59.3] }), feature('B', null)),
      {},
      [
        { code: 'wrong_geometry_type', feature: 1 },
        { code: 'missing_geometry', feature: 2 },
      ],
    ],
    [
      'a file that is not JSON',
      '{"type": "FeatureCollection", ',
      {},
      [{ code: 'invalid_json', feature: null }],
    ],
    [
      'JSON that is no FeatureCollection',
      '{"type": "Feature"}',
      {},
      [{ code: 'not_feature_collection', feature: null }],
    ],
    [
      'another coordinate system',
      JSON.stringify({
        type: 'FeatureCollection',
        crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3006' } },
        features: [feature('A', polygon(square(18, 59.3)))],
      }),
      {},
      [{ code: 'unsupported_crs', feature: null }],
    ],
  ];

  it.each(cases)('reports %s per feature and writes nothing', async (_, geojson, extra, expected) => {
    const before = await areaCount();
    const mark = await auditMark(t.current.database.db);
    const result = await preview(request(geojson, extra));
    expect(result.valid).toBe(false);
    expect(
      result.issues.filter((i) => i.severity === 'error').map((i) => ({ code: i.code, feature: i.feature })),
    ).toEqual(expected);
    const commit = await admin.request('POST', '/api/areas/imports', {
      ...request(geojson, extra),
      previewToken: result.token,
    });
    expect(commit.statusCode, commit.body).toBe(400);
    expect(commit.json().error.code).toBe('areas.import_invalid');
    expect(commit.json().error.details.issues.map((i: { code: string }) => i.code)).toEqual(
      result.issues.map((i) => i.code),
    );
    expect(await areaCount()).toBe(before);
    expect(await auditSince(t.current.database.db, mark)).toEqual([]);
  });

  it('reports every problem of a file at once, the valid features too', async () => {
    const result = await preview(
      request(
        collection(
          feature('Bra', polygon(square(18, 59.3))),
          feature('Öppen', polygon(square(18, 59.31).slice(0, 4))),
          feature('Bra', polygon(square(18, 59.32))),
        ),
      ),
    );
    expect(result.counts).toMatchObject({ features: 3, invalid: 2, create: 1, errors: 2 });
    expect(result.features.map((f) => [f.name, f.status])).toEqual([
      ['Bra', 'create'],
      ['Öppen', 'invalid'],
      ['Bra', 'invalid'],
    ]);
  });

  it('refuses invalid options with 400 and the field paths', async () => {
    const res = await admin.request(
      'POST',
      '/api/areas/imports/preview',
      request(GOOD, { level: 'municipality' }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([expect.objectContaining({ path: 'body.level' })]);
  });
});

describe('importing through the API', () => {
  let imported: AreaListResponse;

  it('previews, then imports exactly what was previewed, and audits it', async () => {
    const body = request(GOOD, {
      parentCsv: PARENTS,
      parentFileName: 'distrikt.csv',
      parentLevel: 'district',
    });
    const first = await preview(body);
    expect(first).toMatchObject({
      valid: true,
      municipality: { name: 'Stockholms stad', create: true },
      counts: { features: 3, create: 3, update: 0, unchanged: 0, parents: 2, parentsCreate: 2, errors: 0 },
      parents: [
        { name: 'Centrum', status: 'create', children: 2 },
        { name: 'Ytterstaden', status: 'create', children: 1 },
      ],
    });
    expect(await areaCount()).toBe(0);

    // The file changed after the preview: refused.
    const changed = await admin.request('POST', '/api/areas/imports', {
      ...body,
      nameProperty: 'name',
      previewToken: first.token,
    });
    expect(changed.statusCode).toBe(409);
    expect(changed.json().error.code).toBe('areas.import_changed');

    const mark = await auditMark(t.current.database.db);
    const res = await admin.request(
      'POST',
      '/api/areas/imports',
      { ...body, previewToken: first.token },
      {
        'x-request-id': 'req-areas-import-1',
      },
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      fileName: 'test.geojson',
      parentFileName: 'distrikt.csv',
      importedBy: { name: 'Administratör' },
      counts: { features: 3, created: 3, updated: 0, unchanged: 0, parentsCreated: 2 },
    });
    expect(await auditSince(t.current.database.db, mark)).toEqual([
      expect.objectContaining({
        action: 'areas.imported',
        target_id: res.json().id,
        organisation_id: t.current.rootId,
        request_id: 'req-areas-import-1',
      }),
    ]);

    imported = (await employee.request('GET', '/api/areas')).json();
    expect(imported.levels).toEqual(['municipality', 'district', 'neighbourhood']);
    expect(imported.items.map((a) => [a.depth, a.level, a.name])).toEqual([
      [0, 'municipality', 'Stockholms stad'],
      [1, 'district', 'Centrum'],
      [1, 'district', 'Ytterstaden'],
      [2, 'neighbourhood', 'Norra'],
      [2, 'neighbourhood', 'Södra'],
      [2, 'neighbourhood', 'Östra'],
    ]);
    expect(imported.items.every((a) => a.can.update === false)).toBe(true);

    const imports = (await admin.request('GET', '/api/areas/imports')).json().items;
    expect(imports[0]).toMatchObject({ id: res.json().id, level: 'neighbourhood', parentLevel: 'district' });
  });

  it('matches a re-import by name under the same parent, replacing only changed geometry', async () => {
    const moved = collection(
      feature('Norra', polygon(square(18.0, 59.3))),
      feature('södra', polygon(square(18.0, 59.28))),
      feature('Östra', { type: 'MultiPolygon', coordinates: [[square(18.01, 59.3)], [square(18.03, 59.3)]] }),
    );
    const body = request(moved, {
      parentCsv: PARENTS,
      parentFileName: 'distrikt.csv',
      parentLevel: 'district',
    });
    const p = await preview(body);
    expect(p.counts).toMatchObject({ create: 0, update: 1, unchanged: 2, parentsCreate: 0 });
    const res = await admin.request('POST', '/api/areas/imports', { ...body, previewToken: p.token });
    expect(res.statusCode, res.body).toBe(201);
    expect(await areaCount()).toBe(6);
    const sodra = (await employee.request('GET', '/api/areas/locate?lat=59.285&lon=18.005')).json();
    expect(sodra.area.name).toBe('Södra');
  });

  it('shows one area with its ancestors and children', async () => {
    const centrum = imported.items.find((a) => a.name === 'Centrum')!;
    const res = await employee.request('GET', `/api/areas/${centrum.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name: 'Centrum',
      geometryDerived: true,
      hasGeometry: true,
      ancestors: [{ name: 'Stockholms stad', level: 'municipality', depth: 0 }],
      children: [{ name: 'Norra' }, { name: 'Södra' }],
    });
    const missing = await employee.request('GET', `/api/areas/${crypto.randomUUID()}`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('areas.not_found');
  });

  it('serves the geometry as GeoJSON, by level, with label points inside', async () => {
    const all = (await employee.request('GET', '/api/areas/geojson')).json();
    expect(all.type).toBe('FeatureCollection');
    expect(all.features).toHaveLength(5);
    const neighbourhoods = (await employee.request('GET', '/api/areas/geojson?level=neighbourhood')).json();
    expect(neighbourhoods.features.map((f: { properties: { name: string } }) => f.properties.name)).toEqual([
      'Norra',
      'Södra',
      'Östra',
    ]);
    const norra = neighbourhoods.features[0];
    const [lon, lat] = norra.properties.labelPoint;
    expect(lon).toBeGreaterThan(18.0);
    expect(lon).toBeLessThan(18.01);
    expect(lat).toBeGreaterThan(59.3);
    expect(lat).toBeLessThan(59.31);
    expect(neighbourhoods.bbox[0]).toBeCloseTo(18.0);
  });

  it('locates points, in force on the given day', async () => {
    const found = (await employee.request('GET', '/api/areas/locate?lat=59.305&lon=18.035')).json();
    expect(found.area).toMatchObject({ name: 'Östra', level: 'neighbourhood', depth: 2 });
    expect(found.ancestors.map((a: { name: string }) => a.name)).toEqual(['Stockholms stad', 'Ytterstaden']);
    const none = (await employee.request('GET', '/api/areas/locate?lat=59.305&lon=18.025')).json();
    expect(none).toMatchObject({ area: null, ancestors: [] });
    const bad = await employee.request('GET', '/api/areas/locate?lat=91&lon=18');
    expect(bad.statusCode).toBe(400);
  });

  it('renames an area and changes its validity, audited; an ended area is no longer found', async () => {
    const ostra = imported.items.find((a) => a.name === 'Östra')!;
    const mark = await auditMark(t.current.database.db);
    const res = await admin.request('PATCH', `/api/areas/${ostra.id}`, {
      name: 'Östermalmen',
      validTo: '2020-12-31',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Östermalmen', validTo: '2020-12-31', can: { update: true } });
    expect(await auditSince(t.current.database.db, mark)).toEqual([
      expect.objectContaining({ action: 'area.updated', target_id: ostra.id, fields: ['name', 'valid_to'] }),
    ]);
    const now = (await employee.request('GET', '/api/areas/locate?lat=59.305&lon=18.035')).json();
    // The neighbourhood has ended; its district area (its children's geometry) still holds the point.
    expect(now.area).toMatchObject({ name: 'Ytterstaden', level: 'district' });
    const then = (
      await employee.request('GET', '/api/areas/locate?lat=59.305&lon=18.035&date=2020-06-01')
    ).json();
    expect(then.area.name).toBe('Östermalmen');

    const norra = imported.items.find((a) => a.name === 'Norra')!;
    const clash = await admin.request('PATCH', `/api/areas/${norra.id}`, { name: 'SÖDRA' });
    expect(clash.statusCode).toBe(409);
    const backwards = await admin.request('PATCH', `/api/areas/${norra.id}`, {
      validFrom: '2021-01-01',
      validTo: '2020-01-01',
    });
    expect(backwards.statusCode).toBe(400);
    const root = imported.items.find((a) => a.level === 'municipality')!;
    expect((await admin.request('PATCH', `/api/areas/${root.id}`, { name: 'Annan stad' })).statusCode).toBe(
      409,
    );
  });

  it('gives the map settings to every signed-in user', async () => {
    const res = await employee.request('GET', '/api/areas/map-config');
    expect(res.json()).toEqual({ tileUrl: null });
  });
});
