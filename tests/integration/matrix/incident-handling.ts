import crypto from 'node:crypto';
import type { Role } from '../../../src/domain/roles.ts';
import { incidentsDb } from '../../../src/server/modules/incidents/incidents.tables.ts';
import { type SeedIncident, seedIncident } from '../../support/incidents.ts';
import type { MatrixContext, MatrixEntry } from '../route-matrix.ts';

/** Matrix entries for the incident-handling routes (see route-matrix.ts for the shape). */

const HANDLERS: Role[] = ['security_coordinator', 'crime_prevention_coordinator', 'manager'];
const itemIds = (body: unknown) => (body as { items: { id: string }[] }).items.map((i) => i.id);

const seed = (ctx: MatrixContext, organisationId: string, extra: Partial<SeedIncident> = {}) =>
  seedIncident(ctx.t.database.db, { organisationId, ...extra });

/**
 * An incident of `organisationId` that every user so far is involved in (granted access), so that
 * whoever the matrix signs in as may read it or comment as a participant; those holding
 * incidents.handle in the organisation also handle it, need-to-know or not.
 */
async function involvingEveryone(
  ctx: MatrixContext,
  organisationId: string,
  extra: Partial<SeedIncident> = {},
) {
  const incident = await seed(ctx, organisationId, extra);
  const users = await ctx.t.database.db.selectFrom('users').select('id').execute();
  await incidentsDb(ctx.t.database.db)
    .insertInto('incident_participants')
    .values(users.map((u) => ({ incident_id: incident.id, user_id: u.id, role: 'granted' as const })))
    .onConflict((oc) => oc.doNothing())
    .execute();
  return incident;
}

