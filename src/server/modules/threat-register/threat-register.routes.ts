import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../platform/context.ts';

/** The known-threat register (part 5). */
export function threatRegisterRoutes(_deps: AppDeps): FastifyPluginAsyncZod {
  return async () => {};
}
