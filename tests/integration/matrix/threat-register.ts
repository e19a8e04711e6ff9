import { incidentsDb } from '../../../src/server/modules/incidents/incidents.tables.ts';
import { hashCaseReference } from '../../../src/server/modules/threat-register/threat-register.keys.ts';
import { recordThreat } from '../../../src/server/modules/threat-register/threat-register.usecases.ts';
import { seedIncident } from '../../support/incidents.ts';
import type { MatrixContext, MatrixEntry } from '../route-matrix.ts';

/** Matrix entries for the threat-register routes (see route-matrix.ts for the shape). */

const itemIds = (body: unknown) => (body as { items: { id: string }[] }).items.map((i) => i.id);

/** A threat report of `organisationId`, written straight to the database. */
async function seedThreatIncident(ctx: MatrixContext, organisationId: string): Promise<string> {
  return (await seedIncident(ctx.t.database.db, { organisationId, typeCode: 'threat_employee' })).id;
}

/** A register entry (through the report's use case) for a fresh reference; returns the entry and reference. */
async function seedEntry(ctx: MatrixContext, organisationId: string) {
  const caseReference = ctx.unique('ÄR-2026');
  const incidentId = await seedThreatIncident(ctx, organisationId);
  const type = await incidentsDb(ctx.t.database.db)
    .selectFrom('incidents')
    .select(['type_id', 'occurred_at'])
    .where('id', '=', incidentId)
    .executeTakeFirstOrThrow();
  await recordThreat(ctx.t.database.db, ctx.t.deps, {
    caseReference,
    incidentId,
    organisationId,
    typeId: type.type_id,
    occurredAt: new Date(ctx.t.deps.now().getTime() - 86_400_000),
    createdBy: null,
  });
  const entry = await incidentsDb(ctx.t.database.db)
    .selectFrom('threat_register_entries')
    .select('id')
    .where('incident_id', '=', incidentId)
    .executeTakeFirstOrThrow();
  return { id: entry.id, caseReference };
}

/** A case registered straight in the database by `userId` in `organisationId`. */
async function seedCase(ctx: MatrixContext, userId: string, organisationId: string, caseReference: string) {
  const row = await incidentsDb(ctx.t.database.db)
    .insertInto('threat_register_cases')
    .values({
      user_id: userId,
      organisation_id: organisationId,
      case_ref_hmac: hashCaseReference(ctx.t.deps.config, caseReference)!,
      label: null,
      created_at: ctx.t.deps.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The matrix's own case worker of committee A (the caller of the case-worker routes). */
async function matrixCaseWorker(ctx: MatrixContext): Promise<string> {
  const row = await ctx.t.database.db
    .selectFrom('users')
    .select('id')
    .where('name', '=', 'Matrix case_worker')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** An entry with a case worker's matching case, and the grant request for it. */
async function grantable(ctx: MatrixContext, organisationId: string) {
  const entry = await seedEntry(ctx, organisationId);
  const caseWorker = await ctx.user('case_worker', organisationId);
  const caseId = await seedCase(ctx, caseWorker.id, organisationId, entry.caseReference);
  return {
    url: `/api/threat-register/entries/${entry.id}/grants`,
    body: { caseId, reason: 'Handlägger klientens ärende' },
  };
}

export const THREAT_REGISTER_MATRIX: Record<string, MatrixEntry> = {
  'GET /api/threat-register/cases': {
    access: 'threat_register.lookup',
    roles: ['case_worker'],
    success: 200,
    own: async () => ({ url: '/api/threat-register/cases' }),
    notScoped: "lists only the caller's own cases",
  },
  'POST /api/threat-register/cases': {
    access: 'threat_register.lookup',
    roles: ['case_worker'],
    success: 201,
    own: async (ctx) => ({ url: '/api/threat-register/cases', body: { caseReference: ctx.unique('ÄR') } }),
    other: async (ctx) => [
      {
        url: '/api/threat-register/cases',
        body: { caseReference: ctx.unique('ÄR'), organisationId: ctx.committeeB },
      },
    ],
  },
  'DELETE /api/threat-register/cases/:id': {
    access: 'threat_register.lookup',
    roles: ['case_worker'],
    success: 200,
    own: async (ctx) => ({
      url: `/api/threat-register/cases/${await seedCase(ctx, await matrixCaseWorker(ctx), ctx.committeeA, ctx.unique('ÄR'))}`,
    }),
    other: async (ctx) => {
      const someoneElse = await ctx.user('case_worker', ctx.committeeB);
      return [
        {
          url: `/api/threat-register/cases/${await seedCase(ctx, someoneElse.id, ctx.committeeB, ctx.unique('ÄR'))}`,
        },
      ];
    },
  },
  'POST /api/threat-register/lookup': {
    access: 'threat_register.lookup',
    roles: ['case_worker'],
    success: 200,
    own: async (ctx) => ({ url: '/api/threat-register/lookup', body: { caseReference: ctx.unique('ÄR') } }),
    other: async (ctx) => [
      {
        url: '/api/threat-register/lookup',
        body: { caseReference: ctx.unique('ÄR'), organisationId: ctx.committeeB },
      },
    ],
  },
  'GET /api/threat-register/entries': {
    access: 'threat_register.manage',
    roles: ['security_coordinator'],
    success: 200,
    own: async () => ({ url: '/api/threat-register/entries' }),
    list: {
      seed: async (ctx) => ({
        own: (await seedEntry(ctx, ctx.committeeA)).id,
        other: (await seedEntry(ctx, ctx.committeeB)).id,
      }),
      ids: itemIds,
    },
  },
  'POST /api/threat-register/entries': {
    access: 'threat_register.manage',
    roles: ['security_coordinator'],
    success: 201,
    own: async (ctx) => ({
      url: '/api/threat-register/entries',
      body: { caseReference: ctx.unique('ÄR'), incidentId: await seedThreatIncident(ctx, ctx.committeeA) },
    }),
    other: async (ctx) => [
      {
        url: '/api/threat-register/entries',
        body: { caseReference: ctx.unique('ÄR'), incidentId: await seedThreatIncident(ctx, ctx.committeeB) },
      },
    ],
  },
  'PATCH /api/threat-register/entries/:id': {
    access: 'threat_register.manage',
    roles: ['security_coordinator'],
    success: 200,
    own: async (ctx) => ({
      url: `/api/threat-register/entries/${(await seedEntry(ctx, ctx.committeeA)).id}`,
      body: { note: 'Rättad' },
    }),
    other: async (ctx) => [
      {
        url: `/api/threat-register/entries/${(await seedEntry(ctx, ctx.committeeB)).id}`,
        body: { note: 'Rättad' },
      },
    ],
  },
  'DELETE /api/threat-register/entries/:id': {
    access: 'threat_register.manage',
    roles: ['security_coordinator'],
    success: 200,
    own: async (ctx) => ({
      url: `/api/threat-register/entries/${(await seedEntry(ctx, ctx.committeeA)).id}`,
    }),
    other: async (ctx) => [
      { url: `/api/threat-register/entries/${(await seedEntry(ctx, ctx.committeeB)).id}` },
    ],
  },
  'POST /api/threat-register/entries/:id/grants': {
    access: 'threat_register.manage',
    roles: ['security_coordinator'],
    success: 201,
    own: async (ctx) => grantable(ctx, ctx.committeeA),
    other: async (ctx) => [await grantable(ctx, ctx.committeeB)],
  },
};
