import { beforeAll, describe, expect, it } from 'vitest';
import { auditMark, auditSince } from '../../../../tests/support/audit.ts';
import { useTestApp } from '../../../../tests/support/test-app.ts';
import type { Picture, PictureFigures } from '../../../domain/api/pictures.ts';
import { buildActor } from '../../../domain/permissions.ts';
import { createPictureWorld, newPicture, PERIOD, type PictureWorld } from './documents.fixtures.ts';
import { NO_REQUEST, updatePicture } from './documents.usecases.ts';

const t = useTestApp();
let w: PictureWorld;

beforeAll(async () => {
  w = await createPictureWorld(t.current);
});

async function pictureCount(): Promise<number> {
  const row = await t.current.database.db
    .withTables<{ pictures: { id: string } }>()
    .selectFrom('pictures')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('creating a picture document', () => {
  it('creates it for the coordinator’s committee, with the same months a year earlier as the default comparison, audited', async () => {
    const mark = await auditMark(t.current.deps.db);
    const picture = await newPicture(w.coordinator, w.committeeA, { areaIds: [w.districtAreaId] });
    expect(picture).toMatchObject({
      organisation: { id: w.committeeA, name: 'Skärholmens stadsdelsnämnd' },
      cycleYear: 2025,
      areaIds: [w.districtAreaId],
      period: PERIOD,
      comparison: { from: '2024-01', to: '2024-12' },
      analysis: { whereGreatest: '', comparedWith: '', trend: '', sourcesAndLimits: '', conclusions: '' },
      notes: '',
      extremismAnalysis: '',
      revision: 1,
      updatedBy: 'Karin Brottsförebyggare',
      snapshots: [],
      can: { edit: true, freeze: true, sign: false, submit: false },
    });
    const entries = await auditSince(t.current.deps.db, mark);
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'picture.create',
        actor_id: w.coordinator.userId,
        organisation_id: w.committeeA,
        target_id: picture.id,
      }),
    ]);
  });

  it('stores months as first-of-month dates and takes a chosen comparison', async () => {
    const res = await w.coordinator.request('POST', '/api/pictures', {
      organisationId: w.committeeA,
      title: 'Sommarbild',
      cycleYear: 2025,
      period: { from: '2025-06', to: '2025-08' },
      comparison: { from: '2023-06', to: '2023-08' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const row = await t.current.database.db
      .withTables<{
        pictures: { id: string; period_from: string; period_to: string; compare_from: string };
      }>()
      .selectFrom('pictures')
      .select(['period_from', 'period_to', 'compare_from'])
      .where('id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ period_from: '2025-06-01', period_to: '2025-08-01', compare_from: '2023-06-01' });
  });

  it('creates one for a company too', async () => {
    const companyCoordinator = await signInAs('security_coordinator', w.company);
    const picture = await newPicture(companyCoordinator, w.company);
    expect(picture.organisation.id).toBe(w.company);
  });

  it.each([
    ['the first month after the last', { period: { from: '2025-06', to: '2025-01' } }, 'period'],
    ['a period of 37 months', { period: { from: '2022-01', to: '2025-01' } }, 'period'],
    [
      'a comparison after its end',
      { comparison: { from: '2024-12', to: '2024-01' }, period: { from: '2025-01', to: '2025-12' } },
      'comparison',
    ],
    [
      'an area that is not the municipality’s',
      { areaIds: ['9f1c7a52-59c5-4f51-8c1e-1f0fbb0a0c11'] },
      'areaIds.0',
    ],
    ['a month that does not exist', { period: { from: '2025-13', to: '2025-12' } }, 'period.from'],
  ])('refuses %s with 400 naming the field, creating nothing', async (_, over, path) => {
    const before = await pictureCount();
    const res = await w.coordinator.request('POST', '/api/pictures', {
      organisationId: w.committeeA,
      title: 'Fel',
      cycleYear: 2025,
      period: PERIOD,
      ...over,
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('validation.failed');
    expect(JSON.stringify(res.json().error.details)).toContain(path);
    expect(await pictureCount()).toBe(before);
  });

  it('accepts exactly 36 months', async () => {
    const picture = await newPicture(w.coordinator, w.committeeA, {
      period: { from: '2023-01', to: '2025-12' },
    });
    expect(picture.comparison).toEqual({ from: '2022-01', to: '2024-12' });
  });

  it('refuses the municipality and the executive board: pictures of the cycle are for committees and companies', async () => {
    const cityCoordinator = await signInAs('crime_prevention_coordinator', t.current.rootId);
    for (const organisationId of [t.current.rootId, t.current.boardId]) {
      const res = await cityCoordinator.request('POST', '/api/pictures', {
        organisationId,
        title: 'Staden',
        cycleYear: 2025,
        period: PERIOD,
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe('pictures.organisation_kind');
    }
  });

  it('refuses another committee’s coordinator, a manager and an employee', async () => {
    const before = await pictureCount();
    const body = { organisationId: w.committeeA, title: 'Inte min', cycleYear: 2025, period: PERIOD };
    for (const client of [w.otherCoordinator, w.manager, w.employee, w.analyst]) {
      const res = await client.request('POST', '/api/pictures', body);
      expect(res.statusCode, res.body).toBe(403);
    }
    expect(await pictureCount()).toBe(before);
  });
});

async function signInAs(
  role: Parameters<typeof import('../../../../tests/support/test-app.ts').createUser>[1],
  org: string,
) {
  const { createUser, signIn } = await import('../../../../tests/support/test-app.ts');
  const user = await createUser(t.current, role, org);
  return Object.assign(await signIn(t.current, user.email), { userId: user.id });
}

describe('reading picture documents', () => {
  it('shows a picture to readers of its organisation and to the city analyst, not to another committee', async () => {
    const picture = await newPicture(w.coordinator, w.committeeA, { title: 'Läsbar' });
    for (const client of [w.coordinator, w.security, w.manager, w.analyst]) {
      const res = await client.request('GET', `/api/pictures/${picture.id}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().title).toBe('Läsbar');
    }
    const res = await w.otherCoordinator.request('GET', `/api/pictures/${picture.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('pictures.not_found');
    expect((await w.employee.request('GET', `/api/pictures/${picture.id}`)).statusCode).toBe(403);
  });

  it('lists only the pictures of organisations the reader may read, filtered by year', async () => {
    const own = await newPicture(w.coordinator, w.committeeA, {
      title: 'Min',
      cycleYear: 2024,
      period: { from: '2024-01', to: '2024-06' },
    });
    const other = await newPicture(w.otherCoordinator, w.committeeB, {
      title: 'Deras',
      cycleYear: 2024,
      period: { from: '2024-01', to: '2024-06' },
    });
    const mine = (await w.manager.request('GET', '/api/pictures?year=2024')).json() as {
      pictures: Picture[];
    };
    expect(mine.pictures.map((p) => p.id)).toEqual([own.id]);
    const city = (await w.analyst.request('GET', '/api/pictures?year=2024')).json() as {
      pictures: Picture[];
    };
    expect(city.pictures.map((p) => p.id).sort()).toEqual([own.id, other.id].sort());
    const byOrg = (await w.analyst.request('GET', `/api/pictures?organisation=${w.committeeB}`)).json() as {
      pictures: Picture[];
    };
    expect(byOrg.pictures.every((p) => p.organisation.id === w.committeeB)).toBe(true);
  });
});

describe('saving a picture document', () => {
  it('saves text with the revision read, audits the changed field names, and refuses a stale revision with 409', async () => {
    const picture = await newPicture(w.coordinator, w.committeeA);
    const mark = await auditMark(t.current.deps.db);
    const first = await w.coordinator.request('PATCH', `/api/pictures/${picture.id}`, {
      revision: 1,
      analysis: { trend: 'Fler stölder på kvällar.', whereGreatest: '' },
      notes: 'Trygghetsvandring i maj.',
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      revision: 2,
      analysis: { trend: 'Fler stölder på kvällar.', whereGreatest: '' },
      notes: 'Trygghetsvandring i maj.',
    });
    // Someone who read revision 1 saves over it: refused, nothing changed.
    const stale = await w.security.request('PATCH', `/api/pictures/${picture.id}`, {
      revision: 1,
      notes: 'Skriver över.',
    });
    expect(stale.statusCode, stale.body).toBe(409);
    expect(stale.json().error).toMatchObject({
      code: 'pictures.stale_revision',
      details: { currentRevision: 2 },
    });
    const now = (await w.coordinator.request('GET', `/api/pictures/${picture.id}`)).json() as Picture;
    expect(now.notes).toBe('Trygghetsvandring i maj.');
    expect(now.revision).toBe(2);
    const entries = await auditSince(t.current.deps.db, mark);
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'picture.update',
        target_id: picture.id,
        fields: ['analysis.trend', 'notes'],
      }),
    ]);
  });

  it('moves the default comparison with the period, and keeps a chosen one', async () => {
    const picture = await newPicture(w.coordinator, w.committeeA);
    const moved = await w.coordinator.request('PATCH', `/api/pictures/${picture.id}`, {
      revision: 1,
      period: { from: '2025-03', to: '2025-05' },
    });
    expect(moved.json()).toMatchObject({
      period: { from: '2025-03', to: '2025-05' },
      comparison: { from: '2024-03', to: '2024-05' },
      revision: 2,
    });
    const chosen = await w.coordinator.request('PATCH', `/api/pictures/${picture.id}`, {
      revision: 2,
      comparison: { from: '2023-03', to: '2023-05' },
    });
    expect(chosen.json()).toMatchObject({ comparison: { from: '2023-03', to: '2023-05' }, revision: 3 });
  });

  it('refuses bad periods and unknown areas with 400 and changes nothing', async () => {
    const picture = await newPicture(w.coordinator, w.committeeA);
    for (const body of [
      { period: { from: '2025-12', to: '2025-01' } },
      { period: { from: '2020-01', to: '2025-12' } },
      { areaIds: [w.districtAreaId, '9f1c7a52-59c5-4f51-8c1e-1f0fbb0a0c11'] },
    ]) {
      const res = await w.coordinator.request('PATCH', `/api/pictures/${picture.id}`, {
        revision: 1,
        ...body,
      });
      expect(res.statusCode, res.body).toBe(400);
    }
    const after = (await w.coordinator.request('GET', `/api/pictures/${picture.id}`)).json() as Picture;
    expect(after).toMatchObject({ revision: 1, period: PERIOD, areaIds: [] });
  });

  it('changes nothing and writes no audit entry when nothing differs', async () => {
    const picture = await newPicture(w.coordinator, w.committeeA);
    const mark = await auditMark(t.current.deps.db);
    const res = await w.coordinator.request('PATCH', `/api/pictures/${picture.id}`, {
      revision: 1,
      title: picture.title,
    });
    expect(res.json().revision).toBe(1);
    expect(await auditSince(t.current.deps.db, mark)).toEqual([]);
  });

  it('refuses another committee’s coordinator (404) and a reader who does not manage pictures (403)', async () => {
    const picture = await newPicture(w.coordinator, w.committeeA);
    const res = await w.otherCoordinator.request('PATCH', `/api/pictures/${picture.id}`, {
      revision: 1,
      notes: 'x',
    });
    expect(res.statusCode).toBe(404);
    const manager = await w.manager.request('PATCH', `/api/pictures/${picture.id}`, {
      revision: 1,
      notes: 'x',
    });
    expect(manager.statusCode).toBe(403);
  });
});

describe('the violent-extremism analysis', () => {
  it('is read and written by holders of extremism.read, and null for a manager or the city analyst', async () => {
    const picture = await newPicture(w.coordinator, w.committeeA);
    const res = await w.security.request('PATCH', `/api/pictures/${picture.id}`, {
      revision: 1,
      extremismAnalysis: 'Propaganda på skolgårdar.',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().extremismAnalysis).toBe('Propaganda på skolgårdar.');
    const byCoordinator = (
      await w.coordinator.request('GET', `/api/pictures/${picture.id}`)
    ).json() as Picture;
    expect(byCoordinator.extremismAnalysis).toBe('Propaganda på skolgårdar.');
    for (const client of [w.manager, w.analyst]) {
      const seen = (await client.request('GET', `/api/pictures/${picture.id}`)).json() as Picture;
      expect(seen.extremismAnalysis).toBeNull();
      expect(JSON.stringify(seen)).not.toContain('Propaganda');
    }
  });

  it('refuses a change of it by someone managing pictures without extremism.read (403), changing nothing', async () => {
    const picture = await newPicture(w.coordinator, w.committeeA);
    // No role combines pictures.manage without extremism.read today; the rule is checked on its own.
    const actor = buildActor('00000000-0000-4000-8000-000000000000', [], () => []);
    const scope = actor.scope as Map<string, Set<string>>;
    scope.set('pictures.read', new Set([w.committeeA]));
    scope.set('pictures.manage', new Set([w.committeeA]));
    const ctx = { deps: t.current.deps, actor: { ...actor, userId: w.manager.userId }, meta: NO_REQUEST };
    await expect(
      updatePicture(ctx, picture.id, { revision: 1, extremismAnalysis: 'x' }),
    ).rejects.toMatchObject({
      code: 'pictures.extremism_forbidden',
      status: 403,
    });
    const saved = await updatePicture(ctx, picture.id, { revision: 1, notes: 'Tillåtet.' });
    expect(saved).toMatchObject({ notes: 'Tillåtet.', extremismAnalysis: null, revision: 2 });
  });
});

describe('the live figures of a document (needs computePictureFigures from the figures workstream)', () => {
  it('computes them for the document’s organisation, areas and periods, with the extremism analysis for those granted it', async () => {
    const picture = await newPicture(w.coordinator, w.committeeA, { areaIds: [w.districtAreaId] });
    await w.coordinator.request('PATCH', `/api/pictures/${picture.id}`, {
      revision: 1,
      extremismAnalysis: 'Analys av extremism.',
    });
    const res = await w.coordinator.request('GET', `/api/pictures/${picture.id}/figures`);
    expect(res.statusCode, res.body).toBe(200);
    const figures = res.json() as PictureFigures;
    expect(figures.period).toEqual(PERIOD);
    expect(figures.comparison).toEqual({ from: '2024-01', to: '2024-12' });
    expect(figures.extremism?.analysis).toBe('Analys av extremism.');
    const managerView = (
      await w.manager.request('GET', `/api/pictures/${picture.id}/figures`)
    ).json() as PictureFigures;
    expect(managerView.extremism).toBeNull();
    expect((await w.otherCoordinator.request('GET', `/api/pictures/${picture.id}/figures`)).statusCode).toBe(
      404,
    );
  });
});
