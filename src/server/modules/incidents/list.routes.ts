import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../platform/context.ts';

/** Lists, search, map and export (part 7) and observations near facilities (part 6). */
export function incidentListRoutes(_deps: AppDeps): FastifyPluginAsyncZod {
  return async () => {};
}
