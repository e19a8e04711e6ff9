import type { AuditListQuery, AuditListResponse } from '../../domain/api/audit.ts';
import { apiRequest } from './client.ts';

export type AuditFilter = Partial<Omit<AuditListQuery, 'limit' | 'before'>>;

/** `GET /api/audit-events`: newest first; pass the previous page's `nextBefore` as `before`. */
export function listAuditEvents(
  query: AuditFilter & { before?: string; limit?: number },
  signal?: AbortSignal,
): Promise<AuditListResponse> {
  return apiRequest<AuditListResponse>('/api/audit-events', { query: { ...query }, signal });
}
