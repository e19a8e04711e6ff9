import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { auditMark, auditSince } from '../../../../tests/support/audit.ts';
import { createOrganisation, useTestApp } from '../../../../tests/support/test-app.ts';
import type { CycleResponseSchema } from '../../../domain/api/pictures.ts';
import { createPictureWorld, newPicture, type PictureWorld } from './documents.fixtures.ts';

type Cycle = z.infer<typeof CycleResponseSchema>;

/**
 * The cycle's statuses come from pictures and snapshots. Snapshots here are written straight to the
 * table (their figures do not matter to the cycle; freezing itself is tested in snapshots.test.ts),
 * so this file does not depend on the figures computation.
 */
const t = useTestApp({ config: { pictureDeadline: '10-31' } });
let w: PictureWorld;
let dissolved: string;
let future: string;
let extra: string;

beforeAll(async () => {
  w = await createPictureWorld(t.current);
  dissolved = await createOrganisation(t.current, 'Gamla nämnden', 'committee');
  future = await createOrganisation(t.current, 'Nya bolaget', 'company');
  extra = await createOrganisation(t.current, 'Idrottsnämnden', 'committee');
  await sql`UPDATE organisations SET valid_to = '2024-12-31' WHERE id = ${dissolved}`.execute(
    t.current.deps.db,
  );
  await sql`UPDATE organisations SET valid_from = '2026-01-01' WHERE id = ${future}`.execute(
    t.current.deps.db,
  );
});

async function snapshotRow(
  pictureId: string,
  organisationId: string,
  version: number,
  status: string,
  at: string,
) {
  await sql`INSERT INTO picture_snapshots (picture_id, organisation_id, cycle_year, version, title, figures,
      analysis, notes, status, frozen_at, signed_at, submitted_at)
    VALUES (${pictureId}, ${organisationId}, 2025, ${version}, 'Lägesbild', '{}', '{}', '', ${status}, ${at},
      ${status === 'frozen' ? null : at}, ${status === 'submitted' ? at : null})`.execute(t.current.deps.db);
}

