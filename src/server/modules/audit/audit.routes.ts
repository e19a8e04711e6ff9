import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditListQuerySchema, AuditListResponseSchema } from '../../../domain/api/audit.ts';
import { ErrorResponseSchema } from '../../../domain/api/common.ts';
import type { AppDeps } from '../../platform/context.ts';
import { requestMeta } from '../auth/auth.routes.ts';
import { listAuditEvents } from './audit.usecases.ts';

export function auditRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/audit-events',
      {
        config: { access: 'audit.read' },
        schema: {
          tags: ['audit'],
          summary: 'The audit log, newest first (reading it is itself audited)',
          querystring: AuditListQuerySchema,
          response: {
            200: AuditListResponseSchema,
            400: ErrorResponseSchema,
            401: ErrorResponseSchema,
            403: ErrorResponseSchema,
          },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return listAuditEvents({
          deps,
          actor: request.actor!,
          query: request.query,
          meta: requestMeta(request),
        });
      },
    );
  };
}
