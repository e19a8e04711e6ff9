import {
  insertArea,
  insertResponsibility,
  insertUnit,
  makeDistrictCommittee,
} from '../../../src/server/modules/organisations/organisations.fixtures.ts';
import type { MatrixContext, MatrixEntry } from '../route-matrix.ts';

/**
 * Matrix entries for the organisation-structure routes (see route-matrix.ts for the shape). Changing
 * an organisation is managing its parent, so the "own" resources are units inside committee A; the
 * committee itself (whose parent is the municipality) is among the refused ones.
 */

const unit = (ctx: MatrixContext, parentId: string) =>
  insertUnit(ctx.t.database.db, ctx.unique('Enhet'), parentId);

/** A district committee's responsibility for a fresh area. */
async function responsibility(ctx: MatrixContext, committeeId: string) {
  await makeDistrictCommittee(ctx.t.database.db, committeeId);
  const areaId = await insertArea(ctx.t.database.db, ctx.unique('Område'));
  return insertResponsibility(ctx.t.database.db, { organisationId: committeeId, areaId });
}

export const ORGANISATION_STRUCTURE_MATRIX: Record<string, MatrixEntry> = {
  'PATCH /api/organisations/:id': {
    access: 'organisations.manage',
    roles: ['administrator'],
    success: 200,
    own: async (ctx) => ({
      url: `/api/organisations/${await unit(ctx, ctx.committeeA)}`,
      body: { name: ctx.unique('Nytt namn') },
    }),
    other: async (ctx) => [
      { url: `/api/organisations/${await unit(ctx, ctx.committeeB)}`, body: { name: ctx.unique('Namn') } },
      { url: `/api/organisations/${ctx.committeeA}`, body: { name: ctx.unique('Namn') } },
      { url: `/api/organisations/${await unit(ctx, ctx.committeeA)}`, body: { parentId: ctx.committeeB } },
    ],
  },
  'POST /api/organisations/:id/end': {
    access: 'organisations.manage',
    roles: ['administrator'],
    success: 200,
    own: async (ctx) => ({
      url: `/api/organisations/${await unit(ctx, ctx.committeeA)}/end`,
      body: { date: '2030-06-30' },
    }),
    other: async (ctx) => [
      { url: `/api/organisations/${await unit(ctx, ctx.committeeB)}/end`, body: { date: '2030-06-30' } },
      { url: `/api/organisations/${ctx.committeeA}/end`, body: { date: '2030-06-30' } },
    ],
  },
  'POST /api/organisations/merge': {
    access: 'organisations.manage',
    roles: ['administrator'],
    success: 201,
    own: async (ctx) => ({
      url: '/api/organisations/merge',
      body: {
        organisationIds: [await unit(ctx, ctx.committeeA), await unit(ctx, ctx.committeeA)],
        date: '2030-07-01',
        name: ctx.unique('Sammanslagen'),
      },
    }),
    other: async (ctx) => [
      {
        url: '/api/organisations/merge',
        body: {
          organisationIds: [await unit(ctx, ctx.committeeB), await unit(ctx, ctx.committeeB)],
          date: '2030-07-01',
          name: ctx.unique('Sammanslagen'),
        },
      },
      {
        url: '/api/organisations/merge',
        body: {
          organisationIds: [await unit(ctx, ctx.committeeA), await unit(ctx, ctx.committeeB)],
          date: '2030-07-01',
          name: ctx.unique('Sammanslagen'),
        },
      },
    ],
  },
  'POST /api/organisations/:id/split': {
    access: 'organisations.manage',
    roles: ['administrator'],
    success: 201,
    own: async (ctx) => ({
      url: `/api/organisations/${await unit(ctx, ctx.committeeA)}/split`,
      body: { date: '2030-07-01', successors: [{ name: ctx.unique('Del') }, { name: ctx.unique('Del') }] },
    }),
    other: async (ctx) => [
      {
        url: `/api/organisations/${await unit(ctx, ctx.committeeB)}/split`,
        body: { date: '2030-07-01', successors: [{ name: ctx.unique('Del') }, { name: ctx.unique('Del') }] },
      },
      {
        url: `/api/organisations/${ctx.committeeA}/split`,
        body: { date: '2030-07-01', successors: [{ name: ctx.unique('Del') }, { name: ctx.unique('Del') }] },
      },
    ],
  },
  'POST /api/organisations/:id/areas': {
    access: 'organisations.manage',
    roles: ['administrator'],
    success: 201,
    own: async (ctx) => {
      await makeDistrictCommittee(ctx.t.database.db, ctx.committeeA);
      const areaId = await insertArea(ctx.t.database.db, ctx.unique('Område'));
      return { url: `/api/organisations/${ctx.committeeA}/areas`, body: { areaId } };
    },
    other: async (ctx) => {
      await makeDistrictCommittee(ctx.t.database.db, ctx.committeeB);
      const areaId = await insertArea(ctx.t.database.db, ctx.unique('Område'));
      return [{ url: `/api/organisations/${ctx.committeeB}/areas`, body: { areaId } }];
    },
  },
  'PATCH /api/organisations/:id/areas/:responsibilityId': {
    access: 'organisations.manage',
    roles: ['administrator'],
    success: 200,
    own: async (ctx) => ({
      url: `/api/organisations/${ctx.committeeA}/areas/${await responsibility(ctx, ctx.committeeA)}`,
      body: { validTo: '2031-12-31' },
    }),
    other: async (ctx) => {
      const theirs = await responsibility(ctx, ctx.committeeB);
      return [
        { url: `/api/organisations/${ctx.committeeB}/areas/${theirs}`, body: { validTo: '2031-12-31' } },
        // Another committee's responsibility reached through the caller's own committee.
        { url: `/api/organisations/${ctx.committeeA}/areas/${theirs}`, body: { validTo: '2031-12-31' } },
      ];
    },
  },
  'DELETE /api/organisations/:id/areas/:responsibilityId': {
    access: 'organisations.manage',
    roles: ['administrator'],
    success: 200,
    own: async (ctx) => ({
      url: `/api/organisations/${ctx.committeeA}/areas/${await responsibility(ctx, ctx.committeeA)}`,
    }),
    other: async (ctx) => {
      const theirs = await responsibility(ctx, ctx.committeeB);
      return [
        { url: `/api/organisations/${ctx.committeeB}/areas/${theirs}` },
        { url: `/api/organisations/${ctx.committeeA}/areas/${theirs}` },
      ];
    },
  },
  'GET /api/organisations/import-template': {
    access: 'organisations.manage',
    roles: ['administrator'],
    success: 200,
    own: async () => ({ url: '/api/organisations/import-template' }),
    notScoped: 'the same template for everyone; it holds no data',
  },
  'POST /api/organisations/import': {
    access: 'organisations.manage',
    roles: ['administrator'],
    success: 200,
    own: async (ctx) => ({
      url: '/api/organisations/import',
      body: { csv: `name,kind,parent\n${ctx.unique('Importerad enhet')},unit,Nämnd A\n` },
    }),
    notScoped:
      "rows are checked one by one against the caller's organisations: a row outside them is that row's error in the report (400, nothing written), tested in organisations-import.test.ts",
  },
};
