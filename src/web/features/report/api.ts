import type { z } from 'zod';
import type { AreaFeatureCollection, MapConfig } from '../../../domain/api/areas.ts';
import type { FacilityListResponse } from '../../../domain/api/facilities.ts';
import type {
  CreateIncidentRequest,
  FacilityObservationsResponseSchema,
  Incident,
  IncidentListResponseSchema,
  Receipt,
  TaxonomyResponse,
  Upload,
} from '../../../domain/api/incidents.ts';
import { ApiError, apiRequest, fetchSession, isApiError, onSession } from '../../api/client.ts';

const TAXONOMY_CACHE = 'trygg.incidentTaxonomy';

/**
 * The incident types. The last answer is kept on the device, so that on a poor connection the form
 * still opens (the server checks the type again when the report is sent).
 */
export async function fetchTaxonomy(signal?: AbortSignal): Promise<TaxonomyResponse> {
  try {
    const taxonomy = await apiRequest<TaxonomyResponse>('/api/incident-taxonomy', { signal });
    try {
      window.localStorage.setItem(TAXONOMY_CACHE, JSON.stringify(taxonomy));
    } catch {
      // Storage full or blocked: nothing is lost but the fallback.
    }
    return taxonomy;
  } catch (error) {
    if (!(isApiError(error) && error.status === 0)) throw error;
    try {
      const cached = window.localStorage.getItem(TAXONOMY_CACHE);
      if (cached) return JSON.parse(cached) as TaxonomyResponse;
    } catch {
      // fall through to the network error
    }
    throw error;
  }
}

export function createIncident(body: CreateIncidentRequest): Promise<Receipt> {
  return apiRequest('/api/incidents', { method: 'POST', body });
}

export type IncidentPage = z.infer<typeof IncidentListResponseSchema>;
export type FacilityObservations = z.infer<typeof FacilityObservationsResponseSchema>;

export function listMyIncidents(cursor: string | null, signal?: AbortSignal): Promise<IncidentPage> {
  return apiRequest('/api/incidents', { query: { scope: 'mine', limit: 20, cursor }, signal });
}

export function fetchIncident(id: string, signal?: AbortSignal): Promise<Incident> {
  return apiRequest(`/api/incidents/${encodeURIComponent(id)}`, { signal });
}

export function postReporterComment(id: string, body: string): Promise<unknown> {
  return apiRequest(`/api/incidents/${encodeURIComponent(id)}/comments`, {
    method: 'POST',
    body: { body, visibility: 'reporter' },
  });
}

export interface FacilityOption {
  id: string;
  name: string;
  address: string | null;
  lat: number | null;
  lon: number | null;
}

/** Facilities whose name, code or address contains `q` (the caller's organisations'). */
export async function searchFacilities(q: string, signal?: AbortSignal): Promise<FacilityOption[]> {
  const res = await apiRequest<FacilityListResponse>('/api/facilities', { query: { q }, signal });
  return res.items.slice(0, 50).map((f) => ({
    id: f.id,
    name: f.name,
    address: [f.streetAddress, f.city].filter(Boolean).join(', ') || null,
    lat: f.lat,
    lon: f.lon,
  }));
}

export function fetchFacilityObservations(
  id: string,
  from: string | undefined,
  signal?: AbortSignal,
): Promise<FacilityObservations> {
  return apiRequest(`/api/facilities/${encodeURIComponent(id)}/observations`, { query: { from }, signal });
}

export async function fetchMapBackground(
  signal?: AbortSignal,
): Promise<{ areas: AreaFeatureCollection | null; tileUrl: string | null }> {
  const [areas, config] = await Promise.all([
    apiRequest<AreaFeatureCollection>('/api/areas/geojson', { signal }).catch(() => null),
    apiRequest<MapConfig>('/api/areas/map-config', { signal }).catch(() => null),
  ]);
  return { areas, tileUrl: config?.tileUrl ?? null };
}

// ---------------------------------------------------------------- uploads

let csrfToken: string | null = null;
onSession((session) => {
  csrfToken = session.csrfToken;
});

async function currentCsrfToken(): Promise<string> {
  if (!csrfToken) await fetchSession();
  return csrfToken ?? '';
}

export interface UploadHandle {
  promise: Promise<Upload>;
  abort: () => void;
}

/**
 * `POST /api/incident-uploads` with the file as the raw body. XMLHttpRequest rather than fetch
 * because only it reports upload progress (useful on a slow phone connection).
 */
export function uploadFile(file: File, onProgress: (fraction: number) => void): UploadHandle {
  const xhr = new XMLHttpRequest();
  let aborted = false;
  const send = (token: string) =>
    new Promise<Upload>((resolve, reject) => {
      xhr.open('POST', '/api/incident-uploads');
      xhr.setRequestHeader('content-type', 'application/octet-stream');
      xhr.setRequestHeader('accept', 'application/json');
      xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name));
      if (token) xhr.setRequestHeader('x-csrf-token', token);
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) onProgress(e.loaded / e.total);
      };
      xhr.onload = () => {
        let body: unknown = null;
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          // not JSON: a generic error below
        }
        if (xhr.status >= 200 && xhr.status < 300) return resolve(body as Upload);
        const error = (body as { error?: { code?: string; message?: string; details?: unknown } } | null)
          ?.error;
        reject(
          new ApiError({
            status: xhr.status,
            code: error?.code ?? `http.${xhr.status}`,
            message: error?.message ?? xhr.statusText,
            details: error?.details,
          }),
        );
      };
      xhr.onerror = () =>
        reject(new ApiError({ status: 0, code: 'network', message: 'The server could not be reached' }));
      xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
      xhr.send(file);
    });
  const promise = (async () => {
    const token = await currentCsrfToken();
    if (aborted) throw new DOMException('Upload cancelled', 'AbortError');
    return send(token);
  })();
  return {
    promise,
    abort: () => {
      aborted = true;
      xhr.abort();
    },
  };
}

export function deleteUpload(id: string): Promise<void> {
  return apiRequest(`/api/incident-uploads/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
