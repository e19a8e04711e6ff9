import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../platform/context.ts';

/** Live figures of a situational picture. */
export function pictureFiguresRoutes(_deps: AppDeps): FastifyPluginAsyncZod {
  return async (_app) => {};
}
