import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ERROR_RESPONSES,
  ErrorResponseSchema,
  IdParamsSchema,
  OkSchema,
} from '../../../domain/api/common.ts';
import {
  AreaResponsibilityParamsSchema,
  AreaResponsibilitySchema,
  AssignAreaRequestSchema,
  CreateOrganisationRequestSchema,
  EndOrganisationRequestSchema,
  ImportOrganisationsRequestSchema,
  ImportOrganisationsResponseSchema,
  MergeOrganisationsRequestSchema,
  OrganisationListQuerySchema,
  OrganisationListResponseSchema,
  OrganisationSchema,
  SplitOrganisationRequestSchema,
  SplitOrganisationResponseSchema,
  UpdateAreaResponsibilityRequestSchema,
  UpdateOrganisationRequestSchema,
} from '../../../domain/api/organisations.ts';
import type { AppDeps } from '../../platform/context.ts';
import { requestMeta } from '../auth/auth.routes.ts';
import {
  assignArea,
  deleteAreaResponsibility,
  updateAreaResponsibility,
} from './organisation-areas.usecases.ts';
import { mergeOrganisations, splitOrganisation } from './organisation-changes.usecases.ts';
import {
  createOrganisation,
  endOrganisation,
  getOrganisation,
  listOrganisations,
  updateOrganisation,
} from './organisations.usecases.ts';
import { organisationsImportTemplate } from './organisations-import.rows.ts';
import { importOrganisations } from './organisations-import.usecases.ts';

const tags = ['organisations'];
const errors = ERROR_RESPONSES;
const changeErrors = { ...errors, 409: ErrorResponseSchema };

export function organisationsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/organisations',
      {
        config: { access: 'organisations.read' },
        schema: {
          tags,
          summary: 'Organisations you can see, with validity, history and areas',
          querystring: OrganisationListQuerySchema,
          response: { 200: OrganisationListResponseSchema, ...errors },
        },
      },
      async (request) => ({
        items: await listOrganisations({ deps, caller: request.actor!, on: request.query.on }),
      }),
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
          response: { 201: OrganisationSchema, ...changeErrors },
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
    app.patch(
      '/api/organisations/:id',
      {
        config: { access: 'organisations.manage' },
        schema: {
          tags,
          summary: 'Change an organisation (name, code, committee type, dates, parent)',
          params: IdParamsSchema,
          body: UpdateOrganisationRequestSchema,
          response: { 200: OrganisationSchema, ...changeErrors },
        },
      },
      async (request) =>
        updateOrganisation({
          deps,
          caller: request.actor!,
          id: request.params.id,
          input: request.body,
          meta: requestMeta(request),
        }),
    );
    app.post(
      '/api/organisations/:id/end',
      {
        config: { access: 'organisations.manage' },
        schema: {
          tags,
          summary: 'End an organisation (and the units beneath it) on a last day',
          params: IdParamsSchema,
          body: EndOrganisationRequestSchema,
          response: { 200: OrganisationSchema, ...changeErrors },
        },
      },
      async (request) =>
        endOrganisation({
          deps,
          caller: request.actor!,
          id: request.params.id,
          date: request.body.date,
          meta: requestMeta(request),
        }),
    );
    app.post(
      '/api/organisations/merge',
      {
        config: { access: 'organisations.manage' },
        schema: {
          tags,
          summary: 'Merge organisations into a new one from a date',
          body: MergeOrganisationsRequestSchema,
          response: { 201: OrganisationSchema, ...changeErrors },
        },
      },
      async (request, reply) => {
        const successor = await mergeOrganisations({
          deps,
          caller: request.actor!,
          input: request.body,
          meta: requestMeta(request),
        });
        reply.code(201);
        return successor;
      },
    );
    app.post(
      '/api/organisations/:id/split',
      {
        config: { access: 'organisations.manage' },
        schema: {
          tags,
          summary: 'Split an organisation into new ones from a date',
          params: IdParamsSchema,
          body: SplitOrganisationRequestSchema,
          response: { 201: SplitOrganisationResponseSchema, ...changeErrors },
        },
      },
      async (request, reply) => {
        const items = await splitOrganisation({
          deps,
          caller: request.actor!,
          id: request.params.id,
          input: request.body,
          meta: requestMeta(request),
        });
        reply.code(201);
        return { items };
      },
    );

    app.post(
      '/api/organisations/:id/areas',
      {
        config: { access: 'organisations.manage' },
        schema: {
          tags,
          summary: 'Make a district committee responsible for an area over a period',
          params: IdParamsSchema,
          body: AssignAreaRequestSchema,
          response: { 201: AreaResponsibilitySchema, ...changeErrors },
        },
      },
      async (request, reply) => {
        const created = await assignArea({
          deps,
          caller: request.actor!,
          organisationId: request.params.id,
          input: request.body,
          meta: requestMeta(request),
        });
        reply.code(201);
        return created;
      },
    );
    app.patch(
      '/api/organisations/:id/areas/:responsibilityId',
      {
        config: { access: 'organisations.manage' },
        schema: {
          tags,
          summary: "Change the dates of a committee's responsibility for an area (e.g. end it)",
          params: AreaResponsibilityParamsSchema,
          body: UpdateAreaResponsibilityRequestSchema,
          response: { 200: AreaResponsibilitySchema, ...changeErrors },
        },
      },
      async (request) =>
        updateAreaResponsibility({
          deps,
          caller: request.actor!,
          organisationId: request.params.id,
          id: request.params.responsibilityId,
          input: request.body,
          meta: requestMeta(request),
        }),
    );
    app.delete(
      '/api/organisations/:id/areas/:responsibilityId',
      {
        config: { access: 'organisations.manage' },
        schema: {
          tags,
          summary: 'Remove an area responsibility entered by mistake',
          params: AreaResponsibilityParamsSchema,
          response: { 200: OkSchema, ...errors },
        },
      },
      async (request) => {
        await deleteAreaResponsibility({
          deps,
          caller: request.actor!,
          organisationId: request.params.id,
          id: request.params.responsibilityId,
          meta: requestMeta(request),
        });
        return { ok: true as const };
      },
    );

    app.get(
      '/api/organisations/import-template',
      {
        config: { access: 'organisations.manage' },
        schema: {
          tags,
          summary: 'A CSV template for importing organisations: the columns and example rows',
          produces: ['text/csv'],
          response: { 200: z.string().meta({ description: 'text/csv; charset=utf-8' }), ...errors },
        },
      },
      async (_request, reply) => {
        reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="organisationer.csv"');
        return organisationsImportTemplate();
      },
    );
    app.post(
      '/api/organisations/import',
      {
        config: { access: 'organisations.manage' },
        schema: {
          tags,
          summary: 'Import organisations from CSV: all rows or none, with a per-row error report',
          body: ImportOrganisationsRequestSchema,
          response: { 200: ImportOrganisationsResponseSchema, ...changeErrors },
        },
      },
      async (request) =>
        importOrganisations({
          deps,
          caller: request.actor!,
          csv: request.body.csv,
          dryRun: request.body.dryRun,
          meta: requestMeta(request),
        }),
    );
  };
}
