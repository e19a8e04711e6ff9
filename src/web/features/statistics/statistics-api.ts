import type { Task } from '../../../domain/api/pictures.ts';
import type {
  StatisticsCoverageResponse,
  StatisticsCsvKindName,
  StatisticsImportListResponse,
} from '../../../domain/api/statistics-imports.ts';
import { apiRequest } from '../../api/client.ts';

/** Uploads a CSV file's text; the import runs as a background task (follow it with `followTask` from api/tasks.ts). */
export function startStatisticsImport(
  kind: StatisticsCsvKindName,
  csv: string,
  fileName: string,
): Promise<Task> {
  return apiRequest(`/api/statistics/imports/${kind}`, { method: 'POST', body: { csv, fileName } });
}

export function listStatisticsImports(
  before: string | null,
  signal?: AbortSignal,
): Promise<StatisticsImportListResponse> {
  return apiRequest('/api/statistics/imports', { query: { limit: 20, before }, signal });
}

export function fetchStatisticsCoverage(signal?: AbortSignal): Promise<StatisticsCoverageResponse> {
  return apiRequest('/api/statistics/coverage', { signal });
}

export const templateUrl = (kind: StatisticsCsvKindName) => `/api/statistics/templates/${kind}`;
