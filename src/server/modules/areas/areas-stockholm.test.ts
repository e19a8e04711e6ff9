import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditMark, auditSince } from '../../../../tests/support/audit.ts';
import { useTestApp } from '../../../../tests/support/test-app.ts';
import { polygonContains, ringArea2 } from '../../../domain/geo/geometry.ts';
import { toSweref99tm } from '../../../domain/geo/sweref99tm.ts';
import { SYSTEM } from '../../platform/actor.ts';
import { createAreaLocator, pointToArea } from './areas.usecases.ts';
import { commitAreaImport } from './import/import.usecases.ts';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
const DATA = path.resolve(REPO, '../shared/data/stockholm');

function readData(file: string): string {
  const full = path.join(DATA, file);
  if (!fs.existsSync(full))
    throw new Error(`The Stockholm test data is missing: ${full} (shared/data/stockholm)`);
  return fs.readFileSync(full, 'utf8');
}

const geojson = readData('stadsdelar.geo.json');
const csv = readData('stadsdelar.csv');
const input = {
  fileName: 'stadsdelar.geo.json',
  geojson,
  level: 'neighbourhood',
  nameProperty: 'name',
  parentCsv: csv,
  parentFileName: 'stadsdelar.csv',
  parentLevel: 'district_area',
};

interface Feature {
  properties: { name: string };
  geometry: { type: 'Polygon'; coordinates: number[][][] };
}
const features = (JSON.parse(geojson) as { features: Feature[] }).features;

/** A feature's rings in metres, for our own point-in-polygon check. */
function projectedRings(name: string): Float64Array[] {
  const feature = features.find((f) => f.properties.name === name)!;
  return feature.geometry.coordinates.map((ring) =>
    Float64Array.from(
      ring.flatMap(([lon, lat]) => {
        const p = toSweref99tm(lat!, lon!);
        return [p.east, p.north];
      }),
    ),
  );
}

/** The area-weighted centroid of a feature's outer ring, in degrees, checked to lie inside it. */
function insidePoint(name: string): { lat: number; lon: number } {
  const outer = features.find((f) => f.properties.name === name)!.geometry.coordinates[0]!;
  const flat = Float64Array.from(outer.flat());
  const a2 = ringArea2(flat);
  let cx = 0;
  let cy = 0;
  for (let i = 0; i + 1 < outer.length; i++) {
    const [x1, y1] = outer[i]!;
    const [x2, y2] = outer[i + 1]!;
    const cross = x1! * y2! - x2! * y1!;
    cx += (x1! + x2!) * cross;
    cy += (y1! + y2!) * cross;
  }
  const point = { lon: cx / (3 * a2), lat: cy / (3 * a2) };
  const p = toSweref99tm(point.lat, point.lon);
  expect(
    polygonContains(p.east, p.north, projectedRings(name)),
    `the centroid of ${name} lies inside it`,
  ).toBe(true);
  return point;
}

const t = useTestApp();

