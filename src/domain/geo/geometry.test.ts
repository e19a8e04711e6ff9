import { describe, expect, it } from 'vitest';
import { dissolvePolygons } from './dissolve.ts';
import {
  findSelfIntersection,
  INSIDE,
  labelPoint,
  ON_BOUNDARY,
  OUTSIDE,
  pointInRing,
  polygonContains,
  ringArea2,
  segmentsIntersect,
  withoutRepeatedPositions,
} from './geometry.ts';
import { compareCodePoints, createPointIndex, type IndexedArea } from './point-index.ts';

const ring = (...xy: number[]) => Float64Array.from(xy);
/** A closed square from (x, y) with side s. */
const square = (x: number, y: number, s: number) => ring(x, y, x + s, y, x + s, y + s, x, y + s, x, y);

describe('point in ring', () => {
  const r = square(0, 0, 10);
  it('tells inside, outside and on the boundary apart', () => {
    expect(pointInRing(5, 5, r)).toBe(INSIDE);
    expect(pointInRing(11, 5, r)).toBe(OUTSIDE);
    expect(pointInRing(-0.001, 5, r)).toBe(OUTSIDE);
    expect(pointInRing(10, 5, r)).toBe(ON_BOUNDARY);
    expect(pointInRing(0, 0, r)).toBe(ON_BOUNDARY);
    expect(pointInRing(5, 10, r)).toBe(ON_BOUNDARY);
  });

  it('handles a concave ring and a ray through a vertex', () => {
    // A "U": the notch (4..6 × 3..10) is outside.
    const u = ring(0, 0, 10, 0, 10, 10, 6, 10, 6, 3, 4, 3, 4, 10, 0, 10, 0, 0);
    expect(pointInRing(5, 5, u)).toBe(OUTSIDE);
    expect(pointInRing(2, 5, u)).toBe(INSIDE);
    expect(pointInRing(8, 9, u)).toBe(INSIDE);
    // The ray from (2, 3) passes through the vertices (4, 3) and (6, 3).
    expect(pointInRing(2, 3, u)).toBe(INSIDE);
    expect(pointInRing(-1, 10, u)).toBe(OUTSIDE);
  });

  it('excludes holes, their boundary included, and includes the outer boundary', () => {
    const polygon = [square(0, 0, 10), square(3, 3, 4)];
    expect(polygonContains(1, 1, polygon)).toBe(true);
    expect(polygonContains(5, 5, polygon)).toBe(false);
    expect(polygonContains(3, 5, polygon)).toBe(false);
    expect(polygonContains(0, 5, polygon)).toBe(true);
  });
});

describe('self-intersection', () => {
  it('finds none in simple rings', () => {
    expect(findSelfIntersection(square(0, 0, 1))).toBeNull();
    expect(findSelfIntersection(ring(0, 0, 4, 0, 2, 3, 0, 0))).toBeNull();
    expect(findSelfIntersection(ring(0, 0, 10, 0, 10, 10, 6, 10, 6, 3, 4, 3, 4, 10, 0, 10, 0, 0))).toBeNull();
  });

  it('finds a bow tie and says where it crosses', () => {
    const found = findSelfIntersection(ring(0, 0, 10, 10, 10, 0, 0, 10, 0, 0));
    expect(found).not.toBeNull();
    expect(found!.at[0]).toBeCloseTo(5);
    expect(found!.at[1]).toBeCloseTo(5);
  });

  it('finds a ring touching itself at a vertex and an edge folding back', () => {
    // Figure eight through (5, 5) as a repeated vertex.
    expect(findSelfIntersection(ring(0, 0, 5, 5, 10, 0, 10, 10, 5, 5, 0, 10, 0, 0))).not.toBeNull();
    // A spike: out to (20, 5) and straight back along the same line.
    expect(findSelfIntersection(ring(0, 0, 10, 0, 10, 5, 20, 5, 15, 5, 10, 6, 0, 10, 0, 0))).not.toBeNull();
    // The closing edge folds back over the first.
    expect(findSelfIntersection(ring(0, 0, 10, 0, 5, 0, 5, 5, 0, 0))).not.toBeNull();
  });

  it('drops repeated positions before testing', () => {
    const r = withoutRepeatedPositions(ring(0, 0, 0, 0, 1, 0, 1, 1, 1, 1, 0, 1, 0, 0));
    expect(Array.from(r)).toEqual([0, 0, 1, 0, 1, 1, 0, 1, 0, 0]);
    expect(findSelfIntersection(r)).toBeNull();
  });

  it('tests segments with collinear overlaps and touching ends', () => {
    expect(segmentsIntersect(0, 0, 2, 0, 1, 0, 3, 0)).toBe(true);
    expect(segmentsIntersect(0, 0, 1, 0, 2, 0, 3, 0)).toBe(false);
    expect(segmentsIntersect(0, 0, 1, 1, 1, 1, 2, 0)).toBe(true);
    expect(segmentsIntersect(0, 0, 1, 1, 0, 1, 0.4, 0.6)).toBe(false);
  });
});

