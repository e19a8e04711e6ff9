import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ERROR_RESPONSES, ErrorResponseSchema, IdParamsSchema } from '../../../domain/api/common.ts';
import {
  CreateIncidentTypeRequestSchema,
  IncidentTypeSchema,
  IncidentTypeVersionsResponseSchema,
  TaxonomyQuerySchema,
  TaxonomyResponseSchema,
  UpdateIncidentTypeRequestSchema,
} from '../../../domain/api/incidents.ts';
import type { AppDeps } from '../../platform/context.ts';
import { requestMeta } from '../auth/auth.routes.ts';
import {
  createIncidentType,
  getTaxonomy,
  listIncidentTypeVersions,
  updateIncidentType,
} from './taxonomy.usecases.ts';

const tags = ['incidents'];
const errors = ERROR_RESPONSES;

/** The incident taxonomy: types in groups, versioned (issue 4 part 1). */
export function taxonomyRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/incident-taxonomy',
      {
        config: { access: 'user' },
        schema: {
          tags,
          summary:
            'Incident type groups, focus areas and the active types in their current version (all=true: inactive too, for administrators)',
          querystring: TaxonomyQuerySchema,
          response: { 200: TaxonomyResponseSchema, 401: ErrorResponseSchema },
        },
      },
      async (request) => getTaxonomy({ deps, caller: request.actor!, all: request.query.all === 'true' }),
    );

    app.post(
      '/api/incident-types',
      {
        config: { access: 'incident_types.manage' },
        schema: {
          tags,
          summary: 'Add an incident type (administrators of the municipality)',
          body: CreateIncidentTypeRequestSchema,
          response: { 201: IncidentTypeSchema, 409: ErrorResponseSchema, ...errors },
        },
      },
      async (request, reply) => {
        const created = await createIncidentType({
          deps,
          caller: request.actor!,
          input: request.body,
          meta: requestMeta(request),
        });
        reply.code(201);
        return created;
      },
    );

    app.patch(
      '/api/incident-types/:id',
      {
        config: { access: 'incident_types.manage' },
        schema: {
          tags,
          summary:
            'Change an incident type: a change of meaning makes a new version (earlier reports keep theirs); active and sortOrder do not',
          params: IdParamsSchema,
          body: UpdateIncidentTypeRequestSchema,
          response: { 200: IncidentTypeSchema, ...errors },
        },
      },
      async (request) =>
        updateIncidentType({
          deps,
          caller: request.actor!,
          id: request.params.id,
          input: request.body,
          meta: requestMeta(request),
        }),
    );

    app.get(
      '/api/incident-types/:id/versions',
      {
        config: { access: 'incident_types.manage' },
        schema: {
          tags,
          summary: "An incident type's versions, newest first, with how many reports use each",
          params: IdParamsSchema,
          response: { 200: IncidentTypeVersionsResponseSchema, ...errors },
        },
      },
      async (request) => listIncidentTypeVersions({ deps, caller: request.actor!, id: request.params.id }),
    );
  };
}
