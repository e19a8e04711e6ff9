import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ERROR_RESPONSES,
  ErrorResponseSchema,
  IdParamsSchema,
  OkSchema,
} from '../../../domain/api/common.ts';
import {
  CaseReferenceRequestSchema,
  CreateThreatEntryRequestSchema,
  ThreatCaseListResponseSchema,
  ThreatCaseSchema,
  ThreatEntryListQuerySchema,
  ThreatEntryListResponseSchema,
  ThreatEntrySchema,
  ThreatGrantRequestSchema,
  ThreatLookupRequestSchema,
  ThreatLookupResponseSchema,
  UpdateThreatEntryRequestSchema,
} from '../../../domain/api/threat-register.ts';
import type { AppDeps } from '../../platform/context.ts';
import { requestMeta } from '../auth/auth.routes.ts';
import { deleteMyCase, listMyCases, lookupCaseReference, registerCase } from './threat-cases.usecases.ts';
import {
  createEntry,
  deleteEntry,
  grantCaseWorkerAccess,
  listEntries,
  updateEntry,
} from './threat-entries.usecases.ts';

const tags = ['threat-register'];
const errors = ERROR_RESPONSES;

/** The known-threat register (part 5): case workers' warnings and the security coordinator's review. */
export function threatRegisterRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/threat-register/cases',
      {
        config: { access: 'threat_register.lookup' },
        schema: {
          tags,
          summary: 'The cases you handle, each with its current known-threat warnings (look-ups audited)',
          response: { 200: ThreatCaseListResponseSchema, ...errors },
        },
      },
      async (request) => listMyCases({ deps, caller: request.actor!, meta: requestMeta(request) }),
    );

    app.post(
      '/api/threat-register/cases',
      {
        config: { access: 'threat_register.lookup' },
        schema: {
          tags,
          summary:
            'Register that you handle a case (by its case reference, kept only as a keyed hash) and get its warnings',
          body: CaseReferenceRequestSchema,
          response: { 200: ThreatCaseSchema, 201: ThreatCaseSchema, ...errors },
        },
      },
      async (request, reply) => {
        const result = await registerCase({
          deps,
          caller: request.actor!,
          input: request.body,
          meta: requestMeta(request),
        });
        reply.code(result.created ? 201 : 200);
        return result.case;
      },
    );

    app.delete(
      '/api/threat-register/cases/:id',
      {
        config: { access: 'threat_register.lookup' },
        schema: {
          tags,
          summary: 'Stop following one of your cases',
          params: IdParamsSchema,
          response: { 200: OkSchema, ...errors },
        },
      },
      async (request) => {
        await deleteMyCase({
          deps,
          caller: request.actor!,
          id: request.params.id,
          meta: requestMeta(request),
        });
        return { ok: true as const };
      },
    );

    app.post(
      '/api/threat-register/lookup',
      {
        config: { access: 'threat_register.lookup' },
        schema: {
          tags,
          summary: 'Check a case reference once, storing nothing but the audit entry',
          body: ThreatLookupRequestSchema,
          response: { 200: ThreatLookupResponseSchema, ...errors },
        },
      },
      async (request) =>
        lookupCaseReference({
          deps,
          caller: request.actor!,
          input: request.body,
          meta: requestMeta(request),
        }),
    );

    app.get(
      '/api/threat-register/entries',
      {
        config: { access: 'threat_register.manage' },
        schema: {
          tags,
          summary:
            'The register of your organisations, with the case workers whose cases match (read audited)',
          querystring: ThreatEntryListQuerySchema,
          response: { 200: ThreatEntryListResponseSchema, ...errors },
        },
      },
      async (request) =>
        listEntries({ deps, caller: request.actor!, query: request.query, meta: requestMeta(request) }),
    );

    app.post(
      '/api/threat-register/entries',
      {
        config: { access: 'threat_register.manage' },
        schema: {
          tags,
          summary: 'Add an entry from a threat or violence report you handle, under a case reference',
          body: CreateThreatEntryRequestSchema,
          response: { 201: ThreatEntrySchema, 409: ErrorResponseSchema, ...errors },
        },
      },
      async (request, reply) => {
        const created = await createEntry({
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
      '/api/threat-register/entries/:id',
      {
        config: { access: 'threat_register.manage' },
        schema: {
          tags,
          summary: 'Correct an entry: its case reference (hashed again), dates or note',
          params: IdParamsSchema,
          body: UpdateThreatEntryRequestSchema,
          response: { 200: ThreatEntrySchema, ...errors },
        },
      },
      async (request) =>
        updateEntry({
          deps,
          caller: request.actor!,
          id: request.params.id,
          input: request.body,
          meta: requestMeta(request),
        }),
    );

    app.delete(
      '/api/threat-register/entries/:id',
      {
        config: { access: 'threat_register.manage' },
        schema: {
          tags,
          summary: 'Delete an entry from the register',
          params: IdParamsSchema,
          response: { 200: OkSchema, ...errors },
        },
      },
      async (request) => {
        await deleteEntry({
          deps,
          caller: request.actor!,
          id: request.params.id,
          meta: requestMeta(request),
        });
        return { ok: true as const };
      },
    );

    app.post(
      '/api/threat-register/entries/:id/grants',
      {
        config: { access: 'threat_register.manage' },
        schema: {
          tags,
          summary: "Give the case worker of a matching case access to the entry's report",
          params: IdParamsSchema,
          body: ThreatGrantRequestSchema,
          response: { 201: ThreatEntrySchema, 409: ErrorResponseSchema, ...errors },
        },
      },
      async (request, reply) => {
        const entry = await grantCaseWorkerAccess({
          deps,
          caller: request.actor!,
          id: request.params.id,
          input: request.body,
          meta: requestMeta(request),
        });
        reply.code(201);
        return entry;
      },
    );
  };
}
