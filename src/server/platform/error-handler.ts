import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorResponse } from '../../domain/api/common.ts';
import { AppError } from './errors.ts';

/** Every error leaves in one shape: `{ error: { code, message, details? } }`. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const send = (status: number, body: ErrorResponse['error']) =>
      reply.code(status).send({ error: body } satisfies ErrorResponse);
    if (err instanceof AppError) {
      for (const [k, v] of Object.entries(err.headers ?? {})) reply.header(k, v);
      if (err.status >= 500) request.log.error({ err }, err.message);
      return send(err.status, {
        code: err.code,
        message: err.message,
        ...(err.details === undefined ? {} : { details: err.details }),
      });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      return send(400, {
        code: 'validation.failed',
        message: 'The request is not valid',
        details: err.validation.map((v) => ({
          path: [err.validationContext, ...v.instancePath.split('/').filter(Boolean)].join('.'),
          message: v.message,
        })),
      });
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return send(413, { code: 'request.too_large', message: 'The request body is too large' });
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
      return send(415, { code: 'request.unsupported_media_type', message: 'Unsupported content type' });
    if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      return send(400, { code: 'request.invalid_json', message: 'The request body is not valid JSON' });
    }
    if (err.statusCode === 429)
      return send(429, { code: 'request.rate_limited', message: 'Too many requests; slow down' });
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return send(err.statusCode, { code: 'request.invalid', message: err.message });
    }
    request.log.error({ err }, 'unhandled error');
    return send(500, { code: 'internal', message: `Something went wrong; quote request id ${request.id}` });
  });
}
