import { beforeAll, describe, expect, it } from 'vitest';
import { auditMark, auditSince } from '../../../../tests/support/audit.ts';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  type Client,
  signIn,
  useTestApp,
} from '../../../../tests/support/test-app.ts';
import type {
  ExternalDocument,
  FocusArea,
  GoalArea,
  Relation,
  Version,
} from '../../../domain/api/programme.ts';
import { seedStockholmProgramme } from './stockholm-2018-2021.ts';

const t = useTestApp();

let admin: Client;
/** A draft copied from the seeded 2018–2021, in the municipality. */
let draft: Version;
let inForce: Version;

const text = (s: string) => ({ sv: `${s} (sv)`, en: `${s} (en)` });

async function send<T>(method: string, url: string, body?: unknown, status = 200): Promise<T> {
  const res = await admin.request(method, url, body);
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}

/** Sends an invalid request: 400, the error details' paths, and nothing written. */
async function refused(method: string, url: string, body: unknown) {
  const mark = await auditMark(t.current.database.db);
  const res = await admin.request(method, url, body);
  expect(res.statusCode, res.body).toBe(400);
  expect(await auditSince(t.current.database.db, mark)).toEqual([]);
  return res.json().error as { code: string; message: string; details: { path: string; message: string }[] };
}

beforeAll(async () => {
  const { versionId } = await seedStockholmProgramme(t.current.deps.db, { now: t.current.clock.now });
  admin = await signIn(t.current, ADMIN_EMAIL, ADMIN_PASSWORD);
  inForce = await send('GET', `/api/programme/versions/${versionId}`);
  draft = await send('POST', '/api/programme/versions', { copyOf: versionId, label: 'Nästa' }, 201);
});

describe('texts in Swedish and English', () => {
  it('requires both languages for every title, description and communication part', async () => {
    const goalAreas = `/api/programme/versions/${draft.id}/goal-areas`;
    const missingEn = await refused('POST', goalAreas, { title: { sv: 'Mål' }, description: text('D') });
    expect(missingEn.code).toBe('validation.failed');
    expect(missingEn.details).toEqual([{ path: 'body.title.en', message: 'The English text is required' }]);
    const blankSv = await refused('POST', goalAreas, {
      title: { sv: '   ', en: 'Goal' },
      description: text('D'),
    });
    expect(blankSv.details).toEqual([{ path: 'body.title.sv', message: 'The Swedish text is required' }]);

    const focusAreas = `/api/programme/versions/${draft.id}/focus-areas`;
    const noCommunication = await refused('POST', focusAreas, {
      title: text('F'),
      description: text('D'),
      goalAreaIds: [draft.goalAreas[0]!.id],
    });
    expect(noCommunication.details.map((d) => d.path)).toEqual(['body.communication']);
    const focus = draft.focusAreas[0]!;
    const halfCommunication = await refused('PATCH', `/api/programme/focus-areas/${focus.id}`, {
      communication: { sv: 'Kommunikation', en: '' },
    });
    expect(halfCommunication.details.map((d) => d.path)).toEqual(['body.communication.en']);
    const indicator = await refused('POST', `/api/programme/focus-areas/${focus.id}/indicators`, {
      name: text('I'),
      unit: { sv: 'procent' },
      direction: 'increase',
    });
    expect(indicator.details.map((d) => d.path)).toEqual(['body.unit.en']);
    const version = await refused('PATCH', `/api/programme/versions/${draft.id}`, {
      title: { en: 'Only English' },
    });
    expect(version.details.map((d) => d.path)).toEqual(['body.title.sv']);
    const external = await refused('POST', '/api/programme/external-documents', {
      organisationId: t.current.rootId,
      title: text('Strategi'),
      issuer: { sv: 'Regeringen' },
      year: 2020,
    });
    expect(external.details.map((d) => d.path)).toEqual(['body.issuer.en']);
  });

  it('refuses an update with nothing to change', async () => {
    const empty = await refused('PATCH', `/api/programme/goal-areas/${draft.goalAreas[0]!.id}`, {});
    expect(empty.details).toEqual([{ path: 'body', message: 'Nothing to change: send at least one field' }]);
  });
});

