import { describe, expect, it } from 'vitest';
import { auditMark, auditSince } from '../../../../tests/support/audit.ts';
import { createUser, signIn, useTestApp } from '../../../../tests/support/test-app.ts';
import type { ProgrammeOverview } from '../../../domain/api/programme.ts';
import { verifyAuditChain } from '../../platform/audit.ts';
import { seedStockholmProgramme } from './stockholm-2018-2021.ts';

const t = useTestApp();

describe("Stockholm's programme 2018–2021 as demo data", () => {
  it('is in force with the four goal areas and five focus areas of the programme, in Swedish and English', async () => {
    const mark = await auditMark(t.current.database.db);
    const first = await seedStockholmProgramme(t.current.deps.db, { now: t.current.clock.now });
    expect(first.created).toBe(true);
    const client = await signIn(t.current, (await createUser(t.current, 'employee', t.current.rootId)).email);
    const overview: ProgrammeOverview = (await client.request('GET', '/api/programme')).json();
    const programme = overview.inForce!;
    expect(programme).toMatchObject({
      id: first.versionId,
      label: '2018–2021',
      status: 'adopted',
      isDemo: true,
    });
    expect(programme.goalAreas.map((g) => g.title.sv)).toEqual([
      'Individens trygghet och säkerhet',
      'Stadens funktionalitet',
      'Miljö och egendom',
      'Grundläggande värden',
    ]);
    expect(programme.focusAreas.map((f) => f.title.sv)).toEqual([
      'Förebygga olyckor',
      'Förebygga brott',
      'Förebygga otillåten påverkan samt hot och våld mot anställda',
      'Bygga motståndskraft och krishanteringsförmåga',
      'Bygga ett gott säkerhetsskydd',
    ]);
    expect(programme.focusAreas.map((f) => f.title.en)).toEqual([
      'Prevent accidents',
      'Prevent crime',
      'Prevent undue influence, threats and violence against employees',
      'Build resilience and crisis-management capability',
      'Build good protective security',
    ]);
    for (const f of programme.focusAreas) {
      expect(f.goalAreaIds.length).toBeGreaterThan(0);
      expect(f.communication.sv && f.communication.en).toBeTruthy();
      expect(f.objectives.length).toBeGreaterThan(0);
      expect(f.indicators.length).toBeGreaterThan(0);
    }
    expect(programme.relations).toEqual([
      expect.objectContaining({
        type: 'implements',
        target: expect.objectContaining({ kind: 'external', reference: 'Skr. 2016/17:126', year: 2017 }),
      }),
      expect.objectContaining({ type: 'governed_by' }),
    ]);
    expect(overview.versions.map((v) => [v.label, v.status, v.retiredBy?.label ?? null])).toEqual([
      ['2018–2021', 'adopted', null],
      ['2013–2016', 'retired', '2018–2021'],
    ]);
    // Written as the system (no user), every step audited, the chain intact.
    const events = await auditSince(t.current.database.db, mark);
    expect(events.filter((e) => e.action.startsWith('programme.')).every((e) => e.actor_id === null)).toBe(
      true,
    );
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'programme.created',
        'programme.version_adopted',
        'programme.version_retired',
        'programme.relation_created',
      ]),
    );
    expect((await verifyAuditChain(t.current.database.db)).ok).toBe(true);
  });

  it('changes nothing when run again', async () => {
    const mark = await auditMark(t.current.database.db);
    expect(await seedStockholmProgramme(t.current.deps.db, { now: t.current.clock.now })).toEqual({
      created: false,
      versionId: null,
    });
    expect(await auditSince(t.current.database.db, mark)).toEqual([]);
  });
});