describe('label point', () => {
  it('lies inside concave polygons and outside holes', () => {
    const u = [ring(0, 0, 10, 0, 10, 10, 6, 10, 6, 3, 4, 3, 4, 10, 0, 10, 0, 0)];
    const [x, y] = labelPoint(u);
    expect(polygonContains(x, y, u)).toBe(true);
    const withHole = [square(0, 0, 10), square(2, 2, 6)];
    const [hx, hy] = labelPoint(withHole);
    expect(polygonContains(hx, hy, withHole)).toBe(true);
  });
});

describe('the in-memory point index', () => {
  const area = (id: string, name: string, depth: number, ...polygons: Float64Array[][]): IndexedArea => ({
    id,
    name,
    depth,
    polygons,
  });
  const west = area('b', 'Väst', 2, [square(0, 0, 10)]);
  const east = area('a', 'Öst', 2, [square(10, 0, 10)]);
  const district = area('c', 'Distrikt', 1, [square(0, 0, 10)], [square(10, 0, 10)]);
  const islandWithLake = area('d', 'Ö', 2, [square(100, 100, 10), square(103, 103, 4)]);
  const index = createPointIndex([district, east, west, islandWithLake]);

  it('answers the deepest area containing the point, and every containing area in order', () => {
    expect(index.locate(5, 5)?.name).toBe('Väst');
    expect(index.locate(15, 5)?.name).toBe('Öst');
    expect(index.locateAll(15, 5).map((a) => a.name)).toEqual(['Öst', 'Distrikt']);
    expect(index.locate(50, 50)).toBeNull();
    expect(index.locate(-5, 5)).toBeNull();
  });

  it('puts a point on a shared border in the area whose name sorts first (code points), deterministically', () => {
    expect(index.locateAll(10, 5).map((a) => a.name)).toEqual(['Väst', 'Öst', 'Distrikt']);
    expect(index.locate(10, 5)?.name).toBe('Väst');
    expect(compareCodePoints('Väst', 'Öst')).toBeLessThan(0);
    expect(compareCodePoints('Z', 'Å')).toBeLessThan(0);
  });

  it('leaves holes out', () => {
    expect(index.locate(101, 101)?.name).toBe('Ö');
    expect(index.locate(105, 105)).toBeNull();
  });

  it('works with an empty set of areas', () => {
    expect(createPointIndex([]).locate(1, 1)).toBeNull();
  });
});

describe('dissolving polygons that share borders', () => {
  const sq = (x: number, y: number) => [
    [x, y],
    [x + 1, y],
    [x + 1, y + 1],
    [x, y + 1],
    [x, y],
  ];
  it('drops the shared edges of neighbours and keeps the outline', () => {
    // Two squares side by side (one clockwise) → one rectangle of 6 positions (collinear corners kept).
    const result = dissolvePolygons([[sq(0, 0)], [[...sq(1, 0)].reverse()]]);
    expect(result).toHaveLength(1);
    expect(result![0]).toHaveLength(1);
    expect(Math.abs(ringArea2(Float64Array.from(result![0]![0]!.flat())))).toBeCloseTo(4);
  });

  it('keeps a hole where four squares surround nothing, and separate islands apart', () => {
    const ring = [sq(0, 0), sq(1, 0), sq(2, 0), sq(0, 1), sq(2, 1), sq(0, 2), sq(1, 2), sq(2, 2)].map((r) => [
      r,
    ]);
    const result = dissolvePolygons([...ring, [sq(10, 10)]]);
    expect(result).toHaveLength(2);
    const withHole = result!.find((p) => p.length === 2);
    expect(withHole).toBeDefined();
  });
});
