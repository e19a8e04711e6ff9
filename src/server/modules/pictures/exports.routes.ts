import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ERROR_RESPONSES } from '../../../domain/api/common.ts';
import { TaskSchema } from '../../../domain/api/pictures.ts';
import type { AppDeps } from '../../platform/context.ts';
import { loadTask } from '../../platform/tasks.ts';
import { requestMeta } from '../auth/auth.routes.ts';
import { presentTask } from '../tasks/tasks.routes.ts';
import {
  PictureExportRequestSchema,
  registerPictureExportTasks,
  startPictureExport,
} from './export-usecases.ts';

/** Exports of pictures and snapshots: PDF, XLSX, CSV, GeoJSON, open data (as background tasks). */
export function pictureExportRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  registerPictureExportTasks();
  return async (app) => {
    app.post(
      '/api/pictures/exports',
      {
        config: { access: 'pictures.read' },
        schema: {
          tags: ['pictures'],
          summary: 'Export a picture, a snapshot or a live picture (PDF, XLSX, CSV, GeoJSON, open data)',
          description:
            'Checks access as reading the picture would (a snapshot: pictures.read in its organisation, or ' +
            'pictures.cycle in the municipality once submitted; a live query: the figures route’s rules), ' +
            'audits `picture.export`, and starts a background task. Follow it with GET /api/tasks/:id and ' +
            'download the file from GET /api/tasks/:id/download. Figures are suppressed as the viewer sees ' +
            'them; open data is always suppressed and never holds the violent-extremism section.',
          body: PictureExportRequestSchema,
          response: { 202: TaskSchema, ...ERROR_RESPONSES },
        },
      },
      async (request, reply) => {
        const id = await startPictureExport(deps, request.actor!, requestMeta(request), request.body);
        const task = await loadTask(deps, id);
        if (!task) throw new Error(`Task ${id} vanished`);
        return reply.status(202).send(presentTask(task));
      },
    );
  };
}
