import { fromSweref99tm, toSweref99tm } from '../../../domain/geo/sweref99tm.ts';

/** mulberry32: a small, fast PRNG; the same seed gives the same sequence on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Cell {
  name: string;
  district: string;
  /** Centre in SWEREF 99 TM metres. */
  east: number;
  north: number;
  /** Circumradius of the hexagon, metres. */
  radius: number;
  /** Outer ring as [lon, lat], closed, counter-clockwise. */
  ring: [number, number][];
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * A hexagon around every centre point with a radius of 40 % of the distance to the nearest other
 * centre: two neighbouring cells together reach at most 80 % of the way, so no two cells overlap.
 */
export function hexagonCells(
  places: readonly (readonly [name: string, district: string, lat: number, lon: number])[],
): Cell[] {
  const projected = places.map(([name, district, lat, lon]) => ({
    name,
    district,
    ...toSweref99tm(lat, lon),
  }));
  return projected.map((p, i) => {
    let nearest = Number.POSITIVE_INFINITY;
    for (let j = 0; j < projected.length; j++) {
      if (j === i) continue;
      const q = projected[j]!;
      nearest = Math.min(nearest, Math.hypot(q.east - p.east, q.north - p.north));
    }
    const radius = 0.4 * nearest;
    const ring: [number, number][] = [];
    for (let k = 0; k < 6; k++) {
      const angle = (Math.PI / 3) * k;
      const { lat, lon } = fromSweref99tm(
        p.north + radius * Math.sin(angle),
        p.east + radius * Math.cos(angle),
      );
      ring.push([round6(lon), round6(lat)]);
    }
    ring.push(ring[0]!);
    return { name: p.name, district: p.district, east: p.east, north: p.north, radius, ring };
  });
}

/** A point well inside a cell (within half its inradius), as WGS84 rounded to ~10 cm. */
export function pointInCell(cell: Cell, random: () => number): { lat: number; lon: number } {
  const r = 0.5 * cell.radius * Math.cos(Math.PI / 6) * Math.sqrt(random());
  const angle = 2 * Math.PI * random();
  const { lat, lon } = fromSweref99tm(cell.north + r * Math.sin(angle), cell.east + r * Math.cos(angle));
  return { lat: round6(lat), lon: round6(lon) };
}

/** The cells as a GeoJSON FeatureCollection (WGS84), named by the `name` property. */
export function cellsGeoJson(cells: readonly Cell[]): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    features: cells.map((c) => ({
      type: 'Feature',
      properties: { name: c.name },
      geometry: { type: 'Polygon', coordinates: [c.ring] },
    })),
  });
}
