import type { Role } from '../../../src/domain/roles.ts';
import type { MatrixEntry } from '../route-matrix.ts';

/**
 * Survey results, population and reported crime are the whole city's statistics, not one
 * organisation's: only holders of `statistics.manage` at the municipality import them and read their
 * history and coverage.
 */
const CITY_WIDE = "statistics are the whole city's, imported and followed at the municipality";
const MANAGE = { access: 'statistics.manage', roles: ['administrator', 'city_analyst'] as Role[] } as const;

/** Matrix entries for the CSV statistics imports routes (see route-matrix.ts for the shape). */
export const STATISTICS_IMPORTS_MATRIX: Record<string, MatrixEntry> = {
  'POST /api/statistics/imports/:kind': {
    ...MANAGE,
    success: 202,
    // The task fails on the unknown area and writes nothing; the upload itself is accepted.
    own: async (ctx) => ({
      url: '/api/statistics/imports/population',
      body: {
        csv: `year;area;gender;age_band;count\n2024;${ctx.unique('Ingenstans')};woman;0-15;10\n`,
        fileName: 'm.csv',
      },
    }),
    cityWide: CITY_WIDE,
  },
  'GET /api/statistics/templates/:kind': {
    ...MANAGE,
    success: 200,
    own: async () => ({ url: '/api/statistics/templates/survey' }),
    cityWide: CITY_WIDE,
  },
  'GET /api/statistics/imports': {
    ...MANAGE,
    success: 200,
    own: async () => ({ url: '/api/statistics/imports?limit=5' }),
    cityWide: CITY_WIDE,
  },
  'GET /api/statistics/coverage': {
    ...MANAGE,
    success: 200,
    own: async () => ({ url: '/api/statistics/coverage' }),
    cityWide: CITY_WIDE,
  },
};
