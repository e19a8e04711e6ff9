import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../platform/context.ts';

/** Reporting: uploads, the report form, the batch API (issue 4 parts 2, 9). */
export function reportsRoutes(_deps: AppDeps): FastifyPluginAsyncZod {
  return async () => {};
}
