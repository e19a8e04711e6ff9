import { createAssignment } from '../../../src/server/modules/coordinators/coordinators.usecases.ts';
import { addDays, swedishDate } from '../../../src/server/modules/coordinators/dates.ts';
import { SYSTEM } from '../../../src/server/platform/actor.ts';
import { createOrganisation } from '../../support/test-app.ts';
import type { MatrixContext, MatrixEntry } from '../route-matrix.ts';

/** Matrix entries for the coordinators routes (see route-matrix.ts for the shape). */

const COMPLIANCE_READERS = ['administrator', 'city_analyst', 'security_coordinator', 'manager'] as const;
const MANAGERS = ['administrator'] as const;

const itemIds = (body: unknown) => (body as { items: { id: string }[] }).items.map((i) => i.id);
const today = (ctx: MatrixContext) => swedishDate(ctx.t.deps.now());

/** A deputy term (deputies never collide) for a fresh user of `organisationId`, made by the system. */
async function seedAssignment(ctx: MatrixContext, organisationId: string, startsIn = 0): Promise<string> {
  const user = await ctx.user('employee', organisationId);
  const created = await createAssignment({
    deps: ctx.t.deps,
    caller: SYSTEM,
    input: {
      organisationId,
      function: 'security_coordinator',
      userId: user.id,
      deputy: true,
      startsOn: addDays(today(ctx), startsIn),
      endsOn: null,
    },
  });
  return created.id;
}

/** A requirement set by a fresh company under `organisationId` (so that no two collide). */
async function seedRequirement(ctx: MatrixContext, organisationId: string): Promise<string> {
  const company = await createOrganisation(ctx.t, ctx.unique('Bolag'), 'company', organisationId);
  const row = await ctx.t.database.db
    .insertInto('coordinator_requirements')
    .values({ organisation_id: company, organisation_kind: 'unit', function: 'security_coordinator' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const assignmentBody = async (
  ctx: MatrixContext,
  organisationId: string,
  userOrganisationId = organisationId,
) => ({
  organisationId,
  function: 'crime_prevention_coordinator',
  userId: (await ctx.user('employee', userOrganisationId)).id,
  deputy: true,
  startsOn: today(ctx),
});

export const COORDINATORS_MATRIX: Record<string, MatrixEntry> = {
  'GET /api/compliance': {
    access: 'compliance.read',
    roles: [...COMPLIANCE_READERS],
    success: 200,
    own: async () => ({ url: '/api/compliance' }),
    list: {
      seed: async (ctx) => ({
        own: await createOrganisation(ctx.t, ctx.unique('Bolag A'), 'company', ctx.committeeA),
        other: await createOrganisation(ctx.t, ctx.unique('Bolag B'), 'company', ctx.committeeB),
      }),
      ids: (body) =>
        (body as { items: { organisation: { id: string } }[] }).items.map((i) => i.organisation.id),
    },
  },
  'GET /api/compliance/:id': {
    access: 'compliance.read',
    roles: [...COMPLIANCE_READERS],
    success: 200,
    own: async (ctx) => ({ url: `/api/compliance/${ctx.committeeA}` }),
    other: async (ctx) => [
      { url: `/api/compliance/${ctx.committeeB}` },
      { url: `/api/compliance/${ctx.t.rootId}` },
      { url: `/api/compliance/${crypto.randomUUID()}` },
    ],
  },
  'GET /api/coordinator-requirements': {
    access: 'compliance.read',
    roles: [...COMPLIANCE_READERS],
    success: 200,
    own: async () => ({ url: '/api/coordinator-requirements' }),
    list: {
      seed: async (ctx) => ({
        own: await seedRequirement(ctx, ctx.committeeA),
        other: await seedRequirement(ctx, ctx.committeeB),
      }),
      ids: itemIds,
    },
  },
  'POST /api/coordinator-requirements': {
    access: 'coordinators.manage',
    roles: [...MANAGERS],
    success: 201,
    own: async (ctx) => ({
      url: '/api/coordinator-requirements',
      body: {
        organisationId: await createOrganisation(ctx.t, ctx.unique('Bolag'), 'company', ctx.committeeA),
        organisationKind: 'company',
        function: 'security_coordinator',
      },
    }),
    other: async (ctx) => [
      {
        url: '/api/coordinator-requirements',
        body: { organisationId: ctx.committeeB, organisationKind: 'unit', function: 'security_coordinator' },
      },
      // A rule of the whole city belongs to the municipality's administrators.
      {
        url: '/api/coordinator-requirements',
        body: { organisationKind: 'unit', function: 'security_coordinator' },
      },
    ],
  },
  'DELETE /api/coordinator-requirements/:id': {
    access: 'coordinators.manage',
    roles: [...MANAGERS],
    success: 200,
    own: async (ctx) => ({
      url: `/api/coordinator-requirements/${await seedRequirement(ctx, ctx.committeeA)}`,
    }),
    other: async (ctx) => {
      const cityWide = await ctx.t.database.db
        .selectFrom('coordinator_requirements')
        .select('id')
        .where('organisation_id', 'is', null)
        .executeTakeFirstOrThrow();
      return [
        { url: `/api/coordinator-requirements/${await seedRequirement(ctx, ctx.committeeB)}` },
        { url: `/api/coordinator-requirements/${cityWide.id}` },
      ];
    },
  },
  'POST /api/coordinator-assignments': {
    access: 'coordinators.manage',
    roles: [...MANAGERS],
    success: 201,
    own: async (ctx) => ({
      url: '/api/coordinator-assignments',
      body: await assignmentBody(ctx, ctx.committeeA),
    }),
    other: async (ctx) => [
      { url: '/api/coordinator-assignments', body: await assignmentBody(ctx, ctx.committeeB) },
      // A person of another organisation, whom the caller cannot see, into their own.
      {
        url: '/api/coordinator-assignments',
        body: await assignmentBody(ctx, ctx.committeeA, ctx.committeeB),
      },
    ],
  },
  'PATCH /api/coordinator-assignments/:id': {
    access: 'coordinators.manage',
    roles: [...MANAGERS],
    success: 200,
    own: async (ctx) => ({
      url: `/api/coordinator-assignments/${await seedAssignment(ctx, ctx.committeeA)}`,
      body: { endsOn: addDays(today(ctx), 10) },
    }),
    other: async (ctx) => [
      {
        url: `/api/coordinator-assignments/${await seedAssignment(ctx, ctx.committeeB)}`,
        body: { endsOn: addDays(today(ctx), 10) },
      },
    ],
  },
  'DELETE /api/coordinator-assignments/:id': {
    access: 'coordinators.manage',
    roles: [...MANAGERS],
    success: 200,
    own: async (ctx) => ({
      url: `/api/coordinator-assignments/${await seedAssignment(ctx, ctx.committeeA, 7)}`,
    }),
    other: async (ctx) => [
      { url: `/api/coordinator-assignments/${await seedAssignment(ctx, ctx.committeeB, 7)}` },
    ],
  },
};
