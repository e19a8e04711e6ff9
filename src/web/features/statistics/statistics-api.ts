import type { Task } from '../../../domain/api/pictures.ts';
import type {
  StatisticsCoverageResponse,
  StatisticsCsvKindName,
  StatisticsImportListResponse,
} from '../../../domain/api/statistics-imports.ts';
import { apiRequest } from '../../api/client.ts';

/** Uploads a CSV file's text; the import runs as a background task (follow it with `fetchTask`). */
export function startStatisticsImport(
  kind: StatisticsCsvKindName,
  csv: string,
  fileName: string,
): Promise<Task> {
  return apiRequest(`/api/statistics/imports/${kind}`, { method: 'POST', body: { csv, fileName } });
}

export function fetchTask(id: string, signal?: AbortSignal): Promise<Task> {
  return apiRequest(`/api/tasks/${encodeURIComponent(id)}`, { signal });
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

/** Waits for a task to finish, reporting its progress; checks twice a second. */
export async function followTask(
  id: string,
  onProgress: (task: Task) => void,
  signal: AbortSignal,
): Promise<Task> {
  for (;;) {
    const task = await fetchTask(id, signal);
    onProgress(task);
    if (task.status === 'succeeded' || task.status === 'failed') return task;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, 500);
      signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  }
}
