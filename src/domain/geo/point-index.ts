import { type Box, type FlatRing, polygonContains, ringBox } from './geometry.ts';

/** An area as the in-memory index knows it: its polygons (outer ring, then holes) in metres. */
export interface IndexedArea {
  id: string;
  name: string;
  /** 0 for the root (municipality), 1 for its children, … */
  depth: number;
  polygons: FlatRing[][];
}

interface Entry {
  area: IndexedArea;
  rings: FlatRing[];
  box: Box;
}

/**
 * Orders candidate areas for a point: the deepest first, then by name in code-point order (what
 * PostgreSQL's `COLLATE "C"` gives for UTF-8), then by id. A point on a border between two areas of the
 * same depth therefore always lands in the one whose name sorts first.
 */
export function compareCandidates(a: IndexedArea, b: IndexedArea): number {
  if (a.depth !== b.depth) return b.depth - a.depth;
  const byName = compareCodePoints(a.name, b.name);
  if (byName !== 0) return byName;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const ca = a.codePointAt(i)!;
    const cb = b.codePointAt(i)!;
    if (ca !== cb) return ca - cb;
    if (ca > 0xffff) i++;
  }
  return a.length - b.length;
}

export interface PointIndex {
  /** The deepest area containing the point (x = easting, y = northing), or null. */
  locate(x: number, y: number): IndexedArea | null;
  /** Every area containing the point, best first. */
  locateAll(x: number, y: number): IndexedArea[];
  readonly areaCount: number;
  readonly ringCount: number;
}

/**
 * A uniform grid over the areas' extent: each cell lists the polygons whose bounding box touches it,
 * so a lookup tests only a few polygons, each first by its box, then exactly (holes respected).
 */
export function createPointIndex(
  areas: readonly IndexedArea[],
  opts: { cellsPerSide?: number } = {},
): PointIndex {
  const entries: Entry[] = [];
  let ringCount = 0;
  for (const area of areas) {
    for (const rings of area.polygons) {
      if (rings.length === 0 || !rings[0] || rings[0].length < 8) continue;
      entries.push({ area, rings, box: ringBox(rings[0]) });
      ringCount += rings.length;
    }
  }
  const extent = entries.reduce<Box | null>(
    (acc, e) =>
      acc
        ? {
            minX: Math.min(acc.minX, e.box.minX),
            minY: Math.min(acc.minY, e.box.minY),
            maxX: Math.max(acc.maxX, e.box.maxX),
            maxY: Math.max(acc.maxY, e.box.maxY),
          }
        : { ...e.box },
    null,
  );
  const side = opts.cellsPerSide ?? Math.max(1, Math.min(256, Math.ceil(Math.sqrt(entries.length) * 4)));
  const cells: Entry[][] = Array.from({ length: side * side }, () => []);
  const width = extent ? Math.max(extent.maxX - extent.minX, 1e-9) : 1;
  const height = extent ? Math.max(extent.maxY - extent.minY, 1e-9) : 1;
  const column = (x: number) =>
    Math.min(side - 1, Math.max(0, Math.floor(((x - extent!.minX) / width) * side)));
  const row = (y: number) =>
    Math.min(side - 1, Math.max(0, Math.floor(((y - extent!.minY) / height) * side)));
  if (extent) {
    for (const entry of entries) {
      for (let r = row(entry.box.minY); r <= row(entry.box.maxY); r++) {
        for (let c = column(entry.box.minX); c <= column(entry.box.maxX); c++)
          cells[r * side + c]!.push(entry);
      }
    }
  }

  function locateAll(x: number, y: number): IndexedArea[] {
    if (!extent || x < extent.minX || x > extent.maxX || y < extent.minY || y > extent.maxY) return [];
    const found: IndexedArea[] = [];
    for (const entry of cells[row(y) * side + column(x)]!) {
      const b = entry.box;
      if (x < b.minX || x > b.maxX || y < b.minY || y > b.maxY) continue;
      if (found.includes(entry.area)) continue;
      if (polygonContains(x, y, entry.rings)) found.push(entry.area);
    }
    return found.sort(compareCandidates);
  }

  return {
    locateAll,
    locate(x, y) {
      const all = locateAll(x, y);
      return all[0] ?? null;
    },
    areaCount: areas.length,
    ringCount,
  };
}
