import {
  createFocusArea,
  createGoalArea,
  createIndicator,
  createObjective,
} from '../../../src/server/modules/programme/parts.usecases.ts';
import { type ChangeContext, NO_REQUEST } from '../../../src/server/modules/programme/programme.usecases.ts';
import {
  createExternalDocument,
  createRelation,
} from '../../../src/server/modules/programme/relations.usecases.ts';
import { adoptVersion, createProgramme } from '../../../src/server/modules/programme/versions.usecases.ts';
import { SYSTEM } from '../../../src/server/platform/actor.ts';
import { createOrganisation } from '../../support/test-app.ts';
import type { MatrixContext, MatrixEntry, MatrixRequest } from '../route-matrix.ts';

const text = (s: string) => ({ sv: `${s} (sv)`, en: `${s} (en)` });
const MANAGE = { access: 'programme.manage' as const, roles: ['administrator' as const] };
const READ = {
  access: 'user' as const,
  notScoped: 'programmes are public steering documents: every signed-in user reads them all',
};

/**
 * A programme draft with one of each part, in a new organisation under `parent` (an organisation has
 * one programme, and each call needs a fresh one). Built through the use cases as the system.
 */
async function draftUnder(ctx: MatrixContext, parent: string) {
  const organisationId = await createOrganisation(ctx.t, ctx.unique('Programbolag'), 'company', parent);
  const sys: ChangeContext = { deps: ctx.t.deps, caller: SYSTEM, meta: NO_REQUEST };
  const version = await createProgramme({
    ...sys,
    input: { organisationId, label: '2025–2028', title: text('Program') },
  });
  const goalArea = await createGoalArea({
    ...sys,
    versionId: version.id,
    input: { title: text('Mål'), description: text('D') },
  });
  const focusArea = await createFocusArea({
    ...sys,
    versionId: version.id,
    input: { title: text('F'), description: text('D'), communication: text('K'), goalAreaIds: [goalArea.id] },
  });
  const objective = await createObjective({ ...sys, focusAreaId: focusArea.id, input: { title: text('O') } });
  const indicator = await createIndicator({
    ...sys,
    focusAreaId: focusArea.id,
    input: { name: text('I'), unit: text('%'), direction: 'increase' },
  });
  const external = await createExternalDocument({
    ...sys,
    input: { organisationId, title: text('Extern'), issuer: text('Regeringen'), year: 2017 },
  });
  const relation = await createRelation({
    ...sys,
    versionId: version.id,
    input: { type: 'complements', target: { kind: 'external', id: external.id } },
  });
  return {
    organisationId,
    versionId: version.id,
    goalAreaId: goalArea.id,
    focusAreaId: focusArea.id,
    objectiveId: objective.id,
    indicatorId: indicator.id,
    externalId: external.id,
    relationId: relation.id,
    adopt: () =>
      adoptVersion({
        ...sys,
        id: version.id,
        input: { adoptedOn: '2025-01-10', decisionReference: 'Beslut 1' },
      }),
  };
}

type Draft = Awaited<ReturnType<typeof draftUnder>>;

/** A managing route on a draft: the request for a draft of committee A, and the same on committee B's. */
function onDraft(
  success: number,
  request: (d: Draft) => MatrixRequest | Promise<MatrixRequest>,
): MatrixEntry {
  return {
    ...MANAGE,
    success,
    own: async (ctx) => request(await draftUnder(ctx, ctx.committeeA)),
    other: async (ctx) => [await request(await draftUnder(ctx, ctx.committeeB))],
  };
}

/** The same on an adopted version. */
function onAdopted(success: number, request: (d: Draft) => MatrixRequest): MatrixEntry {
  const adopted = async (ctx: MatrixContext, parent: string) => {
    const d = await draftUnder(ctx, parent);
    await d.adopt();
    return d;
  };
  return {
    ...MANAGE,
    success,
    own: async (ctx) => request(await adopted(ctx, ctx.committeeA)),
    other: async (ctx) => [request(await adopted(ctx, ctx.committeeB))],
  };
}

