import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../platform/context.ts';

/** Exports of pictures and snapshots: PDF, XLSX, CSV, GeoJSON, open data (as background tasks). */
export function pictureExportRoutes(_deps: AppDeps): FastifyPluginAsyncZod {
  return async (_app) => {};
}
