import type { Area, AreaFeature, AreaRef } from '../../../domain/api/areas.ts';
import { dissolvePolygons } from '../../../domain/geo/dissolve.ts';
import type { FlatRing } from '../../../domain/geo/geometry.ts';
import { labelPoint, ringArea2 } from '../../../domain/geo/geometry.ts';
import { type Caller, callerCan } from '../../platform/actor.ts';
import type { AreaRefRow, AreaSummary } from './areas.repository.ts';
import type { AreaGeometry } from './areas.tables.ts';

/** `rootId`: the municipality, where areas.manage must be held to change the city's areas. */
export function presentArea(caller: Caller, a: AreaSummary, rootId?: string): Area {
  return {
    id: a.id,
    parentId: a.parent_id,
    level: a.level,
    name: a.name,
    code: a.code,
    depth: a.depth,
    validFrom: a.valid_from,
    validTo: a.valid_to,
    hasGeometry: a.has_geometry,
    geometryDerived: a.geometry_derived,
    can: { update: rootId !== undefined && callerCan(caller, 'areas.manage', { organisationId: rootId }) },
  };
}

export function presentRef(a: AreaRefRow): AreaRef {
  return { id: a.id, name: a.name, level: a.level, depth: a.depth };
}

/** The largest polygon's label point, worked out in degrees (fine for placing a name on a map). */
function labelOf(geometry: AreaGeometry): [number, number] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let best: FlatRing[] | null = null;
  let bestArea = -1;
  for (const polygon of polygons) {
    const rings = polygon.map((ring) => Float64Array.from(ring.flatMap((p) => [p[0]!, p[1]!])));
    const area = rings[0] ? Math.abs(ringArea2(rings[0])) : 0;
    if (area > bestArea) {
      bestArea = area;
      best = rings;
    }
  }
  const [lon, lat] = best ? labelPoint(best) : [Number.NaN, Number.NaN];
  return [Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6];
}

/**
 * A parent made from its children is drawn by its outline (shared inner borders dissolved) rather than
 * as its children's polygons; the stored geometry stays the children's.
 */
function drawnGeometry(a: { geojson: AreaGeometry | null; geometry_derived: boolean }): AreaGeometry {
  const g = a.geojson!;
  if (!a.geometry_derived || g.type !== 'MultiPolygon') return g;
  const outline = dissolvePolygons(g.coordinates);
  return outline ? { type: 'MultiPolygon', coordinates: outline } : g;
}

export function presentFeature(
  a: AreaRefRow & { geojson: AreaGeometry | null; geometry_derived: boolean },
): AreaFeature {
  const geometry = drawnGeometry(a);
  return {
    type: 'Feature',
    id: a.id,
    properties: {
      id: a.id,
      name: a.name,
      level: a.level,
      depth: a.depth,
      parentId: a.parent_id,
      labelPoint: labelOf(geometry),
    },
    geometry,
  };
}

export function featureBbox(features: AreaFeature[]): [number, number, number, number] | undefined {
  let [w, s, e, n] = [
    Number.POSITIVE_INFINITY,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
  ];
  for (const f of features) {
    const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const polygon of polygons)
      for (const [lon, lat] of polygon[0] ?? []) {
        w = Math.min(w, lon!);
        e = Math.max(e, lon!);
        s = Math.min(s, lat!);
        n = Math.max(n, lat!);
      }
  }
  return Number.isFinite(w) ? [w, s, e, n] : undefined;
}
