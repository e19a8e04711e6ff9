import type { z } from 'zod';
import type { AreaFeatureCollection, AreaListResponse, MapConfig } from '../../../domain/api/areas.ts';
import type { FacilityListResponse } from '../../../domain/api/facilities.ts';
import type {
  AssignableUsersResponseSchema,
  AuthorityDeadlinesResponseSchema,
  Incident,
  IncidentFilter,
  IncidentListResponseSchema,
  IncidentMapResponseSchema,
  SupportItem,
  TaxonomyResponse,
} from '../../../domain/api/incidents.ts';
import type { OrganisationListResponse } from '../../../domain/api/organisations.ts';
import type { UserListResponseSchema } from '../../../domain/api/users.ts';
import { apiRequest, type QueryValue } from '../../api/client.ts';

export type IncidentListResponse = z.infer<typeof IncidentListResponseSchema>;
export type IncidentMapResponse = z.infer<typeof IncidentMapResponseSchema>;
export type AuthorityDeadlinesResponse = z.infer<typeof AuthorityDeadlinesResponseSchema>;
export type AssignableUsersResponse = z.infer<typeof AssignableUsersResponseSchema>;
type UserListResponse = z.infer<typeof UserListResponseSchema>;

const incidentPath = (id: string) => `/api/incidents/${encodeURIComponent(id)}`;

/** A filter as query parameters: lists joined by commas, empty values left out. */
export function filterQuery(filter: IncidentFilter): Record<string, QueryValue> {
  const query: Record<string, QueryValue> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) query[key] = value.join(',');
    } else query[key] = String(value);
  }
  return query;
}

// ---------------------------------------------------------------- lists, map, export

export function listIncidents(
  filter: IncidentFilter,
  page: { cursor?: string; limit?: number },
  signal?: AbortSignal,
): Promise<IncidentListResponse> {
  return apiRequest('/api/incidents', {
    query: { ...filterQuery(filter), cursor: page.cursor, limit: page.limit },
    signal,
  });
}

export function fetchIncidentMap(
  filter: IncidentFilter,
  limit: number,
  signal?: AbortSignal,
): Promise<IncidentMapResponse> {
  return apiRequest('/api/incidents/map', { query: { ...filterQuery(filter), limit }, signal });
}

/** The download link of an export of what the filter matches (the server logs every export). */
export function exportHref(filter: IncidentFilter, format: 'csv' | 'xlsx'): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filterQuery(filter))) params.set(key, String(value));
  params.set('format', format);
  return `/api/incidents/export?${params.toString()}`;
}

export function listAuthorityDeadlines(signal?: AbortSignal): Promise<AuthorityDeadlinesResponse> {
  return apiRequest('/api/incidents/authority-deadlines', { signal });
}

// ---------------------------------------------------------------- options for the filters

export function fetchTaxonomy(signal?: AbortSignal): Promise<TaxonomyResponse> {
  return apiRequest('/api/incident-taxonomy', { signal });
}

export async function listOrganisations(signal?: AbortSignal): Promise<OrganisationListResponse['items']> {
  return (await apiRequest<OrganisationListResponse>('/api/organisations', { signal })).items;
}

export function listAreas(signal?: AbortSignal): Promise<AreaListResponse> {
  return apiRequest('/api/areas', { signal });
}

export function listFacilities(signal?: AbortSignal): Promise<FacilityListResponse> {
  return apiRequest('/api/facilities', { signal });
}

export function fetchAreasGeoJson(signal?: AbortSignal): Promise<AreaFeatureCollection> {
  return apiRequest('/api/areas/geojson', { signal });
}

export function fetchMapConfig(signal?: AbortSignal): Promise<MapConfig> {
  return apiRequest('/api/areas/map-config', { signal });
}

// ---------------------------------------------------------------- one incident and its handling

export function getIncident(id: string, signal?: AbortSignal): Promise<Incident> {
  return apiRequest(incidentPath(id), { signal });
}

export function transitionIncident(id: string, body: { to: Incident['state']; reason?: string }) {
  return apiRequest<unknown>(`${incidentPath(id)}/transition`, { method: 'POST', body });
}

export function assignIncident(id: string, userId: string | null) {
  return apiRequest<unknown>(`${incidentPath(id)}/assign`, { method: 'POST', body: { userId } });
}

export function listAssignableUsers(id: string, signal?: AbortSignal): Promise<AssignableUsersResponse> {
  return apiRequest(`${incidentPath(id)}/assignable-users`, { signal });
}

export function commentOnIncident(id: string, body: { body: string; visibility: 'internal' | 'reporter' }) {
  return apiRequest<unknown>(`${incidentPath(id)}/comments`, { method: 'POST', body });
}

export function recordSupportItem(
  id: string,
  item: SupportItem,
  body: { doneOn: string; note: string | null },
) {
  return apiRequest<unknown>(`${incidentPath(id)}/support-items/${item}`, { method: 'PUT', body });
}

export function removeSupportItem(id: string, item: SupportItem) {
  return apiRequest<unknown>(`${incidentPath(id)}/support-items/${item}`, { method: 'DELETE' });
}

export function grantAccess(id: string, body: { userId: string; reason: string }) {
  return apiRequest<unknown>(`${incidentPath(id)}/grants`, { method: 'POST', body });
}

export function revokeAccess(id: string, userId: string) {
  return apiRequest<unknown>(`${incidentPath(id)}/grants/${encodeURIComponent(userId)}`, {
    method: 'DELETE',
  });
}

export function recordAuthorityReport(id: string, body: { reportedAt: string; reference: string | null }) {
  return apiRequest<unknown>(`${incidentPath(id)}/authority-report`, { method: 'POST', body });
}

export function attachmentHref(id: string, attachmentId: string): string {
  return `${incidentPath(id)}/attachments/${encodeURIComponent(attachmentId)}`;
}

/** People who can be granted access: the users the actor can see (handlers hold `users.read`). */
export async function listUsers(signal?: AbortSignal): Promise<UserListResponse['items']> {
  return (await apiRequest<UserListResponse>('/api/users', { signal })).items;
}
