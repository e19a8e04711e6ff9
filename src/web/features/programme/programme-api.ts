import type {
  AdoptVersionRequest,
  CreateDraftRequest,
  CreateProgrammeRequest,
  FocusArea,
  ProgrammeOverview,
  UpdateFocusAreaRequest,
  Version,
} from '../../../domain/api/programme.ts';
import { apiRequest } from '../../api/client.ts';

/** `GET /api/programme`: the municipality's programme in force, with its version history. */
export function getProgrammeOverview(signal?: AbortSignal): Promise<ProgrammeOverview> {
  return apiRequest<ProgrammeOverview>('/api/programme', { signal });
}

export function getVersion(id: string, signal?: AbortSignal): Promise<Version> {
  return apiRequest<Version>(`/api/programme/versions/${id}`, { signal });
}

export function createProgramme(body: CreateProgrammeRequest): Promise<Version> {
  return apiRequest<Version>('/api/programme', { method: 'POST', body });
}

export function createDraft(body: CreateDraftRequest): Promise<Version> {
  return apiRequest<Version>('/api/programme/versions', { method: 'POST', body });
}

export function updateFocusArea(id: string, body: UpdateFocusAreaRequest): Promise<FocusArea> {
  return apiRequest<FocusArea>(`/api/programme/focus-areas/${id}`, { method: 'PATCH', body });
}

export function adoptVersion(id: string, body: AdoptVersionRequest): Promise<Version> {
  return apiRequest<Version>(`/api/programme/versions/${id}/adopt`, { method: 'POST', body });
}