describe("Stockholm's 117 neighbourhoods and 13 district areas", () => {
  beforeAll(async () => {
    await commitAreaImport({ deps: t.current.deps, caller: SYSTEM, input });
  }, 60_000);

  it('imports every neighbourhood under its district area, under the municipality', async () => {
    const db = t.current.database.db;
    const count = async (level: string) => {
      const row = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM areas WHERE level = ${level}`.execute(db);
      return row.rows[0]!.n;
    };
    expect(await count('neighbourhood')).toBe(117);
    expect(await count('district_area')).toBe(13);
    expect(await count('municipality')).toBe(1);
    const root = await sql<{ name: string }>`SELECT name FROM areas WHERE parent_id IS NULL`.execute(db);
    expect(root.rows).toEqual([{ name: 'Stockholms stad' }]);
    const rings = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM area_rings r JOIN areas a ON a.id = r.area_id
      WHERE a.level = 'neighbourhood'`.execute(db);
    expect(rings.rows[0]!.n).toBe(117);
    // A district area's rings are its children's.
    const derived = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM area_rings r JOIN areas a ON a.id = r.area_id
      WHERE a.level = 'district_area'`.execute(db);
    expect(derived.rows[0]!.n).toBe(117);
  });

  const places = [
    {
      place: 'a point in Rinkeby',
      at: () => insidePoint('RINKEBY'),
      area: 'RINKEBY',
      district: 'Rinkeby-Kista',
    },
    {
      place: 'a point in Gamla stan',
      at: () => insidePoint('GAMLA STAN'),
      area: 'GAMLA STAN',
      district: 'Södermalm',
    },
    {
      place: 'a point in Bagarmossen',
      at: () => insidePoint('BAGARMOSSEN'),
      area: 'BAGARMOSSEN',
      district: 'Skarpnäck',
    },
    {
      place: 'a point in Vårberg',
      at: () => insidePoint('VÅRBERG'),
      area: 'VÅRBERG',
      district: 'Skärholmen',
    },
  ];

  it.each(places)('places $place in $area → $district → Stockholms stad', async ({ at, area, district }) => {
    const { lat, lon } = at();
    const found = await pointToArea({ deps: t.current.deps, lat, lon });
    expect(found.area?.name).toBe(area);
    expect(found.area?.level).toBe('neighbourhood');
    expect(found.ancestors.map((a) => [a.level, a.name])).toEqual([
      ['municipality', 'Stockholms stad'],
      ['district_area', district],
    ]);
    const locator = await createAreaLocator({ deps: t.current.deps });
    const inMemory = locator.locate(lat, lon);
    expect(inMemory?.area.name).toBe(area);
    expect(inMemory?.ancestors.map((a) => a.name)).toEqual(['Stockholms stad', district]);
  });

  it('finds no area for points in the sea or outside the city', async () => {
    const outside = [
      { lat: 59.3, lon: 18.35 }, // the archipelago, east of the city
      { lat: 59.6, lon: 17.9 }, // north of the city
      { lat: 59.3667, lon: 18.0 }, // Solna, its own municipality inside Stockholm's bounding box
    ];
    const locator = await createAreaLocator({ deps: t.current.deps });
    for (const { lat, lon } of outside) {
      const p = toSweref99tm(lat, lon);
      for (const f of features) {
        expect(polygonContains(p.east, p.north, projectedRings(f.properties.name))).toBe(false);
      }
      const found = await pointToArea({ deps: t.current.deps, lat, lon });
      expect(found).toEqual({ sweref99tm: expect.any(Object), area: null, ancestors: [] });
      expect(locator.locate(lat, lon)).toBeNull();
    }
  });

  it('puts a point on a shared border in exactly one area: the one whose name sorts first', async () => {
    const locator = await createAreaLocator({ deps: t.current.deps });
    const borders = [
      // A corner of both KISTA and RINKEBY → KISTA; one of KISTA, RINKEBY and BROMSTEN → BROMSTEN.
      { lon: 17.93554242869976, lat: 59.383409404838915, sharedBy: ['KISTA', 'RINKEBY'], area: 'KISTA' },
      {
        lon: 17.93450093887991,
        lat: 59.382202904198415,
        sharedBy: ['BROMSTEN', 'KISTA', 'RINKEBY'],
        area: 'BROMSTEN',
      },
    ];
    for (const b of borders) {
      const owners = features
        .filter((f) => f.geometry.coordinates.some((r) => r.some(([x, y]) => x === b.lon && y === b.lat)))
        .map((f) => f.properties.name)
        .sort();
      expect(owners).toEqual(b.sharedBy);
      for (let i = 0; i < 3; i++) {
        const found = await pointToArea({ deps: t.current.deps, lat: b.lat, lon: b.lon });
        expect(found.area?.name).toBe(b.area);
      }
      expect(locator.locate(b.lat, b.lon)?.area.name).toBe(b.area);
      const all = locator.index.locateAll(toSweref99tm(b.lat, b.lon).east, toSweref99tm(b.lat, b.lon).north);
      expect(all.filter((a) => a.depth === 2).map((a) => a.name)).toEqual(b.sharedBy);
    }
  });

  it('gives the same answer in memory as through SQL for random points over the city', async () => {
    const locator = await createAreaLocator({ deps: t.current.deps });
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    let inside = 0;
    for (let i = 0; i < 300; i++) {
      const lat = 59.2272 + random() * (59.4403 - 59.2272);
      const lon = 17.7606 + random() * (18.2001 - 17.7606);
      const sqlAnswer = await pointToArea({ deps: t.current.deps, lat, lon });
      const memory = locator.locate(lat, lon);
      expect(memory?.area.id ?? null).toBe(sqlAnswer.area?.id ?? null);
      if (sqlAnswer.area) inside++;
    }
    expect(inside).toBeGreaterThan(50);
  });

  it('uses the GiST index on the rings to find candidates', async () => {
    const db = t.current.database.db;
    const { east, north } = toSweref99tm(59.39, 17.93);
    const plan = await db.connection().execute(async (conn) => {
      await sql`SET enable_seqscan = off`.execute(conn);
      const result = await sql<{ 'QUERY PLAN': string }>`EXPLAIN SELECT area_id FROM area_rings
        WHERE ring @> polygon(box(point(${east}, ${north}), point(${east}, ${north})))`.execute(conn);
      await sql`RESET enable_seqscan`.execute(conn);
      return result.rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('area_rings_ring_idx');
  });

  it('is idempotent: importing the same files again changes nothing but records and audits the import', async () => {
    const db = t.current.database.db;
    const snapshot = async () =>
      (
        await sql<{ id: string; name: string; parent_id: string | null; updated_at: Date }>`
          SELECT id, name, parent_id, updated_at FROM areas ORDER BY id`.execute(db)
      ).rows;
    const before = await snapshot();
    const rings = async () =>
      (await sql<{ n: number }>`SELECT count(*)::int AS n FROM area_rings`.execute(db)).rows[0]!.n;
    const ringsBefore = await rings();
    const mark = await auditMark(db);
    const again = await commitAreaImport({ deps: t.current.deps, caller: SYSTEM, input });
    expect(again.import.counts).toEqual({
      features: 117,
      created: 0,
      updated: 0,
      unchanged: 117,
      parentsCreated: 0,
    });
    const after = await snapshot();
    expect(after.map((a) => [a.id, a.name, a.parent_id])).toEqual(
      before.map((a) => [a.id, a.name, a.parent_id]),
    );
    expect(await rings()).toBe(ringsBefore);
    expect(await auditSince(db, mark)).toEqual([
      expect.objectContaining({
        action: 'areas.imported',
        target_type: 'area_import',
        target_id: again.import.id,
      }),
    ]);
    const imports = await sql<{ n: number }>`SELECT count(*)::int AS n FROM area_imports`.execute(db);
    expect(imports.rows[0]!.n).toBe(2);
  });
});
