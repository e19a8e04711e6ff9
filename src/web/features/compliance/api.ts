import type {
  ComplianceListResponse,
  CoordinatorAssignment,
  CoordinatorRequirement,
  CoordinatorRequirementListResponse,
  CreateCoordinatorAssignmentRequest,
  CreateCoordinatorRequirementRequest,
  OrganisationComplianceDetail,
  UpdateCoordinatorAssignmentRequest,
} from '../../../domain/api/coordinators.ts';
import type { User } from '../../../domain/api/users.ts';
import { apiRequest } from '../../api/client.ts';

/** `GET /api/compliance`: organisations in reach with their required functions, gaps first. */
export function fetchCompliance(signal?: AbortSignal): Promise<ComplianceListResponse> {
  return apiRequest('/api/compliance', { signal });
}

/** `GET /api/compliance/:id`: one organisation's functions today and its history. */
export function fetchOrganisationCompliance(
  id: string,
  signal?: AbortSignal,
): Promise<OrganisationComplianceDetail> {
  return apiRequest(`/api/compliance/${encodeURIComponent(id)}`, { signal });
}

export function createAssignment(body: CreateCoordinatorAssignmentRequest): Promise<CoordinatorAssignment> {
  return apiRequest('/api/coordinator-assignments', { method: 'POST', body });
}

export function updateAssignment(
  id: string,
  body: UpdateCoordinatorAssignmentRequest,
): Promise<CoordinatorAssignment> {
  return apiRequest(`/api/coordinator-assignments/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}

export function deleteAssignment(id: string): Promise<void> {
  return apiRequest(`/api/coordinator-assignments/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/** The people the caller may assign: users they can see. */
export async function fetchAssignableUsers(signal?: AbortSignal): Promise<User[]> {
  const res = await apiRequest<{ items: User[] }>('/api/users', { signal });
  return res.items.filter((u) => !u.disabled);
}

export function fetchRequirements(signal?: AbortSignal): Promise<CoordinatorRequirementListResponse> {
  return apiRequest('/api/coordinator-requirements', { signal });
}

export function createRequirement(
  body: CreateCoordinatorRequirementRequest,
): Promise<CoordinatorRequirement> {
  return apiRequest('/api/coordinator-requirements', { method: 'POST', body });
}

export function deleteRequirement(id: string): Promise<void> {
  return apiRequest(`/api/coordinator-requirements/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/** Organisations the caller can see, for choosing where a requirement applies. */
export async function fetchOrganisationOptions(
  signal?: AbortSignal,
): Promise<{ id: string; name: string }[]> {
  const res = await apiRequest<{ items: { id: string; name: string }[] }>('/api/organisations', { signal });
  return res.items.map((o) => ({ id: o.id, name: o.name }));
}
