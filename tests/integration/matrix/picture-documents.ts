import { sql } from 'kysely';
import { samplePictureFigures } from '../../support/picture-figures.ts';
import type { MatrixContext, MatrixEntry } from '../route-matrix.ts';

const READERS = ['manager', 'crime_prevention_coordinator', 'security_coordinator', 'city_analyst'] as const;
const MANAGERS = ['crime_prevention_coordinator', 'security_coordinator'] as const;
const CYCLE = ['city_analyst'] as const;
const CITY =
  "the yearly cycle is the executive board's view of every organisation: only holders of pictures.cycle in the municipality follow it";

/** A picture document of `organisationId`, written straight to the table (revision 1). */
async function picture(ctx: MatrixContext, organisationId: string): Promise<string> {
  // Figures are computed over the municipality's areas: give it its root area if it has none.
  await sql`INSERT INTO areas (parent_id, level, name, municipality_id, depth)
    SELECT NULL, 'municipality', 'Staden', ${ctx.t.rootId}, 0
    WHERE NOT EXISTS (SELECT 1 FROM areas WHERE municipality_id = ${ctx.t.rootId} AND parent_id IS NULL)
    ON CONFLICT DO NOTHING`.execute(ctx.t.deps.db);
  const result = await sql<{ id: string }>`
    INSERT INTO pictures (municipality_id, organisation_id, title, cycle_year, period_from, period_to,
      compare_from, compare_to, created_at, updated_at)
    VALUES (${ctx.t.rootId}, ${organisationId}, ${ctx.unique('Lägesbild')}, 2025, '2025-01-01', '2025-12-01',
      '2024-01-01', '2024-12-01', now(), now())
    RETURNING id`.execute(ctx.t.deps.db);
  return result.rows[0]!.id;
}

/** A snapshot of a new picture of `organisationId` in the given state (with a hand-made figures document). */
async function snapshot(
  ctx: MatrixContext,
  organisationId: string,
  status: 'frozen' | 'signed' | 'submitted',
): Promise<string> {
  const pictureId = await picture(ctx, organisationId);
  const result = await sql<{ id: string }>`
    INSERT INTO picture_snapshots (picture_id, organisation_id, cycle_year, version, title, figures, analysis,
      notes, status, frozen_at, signed_at, submitted_at)
    VALUES (${pictureId}, ${organisationId}, 2025, 1, 'Lägesbild',
      ${JSON.stringify({ ...samplePictureFigures(), extremism: null })}, '{}', '', ${status}, now(),
      ${status === 'frozen' ? null : new Date()}, ${status === 'submitted' ? new Date() : null})
    RETURNING id`.execute(ctx.t.deps.db);
  return result.rows[0]!.id;
}

const newPictureBody = (organisationId: string) => ({
  organisationId,
  title: 'Lägesbild 2025',
  cycleYear: 2025,
  period: { from: '2025-01', to: '2025-12' },
});

/** Matrix entries for the picture documents, snapshots and the cycle routes (see route-matrix.ts for the shape). */
export const PICTURE_DOCUMENTS_MATRIX: Record<string, MatrixEntry> = {
  'GET /api/pictures': {
    access: 'pictures.read',
    roles: [...READERS],
    success: 200,
    own: async () => ({ url: '/api/pictures' }),
    list: {
      seed: async (ctx) => ({
        own: await picture(ctx, ctx.committeeA),
        other: await picture(ctx, ctx.committeeB),
      }),
      ids: (body) => (body as { pictures: { id: string }[] }).pictures.map((p) => p.id),
    },
  },
  'POST /api/pictures': {
    access: 'pictures.manage',
    roles: [...MANAGERS],
    success: 201,
    own: async (ctx) => ({ url: '/api/pictures', body: newPictureBody(ctx.committeeA) }),
    other: async (ctx) => [{ url: '/api/pictures', body: newPictureBody(ctx.committeeB) }],
  },
  'GET /api/pictures/:id': {
    access: 'pictures.read',
    roles: [...READERS],
    success: 200,
    own: async (ctx) => ({ url: `/api/pictures/${await picture(ctx, ctx.committeeA)}` }),
    other: async (ctx) => [{ url: `/api/pictures/${await picture(ctx, ctx.committeeB)}` }],
  },
  'PATCH /api/pictures/:id': {
    access: 'pictures.manage',
    roles: [...MANAGERS],
    success: 200,
    own: async (ctx) => ({
      url: `/api/pictures/${await picture(ctx, ctx.committeeA)}`,
      body: { revision: 1, notes: 'Anteckning' },
    }),
    other: async (ctx) => [
      {
        url: `/api/pictures/${await picture(ctx, ctx.committeeB)}`,
        body: { revision: 1, notes: 'Anteckning' },
      },
    ],
  },
  'GET /api/pictures/:id/figures': {
    access: 'pictures.read',
    roles: [...READERS],
    success: 200,
    own: async (ctx) => ({ url: `/api/pictures/${await picture(ctx, ctx.committeeA)}/figures` }),
    other: async (ctx) => [{ url: `/api/pictures/${await picture(ctx, ctx.committeeB)}/figures` }],
  },
  'POST /api/pictures/:id/snapshots': {
    access: 'pictures.manage',
    roles: [...MANAGERS],
    success: 201,
    own: async (ctx) => ({ url: `/api/pictures/${await picture(ctx, ctx.committeeA)}/snapshots` }),
    other: async (ctx) => [{ url: `/api/pictures/${await picture(ctx, ctx.committeeB)}/snapshots` }],
  },
  'GET /api/pictures/snapshots/:id': {
    access: 'pictures.read',
    roles: [...READERS],
    success: 200,
    own: async (ctx) => ({ url: `/api/pictures/snapshots/${await snapshot(ctx, ctx.committeeA, 'frozen')}` }),
    other: async (ctx) => [
      { url: `/api/pictures/snapshots/${await snapshot(ctx, ctx.committeeB, 'frozen')}` },
      { url: `/api/pictures/snapshots/${await snapshot(ctx, ctx.committeeB, 'submitted')}` },
    ],
  },
  'POST /api/pictures/snapshots/:id/sign': {
    access: 'pictures.manage',
    roles: [...MANAGERS],
    success: 200,
    own: async (ctx) => ({
      url: `/api/pictures/snapshots/${await snapshot(ctx, ctx.committeeA, 'frozen')}/sign`,
    }),
    other: async (ctx) => [
      { url: `/api/pictures/snapshots/${await snapshot(ctx, ctx.committeeB, 'frozen')}/sign` },
    ],
  },
  'POST /api/pictures/snapshots/:id/submit': {
    access: 'pictures.manage',
    roles: [...MANAGERS],
    success: 200,
    own: async (ctx) => ({
      url: `/api/pictures/snapshots/${await snapshot(ctx, ctx.committeeA, 'signed')}/submit`,
    }),
    other: async (ctx) => [
      { url: `/api/pictures/snapshots/${await snapshot(ctx, ctx.committeeB, 'signed')}/submit` },
    ],
  },
  'GET /api/pictures/cycle': {
    access: 'pictures.cycle',
    roles: [...CYCLE],
    success: 200,
    own: async () => ({ url: '/api/pictures/cycle?year=2025' }),
    cityWide: CITY,
  },
  'PUT /api/pictures/cycle/:year/deadline': {
    access: 'pictures.cycle',
    roles: [...CYCLE],
    success: 200,
    own: async () => ({ url: '/api/pictures/cycle/2025/deadline', body: { deadline: '2025-11-15' } }),
    cityWide: CITY,
  },
};
