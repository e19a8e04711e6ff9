import type { Facility } from '../../../domain/api/facilities.ts';
import { type Caller, callerCan } from '../../platform/actor.ts';
import type { FacilityRow } from './facilities.repository.ts';

export function presentFacility(caller: Caller, f: FacilityRow): Facility {
  const manages = callerCan(caller, 'facilities.manage', { organisationId: f.organisation_id });
  return {
    id: f.id,
    code: f.code,
    name: f.name,
    type: { code: f.type_code, labelSv: f.type_label_sv, labelEn: f.type_label_en },
    organisation: { id: f.organisation_id, name: f.organisation_name },
    unit: f.unit_id && f.unit_name ? { id: f.unit_id, name: f.unit_name } : null,
    streetAddress: f.street_address,
    postalCode: f.postal_code,
    city: f.city,
    lat: f.lat,
    lon: f.lon,
    sweref99tm: f.north === null || f.east === null ? null : { north: f.north, east: f.east },
    area:
      f.area_id && f.area_name && f.area_level
        ? { id: f.area_id, name: f.area_name, level: f.area_level }
        : null,
    parentArea:
      f.parent_area_id && f.parent_area_name && f.parent_area_level
        ? { id: f.parent_area_id, name: f.parent_area_name, level: f.parent_area_level }
        : null,
    can: { update: manages, delete: manages },
  };
}
