import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../platform/context.ts';

/** Picture documents, snapshots (freeze, sign, submit) and the yearly cycle. */
export function pictureDocumentRoutes(_deps: AppDeps): FastifyPluginAsyncZod {
  return async (_app) => {};
}
