import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../platform/context.ts';

/** Police events: upload, mapping of police types, attribution review, feed status. */
export function policeRoutes(_deps: AppDeps): FastifyPluginAsyncZod {
  return async (_app) => {};
}
