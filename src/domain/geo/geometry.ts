/**
 * Plane geometry on rings in metres (SWEREF 99 TM: x = easting, y = northing). A ring is a flat
 * array `[x0, y0, x1, y1, …]` that ends where it starts (the closing position is stored, as in GeoJSON).
 */

export type FlatRing = Float64Array;

export interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** How far from a segment (in the ring's units, metres here) a point still counts as on it. */
export const ON_SEGMENT_TOLERANCE = 1e-6;

export const OUTSIDE = 0;
export const INSIDE = 1;
export const ON_BOUNDARY = 2;
export type RingSide = typeof OUTSIDE | typeof INSIDE | typeof ON_BOUNDARY;

export function ringBox(ring: FlatRing): Box {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < ring.length; i += 2) {
    const x = ring[i]!;
    const y = ring[i + 1]!;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return { minX, minY, maxX, maxY };
}

export function unionBox(boxes: Box[]): Box | null {
  if (boxes.length === 0) return null;
  return {
    minX: Math.min(...boxes.map((b) => b.minX)),
    minY: Math.min(...boxes.map((b) => b.minY)),
    maxX: Math.max(...boxes.map((b) => b.maxX)),
    maxY: Math.max(...boxes.map((b) => b.maxY)),
  };
}

/** Twice the signed area (positive counter-clockwise). */
export function ringArea2(ring: FlatRing): number {
  let sum = 0;
  for (let i = 0; i + 3 < ring.length; i += 2) {
    sum += ring[i]! * ring[i + 3]! - ring[i + 2]! * ring[i + 1]!;
  }
  return sum;
}

/**
 * Where a point lies relative to a ring: crossing number (a ray to +x), with points on an edge or a
 * vertex reported as ON_BOUNDARY. Works for either orientation.
 */
export function pointInRing(x: number, y: number, ring: FlatRing): RingSide {
  let inside = false;
  const last = ring.length - 2;
  for (let i = 0; i < last; i += 2) {
    const x1 = ring[i]!;
    const y1 = ring[i + 1]!;
    const x2 = ring[i + 2]!;
    const y2 = ring[i + 3]!;
    // On this edge? (Only edges whose box holds the point need the cross product.)
    if (
      x >= Math.min(x1, x2) - ON_SEGMENT_TOLERANCE &&
      x <= Math.max(x1, x2) + ON_SEGMENT_TOLERANCE &&
      y >= Math.min(y1, y2) - ON_SEGMENT_TOLERANCE &&
      y <= Math.max(y1, y2) + ON_SEGMENT_TOLERANCE
    ) {
      const dx = x2 - x1;
      const dy = y2 - y1;
      const cross = dx * (y - y1) - dy * (x - x1);
      const length = Math.hypot(dx, dy);
      if (Math.abs(cross) <= ON_SEGMENT_TOLERANCE * (length || 1)) return ON_BOUNDARY;
    }
    if (y1 > y !== y2 > y) {
      const xCross = x1 + ((y - y1) * (x2 - x1)) / (y2 - y1);
      if (x < xCross) inside = !inside;
    }
  }
  return inside ? INSIDE : OUTSIDE;
}

/**
 * A polygon (outer ring first, then holes) contains the point when the outer ring does (its boundary
 * included) and no hole does (a hole's boundary belongs to the hole). PostgreSQL's `polygon @> point`
 * counts boundaries the same way, so the in-memory and SQL lookups agree.
 */
export function polygonContains(x: number, y: number, rings: readonly FlatRing[]): boolean {
  const [outer, ...holes] = rings;
  if (!outer || pointInRing(x, y, outer) === OUTSIDE) return false;
  for (const hole of holes) if (pointInRing(x, y, hole) !== OUTSIDE) return false;
  return true;
}

function orientation(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const v = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

function onSegment(ax: number, ay: number, bx: number, by: number, px: number, py: number): boolean {
  return px >= Math.min(ax, bx) && px <= Math.max(ax, bx) && py >= Math.min(ay, by) && py <= Math.max(ay, by);
}

/** Whether segments AB and CD share at least one point (exact orientation tests, collinear overlaps included). */
export function segmentsIntersect(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
  dx: number,
  dy: number,
): boolean {
  const o1 = orientation(ax, ay, bx, by, cx, cy);
  const o2 = orientation(ax, ay, bx, by, dx, dy);
  const o3 = orientation(cx, cy, dx, dy, ax, ay);
  const o4 = orientation(cx, cy, dx, dy, bx, by);
  if (o1 !== o2 && o3 !== o4) return true;
  if (o1 === 0 && onSegment(ax, ay, bx, by, cx, cy)) return true;
  if (o2 === 0 && onSegment(ax, ay, bx, by, dx, dy)) return true;
  if (o3 === 0 && onSegment(cx, cy, dx, dy, ax, ay)) return true;
  if (o4 === 0 && onSegment(cx, cy, dx, dy, bx, by)) return true;
  return false;
}

/** The point where two crossing segments meet (their lines' intersection; AB's start when parallel). */
function crossingPoint(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
  dx: number,
  dy: number,
): [number, number] {
  const denominator = (bx - ax) * (dy - cy) - (by - ay) * (dx - cx);
  if (denominator === 0) {
    // Collinear overlap: report a shared end point.
    if (onSegment(ax, ay, bx, by, cx, cy)) return [cx, cy];
    if (onSegment(ax, ay, bx, by, dx, dy)) return [dx, dy];
    return [ax, ay];
  }
  const t = ((cx - ax) * (dy - cy) - (cy - ay) * (dx - cx)) / denominator;
  return [ax + t * (bx - ax), ay + t * (by - ay)];
}

/** Drops positions equal to the one before (zero-length edges), keeping the ring closed. */
export function withoutRepeatedPositions(ring: FlatRing): FlatRing {
  const out: number[] = [];
  for (let i = 0; i < ring.length; i += 2) {
    const x = ring[i]!;
    const y = ring[i + 1]!;
    if (out.length >= 2 && out[out.length - 2] === x && out[out.length - 1] === y) continue;
    out.push(x, y);
  }
  return Float64Array.from(out);
}

export interface SelfIntersection {
  /** Indices of the two edges (edge i runs from position i to position i + 1). */
  edges: [number, number];
  /** Where they meet, in the ring's units. */
  at: [number, number];
}

/**
 * The first place a closed ring touches or crosses itself: any two edges that are not neighbours
 * sharing a point, or neighbours that fold back over each other. Edges are swept in order of their
 * smallest x and compared only with edges whose x-range overlaps (bounding-box pruning), so a ring of
 * n edges costs O(n log n) plus the pairs whose boxes overlap. Expects no repeated positions.
 */
export function findSelfIntersection(ring: FlatRing): SelfIntersection | null {
  const edgeCount = ring.length / 2 - 1;
  if (edgeCount < 3) return null;
  const order = Array.from({ length: edgeCount }, (_, i) => i);
  const minX = (i: number) => Math.min(ring[2 * i]!, ring[2 * i + 2]!);
  const maxX = (i: number) => Math.max(ring[2 * i]!, ring[2 * i + 2]!);
  order.sort((a, b) => minX(a) - minX(b));
  const active: number[] = [];
  for (const i of order) {
    const left = minX(i);
    // Drop edges that end before this one starts.
    for (let k = active.length - 1; k >= 0; k--) if (maxX(active[k]!) < left) active.splice(k, 1);
    const ax = ring[2 * i]!;
    const ay = ring[2 * i + 1]!;
    const bx = ring[2 * i + 2]!;
    const by = ring[2 * i + 3]!;
    const iMinY = Math.min(ay, by);
    const iMaxY = Math.max(ay, by);
    for (const j of active) {
      const cx = ring[2 * j]!;
      const cy = ring[2 * j + 1]!;
      const dx = ring[2 * j + 2]!;
      const dy = ring[2 * j + 3]!;
      if (Math.max(cy, dy) < iMinY || Math.min(cy, dy) > iMaxY) continue;
      const lo = Math.min(i, j);
      const hi = Math.max(i, j);
      const neighbours = hi - lo === 1 || (lo === 0 && hi === edgeCount - 1);
      if (neighbours) {
        // Neighbours share one vertex; they are wrong only when they fold back over each other.
        const wraps = hi - lo !== 1;
        const shared = wraps ? 0 : hi;
        const sx = ring[2 * shared]!;
        const sy = ring[2 * shared + 1]!;
        // The far ends of the two edges, seen from the shared vertex.
        const p = wraps ? 1 : lo;
        const q = wraps ? edgeCount - 1 : hi + 1;
        const px = ring[2 * p]!;
        const py = ring[2 * p + 1]!;
        const qx = ring[2 * q]!;
        const qy = ring[2 * q + 1]!;
        if (orientation(sx, sy, px, py, qx, qy) === 0 && (px - sx) * (qx - sx) + (py - sy) * (qy - sy) > 0) {
          return { edges: [lo, hi], at: [sx, sy] };
        }
        continue;
      }
      if (segmentsIntersect(ax, ay, bx, by, cx, cy, dx, dy)) {
        return { edges: [lo, hi], at: crossingPoint(ax, ay, bx, by, cx, cy, dx, dy) };
      }
    }
    active.push(i);
  }
  return null;
}

/**
 * A point well inside a polygon, for its label: along a few horizontal lines across the polygon, the
 * middle of the widest stretch that lies inside it (holes respected). Falls back to the first vertex.
 */
export function labelPoint(rings: readonly FlatRing[]): [number, number] {
  const outer = rings[0];
  if (!outer || outer.length < 2) return [Number.NaN, Number.NaN];
  const box = ringBox(outer);
  let best: { width: number; x: number; y: number } = { width: -1, x: outer[0]!, y: outer[1]! };
  const lines = 9;
  for (let k = 1; k <= lines; k++) {
    // Avoid running exactly through vertices, which would double count crossings.
    const y = box.minY + ((box.maxY - box.minY) * (k - 0.5 + 1e-7)) / lines;
    const xs: number[] = [];
    for (const ring of rings) {
      for (let i = 0; i + 3 < ring.length; i += 2) {
        const y1 = ring[i + 1]!;
        const y2 = ring[i + 3]!;
        if (y1 > y !== y2 > y) {
          const x1 = ring[i]!;
          const x2 = ring[i + 2]!;
          xs.push(x1 + ((y - y1) * (x2 - x1)) / (y2 - y1));
        }
      }
    }
    xs.sort((a, b) => a - b);
    for (let i = 0; i + 1 < xs.length; i += 2) {
      const width = xs[i + 1]! - xs[i]!;
      // Prefer lines near the middle a little, so labels sit centrally.
      const weight = width * (1 - Math.abs(k - (lines + 1) / 2) / (lines * 2));
      if (weight > best.width) best = { width: weight, x: (xs[i]! + xs[i + 1]!) / 2, y };
    }
  }
  return [best.x, best.y];
}
