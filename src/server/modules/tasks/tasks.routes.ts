import fs from 'node:fs';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ERROR_RESPONSES, IdParamsSchema } from '../../../domain/api/common.ts';
import { type Task, TaskSchema } from '../../../domain/api/pictures.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppDeps } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { loadTask, type TaskRecord } from '../../platform/tasks.ts';
import { requestMeta } from '../auth/auth.routes.ts';
import { contentDisposition } from '../incidents/handling.routes.ts';

const tags = ['tasks'];

export function presentTask(task: TaskRecord): Task {
  return {
    id: task.id,
    kind: task.kind,
    status: task.status,
    progress: task.progress,
    result: task.result ?? null,
    error: task.error,
    download:
      task.status === 'succeeded' && task.file
        ? { url: `/api/tasks/${task.id}/download`, fileName: task.file.name, size: task.file.size }
        : null,
    createdAt: task.createdAt.toISOString(),
    finishedAt: task.finishedAt?.toISOString() ?? null,
  };
}

/** Progress and downloads of background tasks: only the person who started a task sees it. */
export function tasksRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const own = async (id: string, userId: string) => {
    const task = await loadTask(deps, id);
    if (!task || task.createdBy !== userId) throw notFound();
    return task;
  };
  return async (app) => {
    app.get(
      '/api/tasks/:id',
      {
        config: { access: 'user' },
        schema: {
          tags,
          summary: 'A background task you started: progress, outcome and download',
          params: IdParamsSchema,
          response: { 200: TaskSchema, ...ERROR_RESPONSES },
        },
      },
      async (request) => presentTask(await own(request.params.id, request.user!.id)),
    );

    app.get(
      '/api/tasks/:id/download',
      {
        config: { access: 'user' },
        schema: {
          tags,
          summary: "A finished task's file (audited); kept for 24 hours",
          params: IdParamsSchema,
          produces: ['application/octet-stream'],
          response: { 200: z.any().meta({ description: 'The file' }), ...ERROR_RESPONSES },
        },
      },
      async (request, reply) => {
        const task = await own(request.params.id, request.user!.id);
        if (task.status !== 'succeeded' || !task.file || !fs.existsSync(task.file.path)) throw notFound();
        const meta = requestMeta(request);
        await deps.db.transaction().execute((trx) =>
          recordAudit(
            trx,
            {
              action: 'task.download',
              actorId: request.user!.id,
              organisationId: task.organisationId,
              targetType: 'background_task',
              targetId: task.id,
              fields: [task.kind],
              ip: meta.ip,
              requestId: meta.requestId,
            },
            deps.now(),
          ),
        );
        return reply
          .type(task.file.mediaType)
          .header('content-disposition', contentDisposition(task.file.name))
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-store')
          .send(fs.createReadStream(task.file.path));
      },
    );
  };
}
