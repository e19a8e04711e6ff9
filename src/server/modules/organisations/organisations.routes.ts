import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorResponseSchema, IdParamsSchema } from '../../../domain/api/common.ts';
import {
  CreateOrganisationRequestSchema,
  OrganisationListResponseSchema,
  OrganisationSchema,
} from '../../../domain/api/organisations.ts';
import type { AppDeps } from '../../platform/context.ts';
import { requestMeta } from '../auth/auth.routes.ts';
import { createOrganisation, getOrganisation, listOrganisations } from './organisations.usecases.ts';

const tags = ['organisations'];
const errors = {
  400: ErrorResponseSchema,
  401: ErrorResponseSchema,
  403: ErrorResponseSchema,
  404: ErrorResponseSchema,
};

export function organisationsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/organisations',
      {
        config: { access: 'organisations.read' },
        schema: {
          tags,
          summary: 'Organisations you can see',
          response: { 200: OrganisationListResponseSchema, ...errors },
        },
      },
      async (request) => ({ items: await listOrganisations({ deps, caller: request.actor! }) }),
    );
    app.get(
      '/api/organisations/:id',
      {
        config: { access: 'organisations.read' },
        schema: {
          tags,
          summary: 'One organisation',
          params: IdParamsSchema,
          response: { 200: OrganisationSchema, ...errors },
        },
      },
      async (request) => getOrganisation({ deps, caller: request.actor!, id: request.params.id }),
    );
    app.post(
      '/api/organisations',
      {
        config: { access: 'organisations.manage' },
        schema: {
          tags,
          summary: 'Create an organisation under a parent',
          body: CreateOrganisationRequestSchema,
          response: { 201: OrganisationSchema, ...errors },
        },
      },
      async (request, reply) => {
        const created = await createOrganisation({
          deps,
          caller: request.actor!,
          input: request.body,
          meta: requestMeta(request),
        });
        reply.code(201);
        return created;
      },
    );
  };
}
