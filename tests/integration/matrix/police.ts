import type { Role } from '../../../src/domain/roles.ts';
import type { MatrixEntry } from '../route-matrix.ts';

/**
 * Police events are the whole city's (one feed for the municipality, not one organisation's): only
 * holders of `statistics.manage` at the municipality upload them, map their types and review where they
 * were placed.
 */
const CITY_WIDE = "police events are the whole city's, imported and mapped at the municipality";
const MANAGE = { access: 'statistics.manage', roles: ['administrator', 'city_analyst'] as Role[] } as const;

let nextId = 900_000_000;

/** Matrix entries for the police events routes (see route-matrix.ts for the shape). */
export const POLICE_MATRIX: Record<string, MatrixEntry> = {
  'POST /api/statistics/police/imports': {
    ...MANAGE,
    success: 202,
    // The task refuses the event (no datetime) and writes nothing — an import that wrote would leave
    // an audit entry after the request answered, while the matrix counts entries of later requests.
    own: async () => ({
      url: '/api/statistics/police/imports?fileName=matrix.json',
      body: [{ id: nextId++, name: '12 mars 21.14, Misshandel, Stockholm', type: 'Misshandel' }],
    }),
    cityWide: CITY_WIDE,
  },
  'GET /api/statistics/police/mappings': {
    ...MANAGE,
    success: 200,
    own: async () => ({ url: '/api/statistics/police/mappings' }),
    cityWide: CITY_WIDE,
  },
  'PUT /api/statistics/police/mappings': {
    ...MANAGE,
    success: 200,
    own: async () => ({
      url: '/api/statistics/police/mappings',
      body: {
        policeType: 'Misshandel',
        incidentTypeId: null,
        focusAreas: ['crime'],
        violentExtremism: false,
        counted: true,
      },
    }),
    cityWide: CITY_WIDE,
  },
  'GET /api/statistics/police/unmapped': {
    ...MANAGE,
    success: 200,
    own: async () => ({ url: '/api/statistics/police/unmapped' }),
    cityWide: CITY_WIDE,
  },
  'GET /api/statistics/police/events': {
    ...MANAGE,
    success: 200,
    own: async () => ({ url: '/api/statistics/police/events?level=municipality&limit=5' }),
    cityWide: CITY_WIDE,
  },
  'GET /api/statistics/police/feed': {
    ...MANAGE,
    success: 200,
    own: async () => ({ url: '/api/statistics/police/feed' }),
    cityWide: CITY_WIDE,
  },
};
