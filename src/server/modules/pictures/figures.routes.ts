import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ERROR_RESPONSES } from '../../../domain/api/common.ts';
import {
  PictureFiguresQuerySchema,
  PictureFiguresSchema,
  PictureScopesResponseSchema,
} from '../../../domain/api/pictures.ts';
import type { AppDeps } from '../../platform/context.ts';
import { requestMeta } from '../auth/auth.routes.ts';
import { computePictureFigures } from './figures.usecases.ts';
import { listPictureScopes } from './scopes.usecases.ts';

const tags = ['pictures'];

/** Live figures of a situational picture. */
export function pictureFiguresRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/pictures/figures',
      {
        config: { access: 'pictures.read' },
        schema: {
          tags,
          summary:
            'A live situational picture of an organisation, chosen areas or the whole city for a period (at most ' +
            '36 months) with a comparison period: own reports, police events, reported crime, surveys and ' +
            'population from the rollups, small counts protected outside need-to-know (audited)',
          querystring: PictureFiguresQuerySchema,
          response: { 200: PictureFiguresSchema, ...ERROR_RESPONSES },
        },
      },
      async (request, reply) => {
        const figures = await computePictureFigures(deps, {
          actor: request.actor!,
          query: request.query,
          suppression: 'viewer',
          includeExtremism: true,
          meta: requestMeta(request),
        });
        reply.header('cache-control', 'private, no-store');
        return figures;
      },
    );

    app.get(
      '/api/pictures/scopes',
      {
        config: { access: 'pictures.read' },
        schema: {
          tags,
          summary:
            'What you may make situational pictures of: your organisations, the areas, whether the whole city, and the months with data',
          response: { 200: PictureScopesResponseSchema, ...ERROR_RESPONSES },
        },
      },
      async (request) => listPictureScopes(deps, request.actor!),
    );
  };
}
