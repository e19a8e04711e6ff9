import crypto from 'node:crypto';
import type { Role } from '../../../src/domain/roles.ts';
import { samplePng } from '../../../src/server/platform/file-sniff.fixtures.ts';
import type { MatrixContext, MatrixEntry } from '../route-matrix.ts';

/** Matrix entries for the incident taxonomy and reporting routes (see route-matrix.ts for the shape). */

const REPORTERS: Role[] = [
  'security_coordinator',
  'crime_prevention_coordinator',
  'manager',
  'employee',
  'case_worker',
  'elected_official',
];
const HANDLERS: Role[] = ['security_coordinator', 'crime_prevention_coordinator', 'manager'];
const CITY_WIDE = 'the incident taxonomy is the whole city’s reference data, not tied to one organisation';
const MANAGE_TYPES: Pick<MatrixEntry, 'access' | 'roles'> = {
  access: 'incident_types.manage',
  roles: ['administrator'],
};

async function typeId(ctx: MatrixContext, code: string): Promise<string> {
  const row = await ctx.t.database.db
    .selectFrom('incident_types' as never)
    .select('id' as never)
    .where('code' as never, '=', code as never)
    .executeTakeFirstOrThrow();
  return (row as { id: string }).id;
}

const typeCode = (ctx: MatrixContext) => ctx.unique('matris_typ').replace(/\s+/g, '_');

const typeBody = (ctx: MatrixContext) => ({
  code: typeCode(ctx),
  groupCode: 'crime',
  labelSv: 'Matristyp',
  labelEn: 'Matrix type',
  descriptionSv: null,
  descriptionEn: null,
  focusAreas: ['crime'],
  workEnvironmentKinds: [],
  serious: false,
  needToKnow: false,
  anonymousAllowed: false,
  threatRegister: false,
  retentionMonths: null,
  retentionAction: 'anonymise',
});

/** A type of its own, written straight to the database. */
async function aType(ctx: MatrixContext): Promise<string> {
  const db = ctx.t.database.db;
  const row = await db
    .insertInto('incident_types' as never)
    .values({ code: typeCode(ctx), group_code: 'crime' } as never)
    .returning('id' as never)
    .executeTakeFirstOrThrow();
  const id = (row as { id: string }).id;
  await db
    .insertInto('incident_type_versions' as never)
    .values({ type_id: id, version: 1, label_sv: 'Typ', label_en: 'Type', focus_areas: ['crime'] } as never)
    .execute();
  return id;
}

async function report(ctx: MatrixContext, extra: Record<string, unknown> = {}) {
  return {
    typeId: await typeId(ctx, 'theft'),
    occurredAt: new Date(ctx.t.clock.now().getTime() - 3_600_000).toISOString(),
    affectedKind: 'employee',
    description: 'Cykeln stulen från cykelstället',
    policeCalled: false,
    injury: false,
    ...extra,
  };
}

async function facilityOf(ctx: MatrixContext, organisationId: string): Promise<string> {
  const row = await ctx.t.database.db
    .insertInto('facilities')
    .values({ name: ctx.unique('Förskolan'), type_code: 'preschool', organisation_id: organisationId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const batch = (ctx: MatrixContext, organisationId: string) => ({
  system: 'matris',
  reports: [
    {
      externalId: crypto.randomUUID(),
      typeCode: 'theft',
      occurredAt: new Date(ctx.t.clock.now().getTime() - 3_600_000).toISOString(),
      organisationId,
      affectedKind: 'unknown',
      description: 'Inbrott i förrådet',
    },
  ],
});

export const INCIDENT_REPORTS_MATRIX: Record<string, MatrixEntry> = {
  'GET /api/incident-taxonomy': {
    access: 'user',
    success: 200,
    own: async () => ({ url: '/api/incident-taxonomy?all=true' }),
    notScoped: CITY_WIDE,
  },
  'POST /api/incident-types': {
    ...MANAGE_TYPES,
    success: 201,
    own: async (ctx) => ({ url: '/api/incident-types', body: typeBody(ctx) }),
    cityWide: CITY_WIDE,
  },
  'PATCH /api/incident-types/:id': {
    ...MANAGE_TYPES,
    success: 200,
    own: async (ctx) => ({ url: `/api/incident-types/${await aType(ctx)}`, body: { labelSv: 'Ändrad typ' } }),
    cityWide: CITY_WIDE,
  },
  'GET /api/incident-types/:id/versions': {
    ...MANAGE_TYPES,
    success: 200,
    own: async (ctx) => ({ url: `/api/incident-types/${await aType(ctx)}/versions` }),
    cityWide: CITY_WIDE,
  },
  'POST /api/incident-uploads': {
    access: 'incidents.report',
    roles: REPORTERS,
    success: 201,
    own: async () => ({ url: '/api/incident-uploads', body: samplePng() }),
    notScoped: 'an upload belongs to the user who made it, not to an organisation',
  },
  'DELETE /api/incident-uploads/:id': {
    access: 'incidents.report',
    roles: REPORTERS,
    success: 200,
    own: async () => ({ url: `/api/incident-uploads/${crypto.randomUUID()}` }),
    notScoped: 'removes only the caller’s own uploads; another’s is left (tested in reports.test.ts)',
  },
  'POST /api/incidents': {
    access: 'incidents.report',
    roles: REPORTERS,
    success: 201,
    own: async (ctx) => ({ url: '/api/incidents', body: await report(ctx) }),
    other: async (ctx) => [
      { url: '/api/incidents', body: await report(ctx, { organisationId: ctx.committeeB }) },
      {
        url: '/api/incidents',
        body: await report(ctx, { facilityId: await facilityOf(ctx, ctx.committeeB) }),
      },
    ],
  },
  'POST /api/incidents/batch': {
    access: 'incidents.handle',
    roles: HANDLERS,
    success: 200,
    own: async (ctx) => ({ url: '/api/incidents/batch', body: batch(ctx, ctx.committeeA) }),
    other: async (ctx) => [
      { url: '/api/incidents/batch', body: batch(ctx, ctx.committeeB) },
      { url: '/api/incidents/batch', body: batch(ctx, ctx.t.rootId) },
    ],
  },
};