async function attachment(ctx: MatrixContext, incidentId: string) {
  const content = Buffer.from('%PDF-1.4\n%%EOF\n');
  const row = await incidentsDb(ctx.t.database.db)
    .insertInto('incident_attachments')
    .values({
      incident_id: incidentId,
      file_name: 'bilaga.pdf',
      media_type: 'application/pdf',
      size_bytes: content.length,
      sha256: crypto.createHash('sha256').update(content).digest('hex'),
      content,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return `/api/incidents/${incidentId}/attachments/${row.id}`;
}

async function withSupportItem(ctx: MatrixContext, organisationId: string, everyone: boolean) {
  const incident = everyone
    ? await involvingEveryone(ctx, organisationId, { typeCode: 'threat_employee' })
    : await seed(ctx, organisationId, { typeCode: 'threat_employee' });
  await incidentsDb(ctx.t.database.db)
    .insertInto('incident_support_items')
    .values({
      incident_id: incident.id,
      item: 'support_offered',
      done_on: '2026-03-02',
      recorded_at: new Date(),
    })
    .execute();
  return `/api/incidents/${incident.id}/support-items/support_offered`;
}

async function withGrant(ctx: MatrixContext, organisationId: string) {
  const user = await ctx.user('employee', organisationId);
  const incident = await seed(ctx, organisationId, {
    typeCode: 'threat_employee',
    participants: [{ userId: user.id, role: 'granted' }],
  });
  return `/api/incidents/${incident.id}/grants/${user.id}`;
}

/** A serious event (an ordinary type marked serious) with its 24-hour deadline. */
const serious = (ctx: MatrixContext, organisationId: string) =>
  seed(ctx, organisationId, {
    typeCode: 'fall_slip',
    serious: true,
    authorityDeadlineAt: new Date(ctx.t.clock.now().getTime() + 24 * 3_600_000),
  });

const AUDITED_READ =
  'any signed-in user may ask; the use case answers those involved or handling it and refuses others with 403 — an attempt it audits, so the matrix (which wants refusals to write nothing) cannot try it; need-to-know.test.ts checks other committees, units and uninvolved managers';

export const INCIDENT_HANDLING_MATRIX: Record<string, MatrixEntry> = {
  'GET /api/incidents/authority-deadlines': {
    access: 'incidents.handle',
    roles: HANDLERS,
    success: 200,
    own: async () => ({ url: '/api/incidents/authority-deadlines' }),
    list: {
      seed: async (ctx) => ({
        own: (await serious(ctx, ctx.committeeA)).id,
        other: (await serious(ctx, ctx.committeeB)).id,
      }),
      ids: itemIds,
    },
  },
  'GET /api/incidents/:id': {
    access: 'user',
    success: 200,
    own: async (ctx) => ({ url: `/api/incidents/${(await involvingEveryone(ctx, ctx.committeeA)).id}` }),
    notScoped: AUDITED_READ,
  },
  'GET /api/incidents/:id/attachments/:attachmentId': {
    access: 'user',
    success: 200,
    own: async (ctx) => ({ url: await attachment(ctx, (await involvingEveryone(ctx, ctx.committeeA)).id) }),
    notScoped: AUDITED_READ,
  },
  'POST /api/incidents/:id/transition': {
    access: 'incidents.handle',
    roles: HANDLERS,
    success: 200,
    own: async (ctx) => ({
      url: `/api/incidents/${(await seed(ctx, ctx.committeeA)).id}/transition`,
      body: { to: 'investigating' },
    }),
    other: async (ctx) => [
      {
        url: `/api/incidents/${(await seed(ctx, ctx.committeeB)).id}/transition`,
        body: { to: 'investigating' },
      },
    ],
  },
  'GET /api/incidents/:id/assignable-users': {
    access: 'incidents.handle',
    roles: HANDLERS,
    success: 200,
    own: async (ctx) => ({ url: `/api/incidents/${(await seed(ctx, ctx.committeeA)).id}/assignable-users` }),
    other: async (ctx) => [
      { url: `/api/incidents/${(await seed(ctx, ctx.committeeB)).id}/assignable-users` },
    ],
  },
  'POST /api/incidents/:id/assign': {
    access: 'incidents.handle',
    roles: HANDLERS,
    success: 200,
    own: async (ctx) => ({
      url: `/api/incidents/${(await seed(ctx, ctx.committeeA)).id}/assign`,
      body: { userId: (await ctx.user('manager', ctx.committeeA)).id },
    }),
    other: async (ctx) => [
      {
        url: `/api/incidents/${(await seed(ctx, ctx.committeeB)).id}/assign`,
        body: { userId: (await ctx.user('manager', ctx.committeeB)).id },
      },
    ],
  },
  'POST /api/incidents/:id/comments': {
    access: 'user',
    success: 201,
    own: async (ctx) => ({
      url: `/api/incidents/${(await involvingEveryone(ctx, ctx.committeeA)).id}/comments`,
      body: { body: 'En kommentar', visibility: 'reporter' },
    }),
    notScoped:
      'any signed-in user may ask; only those involved or handling the incident may comment (handling.test.ts, need-to-know.test.ts)',
  },
  'PUT /api/incidents/:id/support-items/:item': {
    access: 'incidents.handle',
    roles: HANDLERS,
    success: 200,
    own: async (ctx) => ({
      url: `/api/incidents/${(await involvingEveryone(ctx, ctx.committeeA, { typeCode: 'threat_employee' })).id}/support-items/risk_assessment`,
      body: { doneOn: '2026-03-02', note: 'Gjord' },
    }),
    other: async (ctx) => [
      {
        url: `/api/incidents/${(await seed(ctx, ctx.committeeB, { typeCode: 'threat_employee' })).id}/support-items/risk_assessment`,
        body: { doneOn: '2026-03-02' },
      },
    ],
  },
  'DELETE /api/incidents/:id/support-items/:item': {
    access: 'incidents.handle',
    roles: HANDLERS,
    success: 200,
    own: async (ctx) => ({ url: await withSupportItem(ctx, ctx.committeeA, true) }),
    other: async (ctx) => [{ url: await withSupportItem(ctx, ctx.committeeB, false) }],
  },
  'POST /api/incidents/:id/grants': {
    access: 'sensitive.read',
    roles: ['security_coordinator'],
    success: 201,
    own: async (ctx) => ({
      url: `/api/incidents/${(await seed(ctx, ctx.committeeA, { typeCode: 'threat_employee' })).id}/grants`,
      body: { userId: (await ctx.user('employee', ctx.committeeA)).id, reason: 'Behöver veta' },
    }),
    other: async (ctx) => [
      {
        url: `/api/incidents/${(await seed(ctx, ctx.committeeB, { typeCode: 'threat_employee' })).id}/grants`,
        body: { userId: (await ctx.user('employee', ctx.committeeB)).id, reason: 'Behöver veta' },
      },
    ],
  },
  'DELETE /api/incidents/:id/grants/:userId': {
    access: 'sensitive.read',
    roles: ['security_coordinator'],
    success: 200,
    own: async (ctx) => ({ url: await withGrant(ctx, ctx.committeeA) }),
    other: async (ctx) => [{ url: await withGrant(ctx, ctx.committeeB) }],
  },
  'POST /api/incidents/:id/authority-report': {
    access: 'incidents.handle',
    roles: HANDLERS,
    success: 200,
    own: async (ctx) => ({
      url: `/api/incidents/${(await serious(ctx, ctx.committeeA)).id}/authority-report`,
      body: { reportedAt: ctx.t.clock.now().toISOString(), reference: 'AV-1' },
    }),
    other: async (ctx) => [
      {
        url: `/api/incidents/${(await serious(ctx, ctx.committeeB)).id}/authority-report`,
        body: { reportedAt: ctx.t.clock.now().toISOString() },
      },
    ],
  },
};
