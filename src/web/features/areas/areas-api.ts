import type {
  AreaFeatureCollection,
  AreaImport,
  AreaImportPreview,
  AreaImportRequest,
  AreaListResponse,
  MapConfig,
} from '../../../domain/api/areas.ts';
import { apiRequest } from '../../api/client.ts';

export function listAreas(signal?: AbortSignal): Promise<AreaListResponse> {
  return apiRequest<AreaListResponse>('/api/areas', { signal });
}

export function fetchAreasGeoJson(signal?: AbortSignal): Promise<AreaFeatureCollection> {
  return apiRequest<AreaFeatureCollection>('/api/areas/geojson', { signal });
}

export function fetchMapConfig(signal?: AbortSignal): Promise<MapConfig> {
  return apiRequest<MapConfig>('/api/areas/map-config', { signal });
}

export function previewAreaImport(body: AreaImportRequest): Promise<AreaImportPreview> {
  return apiRequest<AreaImportPreview>('/api/areas/imports/preview', { method: 'POST', body });
}

export function commitAreaImport(body: AreaImportRequest & { previewToken: string }): Promise<AreaImport> {
  return apiRequest<AreaImport>('/api/areas/imports', { method: 'POST', body });
}
