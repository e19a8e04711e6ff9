import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../platform/context.ts';

/** CSV imports of survey results, population and reported crime; templates; import history. */
export function statisticsImportRoutes(_deps: AppDeps): FastifyPluginAsyncZod {
  return async (_app) => {};
}
