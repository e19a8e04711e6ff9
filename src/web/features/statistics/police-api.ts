import type { Task } from '../../../domain/api/pictures.ts';
import type {
  PoliceEventListQuery,
  PoliceEventListResponse,
  PoliceFeedStatus,
  PoliceMappingListResponse,
  PoliceTypeMapping,
  PoliceUnmappedResponse,
  UpdatePoliceMappingRequest,
} from '../../../domain/api/police.ts';
import { apiRequest } from '../../api/client.ts';

/** Uploads a police feed file (its parsed events); the import runs as a task (follow it with followTask). */
export function startPoliceImport(events: unknown[], fileName: string): Promise<Task> {
  return apiRequest('/api/statistics/police/imports', { method: 'POST', body: events, query: { fileName } });
}

export function fetchPoliceMappings(signal?: AbortSignal): Promise<PoliceMappingListResponse> {
  return apiRequest('/api/statistics/police/mappings', { signal });
}

export function savePoliceMapping(input: UpdatePoliceMappingRequest): Promise<PoliceTypeMapping> {
  return apiRequest('/api/statistics/police/mappings', { method: 'PUT', body: input });
}

export function fetchUnmappedPoliceTypes(signal?: AbortSignal): Promise<PoliceUnmappedResponse> {
  return apiRequest('/api/statistics/police/unmapped', { signal });
}

export function fetchPoliceEvents(
  query: PoliceEventListQuery,
  signal?: AbortSignal,
): Promise<PoliceEventListResponse> {
  return apiRequest('/api/statistics/police/events', {
    query: {
      level: query.level,
      rule: query.rule,
      ambiguous: query.ambiguous,
      type: query.type,
      month: query.month,
      ownOnly: query.ownOnly,
      limit: query.limit as number | undefined,
      offset: query.offset as number | undefined,
    },
    signal,
  });
}

export function fetchPoliceFeedStatus(signal?: AbortSignal): Promise<PoliceFeedStatus> {
  return apiRequest('/api/statistics/police/feed', { signal });
}
