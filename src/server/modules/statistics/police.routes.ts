import crypto from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ERROR_RESPONSES, ErrorResponseSchema } from '../../../domain/api/common.ts';
import { TaskSchema } from '../../../domain/api/pictures.ts';
import {
  PoliceEventListQuerySchema,
  PoliceEventListResponseSchema,
  PoliceFeedStatusSchema,
  PoliceMappingListResponseSchema,
  PoliceTypeMappingSchema,
  PoliceUnmappedResponseSchema,
  PoliceUploadQuerySchema,
  UpdatePoliceMappingRequestSchema,
} from '../../../domain/api/police.ts';
import type { AppDeps } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { loadTask, registerTaskHandler, startTask } from '../../platform/tasks.ts';
import { requestMeta } from '../auth/auth.routes.ts';
import { presentTask } from '../tasks/tasks.routes.ts';
import { importPoliceEvents } from './police.usecases.ts';
import {
  assertManagesPolice,
  listPoliceEvents,
  listPoliceMappings,
  listUnmappedPoliceTypes,
  policeFeedStatus,
  updatePoliceMapping,
} from './police-review.usecases.ts';

const tags = ['statistics'];
const errors = ERROR_RESPONSES;
export const POLICE_IMPORT_TASK = 'import.police_events';
/** The full feed file of three years (70,000 events) is about 25–30 MB. */
const UPLOAD_BODY_LIMIT = 60 * 1024 * 1024;

/** Files waiting for their task (in memory from the upload until the task picks them up). */
const pendingUploads = new Map<string, { text: string; fileName: string | null }>();

function registerPoliceImportTask(): void {
  registerTaskHandler(POLICE_IMPORT_TASK, async (ctx) => {
    const params = ctx.task.params as { upload: string };
    const upload = pendingUploads.get(params.upload);
    pendingUploads.delete(params.upload);
    if (!upload)
      throw new AppError(
        'statistics.upload_missing',
        410,
        'The uploaded file is no longer available; upload it again',
      );
    const result = await importPoliceEvents(ctx.deps, {
      events: upload.text,
      origin: 'upload',
      fileName: upload.fileName,
      actorId: ctx.task.createdBy,
      onProgress: (done, total, stage) => ctx.progress(done, total, stage),
    });
    return { result };
  });
}

/** Police events: upload, mapping of police types, attribution review, feed status. */
export function policeRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  registerPoliceImportTask();
  return async (app) => {
    // The upload takes the feed file itself as the body (JSON, read as text so it is hashed as sent).
    await app.register(async (raw) => {
      raw.removeAllContentTypeParsers();
      raw.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
      raw.post(
        '/api/statistics/police/imports',
        {
          config: { access: 'statistics.manage' },
          bodyLimit: UPLOAD_BODY_LIMIT,
          schema: {
            tags,
            summary:
              "Upload a file of the police's events feed (the JSON array itself as the body, any content type; the file's name in ?fileName=); starts an import task. Errors per event come back in the task (error.details.errors)",
            querystring: PoliceUploadQuerySchema,
            response: { 202: TaskSchema, 413: ErrorResponseSchema, ...errors },
          },
        },
        async (request, reply) => {
          const municipalityId = await assertManagesPolice(deps, request.actor!);
          const fileName = (request.query as { fileName?: string }).fileName ?? null;
          const text = typeof request.body === 'string' ? request.body : '';
          if (!text.trim())
            throw new AppError('validation.failed', 400, 'The body must be the JSON file of police events', [
              { path: 'body', message: 'empty' },
            ]);
          const upload = crypto.randomUUID();
          pendingUploads.set(upload, { text, fileName });
          try {
            const id = await startTask(deps, {
              kind: POLICE_IMPORT_TASK,
              createdBy: request.user!.id,
              organisationId: municipalityId,
              params: { upload, fileName },
            });
            reply.code(202);
            return presentTask((await loadTask(deps, id))!);
          } catch (err) {
            pendingUploads.delete(upload);
            throw err;
          }
        },
      );
    });

    app.get(
      '/api/statistics/police/mappings',
      {
        config: { access: 'statistics.manage' },
        schema: {
          tags,
          summary: 'How police types map to our incident types and focus areas (editable), with event counts',
          response: { 200: PoliceMappingListResponseSchema, ...errors },
        },
      },
      async (request) => listPoliceMappings(deps, request.actor!),
    );

    app.put(
      '/api/statistics/police/mappings',
      {
        config: { access: 'statistics.manage' },
        schema: {
          tags,
          summary:
            "Set one police type's mapping (creates it for an unmapped type); the picture's police figures are rebuilt at once",
          body: UpdatePoliceMappingRequestSchema,
          response: { 200: PoliceTypeMappingSchema, ...errors },
        },
      },
      async (request) => {
        const meta = requestMeta(request);
        return updatePoliceMapping(deps, request.actor!, request.body, {
          ip: meta.ip,
          requestId: meta.requestId,
        });
      },
    );

    app.get(
      '/api/statistics/police/unmapped',
      {
        config: { access: 'statistics.manage' },
        schema: {
          tags,
          summary: 'Police types seen in events but not mapped, with their counts',
          response: { 200: PoliceUnmappedResponseSchema, ...errors },
        },
      },
      async (request) => listUnmappedPoliceTypes(deps, request.actor!),
    );

    app.get(
      '/api/statistics/police/events',
      {
        config: { access: 'statistics.manage' },
        schema: {
          tags,
          summary:
            'Police events with where they were placed, for reviewing the attribution (filters: level, rule, ambiguous, type, month)',
          querystring: PoliceEventListQuerySchema,
          response: { 200: PoliceEventListResponseSchema, ...errors },
        },
      },
      async (request) => listPoliceEvents(deps, request.actor!, request.query),
    );

    app.get(
      '/api/statistics/police/feed',
      {
        config: { access: 'statistics.manage' },
        schema: {
          tags,
          summary: "The scheduled fetch of the police's feed: settings, latest fetches, latest import",
          response: { 200: PoliceFeedStatusSchema, ...errors },
        },
      },
      async (request) => policeFeedStatus(deps, request.actor!),
    );
  };
}
