import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { seedStockholmAreas } from '../../../../tests/support/police.ts';
import { createOrganisation, createUser, signIn, useTestApp } from '../../../../tests/support/test-app.ts';
import type { CycleResponseSchema } from '../../../domain/api/pictures.ts';
import { seedDemoPictures } from './demo-pictures.ts';

type Cycle = z.infer<typeof CycleResponseSchema>;

const t = useTestApp();
const COMMITTEES = [
  'Bromma stadsdelsnämnd',
  'Farsta stadsdelsnämnd',
  'Hägersten-Älvsjö stadsdelsnämnd',
  'Skärholmens stadsdelsnämnd',
  'Södermalms stadsdelsnämnd',
  'Östermalms stadsdelsnämnd',
];

beforeAll(async () => {
  await seedStockholmAreas(t.current.deps.db, t.current.rootId);
  for (const name of COMMITTEES) {
    const id = await createOrganisation(t.current, name, 'committee');
    await sql`UPDATE organisations SET committee_type = 'district' WHERE id = ${id}`.execute(
      t.current.deps.db,
    );
    await createUser(t.current, 'crime_prevention_coordinator', id, `Samordnare ${name}`);
  }
});

describe('the demo pictures', () => {
  it('gives the executive board a realistic cycle: two submitted (one late), one signed, one draft, the rest not started', async () => {
    // After the default deadline (31 October), so one submission can come after it.
    const now = new Date('2026-11-20T10:00:00Z');
    t.current.clock.current = now;
    const result = await seedDemoPictures(t.current.deps, { now });
    expect(result).toEqual({
      year: 2026,
      submitted: ['Södermalms stadsdelsnämnd', 'Farsta stadsdelsnämnd'],
      signed: ['Hägersten-Älvsjö stadsdelsnämnd'],
      drafts: ['Bromma stadsdelsnämnd'],
    });

    const analyst = await signIn(
      t.current,
      (await createUser(t.current, 'city_analyst', t.current.rootId)).email,
    );
    const res = await analyst.request('GET', '/api/pictures/cycle?year=2026');
    expect(res.statusCode, res.body).toBe(200);
    const cycle = res.json() as Cycle;
    const byName = new Map(cycle.organisations.map((o) => [o.organisation.name, o]));
    expect(byName.get('Södermalms stadsdelsnämnd')).toMatchObject({ status: 'submitted', late: false });
    expect(byName.get('Farsta stadsdelsnämnd')).toMatchObject({ status: 'submitted', late: true });
    expect(byName.get('Hägersten-Älvsjö stadsdelsnämnd')).toMatchObject({ status: 'signed', late: true });
    expect(byName.get('Bromma stadsdelsnämnd')).toMatchObject({ status: 'draft', late: true });
    expect(byName.get('Skärholmens stadsdelsnämnd')).toMatchObject({ status: 'not_started' });
    expect(byName.get('Östermalms stadsdelsnämnd')).toMatchObject({ status: 'not_started' });
    expect(cycle.counts).toMatchObject({ submitted: 2, total: 6 });

    // The submissions open with their frozen analysis.
    const snapshot = await analyst.request(
      'GET',
      `/api/pictures/snapshots/${byName.get('Södermalms stadsdelsnämnd')!.snapshotId}`,
    );
    expect(snapshot.statusCode, snapshot.body).toBe(200);
    expect(snapshot.json().analysis.whereGreatest).toContain('Södermalm');
  });
});
