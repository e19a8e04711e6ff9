import type { Role } from '../../../src/domain/roles.ts';
import { seedIncident } from '../../support/incidents.ts';
import type { MatrixContext, MatrixEntry } from '../route-matrix.ts';

/** Matrix entries for the incident-lists routes (see route-matrix.ts for the shape). */

const HANDLERS: Role[] = ['security_coordinator', 'crime_prevention_coordinator', 'manager'];
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

/** An ordinary incident (a theft) of `organisationId` with coordinates, written straight to the database. */
async function seedLocatedIncident(ctx: MatrixContext, organisationId: string): Promise<string> {
  const row = await seedIncident(ctx.t.database.db, {
    organisationId,
    typeCode: 'theft',
    occurredAt: ctx.t.clock.now(),
    lat: 59.33,
    lon: 18.06,
  });
  return row.id;
}

async function seedFacility(ctx: MatrixContext, organisationId: string): Promise<string> {
  const row = await ctx.t.database.db
    .insertInto('facilities')
    .values({ name: ctx.unique('Fritidsgården'), type_code: 'youth_centre', organisation_id: organisationId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export const INCIDENT_LISTS_MATRIX: Record<string, MatrixEntry> = {
  'GET /api/incidents': {
    access: 'user',
    success: 200,
    own: async () => ({ url: '/api/incidents?scope=mine' }),
    notScoped:
      "scope=mine lists only the caller's own reports and involvement; scope=handling needs incidents.handle " +
      "and goes through the access rule's SQL filter (another committee's incidents never listed: list.test.ts)",
  },
  'GET /api/incidents/map': {
    access: 'incidents.handle',
    roles: HANDLERS,
    success: 200,
    own: async () => ({ url: '/api/incidents/map' }),
    list: {
      seed: async (ctx) => ({
        own: await seedLocatedIncident(ctx, ctx.committeeA),
        other: await seedLocatedIncident(ctx, ctx.committeeB),
      }),
      ids: (body) => (body as { points: { id: string }[] }).points.map((p) => p.id),
    },
  },
  'GET /api/incidents/export': {
    access: 'incidents.handle',
    roles: HANDLERS,
    success: 200,
    own: async () => ({ url: '/api/incidents/export?format=csv' }),
    other: async (ctx) => [
      { url: `/api/incidents/export?format=csv&organisationId=${ctx.committeeB}` },
      { url: `/api/incidents/export?format=xlsx&unitId=${ctx.committeeB}` },
    ],
  },
  'GET /api/facilities/:id/observations': {
    access: 'organisations.read',
    roles: READERS,
    success: 200,
    own: async (ctx) => ({ url: `/api/facilities/${await seedFacility(ctx, ctx.committeeA)}/observations` }),
    other: async (ctx) => [
      { url: `/api/facilities/${await seedFacility(ctx, ctx.committeeB)}/observations` },
    ],
  },
};
