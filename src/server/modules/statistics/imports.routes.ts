import crypto from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ERROR_RESPONSES } from '../../../domain/api/common.ts';
import { TaskSchema } from '../../../domain/api/pictures.ts';
import {
  StatisticsCoverageResponseSchema,
  StatisticsImportListQuerySchema,
  StatisticsImportListResponseSchema,
  StatisticsKindParamsSchema,
  StatisticsUploadQuerySchema,
  StatisticsUploadRequestSchema,
} from '../../../domain/api/statistics-imports.ts';
import type { AppDeps } from '../../platform/context.ts';
import { loadTask, registerTaskHandler, startTask } from '../../platform/tasks.ts';
import { presentTask } from '../tasks/tasks.routes.ts';
import { importStatisticsCsv, type StatisticsCsvKind } from './csv-imports.usecases.ts';
import {
  assertManagesCityStatistics,
  listStatisticsImports,
  statisticsCoverage,
  statisticsTemplate,
} from './csv-queries.ts';
import { uploadExpired } from './statistics.errors.ts';

const tags = ['statistics'];
const errors = ERROR_RESPONSES;
export const STATISTICS_CSV_TASK = 'import.statistics_csv';
/** Large enough for a city's population by neighbourhood, year, gender and age band many times over. */
const UPLOAD_BODY_LIMIT = 30 * 1024 * 1024;

/** Files waiting for their task (kept in memory from the upload until the task picks them up). */
const pendingUploads = new Map<string, { csv: string; fileName: string | null }>();

interface TaskParams {
  kind: StatisticsCsvKind;
  upload: string;
  fileName: string | null;
  dryRun: boolean;
}

function registerImportTask(): void {
  registerTaskHandler(STATISTICS_CSV_TASK, async (ctx) => {
    const params = ctx.task.params as TaskParams;
    const upload = pendingUploads.get(params.upload);
    pendingUploads.delete(params.upload);
    if (!upload) throw uploadExpired();
    const result = await importStatisticsCsv(ctx.deps, {
      kind: params.kind,
      csv: upload.csv,
      origin: 'upload',
      fileName: upload.fileName,
      actorId: ctx.task.createdBy,
      dryRun: params.dryRun,
      onProgress: (done, total, stage) => ctx.progress(done, total, stage),
    });
    return { result: { ...result, dryRun: params.dryRun } };
  });
}

/** CSV imports of survey results, population and reported crime; templates; import history. */
export function statisticsImportRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  registerImportTask();
  return async (app) => {
    // A spreadsheet's CSV may come as the body itself (`text/csv`), besides the JSON the web app sends.
    app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));

    app.post(
      '/api/statistics/imports/:kind',
      {
        config: { access: 'statistics.manage' },
        bodyLimit: UPLOAD_BODY_LIMIT,
        schema: {
          tags,
          summary:
            'Upload a CSV of survey results, population or reported crime (JSON `{csv, fileName}` or a text/csv body with ?fileName=); starts an import task. Its errors per row come back in the task (error.details.errors)',
          params: StatisticsKindParamsSchema,
          querystring: StatisticsUploadQuerySchema,
          body: z.union([StatisticsUploadRequestSchema, z.string().min(1)]),
          response: { 202: TaskSchema, ...errors },
        },
      },
      async (request, reply) => {
        const municipalityId = await assertManagesCityStatistics(deps, request.actor!);
        const body = request.body;
        const csv = typeof body === 'string' ? body : body.csv;
        const fileName =
          (typeof body === 'string' ? undefined : body.fileName) ?? request.query.fileName ?? null;
        const dryRun =
          (typeof body === 'string' ? undefined : body.dryRun) ?? request.query.dryRun === 'true';
        const upload = crypto.randomUUID();
        pendingUploads.set(upload, { csv, fileName });
        try {
          const id = await startTask(deps, {
            kind: STATISTICS_CSV_TASK,
            createdBy: request.user!.id,
            organisationId: municipalityId,
            params: { kind: request.params.kind, upload, fileName, dryRun } satisfies TaskParams,
          });
          const task = await loadTask(deps, id);
          reply.code(202);
          return presentTask(task!);
        } catch (err) {
          pendingUploads.delete(upload);
          throw err;
        }
      },
    );

    app.get(
      '/api/statistics/templates/:kind',
      {
        config: { access: 'statistics.manage' },
        schema: {
          tags,
          summary: "A CSV template of the kind: the header and two example rows naming the city's own areas",
          params: StatisticsKindParamsSchema,
          produces: ['text/csv'],
          response: { 200: z.string().meta({ description: 'The CSV (UTF-8 with BOM, `;`)' }), ...errors },
        },
      },
      async (request, reply) => {
        await assertManagesCityStatistics(deps, request.actor!);
        const kind = request.params.kind;
        const text = await statisticsTemplate(deps, kind);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${kind.replace('_', '-')}-template.csv"`)
          .header('cache-control', 'private, no-store')
          .send(text);
      },
    );

    app.get(
      '/api/statistics/imports',
      {
        config: { access: 'statistics.manage' },
        schema: {
          tags,
          summary:
            'Every import of statistics (police events, surveys, population, reported crime), newest first',
          querystring: StatisticsImportListQuerySchema,
          response: { 200: StatisticsImportListResponseSchema, ...errors },
        },
      },
      async (request) => listStatisticsImports(deps, request.actor!, request.query),
    );

    app.get(
      '/api/statistics/coverage',
      {
        config: { access: 'statistics.manage' },
        schema: {
          tags,
          summary: 'Per kind of statistics: the first and last day covered, how many rows, the last import',
          response: { 200: StatisticsCoverageResponseSchema, ...errors },
        },
      },
      async (request) => ({ items: await statisticsCoverage(deps, request.actor!) }),
    );
  };
}
