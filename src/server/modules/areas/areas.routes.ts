import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AreaDetailSchema,
  AreaFeatureCollectionSchema,
  AreaGeoJsonQuerySchema,
  AreaImportCommitRequestSchema,
  AreaImportListResponseSchema,
  AreaImportPreviewSchema,
  AreaImportRequestSchema,
  AreaImportSchema,
  AreaListQuerySchema,
  AreaListResponseSchema,
  AreaSchema,
  LocateQuerySchema,
  LocateResponseSchema,
  MapConfigSchema,
  UpdateAreaRequestSchema,
} from '../../../domain/api/areas.ts';
import { ERROR_RESPONSES, ErrorResponseSchema, IdParamsSchema } from '../../../domain/api/common.ts';
import type { AppDeps } from '../../platform/context.ts';
import { requestMeta } from '../auth/auth.routes.ts';
import { recomputeFacilityAreas } from '../facilities/facilities-import.usecases.ts';
import {
  getArea,
  getAreasGeoJson,
  getMapConfig,
  listAreas,
  pointToArea,
  updateArea,
} from './areas.usecases.ts';
import { commitAreaImport, listAreaImports, previewAreaImport } from './import/import.usecases.ts';

const tags = ['areas'];
const errors = ERROR_RESPONSES;
/** GeoJSON files are large; only administrators reach these routes (access is checked before the body is read). */
const IMPORT_BODY_LIMIT = 50 * 1024 * 1024;

export function areasRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/areas',
      {
        config: { access: 'user' },
        schema: {
          tags,
          summary: 'Every area (or every area of one level), from the root down',
          querystring: AreaListQuerySchema,
          response: { 200: AreaListResponseSchema, ...errors },
        },
      },
      async (request) => listAreas({ deps, caller: request.actor!, level: request.query.level }),
    );
    app.get(
      '/api/areas/geojson',
      {
        config: { access: 'user' },
        schema: {
          tags,
          summary: 'The areas with geometry as a WGS84 GeoJSON FeatureCollection (for maps)',
          querystring: AreaGeoJsonQuerySchema,
          response: { 200: AreaFeatureCollectionSchema, ...errors },
        },
      },
      async (request) => getAreasGeoJson({ deps, level: request.query.level }),
    );
    app.get(
      '/api/areas/locate',
      {
        config: { access: 'user' },
        schema: {
          tags,
          summary: 'The deepest area containing a point, and its ancestors (area null outside every area)',
          querystring: LocateQuerySchema,
          response: { 200: LocateResponseSchema, ...errors },
        },
      },
      async (request) => pointToArea({ deps, ...request.query }),
    );
    app.get(
      '/api/areas/map-config',
      {
        config: { access: 'user' },
        schema: { tags, summary: 'Settings for drawing maps', response: { 200: MapConfigSchema, ...errors } },
      },
      async () => getMapConfig({ deps }),
    );
    app.get(
      '/api/areas/imports',
      {
        config: { access: 'areas.manage' },
        schema: {
          tags,
          summary: 'The latest area imports',
          response: { 200: AreaImportListResponseSchema, ...errors },
        },
      },
      async (request) => ({ items: await listAreaImports({ deps, caller: request.actor! }) }),
    );
    app.post(
      '/api/areas/imports/preview',
      {
        config: { access: 'areas.manage' },
        bodyLimit: IMPORT_BODY_LIMIT,
        schema: {
          tags,
          summary:
            'Check a GeoJSON file (and parent CSV) and show what importing it would do; writes nothing',
          body: AreaImportRequestSchema,
          response: { 200: AreaImportPreviewSchema, ...errors },
        },
      },
      async (request) => previewAreaImport({ deps, caller: request.actor!, input: request.body }),
    );
    app.post(
      '/api/areas/imports',
      {
        config: { access: 'areas.manage' },
        bodyLimit: IMPORT_BODY_LIMIT,
        schema: {
          tags,
          summary: 'Import a previewed GeoJSON file: all of it, or nothing when it has errors',
          body: AreaImportCommitRequestSchema,
          response: { 201: AreaImportSchema, 409: ErrorResponseSchema, ...errors },
        },
      },
      async (request, reply) => {
        const { previewToken, ...input } = request.body;
        const result = await commitAreaImport({
          deps,
          caller: request.actor!,
          input,
          previewToken,
          meta: requestMeta(request),
        });
        // Facilities take their area from the map: place them again on the new boundaries.
        await recomputeFacilityAreas({ deps, meta: requestMeta(request) });
        reply.code(201);
        return result.import;
      },
    );
    app.get(
      '/api/areas/:id',
      {
        config: { access: 'user' },
        schema: {
          tags,
          summary: 'One area with its ancestors and children',
          params: IdParamsSchema,
          response: { 200: AreaDetailSchema, ...errors },
        },
      },
      async (request) => getArea({ deps, caller: request.actor!, id: request.params.id }),
    );
    app.patch(
      '/api/areas/:id',
      {
        config: { access: 'areas.manage' },
        schema: {
          tags,
          summary: 'Rename an area or change its validity dates',
          params: IdParamsSchema,
          body: UpdateAreaRequestSchema,
          response: { 200: AreaSchema, 409: ErrorResponseSchema, ...errors },
        },
      },
      async (request) =>
        updateArea({
          deps,
          caller: request.actor!,
          id: request.params.id,
          input: request.body,
          meta: requestMeta(request),
        }),
    );
  };
}
