import { beforeAll, describe, expect, it } from 'vitest';
import { auditMark, auditSince } from '../../../../tests/support/audit.ts';
import { seedIncident } from '../../../../tests/support/incidents.ts';
import { useTestApp } from '../../../../tests/support/test-app.ts';
import type { Picture, PictureFigures, Snapshot } from '../../../domain/api/pictures.ts';
import { createPictureWorld, newPicture, type PictureWorld } from './documents.fixtures.ts';

/**
 * Freezing computes figures with computePictureFigures (the figures workstream): every test here runs
 * the real computation over the rollups of seeded incidents.
 */
const t = useTestApp();
let w: PictureWorld;

beforeAll(async () => {
  w = await createPictureWorld(t.current);
});

type Summary = Pick<Snapshot, 'id' | 'version' | 'status'> & Record<string, unknown>;

async function freeze(pictureId: string, client = w.coordinator): Promise<Summary> {
  const res = await client.request('POST', `/api/pictures/${pictureId}/snapshots`);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function thefts(n: number, month: string) {
  for (let i = 0; i < n; i++) {
    await seedIncident(t.current.deps.db, {
      organisationId: w.committeeA,
      typeCode: 'theft',
      occurredAt: new Date(`${month}-1${i % 9}T10:00:00Z`),
      areaId: w.districtAreaId,
      areaPath: [w.districtAreaId],
      affectedGender: i % 2 === 0 ? 'woman' : 'man',
    });
  }
}

const total = (f: PictureFigures) => f.own.total.current.total;

describe('freezing a picture', () => {
  it('stores figures suppressed as outside need-to-know, keeps the text, numbers versions and is audited', async () => {
    const picture = await newPicture(w.coordinator, w.committeeA);
    await w.coordinator.request('PATCH', `/api/pictures/${picture.id}`, {
      revision: 1,
      analysis: { conclusions: 'Satsa på belysning.' },
      notes: 'Trygghetsvandring.',
      extremismAnalysis: 'Inga tecken.',
    });
    const mark = await auditMark(t.current.deps.db);
    const first = await freeze(picture.id);
    expect(first).toMatchObject({
      version: 1,
      status: 'frozen',
      frozenBy: 'Karin Brottsförebyggare',
      signedAt: null,
    });
    const second = await freeze(picture.id, w.security);
    expect(second.version).toBe(2);
    // (The figures computation audits its own read of the figures as well.)
    const freezes = (await auditSince(t.current.deps.db, mark)).filter((e) =>
      e.action.startsWith('picture_snapshot.'),
    );
    expect(freezes.map((e) => [e.action, e.target_id])).toEqual([
      ['picture_snapshot.freeze', first.id],
      ['picture_snapshot.freeze', second.id],
    ]);

    const snapshot = (
      await w.coordinator.request('GET', `/api/pictures/snapshots/${first.id}`)
    ).json() as Snapshot;
    expect(snapshot).toMatchObject({
      organisation: { id: w.committeeA },
      cycleYear: 2025,
      title: picture.title,
      analysis: { conclusions: 'Satsa på belysning.' },
      notes: 'Trygghetsvandring.',
    });
    expect(snapshot.figures.suppression.applied).toBe(true);
    expect(snapshot.figures.extremism).toBeNull();
    expect(snapshot.extremism?.analysis).toBe('Inga tecken.');
  });

  it('never recomputes: incidents added after freezing change the live figures, not the snapshot', async () => {
    await thefts(6, '2025-04');
    const picture = await newPicture(w.coordinator, w.committeeA, { areaIds: [w.districtAreaId] });
    const frozen = await freeze(picture.id);
    const before = (
      await w.coordinator.request('GET', `/api/pictures/snapshots/${frozen.id}`)
    ).json() as Snapshot;
    const liveBefore = (
      await w.coordinator.request('GET', `/api/pictures/${picture.id}/figures`)
    ).json() as PictureFigures;

    await thefts(7, '2025-05');

    const liveAfter = (
      await w.coordinator.request('GET', `/api/pictures/${picture.id}/figures`)
    ).json() as PictureFigures;
    expect(total(liveAfter)).not.toEqual(total(liveBefore));
    expect(total(liveAfter)).toBe(Number(total(liveBefore)) + 7);
    const after = (
      await w.coordinator.request('GET', `/api/pictures/snapshots/${frozen.id}`)
    ).json() as Snapshot;
    expect(after.figures).toEqual(before.figures);
    expect(after.figures.generatedAt).toBe(before.figures.generatedAt);
  });

  it('refuses a reader who does not manage pictures, and another committee', async () => {
    const picture = await newPicture(w.coordinator, w.committeeA);
    expect((await w.manager.request('POST', `/api/pictures/${picture.id}/snapshots`)).statusCode).toBe(403);
    expect(
      (await w.otherCoordinator.request('POST', `/api/pictures/${picture.id}/snapshots`)).statusCode,
    ).toBe(404);
    const after = (await w.coordinator.request('GET', `/api/pictures/${picture.id}`)).json() as Picture;
    expect(after.snapshots).toEqual([]);
  });
});

describe('signing off and submitting', () => {
  it('goes frozen → signed → submitted in separate requests, each audited, and refuses every other step with 409', async () => {
    const picture = await newPicture(w.coordinator, w.committeeA);
    const snap = await freeze(picture.id);

    const early = await w.coordinator.request('POST', `/api/pictures/snapshots/${snap.id}/submit`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('pictures.snapshot_not_signed');

    let view = (await w.coordinator.request('GET', `/api/pictures/${picture.id}`)).json() as Picture;
    expect(view.can).toMatchObject({ sign: true, submit: false });

    const mark = await auditMark(t.current.deps.db);
    t.current.clock.advance(60_000);
    const signed = await w.coordinator.request('POST', `/api/pictures/snapshots/${snap.id}/sign`);
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({ status: 'signed', signedBy: 'Karin Brottsförebyggare' });
    expect(signed.json().signedAt).toBe(t.current.clock.now().toISOString());

    const again = await w.coordinator.request('POST', `/api/pictures/snapshots/${snap.id}/sign`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('pictures.snapshot_not_frozen');

    view = (await w.coordinator.request('GET', `/api/pictures/${picture.id}`)).json() as Picture;
    expect(view.can).toMatchObject({ sign: false, submit: true });

    const submitted = await w.coordinator.request('POST', `/api/pictures/snapshots/${snap.id}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'submitted', submittedBy: 'Karin Brottsförebyggare' });

    const twice = await w.coordinator.request('POST', `/api/pictures/snapshots/${snap.id}/submit`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('pictures.snapshot_already_submitted');

    expect((await auditSince(t.current.deps.db, mark)).map((e) => e.action)).toEqual([
      'picture_snapshot.sign',
      'picture_snapshot.submit',
    ]);
  });

  it('refuses a manager (403) and another committee’s coordinator (404), changing nothing', async () => {
    const picture = await newPicture(w.coordinator, w.committeeA);
    const snap = await freeze(picture.id);
    expect((await w.manager.request('POST', `/api/pictures/snapshots/${snap.id}/sign`)).statusCode).toBe(403);
    expect(
      (await w.otherCoordinator.request('POST', `/api/pictures/snapshots/${snap.id}/sign`)).statusCode,
    ).toBe(404);
    const view = (
      await w.coordinator.request('GET', `/api/pictures/snapshots/${snap.id}`)
    ).json() as Snapshot;
    expect(view.status).toBe('frozen');
  });
});

describe('reading a snapshot', () => {
  it('shows the extremism section only to holders of extremism.read, audits every read, and hides it from another committee', async () => {
    const picture = await newPicture(w.coordinator, w.committeeA);
    await w.coordinator.request('PATCH', `/api/pictures/${picture.id}`, {
      revision: 1,
      extremismAnalysis: 'Hemligt om extremism.',
    });
    const snap = await freeze(picture.id);
    const mark = await auditMark(t.current.deps.db);
    const coordinatorView = (
      await w.security.request('GET', `/api/pictures/snapshots/${snap.id}`)
    ).json() as Snapshot;
    expect(coordinatorView.extremism?.analysis).toBe('Hemligt om extremism.');
    for (const client of [w.manager, w.analyst]) {
      const res = await client.request('GET', `/api/pictures/snapshots/${snap.id}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().extremism).toBeNull();
      expect(res.body).not.toContain('Hemligt om extremism');
    }
    expect((await w.otherCoordinator.request('GET', `/api/pictures/snapshots/${snap.id}`)).statusCode).toBe(
      404,
    );
    const reads = await auditSince(t.current.deps.db, mark);
    expect(reads.map((e) => [e.action, e.actor_id])).toEqual([
      ['picture_snapshot.read', w.security.userId],
      ['picture_snapshot.read', w.manager.userId],
      ['picture_snapshot.read', w.analyst.userId],
    ]);
  });
});