describe("editing a draft's parts", () => {
  it("edits a focus area's texts and goal areas, audited with the fields that changed", async () => {
    const focus = draft.focusAreas[1]!;
    const mark = await auditMark(t.current.database.db);
    const goals = [draft.goalAreas[3]!.id, draft.goalAreas[0]!.id];
    const updated = await send<FocusArea>('PATCH', `/api/programme/focus-areas/${focus.id}`, {
      communication: text('Ny kommunikation'),
      goalAreaIds: goals,
    });
    expect(updated).toMatchObject({
      id: focus.id,
      title: focus.title,
      communication: text('Ny kommunikation'),
      // In the goal areas' order, whatever order they were sent in.
      goalAreaIds: [draft.goalAreas[0]!.id, draft.goalAreas[3]!.id],
      objectives: focus.objectives,
      indicators: focus.indicators,
    });
    expect(await auditSince(t.current.database.db, mark)).toEqual([
      expect.objectContaining({
        action: 'programme.focus_area_updated',
        target_type: 'programme_focus_area',
        target_id: focus.id,
        organisation_id: t.current.rootId,
        fields: ['communication', 'goalAreaIds'],
      }),
    ]);
    // The version in force is untouched.
    const source = await send<Version>('GET', `/api/programme/versions/${inForce.id}`);
    expect(source.focusAreas[1]!.communication).toEqual(inForce.focusAreas[1]!.communication);
  });

  it('links a focus area only to goal areas of its own version, at least one, each once', async () => {
    const url = `/api/programme/versions/${draft.id}/focus-areas`;
    const base = { title: text('F'), description: text('D'), communication: text('K') };
    expect((await refused('POST', url, { ...base, goalAreaIds: [] })).details).toEqual([
      { path: 'body.goalAreaIds', message: 'A focus area serves at least one goal area' },
    ]);
    const twice = draft.goalAreas[0]!.id;
    expect((await refused('POST', url, { ...base, goalAreaIds: [twice, twice] })).details).toEqual([
      { path: 'body.goalAreaIds', message: 'A goal area is listed twice' },
    ]);
    const foreign = inForce.goalAreas[0]!.id;
    const other = await refused('POST', url, { ...base, goalAreaIds: [draft.goalAreas[0]!.id, foreign] });
    expect(other).toMatchObject({
      code: 'programme.goal_area_not_found',
      details: [{ path: 'body.goalAreaIds', id: foreign }],
    });
  });

  it('adds goal areas, focus areas, objectives and indicators at the end, and removes them', async () => {
    const goal = await send<GoalArea>(
      'POST',
      `/api/programme/versions/${draft.id}/goal-areas`,
      { title: text('Femte målområdet'), description: text('D') },
      201,
    );
    expect(goal.position).toBe(5);
    const focus = await send<FocusArea>(
      'POST',
      `/api/programme/versions/${draft.id}/focus-areas`,
      { title: text('Sjätte'), description: text('D'), communication: text('K'), goalAreaIds: [goal.id] },
      201,
    );
    expect(focus).toMatchObject({ position: 6, goalAreaIds: [goal.id], objectives: [], indicators: [] });
    const objective = await send<{ id: string; position: number }>(
      'POST',
      `/api/programme/focus-areas/${focus.id}/objectives`,
      { title: text('Mål'), description: text('Varför') },
      201,
    );
    expect(objective.position).toBe(1);
    const indicator = await send(
      'POST',
      `/api/programme/focus-areas/${focus.id}/indicators`,
      { name: text('Andel'), unit: text('%'), direction: 'increase', target: { value: 80.5, year: 2026 } },
      201,
    );
    expect(indicator).toMatchObject({ position: 1, baseline: null, target: { value: 80.5, year: 2026 } });
    const changed = await send('PATCH', `/api/programme/indicators/${(indicator as { id: string }).id}`, {
      baseline: { value: 61, year: 2024 },
      target: null,
    });
    expect(changed).toMatchObject({
      baseline: { value: 61, year: 2024 },
      target: null,
      direction: 'increase',
    });
    const wrongDirection = await refused(
      'PATCH',
      `/api/programme/indicators/${(indicator as { id: string }).id}`,
      {
        direction: 'up',
      },
    );
    expect(wrongDirection.details).toEqual([
      { path: 'body.direction', message: 'The direction must be one of increase, decrease, maintain' },
    ]);

    const mark = await auditMark(t.current.database.db);
    await send('DELETE', `/api/programme/focus-areas/${focus.id}`);
    const after = await send<Version>('GET', `/api/programme/versions/${draft.id}`);
    expect(after.focusAreas.map((f) => f.id)).not.toContain(focus.id);
    expect((await auditSince(t.current.database.db, mark)).map((e) => [e.action, e.target_id])).toEqual([
      ['programme.focus_area_deleted', focus.id],
    ]);
    const gone = await admin.request('PATCH', `/api/programme/objectives/${objective.id}`, {
      title: text('X'),
    });
    expect([gone.statusCode, gone.json().error.code]).toEqual([404, 'programme.part_not_found']);
  });
});

