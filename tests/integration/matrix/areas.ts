import { parseAreaImport } from '../../../src/server/modules/areas/import/import.parser.ts';
import { commitAreaImport } from '../../../src/server/modules/areas/import/import.usecases.ts';
import { SYSTEM } from '../../../src/server/platform/actor.ts';
import type { MatrixContext, MatrixEntry } from '../route-matrix.ts';

/**
 * Areas are the city's reference data, not any one organisation's: every signed-in user reads them,
 * and holders of `areas.manage` in the municipality itself import and edit them.
 */
const CITY_WIDE = 'areas are city-wide reference data, not tied to one organisation';

/** A one-feature import (a small square near Stockholm) with a name no other call uses. */
function importInput(ctx: MatrixContext) {
  const name = ctx.unique('Matrisområde');
  const offset = Number(name.split(' ').pop()) * 0.02;
  const lon = 18 + offset;
  const ring = [
    [lon, 59.3],
    [lon + 0.01, 59.3],
    [lon + 0.01, 59.31],
    [lon, 59.31],
    [lon, 59.3],
  ];
  return {
    fileName: 'matris.geojson',
    geojson: JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { name }, geometry: { type: 'Polygon', coordinates: [ring] } },
      ],
    }),
    level: 'neighbourhood',
    nameProperty: 'name',
  };
}

/** An area made through the import use case (as the command line would). */
async function anArea(ctx: MatrixContext): Promise<string> {
  const input = importInput(ctx);
  await commitAreaImport({ deps: ctx.t.deps, caller: SYSTEM, input });
  const name = (JSON.parse(input.geojson) as { features: { properties: { name: string } }[] }).features[0]!
    .properties.name;
  const row = await ctx.t.database.db
    .selectFrom('areas' as never)
    .select('id' as never)
    .where('name' as never, '=', name as never)
    .executeTakeFirstOrThrow();
  return (row as { id: string }).id;
}

const MANAGE: Pick<MatrixEntry, 'access' | 'roles'> = { access: 'areas.manage', roles: ['administrator'] };

/** Matrix entries for the areas routes (see route-matrix.ts for the shape). */
export const AREAS_MATRIX: Record<string, MatrixEntry> = {
  'GET /api/areas': {
    access: 'user',
    success: 200,
    own: async () => ({ url: '/api/areas' }),
    notScoped: CITY_WIDE,
  },
  'GET /api/areas/geojson': {
    access: 'user',
    success: 200,
    own: async () => ({ url: '/api/areas/geojson?level=neighbourhood' }),
    notScoped: CITY_WIDE,
  },
  'GET /api/areas/locate': {
    access: 'user',
    success: 200,
    own: async () => ({ url: '/api/areas/locate?lat=59.305&lon=18.005' }),
    notScoped: CITY_WIDE,
  },
  'GET /api/areas/map-config': {
    access: 'user',
    success: 200,
    own: async () => ({ url: '/api/areas/map-config' }),
    notScoped: 'settings for drawing maps, the same for everyone',
  },
  'GET /api/areas/:id': {
    access: 'user',
    success: 200,
    own: async (ctx) => ({ url: `/api/areas/${await anArea(ctx)}` }),
    notScoped: CITY_WIDE,
  },
  'GET /api/areas/imports': {
    ...MANAGE,
    success: 200,
    own: async () => ({ url: '/api/areas/imports' }),
    cityWide: CITY_WIDE,
  },
  'POST /api/areas/imports/preview': {
    ...MANAGE,
    success: 200,
    own: async (ctx) => ({ url: '/api/areas/imports/preview', body: importInput(ctx) }),
    cityWide: CITY_WIDE,
  },
  'POST /api/areas/imports': {
    ...MANAGE,
    success: 201,
    own: async (ctx) => {
      const input = importInput(ctx);
      return { url: '/api/areas/imports', body: { ...input, previewToken: parseAreaImport(input).sha256 } };
    },
    cityWide: CITY_WIDE,
  },
  'PATCH /api/areas/:id': {
    ...MANAGE,
    success: 200,
    own: async (ctx) => ({ url: `/api/areas/${await anArea(ctx)}`, body: { validFrom: '2020-01-01' } }),
    cityWide: CITY_WIDE,
  },
};
