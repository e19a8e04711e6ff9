import type { AreaListResponse } from '../../../domain/api/areas.ts';
import type {
  AreaResponsibility,
  AssignAreaRequest,
  CreateOrganisationRequest,
  ImportOrganisationsResponse,
  MergeOrganisationsRequest,
  Organisation,
  OrganisationListResponse,
  SplitOrganisationRequest,
  UpdateAreaResponsibilityRequest,
  UpdateOrganisationRequest,
} from '../../../domain/api/organisations.ts';
import { apiRequest } from '../../api/client.ts';

export async function fetchOrganisations(signal?: AbortSignal): Promise<Organisation[]> {
  return (await apiRequest<OrganisationListResponse>('/api/organisations', { signal })).items;
}

export function createOrganisation(body: CreateOrganisationRequest): Promise<Organisation> {
  return apiRequest('/api/organisations', { method: 'POST', body });
}

export function updateOrganisation(id: string, body: UpdateOrganisationRequest): Promise<Organisation> {
  return apiRequest(`/api/organisations/${id}`, { method: 'PATCH', body });
}

export function endOrganisation(id: string, date: string): Promise<Organisation> {
  return apiRequest(`/api/organisations/${id}/end`, { method: 'POST', body: { date } });
}

export function mergeOrganisations(body: MergeOrganisationsRequest): Promise<Organisation> {
  return apiRequest('/api/organisations/merge', { method: 'POST', body });
}

export async function splitOrganisation(id: string, body: SplitOrganisationRequest): Promise<Organisation[]> {
  return (
    await apiRequest<{ items: Organisation[] }>(`/api/organisations/${id}/split`, { method: 'POST', body })
  ).items;
}

export function assignArea(organisationId: string, body: AssignAreaRequest): Promise<AreaResponsibility> {
  return apiRequest(`/api/organisations/${organisationId}/areas`, { method: 'POST', body });
}

export function updateAreaResponsibility(
  organisationId: string,
  id: string,
  body: UpdateAreaResponsibilityRequest,
): Promise<AreaResponsibility> {
  return apiRequest(`/api/organisations/${organisationId}/areas/${id}`, { method: 'PATCH', body });
}

export function deleteAreaResponsibility(organisationId: string, id: string): Promise<void> {
  return apiRequest(`/api/organisations/${organisationId}/areas/${id}`, { method: 'DELETE' });
}

export function importOrganisations(csv: string, dryRun: boolean): Promise<ImportOrganisationsResponse> {
  return apiRequest('/api/organisations/import', { method: 'POST', body: { csv, dryRun } });
}

/** The areas a committee can be made responsible for (the areas module's list). */
export async function fetchAreas(signal?: AbortSignal): Promise<AreaListResponse['items']> {
  return (await apiRequest<AreaListResponse>('/api/areas', { signal })).items;
}

export const IMPORT_TEMPLATE_URL = '/api/organisations/import-template';