describe('relations to other steering documents', () => {
  let external: ExternalDocument;

  beforeAll(async () => {
    external = await send(
      'POST',
      '/api/programme/external-documents',
      {
        organisationId: t.current.rootId,
        title: text('Nationell strategi mot våldsbejakande extremism'),
        issuer: { sv: 'Regeringen', en: 'Government of Sweden' },
        year: 2015,
        reference: 'Skr. 2014/15:144',
      },
      201,
    );
  });

  it('shows the seeded relations to "Tillsammans mot brott" and Vision 2040', async () => {
    expect(
      inForce.relations.map((r) => [
        r.type,
        r.target.kind,
        r.target.kind === 'external' ? r.target.reference : null,
      ]),
    ).toEqual([
      ['implements', 'external', 'Skr. 2016/17:126'],
      ['governed_by', 'external', null],
    ]);
    const documents = await send<{ items: ExternalDocument[] }>('GET', '/api/programme/external-documents');
    expect(documents.items.map((d) => d.title.sv)).toEqual(
      expect.arrayContaining([
        'Tillsammans mot brott – ett nationellt brottsförebyggande program',
        'Vision 2040 – ett Stockholm för alla',
      ]),
    );
  });

  it('accepts each of the four relation types and refuses any other', async () => {
    const url = `/api/programme/versions/${draft.id}/relations`;
    for (const type of ['implements', 'complements', 'replaces', 'governed_by']) {
      const created = await send<Relation>(
        'POST',
        url,
        { type, target: { kind: 'external', id: external.id } },
        201,
      );
      expect(created).toMatchObject({
        type,
        versionId: draft.id,
        note: null,
        target: { kind: 'external', id: external.id, year: 2015, reference: 'Skr. 2014/15:144' },
      });
    }
    const unknown = await refused('POST', url, {
      type: 'contradicts',
      target: { kind: 'external', id: external.id },
    });
    expect(unknown.details).toEqual([
      {
        path: 'body.type',
        message: 'The relation type must be one of implements, complements, replaces, governed_by',
      },
    ]);
    const duplicate = await admin.request('POST', url, {
      type: 'implements',
      target: { kind: 'external', id: external.id },
    });
    expect([duplicate.statusCode, duplicate.json().error.code]).toEqual([409, 'programme.relation_exists']);
  });

  it('relates to adopted or retired programme versions, never to itself or a draft', async () => {
    const url = `/api/programme/versions/${draft.id}/relations`;
    const earlier = inForce.replaces!;
    const relation = await send<Relation>(
      'POST',
      url,
      { type: 'complements', target: { kind: 'version', id: earlier.id }, note: text('Bakgrund') },
      201,
    );
    expect(relation.target).toMatchObject({
      kind: 'version',
      id: earlier.id,
      label: '2013–2016',
      status: 'retired',
    });
    const self = await admin.request('POST', url, {
      type: 'replaces',
      target: { kind: 'version', id: draft.id },
    });
    expect([self.statusCode, self.json().error.code]).toEqual([409, 'programme.relation_target_invalid']);
    const unknown = await admin.request('POST', url, {
      type: 'replaces',
      target: { kind: 'external', id: crypto.randomUUID() },
    });
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([
      404,
      'programme.external_document_not_found',
    ]);
    const badKind = await refused('POST', url, {
      type: 'replaces',
      target: { kind: 'law', id: external.id },
    });
    expect(badKind.details.map((d) => d.path)).toEqual(['body.target.kind']);

    const updated = await send<Relation>('PATCH', `/api/programme/relations/${relation.id}`, {
      type: 'governed_by',
      note: null,
    });
    expect(updated).toMatchObject({ type: 'governed_by', note: null });
    await send('DELETE', `/api/programme/relations/${relation.id}`);
    const after = await send<Version>('GET', `/api/programme/versions/${draft.id}`);
    expect(after.relations.map((r) => r.id)).not.toContain(relation.id);
  });
});
