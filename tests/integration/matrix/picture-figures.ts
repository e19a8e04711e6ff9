import type { Role } from '../../../src/domain/roles.ts';
import { createOrganisation } from '../../support/test-app.ts';
import type { MatrixEntry } from '../route-matrix.ts';

/** Matrix entries for the live picture figures routes (see route-matrix.ts for the shape). */

const PICTURE_READERS: Role[] = [
  'city_analyst',
  'security_coordinator',
  'crime_prevention_coordinator',
  'manager',
];
const PERIOD = 'from=2025-01&to=2025-12';

export const PICTURE_FIGURES_MATRIX: Record<string, MatrixEntry> = {
  'GET /api/pictures/figures': {
    access: 'pictures.read',
    roles: PICTURE_READERS,
    success: 200,
    own: async (ctx) => ({ url: `/api/pictures/figures?organisation=${ctx.committeeA}&${PERIOD}` }),
    // Another committee's picture is refused. (Chosen areas and, for holders of aggregates.read_city,
    // the whole city are aggregates open to every holder of pictures.read: figures.test.ts.)
    other: async (ctx) => [{ url: `/api/pictures/figures?organisation=${ctx.committeeB}&${PERIOD}` }],
  },
  'GET /api/pictures/scopes': {
    access: 'pictures.read',
    roles: PICTURE_READERS,
    success: 200,
    own: async () => ({ url: '/api/pictures/scopes' }),
    list: {
      seed: async (ctx) => ({
        own: await createOrganisation(ctx.t, ctx.unique('Bolag A'), 'company', ctx.committeeA),
        other: await createOrganisation(ctx.t, ctx.unique('Bolag B'), 'company', ctx.committeeB),
      }),
      ids: (body) => (body as { organisations: { id: string }[] }).organisations.map((o) => o.id),
    },
  },
};
