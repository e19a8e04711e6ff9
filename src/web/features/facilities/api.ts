import type { AreaFeatureCollection, AreaListResponse, MapConfig } from '../../../domain/api/areas.ts';
import type {
  CreateFacilityRequest,
  Facility,
  FacilityListQuery,
  FacilityListResponse,
  FacilityTypeListResponse,
} from '../../../domain/api/facilities.ts';
import { apiRequest } from '../../api/client.ts';

export function listFacilities(
  query: FacilityListQuery,
  signal?: AbortSignal,
): Promise<FacilityListResponse> {
  return apiRequest('/api/facilities', { query: { ...query }, signal });
}

export function listFacilityTypes(signal?: AbortSignal): Promise<FacilityTypeListResponse> {
  return apiRequest('/api/facility-types', { signal });
}

export function createFacility(body: CreateFacilityRequest): Promise<Facility> {
  return apiRequest('/api/facilities', { method: 'POST', body });
}

export function deleteFacility(id: string): Promise<void> {
  return apiRequest(`/api/facilities/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/** The organisations the caller can see (for the filter and the owner). */
export async function listOrganisationOptions(signal?: AbortSignal): Promise<{ id: string; name: string }[]> {
  const res = await apiRequest<{ items: { id: string; name: string }[] }>('/api/organisations', { signal });
  return res.items.map((o) => ({ id: o.id, name: o.name }));
}

export function listAreas(signal?: AbortSignal): Promise<AreaListResponse> {
  return apiRequest('/api/areas', { signal });
}

export function fetchAreasGeoJson(signal?: AbortSignal): Promise<AreaFeatureCollection> {
  return apiRequest('/api/areas/geojson', { signal });
}

export function fetchMapConfig(signal?: AbortSignal): Promise<MapConfig> {
  return apiRequest('/api/areas/map-config', { signal });
}
