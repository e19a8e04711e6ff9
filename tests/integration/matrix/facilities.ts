import type { Role } from '../../../src/domain/roles.ts';
import type { MatrixContext, MatrixEntry } from '../route-matrix.ts';

/** Matrix entries for the facilities routes (see route-matrix.ts for the shape). */

const READERS: Role[] = [
  'administrator',
  'city_analyst',
  'security_coordinator',
  'crime_prevention_coordinator',
  'manager',
  'employee',
  'case_worker',
  'elected_official',
  'auditor',
];

const itemIds = (body: unknown) => (body as { items: { id: string }[] }).items.map((i) => i.id);

/** A facility of `organisationId`, written straight to the database. */
async function seedFacility(ctx: MatrixContext, organisationId: string): Promise<string> {
  const row = await ctx.t.database.db
    .insertInto('facilities')
    .values({ name: ctx.unique('Förskolan'), type_code: 'preschool', organisation_id: organisationId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const newFacility = (ctx: MatrixContext, organisationId: string) => ({
  name: ctx.unique('Fritidsgården'),
  type: 'youth_centre',
  organisationId,
  streetAddress: 'Storgatan 1',
  lat: 59.3293,
  lon: 18.0686,
});

export const FACILITIES_MATRIX: Record<string, MatrixEntry> = {
  'GET /api/facility-types': {
    access: 'user',
    success: 200,
    own: async () => ({ url: '/api/facility-types' }),
    notScoped: 'the kinds of facility are the same for everyone',
  },
  'GET /api/facilities': {
    access: 'organisations.read',
    roles: READERS,
    success: 200,
    own: async () => ({ url: '/api/facilities' }),
    list: {
      seed: async (ctx) => ({
        own: await seedFacility(ctx, ctx.committeeA),
        other: await seedFacility(ctx, ctx.committeeB),
      }),
      ids: itemIds,
    },
  },
  'GET /api/facilities/:id': {
    access: 'organisations.read',
    roles: READERS,
    success: 200,
    own: async (ctx) => ({ url: `/api/facilities/${await seedFacility(ctx, ctx.committeeA)}` }),
    other: async (ctx) => [{ url: `/api/facilities/${await seedFacility(ctx, ctx.committeeB)}` }],
  },
  'POST /api/facilities': {
    access: 'facilities.manage',
    roles: ['administrator'],
    success: 201,
    own: async (ctx) => ({ url: '/api/facilities', body: newFacility(ctx, ctx.committeeA) }),
    other: async (ctx) => [
      { url: '/api/facilities', body: newFacility(ctx, ctx.committeeB) },
      { url: '/api/facilities', body: newFacility(ctx, ctx.t.rootId) },
    ],
  },
  'POST /api/facilities/recompute-areas': {
    access: 'facilities.manage',
    roles: ['administrator'],
    success: 200,
    own: async () => ({ url: '/api/facilities/recompute-areas' }),
    notScoped:
      "works only on the facilities of the caller's own organisations (tested in facilities.test.ts)",
  },
  'PATCH /api/facilities/:id': {
    access: 'facilities.manage',
    roles: ['administrator'],
    success: 200,
    own: async (ctx) => ({
      url: `/api/facilities/${await seedFacility(ctx, ctx.committeeA)}`,
      body: { name: ctx.unique('Biblioteket') },
    }),
    other: async (ctx) => [
      { url: `/api/facilities/${await seedFacility(ctx, ctx.committeeB)}`, body: { name: 'Annans' } },
      // Handing one's own facility to another organisation.
      {
        url: `/api/facilities/${await seedFacility(ctx, ctx.committeeA)}`,
        body: { organisationId: ctx.committeeB },
      },
    ],
  },
  'DELETE /api/facilities/:id': {
    access: 'facilities.manage',
    roles: ['administrator'],
    success: 200,
    own: async (ctx) => ({ url: `/api/facilities/${await seedFacility(ctx, ctx.committeeA)}` }),
    other: async (ctx) => [{ url: `/api/facilities/${await seedFacility(ctx, ctx.committeeB)}` }],
  },
};
