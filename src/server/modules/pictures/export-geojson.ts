import type { Count, PictureFigures } from '../../../domain/api/pictures.ts';
import type { AreaGeometry } from '../areas/areas.tables.ts';

/**
 * GeoJSON of a picture's figures per area (RFC 7946: WGS84 longitude/latitude): a FeatureCollection
 * with one Feature per area of the picture's `areas` list, its geometry (null when the area has none)
 * and its figures as properties:
 *
 * - `areaId`, `name`, `level`, `population` (null when unknown)
 * - `own_woman`, `own_man`, `own_other`, `own_unknown`, `own_total`: own reports in the period
 * - `own_rate_per_1000`, `police`, `police_rate_per_1000`
 * - `suppressed`: the names of the properties above whose value is protected. A protected count is
 *   written as the string "<5" (below the threshold; the threshold is in the collection's
 *   `suppression`) or "•" (hidden so that a small count cannot be worked out); a rate of a protected
 *   count is null.
 *
 * The collection also carries (as foreign members) `period`, `comparison`, `scope`, `generatedAt`
 * and `suppression`.
 */

export type GeoValue = number | string | null;

export interface AreaFeature {
  type: 'Feature';
  id: string;
  geometry: AreaGeometry | null;
  properties: Record<string, GeoValue | string[]>;
}

export interface PictureFeatureCollection {
  type: 'FeatureCollection';
  features: AreaFeature[];
  period: { from: string; to: string };
  comparison: { from: string; to: string };
  scope: string;
  generatedAt: string;
  suppression: { threshold: number; applied: boolean };
}

/** Rounds coordinates to 6 decimals (about 0.1 m), which is all RFC 7946 suggests. */
function round(geometry: AreaGeometry): AreaGeometry {
  const r = (n: number) => Math.round(n * 1e6) / 1e6;
  const ring = (points: number[][]) => points.map((p) => p.map(r));
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: geometry.coordinates.map(ring) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map((poly) => poly.map(ring)) };
}

export function pictureFeatureCollection(
  figures: PictureFigures,
  geometries: ReadonlyMap<string, AreaGeometry>,
): PictureFeatureCollection {
  const threshold = figures.suppression.threshold;
  const features = figures.areas.map((area): AreaFeature => {
    const suppressed: string[] = [];
    const count = (name: string, value: Count): GeoValue => {
      if (typeof value === 'number') return value;
      suppressed.push(name);
      return value === 'small' ? `<${threshold}` : '•';
    };
    const properties: Record<string, GeoValue | string[]> = {
      areaId: area.areaId,
      name: area.name,
      level: area.level,
      population: area.population,
      own_woman: count('own_woman', area.own.woman),
      own_man: count('own_man', area.own.man),
      own_other: count('own_other', area.own.other),
      own_unknown: count('own_unknown', area.own.unknown),
      own_total: count('own_total', area.own.total),
      own_rate_per_1000: typeof area.own.total === 'number' ? area.ownRatePer1000 : null,
      police: count('police', area.police),
      police_rate_per_1000: typeof area.police === 'number' ? area.policeRatePer1000 : null,
    };
    properties.suppressed = suppressed;
    const geometry = geometries.get(area.areaId);
    return { type: 'Feature', id: area.areaId, geometry: geometry ? round(geometry) : null, properties };
  });
  return {
    type: 'FeatureCollection',
    features,
    period: figures.period,
    comparison: figures.comparison,
    scope: figures.scope.label,
    generatedAt: figures.generatedAt,
    suppression: figures.suppression,
  };
}

export function buildPictureGeoJson(
  figures: PictureFigures,
  geometries: ReadonlyMap<string, AreaGeometry>,
): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(pictureFeatureCollection(figures, geometries)));
}
