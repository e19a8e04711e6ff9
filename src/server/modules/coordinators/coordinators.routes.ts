import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ERROR_RESPONSES,
  ErrorResponseSchema,
  IdParamsSchema,
  OkSchema,
} from '../../../domain/api/common.ts';
import {
  ComplianceListResponseSchema,
  CoordinatorAssignmentSchema,
  CoordinatorRequirementListResponseSchema,
  CoordinatorRequirementSchema,
  CreateCoordinatorAssignmentRequestSchema,
  CreateCoordinatorRequirementRequestSchema,
  OrganisationComplianceDetailSchema,
  UpdateCoordinatorAssignmentRequestSchema,
} from '../../../domain/api/coordinators.ts';
import type { AppDeps } from '../../platform/context.ts';
import { requestMeta } from '../auth/auth.routes.ts';
import {
  createAssignment,
  createRequirement,
  deleteAssignment,
  deleteRequirement,
  getCompliance,
  getOrganisationCompliance,
  listRequirements,
  syncCoordinatorRoles,
  updateAssignment,
} from './coordinators.usecases.ts';

const tags = ['coordinators'];
const errors = ERROR_RESPONSES;

const ROLE_SYNC_MS = 60 * 60_000;

export function coordinatorsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    // Terms start and end as days pass: keep the roles they grant in step while the server listens
    // (not in tests or tools that only build the app; they call syncCoordinatorRoles themselves).
    let timer: NodeJS.Timeout | undefined;
    const sync = () =>
      syncCoordinatorRoles({ deps }).then(
        (r) => {
          if (r.granted || r.revoked) app.log.info(r, 'coordinator roles brought in line with assignments');
        },
        (err: unknown) => app.log.warn({ err }, 'coordinator role sync failed'),
      );
    app.addHook('onListen', async () => {
      void sync();
      timer = setInterval(sync, ROLE_SYNC_MS);
      timer.unref();
    });
    app.addHook('onClose', async () => clearInterval(timer));

    app.get(
      '/api/compliance',
      {
        config: { access: 'compliance.read' },
        schema: {
          tags,
          summary: 'Organisations in your reach that lack a required coordinator today or within 30 days',
          response: { 200: ComplianceListResponseSchema, ...errors },
        },
      },
      async (request) => getCompliance({ deps, caller: request.actor! }),
    );

    app.get(
      '/api/compliance/:id',
      {
        config: { access: 'compliance.read' },
        schema: {
          tags,
          summary: "One organisation's coordinators today and who held each function when",
          params: IdParamsSchema,
          response: { 200: OrganisationComplianceDetailSchema, ...errors },
        },
      },
      async (request) => getOrganisationCompliance({ deps, caller: request.actor!, id: request.params.id }),
    );

    app.get(
      '/api/coordinator-requirements',
      {
        config: { access: 'compliance.read' },
        schema: {
          tags,
          summary:
            "Which coordinator functions each kind of organisation must have: the city's rules and your organisations'",
          response: { 200: CoordinatorRequirementListResponseSchema, ...errors },
        },
      },
      async (request) => ({ items: await listRequirements({ deps, caller: request.actor! }) }),
    );

    app.post(
      '/api/coordinator-requirements',
      {
        config: { access: 'coordinators.manage' },
        schema: {
          tags,
          summary:
            'Require a coordinator function of every organisation of a kind (in the city or below one)',
          body: CreateCoordinatorRequirementRequestSchema,
          response: { 201: CoordinatorRequirementSchema, 409: ErrorResponseSchema, ...errors },
        },
      },
      async (request, reply) => {
        const created = await createRequirement({
          deps,
          caller: request.actor!,
          input: request.body,
          meta: requestMeta(request),
        });
        reply.code(201);
        return created;
      },
    );

    app.delete(
      '/api/coordinator-requirements/:id',
      {
        config: { access: 'coordinators.manage' },
        schema: {
          tags,
          summary: 'Remove a requirement',
          params: IdParamsSchema,
          response: { 200: OkSchema, ...errors },
        },
      },
      async (request) => {
        await deleteRequirement({
          deps,
          caller: request.actor!,
          id: request.params.id,
          meta: requestMeta(request),
        });
        return { ok: true as const };
      },
    );

    app.post(
      '/api/coordinator-assignments',
      {
        config: { access: 'coordinators.manage' },
        schema: {
          tags,
          summary: 'Assign a person (or a deputy) to a coordinator function for a term',
          body: CreateCoordinatorAssignmentRequestSchema,
          response: { 201: CoordinatorAssignmentSchema, 409: ErrorResponseSchema, ...errors },
        },
      },
      async (request, reply) => {
        const created = await createAssignment({
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
      '/api/coordinator-assignments/:id',
      {
        config: { access: 'coordinators.manage' },
        schema: {
          tags,
          summary: "Change a term's dates; end an assignment by giving it an end date",
          params: IdParamsSchema,
          body: UpdateCoordinatorAssignmentRequestSchema,
          response: { 200: CoordinatorAssignmentSchema, 409: ErrorResponseSchema, ...errors },
        },
      },
      async (request) =>
        updateAssignment({
          deps,
          caller: request.actor!,
          id: request.params.id,
          input: request.body,
          meta: requestMeta(request),
        }),
    );

    app.delete(
      '/api/coordinator-assignments/:id',
      {
        config: { access: 'coordinators.manage' },
        schema: {
          tags,
          summary: 'Remove an assignment entered by mistake, before its term starts',
          params: IdParamsSchema,
          response: { 200: OkSchema, 409: ErrorResponseSchema, ...errors },
        },
      },
      async (request) => {
        await deleteAssignment({
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
