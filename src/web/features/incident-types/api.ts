import type { z } from 'zod';
import type {
  CreateIncidentTypeRequestSchema,
  IncidentType,
  IncidentTypeVersionsResponseSchema,
  TaxonomyResponse,
  UpdateIncidentTypeRequestSchema,
} from '../../../domain/api/incidents.ts';
import { apiRequest, isApiError } from '../../api/client.ts';
import type { Translate } from '../../i18n/translate.ts';

export type CreateIncidentTypeRequest = z.input<typeof CreateIncidentTypeRequestSchema>;
export type UpdateIncidentTypeRequest = z.input<typeof UpdateIncidentTypeRequestSchema>;
export type IncidentTypeVersions = z.infer<typeof IncidentTypeVersionsResponseSchema>;

/** Every type, inactive ones too, in its current version. */
export function fetchTaxonomy(signal?: AbortSignal): Promise<TaxonomyResponse> {
  return apiRequest('/api/incident-taxonomy', { query: { all: 'true' }, signal });
}

export function createIncidentType(body: CreateIncidentTypeRequest): Promise<IncidentType> {
  return apiRequest('/api/incident-types', { method: 'POST', body });
}

export function updateIncidentType(id: string, body: UpdateIncidentTypeRequest): Promise<IncidentType> {
  return apiRequest(`/api/incident-types/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}

export function listVersions(id: string, signal?: AbortSignal): Promise<IncidentTypeVersions> {
  return apiRequest(`/api/incident-types/${encodeURIComponent(id)}/versions`, { signal });
}

/** A message for a failed request, in the user's language. */
export function failureText(t: Translate, error: unknown): string {
  if (!isApiError(error)) return t('error.generic');
  if (error.code === 'incident_types.code_taken') return t('incidentTypes.field.codeTaken');
  if (error.status === 0) return t('error.network');
  if (error.status === 403) return t('error.forbidden');
  if (error.status === 400) return t('incidentTypes.error.invalid');
  return t('error.generic');
}
