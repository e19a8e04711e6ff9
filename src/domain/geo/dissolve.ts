import { type FlatRing, pointInRing, ringArea2 } from './geometry.ts';

type Position = number[];
type PolygonCoordinates = Position[][];

const key = (p: Position) => `${p[0]},${p[1]}`;

function flat(ring: Position[]): FlatRing {
  return Float64Array.from(ring.flatMap((p) => [p[0]!, p[1]!]));
}

/** The ring turned to the wanted orientation (counter-clockwise for outer rings). */
function oriented(ring: Position[], counterClockwise: boolean): Position[] {
  const ccw = ringArea2(flat(ring)) > 0;
  return ccw === counterClockwise ? ring : [...ring].reverse();
}

/**
 * The outline of polygons that share their borders exactly (neighbouring areas cut from one map):
 * every edge two polygons share (once in each direction, with outer rings counter-clockwise and
 * holes clockwise) is dropped and the rest is chained into rings. Where neighbours' borders differ
 * slightly, the gaps and overlaps between them stay as small rings. Returns null when the edges do
 * not close into rings. For drawing only: containment uses the polygons themselves.
 */
export function dissolvePolygons(polygons: readonly PolygonCoordinates[]): PolygonCoordinates[] | null {
  const edges = new Map<string, { from: Position; to: Position; count: number }>();
  for (const polygon of polygons) {
    polygon.forEach((ring, r) => {
      const o = oriented(ring, r === 0);
      for (let i = 0; i + 1 < o.length; i++) {
        const from = o[i]!;
        const to = o[i + 1]!;
        if (from[0] === to[0] && from[1] === to[1]) continue;
        const reverse = `${key(to)}>${key(from)}`;
        const back = edges.get(reverse);
        if (back) {
          back.count--;
          if (back.count === 0) edges.delete(reverse);
          continue;
        }
        const k = `${key(from)}>${key(to)}`;
        const existing = edges.get(k);
        if (existing) existing.count++;
        else edges.set(k, { from, to, count: 1 });
      }
    });
  }
  // Chain what is left into closed rings.
  const outgoing = new Map<string, { from: Position; to: Position }[]>();
  for (const e of edges.values()) {
    for (let i = 0; i < e.count; i++) {
      const list = outgoing.get(key(e.from)) ?? [];
      list.push({ from: e.from, to: e.to });
      outgoing.set(key(e.from), list);
    }
  }
  const rings: Position[][] = [];
  for (const [start, list] of outgoing) {
    while (list.length > 0) {
      const first = list.pop()!;
      const ring: Position[] = [first.from, first.to];
      let at = key(first.to);
      while (at !== start) {
        const next = outgoing.get(at)?.pop();
        if (!next) return null;
        ring.push(next.to);
        at = key(next.to);
      }
      if (ring.length >= 4) rings.push(ring);
    }
  }
  const outers = rings.filter((r) => ringArea2(flat(r)) > 0);
  const holes = rings.filter((r) => ringArea2(flat(r)) < 0);
  if (outers.length === 0) return null;
  const result: PolygonCoordinates[] = outers
    .sort((a, b) => ringArea2(flat(a)) - ringArea2(flat(b)))
    .map((outer) => [outer]);
  // Each hole goes in the smallest outer ring holding it.
  for (const hole of holes) {
    const [x, y] = hole[0]!;
    const home = result.find((p) => pointInRing(x!, y!, flat(p[0]!)) !== 0);
    if (!home) return null;
    home.push(hole);
  }
  return result.reverse();
}
