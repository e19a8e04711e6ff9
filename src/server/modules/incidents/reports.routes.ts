import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ERROR_RESPONSES,
  ErrorResponseSchema,
  IdParamsSchema,
  OkSchema,
} from '../../../domain/api/common.ts';
import {
  BatchIncidentsRequestSchema,
  BatchIncidentsResponseSchema,
  CreateIncidentRequestSchema,
  ReceiptSchema,
  UploadSchema,
} from '../../../domain/api/incidents.ts';
import type { AppDeps } from '../../platform/context.ts';
import { requestMeta } from '../auth/auth.routes.ts';
import { importIncidentBatch } from './batch.usecases.ts';
import { attachmentTooLarge } from './incidents.errors.ts';
import { createReport } from './reports.usecases.ts';
import { createUpload, decodeFileName, deleteUpload } from './uploads.usecases.ts';

const tags = ['incidents'];
const errors = ERROR_RESPONSES;

/**
 * Room for one report with a full set of attachments (base64 grows them by a third) beyond the
 * ordinary body limit; larger sets go in several batches.
 */
export function batchBodyLimit(deps: Pick<AppDeps, 'config'>): number {
  const { bodyLimitBytes, attachmentMaxBytes, attachmentMaxCount } = deps.config;
  return bodyLimitBytes + Math.ceil((attachmentMaxBytes * 4) / 3) * attachmentMaxCount;
}

/** Reporting: uploads, the report form, the batch API (issue 4 parts 2, 9). */
export function reportsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    // The upload takes the file itself as the body, whatever type the browser declares (the type
    // is sniffed from the content), so it gets a parser of its own in a scope of its own.
    await app.register(async (raw) => {
      raw.removeAllContentTypeParsers();
      raw.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
      const maxBytes = deps.config.attachmentMaxBytes;
      raw.post(
        '/api/incident-uploads',
        {
          // Like the report itself, an upload (which may belong to an anonymous report) is not logged.
          logLevel: 'silent',
          bodyLimit: maxBytes,
          config: { access: 'incidents.report' },
          schema: {
            tags,
            summary:
              'Upload an attachment for a report: the file as the raw body (any content type), its name URI-encoded in the x-file-name header. Images (JPEG, PNG, GIF, WebP, HEIC) and PDF, judged by content; at most TRYGG_ATTACHMENT_MAX_BYTES (413 above). Kept for a day until a report takes it',
            response: { 201: UploadSchema, 409: ErrorResponseSchema, 413: ErrorResponseSchema, ...errors },
          },
          // Fastify refuses a body over the limit before reading it (by its length, or as it streams
          // in); say so in the attachment's own words.
          errorHandler: (error) => {
            if ((error as { code?: string }).code !== 'FST_ERR_CTP_BODY_TOO_LARGE') throw error;
            throw attachmentTooLarge([
              { path: 'body', message: `The file is larger than the ${maxBytes} bytes allowed`, maxBytes },
            ]);
          },
        },
        async (request, reply) => {
          const content = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
          const upload = await createUpload({
            deps,
            caller: request.actor!,
            content,
            fileName: decodeFileName(request.headers['x-file-name']),
          });
          reply.code(201);
          return upload;
        },
      );
    });

    app.delete(
      '/api/incident-uploads/:id',
      {
        config: { access: 'incidents.report' },
        schema: {
          tags,
          summary: 'Remove one of your uploads not yet sent with a report (anyone else’s is left alone)',
          params: IdParamsSchema,
          response: { 200: OkSchema, ...errors },
        },
      },
      async (request) => {
        await deleteUpload({ deps, caller: request.actor!, id: request.params.id });
        return { ok: true as const };
      },
    );

    app.post(
      '/api/incidents',
      {
        // No request log line: it would tie an anonymous report to the session's address and time.
        logLevel: 'silent',
        config: { access: 'incidents.report' },
        schema: {
          tags,
          summary:
            'Report an incident; routed to the responsible manager and security coordinator. Anonymous where the type allows: no identity is stored',
          body: CreateIncidentRequestSchema,
          response: { 201: ReceiptSchema, ...errors },
        },
      },
      async (request, reply) => {
        const receipt = await createReport({
          deps,
          caller: request.actor!,
          input: request.body,
          meta: requestMeta(request),
        });
        reply.code(201);
        return receipt;
      },
    );

    app.post(
      '/api/incidents/batch',
      {
        bodyLimit: batchBodyLimit(deps),
        config: { access: 'incidents.handle' },
        schema: {
          tags,
          summary:
            'Reports from another system, idempotent by (system, externalId) within the organisation: all are checked first (400 per report and field, nothing stored), then stored in one transaction',
          body: BatchIncidentsRequestSchema,
          response: { 200: BatchIncidentsResponseSchema, ...errors },
        },
      },
      async (request) =>
        importIncidentBatch({
          deps,
          caller: request.actor!,
          input: request.body,
          meta: requestMeta(request),
        }),
    );
  };
}