/** Matrix entries for the programme routes (see route-matrix.ts for the shape). */
export const PROGRAMME_MATRIX: Record<string, MatrixEntry> = {
  'GET /api/programme': { ...READ, success: 200, own: async () => ({ url: '/api/programme' }) },
  'GET /api/programme/versions': {
    ...READ,
    success: 200,
    own: async () => ({ url: '/api/programme/versions' }),
  },
  'GET /api/programme/versions/:id': {
    ...READ,
    success: 200,
    own: async (ctx) => ({
      url: `/api/programme/versions/${(await draftUnder(ctx, ctx.committeeB)).versionId}`,
    }),
  },
  'GET /api/programme/external-documents': {
    ...READ,
    success: 200,
    own: async () => ({ url: '/api/programme/external-documents' }),
  },

  'POST /api/programme': {
    ...MANAGE,
    success: 201,
    own: async (ctx) => ({
      url: '/api/programme',
      body: {
        organisationId: await createOrganisation(ctx.t, ctx.unique('Nytt bolag'), 'company', ctx.committeeA),
        label: '2026',
        title: text('Program'),
      },
    }),
    other: async (ctx) => [
      {
        url: '/api/programme',
        body: {
          organisationId: await createOrganisation(
            ctx.t,
            ctx.unique('Annat bolag'),
            'company',
            ctx.committeeB,
          ),
          label: '2026',
          title: text('Program'),
        },
      },
      {
        url: '/api/programme',
        body: { organisationId: ctx.t.rootId, label: '2026', title: text('Program') },
      },
    ],
  },
  'POST /api/programme/versions': onAdopted(201, (d) => ({
    url: '/api/programme/versions',
    body: { copyOf: d.versionId, label: 'Nästa' },
  })),
  'PATCH /api/programme/versions/:id': onDraft(200, (d) => ({
    url: `/api/programme/versions/${d.versionId}`,
    body: { title: text('Nytt namn') },
  })),
  'DELETE /api/programme/versions/:id': onDraft(200, (d) => ({
    url: `/api/programme/versions/${d.versionId}`,
  })),
  'POST /api/programme/versions/:id/adopt': onDraft(200, (d) => ({
    url: `/api/programme/versions/${d.versionId}/adopt`,
    body: { adoptedOn: '2025-02-03', decisionReference: 'Nämnden 2025-02-03 § 2' },
  })),
  'POST /api/programme/versions/:id/retire': onAdopted(200, (d) => ({
    url: `/api/programme/versions/${d.versionId}/retire`,
    body: { retiredOn: '2025-06-30', decisionReference: 'Nämnden 2025-06-30 § 9' },
  })),

  'POST /api/programme/versions/:id/goal-areas': onDraft(201, (d) => ({
    url: `/api/programme/versions/${d.versionId}/goal-areas`,
    body: { title: text('Mål 2'), description: text('D') },
  })),
  'PATCH /api/programme/goal-areas/:id': onDraft(200, (d) => ({
    url: `/api/programme/goal-areas/${d.goalAreaId}`,
    body: { description: text('Ny') },
  })),
  'DELETE /api/programme/goal-areas/:id': onDraft(200, (d) => ({
    url: `/api/programme/goal-areas/${d.goalAreaId}`,
  })),

  'POST /api/programme/versions/:id/focus-areas': onDraft(201, (d) => ({
    url: `/api/programme/versions/${d.versionId}/focus-areas`,
    body: {
      title: text('F2'),
      description: text('D'),
      communication: text('K'),
      goalAreaIds: [d.goalAreaId],
    },
  })),
  'PATCH /api/programme/focus-areas/:id': onDraft(200, (d) => ({
    url: `/api/programme/focus-areas/${d.focusAreaId}`,
    body: { communication: text('Ny kommunikation') },
  })),
  'DELETE /api/programme/focus-areas/:id': onDraft(200, (d) => ({
    url: `/api/programme/focus-areas/${d.focusAreaId}`,
  })),

  'POST /api/programme/focus-areas/:id/objectives': onDraft(201, (d) => ({
    url: `/api/programme/focus-areas/${d.focusAreaId}/objectives`,
    body: { title: text('O2') },
  })),
  'PATCH /api/programme/objectives/:id': onDraft(200, (d) => ({
    url: `/api/programme/objectives/${d.objectiveId}`,
    body: { description: text('Varför') },
  })),
  'DELETE /api/programme/objectives/:id': onDraft(200, (d) => ({
    url: `/api/programme/objectives/${d.objectiveId}`,
  })),

  'POST /api/programme/focus-areas/:id/indicators': onDraft(201, (d) => ({
    url: `/api/programme/focus-areas/${d.focusAreaId}/indicators`,
    body: {
      name: text('I2'),
      unit: text('antal'),
      direction: 'decrease',
      baseline: { value: 3, year: 2024 },
    },
  })),
  'PATCH /api/programme/indicators/:id': onDraft(200, (d) => ({
    url: `/api/programme/indicators/${d.indicatorId}`,
    body: { target: { value: 90, year: 2028 } },
  })),
  'DELETE /api/programme/indicators/:id': onDraft(200, (d) => ({
    url: `/api/programme/indicators/${d.indicatorId}`,
  })),

  'POST /api/programme/versions/:id/relations': onDraft(201, (d) => ({
    url: `/api/programme/versions/${d.versionId}/relations`,
    body: { type: 'implements', target: { kind: 'external', id: d.externalId } },
  })),
  'PATCH /api/programme/relations/:id': onDraft(200, (d) => ({
    url: `/api/programme/relations/${d.relationId}`,
    body: { note: text('Varför') },
  })),
  'DELETE /api/programme/relations/:id': onDraft(200, (d) => ({
    url: `/api/programme/relations/${d.relationId}`,
  })),

  'POST /api/programme/external-documents': {
    ...MANAGE,
    success: 201,
    own: async (ctx) => ({
      url: '/api/programme/external-documents',
      body: {
        organisationId: ctx.committeeA,
        title: text('Strategi'),
        issuer: text('Regeringen'),
        year: 2020,
      },
    }),
    other: async (ctx) => [
      {
        url: '/api/programme/external-documents',
        body: {
          organisationId: ctx.committeeB,
          title: text('Strategi'),
          issuer: text('Regeringen'),
          year: 2020,
        },
      },
    ],
  },
};
