import type { Task } from '../../../domain/api/pictures.ts';
import { apiRequest } from '../../api/client.ts';
import type { ExportTarget } from './export-menu.tsx';

export type PictureExportFormat = 'pdf' | 'xlsx' | 'csv' | 'geojson' | 'open_data';

/** The live query without empty values (the server checks every field it gets). */
function cleanTarget(target: ExportTarget) {
  if (target.kind !== 'live') return target;
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(target.query)) if (value !== '') query[key] = value;
  return { kind: 'live' as const, query };
}

/** `POST /api/pictures/exports`: starts an export as a background task (202 with the task). */
export function startPictureExport(
  target: ExportTarget,
  format: PictureExportFormat,
  locale: 'sv' | 'en',
): Promise<Task> {
  return apiRequest<Task>('/api/pictures/exports', {
    method: 'POST',
    body: { target: cleanTarget(target), format, locale },
  });
}
