import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../platform/context.ts';

/** The incident taxonomy: types in groups, versioned (issue 4 part 1). */
export function taxonomyRoutes(_deps: AppDeps): FastifyPluginAsyncZod {
  return async () => {};
}