async function cycle(year = 2025): Promise<Cycle> {
  const res = await w.analyst.request('GET', `/api/pictures/cycle?year=${year}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const row = (c: Cycle, id: string) => c.organisations.find((o) => o.organisation.id === id);

describe('the yearly cycle', () => {
  it('lists every committee and company in force that year with the furthest its pictures have come', async () => {
    t.current.clock.current = new Date('2025-10-01T10:00:00Z');
    const a = await newPicture(w.coordinator, w.committeeA);
    await snapshotRow(a.id, w.committeeA, 1, 'submitted', '2025-09-20T10:00:00Z');
    await snapshotRow(a.id, w.committeeA, 2, 'submitted', '2025-09-25T10:00:00Z');
    await snapshotRow(a.id, w.committeeA, 3, 'frozen', '2025-09-26T10:00:00Z');
    const b = await newPicture(w.otherCoordinator, w.committeeB);
    await snapshotRow(b.id, w.committeeB, 1, 'signed', '2025-09-20T10:00:00Z');
    const c = await cycle();
    expect(c).toMatchObject({ year: 2025, deadline: '2025-10-31', deadlineIsDefault: true });
    const ids = c.organisations.map((o) => o.organisation.id);
    expect(ids).toEqual(expect.arrayContaining([w.committeeA, w.committeeB, w.company, extra]));
    expect(ids).not.toContain(dissolved);
    expect(ids).not.toContain(future);
    expect(ids).not.toContain(t.current.rootId);
    expect(ids).not.toContain(t.current.boardId);

    const newest = await sql<{
      id: string;
    }>`SELECT id FROM picture_snapshots WHERE picture_id = ${a.id} AND version = 2`.execute(
      t.current.deps.db,
    );
    expect(row(c, w.committeeA)).toMatchObject({
      status: 'submitted',
      late: false,
      submittedAt: '2025-09-25T10:00:00.000Z',
      snapshotId: newest.rows[0]?.id,
      pictureId: a.id,
    });
    expect(row(c, w.committeeB)).toMatchObject({
      status: 'signed',
      late: false,
      snapshotId: null,
      pictureId: b.id,
    });
    expect(row(c, extra)).toMatchObject({ status: 'not_started', late: false, pictureId: null });
    expect(c.counts).toEqual({ submitted: 1, late: 0, total: c.organisations.length });

    // The dissolved committee is in force in 2024, the new company in 2026.
    expect((await cycle(2024)).organisations.map((o) => o.organisation.id)).toContain(dissolved);
    expect((await cycle(2026)).organisations.map((o) => o.organisation.id)).toContain(future);
  });

  it('shows a draft and a frozen picture', async () => {
    const draftOrg = await createOrganisation(t.current, 'Utkastnämnden', 'committee');
    const frozenOrg = await createOrganisation(t.current, 'Frysnämnden', 'committee');
    const { createUser, signIn } = await import('../../../../tests/support/test-app.ts');
    const draftCoordinator = await signIn(
      t.current,
      (await createUser(t.current, 'crime_prevention_coordinator', draftOrg)).email,
    );
    const frozenCoordinator = await signIn(
      t.current,
      (await createUser(t.current, 'security_coordinator', frozenOrg)).email,
    );
    await newPicture(draftCoordinator, draftOrg);
    const f = await newPicture(frozenCoordinator, frozenOrg);
    await snapshotRow(f.id, frozenOrg, 1, 'frozen', '2025-09-20T10:00:00Z');
    const c = await cycle();
    expect(row(c, draftOrg)?.status).toBe('draft');
    expect(row(c, frozenOrg)?.status).toBe('frozen');
  });

  it('marks organisations late once the deadline has passed, and a submission after the deadline as late', async () => {
    t.current.clock.current = new Date('2025-10-31T21:00:00Z'); // 22:00 in Stockholm: still the 31st
    let c = await cycle();
    expect(c.counts.late).toBe(0);

    t.current.clock.current = new Date('2025-10-31T23:30:00Z'); // 1 November in Stockholm
    c = await cycle();
    expect(row(c, w.committeeA)?.late).toBe(false);
    expect(row(c, w.committeeB)).toMatchObject({ status: 'signed', late: true });
    expect(row(c, extra)).toMatchObject({ status: 'not_started', late: true });
    expect(c.counts.late).toBe(c.organisations.filter((o) => o.status !== 'submitted').length);

    const b = row(c, w.committeeB)!;
    await sql`UPDATE picture_snapshots SET status = 'submitted', submitted_at = '2025-11-03T09:00:00Z'
      WHERE picture_id = ${b.pictureId}`.execute(t.current.deps.db);
    c = await cycle();
    expect(row(c, w.committeeB)).toMatchObject({
      status: 'submitted',
      late: true,
      submittedAt: '2025-11-03T09:00:00.000Z',
    });
  });

  it('lets the executive board set the deadline (audited), which moves the late flags', async () => {
    t.current.clock.current = new Date('2025-11-10T10:00:00Z');
    const mark = await auditMark(t.current.deps.db);
    const res = await w.analyst.request('PUT', '/api/pictures/cycle/2025/deadline', {
      deadline: '2025-11-30',
    });
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json() as Cycle;
    expect(c).toMatchObject({ deadline: '2025-11-30', deadlineIsDefault: false });
    expect(row(c, extra)?.late).toBe(false);
    expect(row(c, w.committeeB)).toMatchObject({ status: 'submitted', late: false });
    expect(await auditSince(t.current.deps.db, mark)).toEqual([
      expect.objectContaining({
        action: 'picture_cycle.deadline_set',
        actor_id: w.analyst.userId,
        organisation_id: t.current.rootId,
      }),
    ]);
    expect((await cycle(2026)).deadlineIsDefault).toBe(true);
  });

  it('refuses a deadline outside the cycle year and the next, changing nothing', async () => {
    const res = await w.analyst.request('PUT', '/api/pictures/cycle/2025/deadline', {
      deadline: '2030-01-01',
    });
    expect(res.statusCode).toBe(400);
    expect((await cycle()).deadline).toBe('2025-11-30');
  });

  it('is the executive board’s: refused to coordinators, and to a city analyst of a committee', async () => {
    for (const client of [w.coordinator, w.manager]) {
      expect((await client.request('GET', '/api/pictures/cycle?year=2025')).statusCode).toBe(403);
    }
    const { createUser, signIn } = await import('../../../../tests/support/test-app.ts');
    const localAnalyst = await signIn(
      t.current,
      (await createUser(t.current, 'city_analyst', w.committeeA)).email,
    );
    expect((await localAnalyst.request('GET', '/api/pictures/cycle?year=2025')).statusCode).toBe(403);
    expect(
      (await localAnalyst.request('PUT', '/api/pictures/cycle/2025/deadline', { deadline: '2025-12-01' }))
        .statusCode,
    ).toBe(403);
  });
});
