import { sql } from 'kysely';
import { samplePictureFigures } from '../../support/picture-figures.ts';
import type { MatrixContext, MatrixEntry } from '../route-matrix.ts';

const READERS = ['manager', 'crime_prevention_coordinator', 'security_coordinator', 'city_analyst'] as const;

/** A signed snapshot (with the sample figures) of a new picture of `organisationId`, written straight to the tables. */
async function snapshot(ctx: MatrixContext, organisationId: string): Promise<string> {
  const picture = await sql<{ id: string }>`
    INSERT INTO pictures (municipality_id, organisation_id, title, cycle_year, period_from, period_to,
      compare_from, compare_to, created_at, updated_at)
    VALUES (${ctx.t.rootId}, ${organisationId}, ${ctx.unique('Lägesbild')}, 2025, '2025-01-01', '2025-12-01',
      '2024-01-01', '2024-12-01', now(), now())
    RETURNING id`.execute(ctx.t.deps.db);
  const figures = JSON.stringify({ ...samplePictureFigures(), extremism: null });
  const result = await sql<{ id: string }>`
    INSERT INTO picture_snapshots (picture_id, organisation_id, cycle_year, version, title, figures, analysis,
      notes, status, frozen_at, signed_at)
    VALUES (${picture.rows[0]!.id}, ${organisationId}, 2025, 1, 'Lägesbild', ${figures}::jsonb, '{}', '',
      'signed', now(), now())
    RETURNING id`.execute(ctx.t.deps.db);
  return result.rows[0]!.id;
}

async function picture(ctx: MatrixContext, organisationId: string): Promise<string> {
  const result = await sql<{ id: string }>`
    INSERT INTO pictures (municipality_id, organisation_id, title, cycle_year, period_from, period_to,
      compare_from, compare_to, created_at, updated_at)
    VALUES (${ctx.t.rootId}, ${organisationId}, ${ctx.unique('Lägesbild')}, 2025, '2025-01-01', '2025-12-01',
      '2024-01-01', '2024-12-01', now(), now())
    RETURNING id`.execute(ctx.t.deps.db);
  return result.rows[0]!.id;
}

/** Matrix entries for the picture exports routes (see route-matrix.ts for the shape). */
export const PICTURE_EXPORTS_MATRIX: Record<string, MatrixEntry> = {
  'POST /api/pictures/exports': {
    access: 'pictures.read',
    roles: [...READERS],
    success: 202,
    own: async (ctx) => ({
      url: '/api/pictures/exports',
      body: {
        target: { kind: 'snapshot', id: await snapshot(ctx, ctx.committeeA) },
        format: 'csv',
        locale: 'sv',
      },
    }),
    other: async (ctx) => [
      {
        url: '/api/pictures/exports',
        body: {
          target: { kind: 'snapshot', id: await snapshot(ctx, ctx.committeeB) },
          format: 'csv',
          locale: 'sv',
        },
      },
      {
        url: '/api/pictures/exports',
        body: {
          target: { kind: 'picture', id: await picture(ctx, ctx.committeeB) },
          format: 'pdf',
          locale: 'sv',
        },
      },
      {
        url: '/api/pictures/exports',
        body: {
          target: { kind: 'live', query: { organisation: ctx.committeeB, from: '2025-01', to: '2025-12' } },
          format: 'xlsx',
          locale: 'sv',
        },
      },
    ],
  },
};
