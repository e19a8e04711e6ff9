import type { Task } from '../../domain/api/pictures.ts';
import { apiRequest } from './client.ts';

/** `GET /api/tasks/:id`: a background task's progress, outcome and download (imports, exports). */
export function fetchTask(id: string, signal?: AbortSignal): Promise<Task> {
  return apiRequest<Task>(`/api/tasks/${encodeURIComponent(id)}`, { signal });
}

/** Waits for a task to finish, reporting its progress on the way; checks twice a second. */
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
