import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../platform/context.ts';

/** The signed-in user's notices (in the app; e-mail goes from a job). */
export function notificationsRoutes(_deps: AppDeps): FastifyPluginAsyncZod {
  return async () => {};
}
