import { toSweref99tm } from '../../../domain/geo/sweref99tm.ts';
import { type Actor, can } from '../../../domain/permissions.ts';
import type { AppDeps } from '../../platform/context.ts';
import { pointToArea } from '../areas/areas.usecases.ts';
import { isProjectable } from '../facilities/facilities.usecases.ts';
import type { FacilityPlace } from './reports.repository.ts';

/** Where an incident happened, as stored. */
export interface Place {
  lat: number | null;
  lon: number | null;
  east: number | null;
  north: number | null;
  area_id: string | null;
  area_path: string[];
}

export const NOWHERE: Place = { lat: null, lon: null, east: null, north: null, area_id: null, area_path: [] };

/**
 * The place of a pin: its SWEREF 99 TM point and the deepest area holding it; a problem when it is
 * outside every area of the municipality (or too far away to project).
 */
export async function placeOfPin(
  deps: AppDeps,
  lat: number,
  lon: number,
  locate?: (lat: number, lon: number) => { id: string; path: string[] } | null,
): Promise<Place | string> {
  if (!isProjectable(lon)) return "The coordinates are outside the municipality's areas";
  let hit: { id: string; path: string[] } | null;
  if (locate) hit = locate(lat, lon);
  else {
    const found = await pointToArea({ deps, lat, lon });
    hit = found.area
      ? { id: found.area.id, path: [...found.ancestors.map((a) => a.id), found.area.id] }
      : null;
  }
  if (!hit) return "The coordinates are outside the municipality's areas";
  const { east, north } = toSweref99tm(lat, lon);
  return { lat, lon, east, north, area_id: hit.id, area_path: hit.path };
}

export function placeOfFacility(f: FacilityPlace): Place {
  if (f.lat === null || f.lon === null) return { ...NOWHERE, area_id: f.area_id, area_path: f.area_path };
  return { lat: f.lat, lon: f.lon, east: f.east, north: f.north, area_id: f.area_id, area_path: f.area_path };
}

/** Whether a facility is in the actor's reach: its organisation's, or its unit's (their own workplace). */
export function canReachFacility(
  actor: Actor,
  f: Pick<FacilityPlace, 'organisation_id' | 'unit_id'>,
): boolean {
  return (
    can(actor, 'organisations.read', { organisationId: f.organisation_id }) ||
    (f.unit_id !== null && can(actor, 'organisations.read', { organisationId: f.unit_id }))
  );
}
