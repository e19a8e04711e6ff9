import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ERROR_RESPONSES,
  ErrorResponseSchema,
  IdParamsSchema,
  OkSchema,
} from '../../../domain/api/common.ts';
import {
  CreateFacilityRequestSchema,
  FacilityAreasRecomputedSchema,
  FacilityListQuerySchema,
  FacilityListResponseSchema,
  FacilitySchema,
  FacilityTypeListResponseSchema,
  UpdateFacilityRequestSchema,
} from '../../../domain/api/facilities.ts';
import type { AppDeps } from '../../platform/context.ts';
import { requestMeta } from '../auth/auth.routes.ts';
import {
  createFacility,
  deleteFacility,
  getFacility,
  listFacilities,
  listFacilityTypes,
  updateFacility,
} from './facilities.usecases.ts';
import { recomputeFacilityAreas } from './facilities-import.usecases.ts';

const tags = ['facilities'];
const errors = ERROR_RESPONSES;

export function facilitiesRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/facility-types',
      {
        config: { access: 'user' },
        schema: {
          tags,
          summary: 'The kinds of facility, with Swedish and English names',
          response: { 200: FacilityTypeListResponseSchema, 401: ErrorResponseSchema },
        },
      },
      async () => ({ items: await listFacilityTypes({ deps }) }),
    );

    app.get(
      '/api/facilities',
      {
        config: { access: 'organisations.read' },
        schema: {
          tags,
          summary:
            "Your organisations' facilities, by organisation or unit, type, area (and areas below it) or text",
          querystring: FacilityListQuerySchema,
          response: { 200: FacilityListResponseSchema, ...errors },
        },
      },
      async (request) => listFacilities({ deps, caller: request.actor!, query: request.query }),
    );

    app.get(
      '/api/facilities/:id',
      {
        config: { access: 'organisations.read' },
        schema: {
          tags,
          summary: 'One facility',
          params: IdParamsSchema,
          response: { 200: FacilitySchema, ...errors },
        },
      },
      async (request) => getFacility({ deps, caller: request.actor!, id: request.params.id }),
    );

    app.post(
      '/api/facilities',
      {
        config: { access: 'facilities.manage' },
        schema: {
          tags,
          summary: 'Add a facility; its area is found from the coordinates',
          body: CreateFacilityRequestSchema,
          response: { 201: FacilitySchema, 409: ErrorResponseSchema, ...errors },
        },
      },
      async (request, reply) => {
        const created = await createFacility({
          deps,
          caller: request.actor!,
          input: request.body,
          meta: requestMeta(request),
        });
        reply.code(201);
        return created;
      },
    );

    app.post(
      '/api/facilities/recompute-areas',
      {
        config: { access: 'facilities.manage' },
        schema: {
          tags,
          summary: "Derive your facilities' areas again from their coordinates (after areas were imported)",
          response: { 200: FacilityAreasRecomputedSchema, ...errors },
        },
      },
      async (request) => recomputeFacilityAreas({ deps, caller: request.actor!, meta: requestMeta(request) }),
    );

    app.patch(
      '/api/facilities/:id',
      {
        config: { access: 'facilities.manage' },
        schema: {
          tags,
          summary: 'Change a facility (null clears an optional field)',
          params: IdParamsSchema,
          body: UpdateFacilityRequestSchema,
          response: { 200: FacilitySchema, 409: ErrorResponseSchema, ...errors },
        },
      },
      async (request) =>
        updateFacility({
          deps,
          caller: request.actor!,
          id: request.params.id,
          input: request.body,
          meta: requestMeta(request),
        }),
    );

    app.delete(
      '/api/facilities/:id',
      {
        config: { access: 'facilities.manage' },
        schema: {
          tags,
          summary: 'Remove a facility',
          params: IdParamsSchema,
          response: { 200: OkSchema, ...errors },
        },
      },
      async (request) => {
        await deleteFacility({
          deps,
          caller: request.actor!,
          id: request.params.id,
          meta: requestMeta(request),
        });
        return { ok: true as const };
      },
    );
  };
}
