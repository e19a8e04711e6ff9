import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../platform/context.ts';

/** One incident and its handling: detail, states, assignment, comments, support, grants, authority deadline (parts 3, 4). */
export function handlingRoutes(_deps: AppDeps): FastifyPluginAsyncZod {
  return async () => {};
}
