import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParamsSchema, OkSchema } from '../../../domain/api/common.ts';
import {
  AdoptVersionRequestSchema,
  CreateDraftRequestSchema,
  CreateExternalDocumentRequestSchema,
  CreateProgrammeRequestSchema,
  ExternalDocumentListResponseSchema,
  ExternalDocumentSchema,
  ProgrammeOverviewSchema,
  ProgrammeQuerySchema,
  RetireVersionRequestSchema,
  UpdateVersionRequestSchema,
  VersionListResponseSchema,
  VersionSchema,
} from '../../../domain/api/programme.ts';
import type { AppDeps } from '../../platform/context.ts';
import { partsRoutes } from './parts.routes.ts';
import { changeContext, errors, tags } from './programme.http.ts';
import {
  getProgrammeOverview,
  getVersion,
  listExternalDocuments,
  listVersions,
} from './programme.usecases.ts';
import { createExternalDocument } from './relations.usecases.ts';
import {
  adoptVersion,
  createDraft,
  createProgramme,
  deleteDraft,
  retireVersion,
  updateVersion,
} from './versions.usecases.ts';

/** The programme: reading (every signed-in user) and the versions' lifecycle (`programme.manage`). */
export function programmeRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/programme',
      {
        config: { access: 'user' },
        schema: {
          tags,
          summary: 'The programme in force, with its parts, relations and version history',
          description:
            "By default the municipality's programme; `organisationId` picks another organisation's.",
          querystring: ProgrammeQuerySchema,
          response: { 200: ProgrammeOverviewSchema, ...errors },
        },
      },
      async (request) =>
        getProgrammeOverview({ deps, caller: request.actor!, organisationId: request.query.organisationId }),
    );
    app.post(
      '/api/programme',
      {
        config: { access: 'programme.manage' },
        schema: {
          tags,
          summary: "Start an organisation's programme with an empty first draft",
          body: CreateProgrammeRequestSchema,
          response: { 201: VersionSchema, ...errors },
        },
      },
      async (request, reply) => {
        const created = await createProgramme({ ...changeContext(deps, request), input: request.body });
        reply.code(201);
        return created;
      },
    );
    app.get(
      '/api/programme/versions',
      {
        config: { access: 'user' },
        schema: {
          tags,
          summary: 'Every version of a programme with its status: the draft first, then newest adopted',
          querystring: ProgrammeQuerySchema,
          response: { 200: VersionListResponseSchema, ...errors },
        },
      },
      async (request) => ({
        items: await listVersions({
          deps,
          caller: request.actor!,
          organisationId: request.query.organisationId,
        }),
      }),
    );
    app.post(
      '/api/programme/versions',
      {
        config: { access: 'programme.manage' },
        schema: {
          tags,
          summary: 'Create a draft as a copy of a version (usually the one in force)',
          body: CreateDraftRequestSchema,
          response: { 201: VersionSchema, ...errors },
        },
      },
      async (request, reply) => {
        const created = await createDraft({ ...changeContext(deps, request), input: request.body });
        reply.code(201);
        return created;
      },
    );
    app.get(
      '/api/programme/versions/:id',
      {
        config: { access: 'user' },
        schema: {
          tags,
          summary: 'One version with all its parts',
          params: IdParamsSchema,
          response: { 200: VersionSchema, ...errors },
        },
      },
      async (request) => getVersion({ deps, caller: request.actor!, id: request.params.id }),
    );
    app.patch(
      '/api/programme/versions/:id',
      {
        config: { access: 'programme.manage' },
        schema: {
          tags,
          summary: "Change a draft's label, title or summary",
          params: IdParamsSchema,
          body: UpdateVersionRequestSchema,
          response: { 200: VersionSchema, ...errors },
        },
      },
      async (request) =>
        updateVersion({ ...changeContext(deps, request), id: request.params.id, input: request.body }),
    );
    app.delete(
      '/api/programme/versions/:id',
      {
        config: { access: 'programme.manage' },
        schema: {
          tags,
          summary: 'Discard a draft',
          params: IdParamsSchema,
          response: { 200: OkSchema, ...errors },
        },
      },
      async (request) => {
        await deleteDraft({ ...changeContext(deps, request), id: request.params.id });
        return { ok: true as const };
      },
    );
    app.post(
      '/api/programme/versions/:id/adopt',
      {
        config: { access: 'programme.manage' },
        schema: {
          tags,
          summary: 'Adopt a draft; the version in force is retired by the same decision',
          params: IdParamsSchema,
          body: AdoptVersionRequestSchema,
          response: { 200: VersionSchema, ...errors },
        },
      },
      async (request) =>
        adoptVersion({ ...changeContext(deps, request), id: request.params.id, input: request.body }),
    );
    app.post(
      '/api/programme/versions/:id/retire',
      {
        config: { access: 'programme.manage' },
        schema: {
          tags,
          summary: 'Retire the version in force without a successor',
          params: IdParamsSchema,
          body: RetireVersionRequestSchema,
          response: { 200: VersionSchema, ...errors },
        },
      },
      async (request) =>
        retireVersion({ ...changeContext(deps, request), id: request.params.id, input: request.body }),
    );
    app.get(
      '/api/programme/external-documents',
      {
        config: { access: 'user' },
        schema: {
          tags,
          summary: 'Steering documents from outside the organisation, which versions can relate to',
          response: { 200: ExternalDocumentListResponseSchema, ...errors },
        },
      },
      async () => ({ items: await listExternalDocuments({ deps }) }),
    );
    app.post(
      '/api/programme/external-documents',
      {
        config: { access: 'programme.manage' },
        schema: {
          tags,
          summary: 'Register an external steering document (title, issuer, year, reference)',
          body: CreateExternalDocumentRequestSchema,
          response: { 201: ExternalDocumentSchema, ...errors },
        },
      },
      async (request, reply) => {
        const created = await createExternalDocument({
          ...changeContext(deps, request),
          input: request.body,
        });
        reply.code(201);
        return created;
      },
    );

    await app.register(partsRoutes(deps));
  };
}
