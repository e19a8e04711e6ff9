import { beforeAll, describe, expect, it } from 'vitest';
import { type SeedIncident, seedIncident } from '../../../../tests/support/incidents.ts';
import { useTestApp } from '../../../../tests/support/test-app.ts';
import { incidentsDb } from './incidents.tables.ts';
import { createListCity, type ListCity, listedReferences, listPage } from './list.fixtures.ts';
import { isPreciseSearch } from './list.repository.ts';

const t = useTestApp();
const db = () => t.current.database.db;

let city: ListCity;
const ref: Record<string, string> = {};
const refs = (...names: string[]) => names.map((n) => ref[n]!).sort();
const search = (q: string, client = city.coordinatorA.client, extra = '') =>
  listedReferences(client, `q=${encodeURIComponent(q)}${extra}`);

beforeAll(async () => {
  city = await createListCity(t.current);
  const seeds: Record<string, Omit<SeedIncident, 'organisationId'>> = {
    bike: { typeCode: 'theft', description: 'Stöld av cykel vid entrén' },
    lockers: {
      typeCode: 'theft',
      description: 'Flera stölder ur omklädningsrummen under natten',
      state: 'closed',
    },
    assault: { typeCode: 'disorder', description: 'Misshandel i trapphuset vid Hägersten centrum' },
    graffiti: { typeCode: 'vandalism', description: 'Klotter på fasaden mot skolgården' },
    street: { typeCode: 'disorder', description: 'Bråk mellan två grupper' },
    // Need-to-know, in the manager's unit but not routed to her.
    threat: { typeCode: 'threat_employee', description: 'Hot om misshandel mot handläggaren i receptionen' },
  };
  for (const [name, seed] of Object.entries(seeds)) {
    ref[name] = (
      await seedIncident(db(), { organisationId: city.committeeA, unitId: city.unitA1, ...seed })
    ).reference;
  }
  ref.other = (
    await seedIncident(db(), {
      organisationId: city.committeeB,
      typeCode: 'theft',
      description: 'Stöld av dator',
    })
  ).reference;
  // The address and what was done at once are searched too.
  await incidentsDb(db())
    .updateTable('incidents')
    .set({ address_text: 'Storgatan 5, Älvsjö', immediate_action: 'Ringde väktarbolaget' })
    .where('reference', '=', ref.street!)
    .execute();
});

describe('full-text search in Swedish', () => {
  it('finds inflected forms through Swedish stemming: "stölder" finds "stöld" and the other way round', async () => {
    expect(await search('stölder')).toEqual(refs('bike', 'lockers'));
    expect(await search('stöld')).toEqual(refs('bike', 'lockers'));
  });

  it('ignores accents and letter case: "Hagersten" and "HÄGERSTEN" find "Hägersten"', async () => {
    expect(await search('Hagersten')).toEqual(refs('assault'));
    expect(await search('HÄGERSTEN')).toEqual(refs('assault'));
    expect(await search('alvsjo')).toEqual(refs('street'));
  });

  it('finds near misspellings by trigram similarity: "misshandell" finds "misshandel", "kloter" finds "klotter"', async () => {
    expect(await search('misshandell')).toEqual(refs('assault', 'threat'));
    expect(await search('kloter')).toEqual(refs('graffiti'));
    expect(await search('omkladningsrumen')).toEqual(refs('lockers'));
  });

  it('matches by spelling only when the words themselves are found nowhere, and keeps that across pages', async () => {
    const right = await seedIncident(db(), {
      organisationId: city.committeeB,
      description: 'Skadegörelse på bilen',
    });
    const typo = await seedIncident(db(), {
      organisationId: city.committeeB,
      description: 'Skadegörrelse på bilen',
    });
    // Found as a word, so near spellings are not mixed in; misspelled, it finds both.
    expect(await search('skadegörelse', city.coordinatorB.client)).toEqual([right.reference]);
    expect(await search('skadegörelsse', city.coordinatorB.client)).toEqual(
      [right.reference, typo.reference].sort(),
    );
    const first = await listPage(city.coordinatorA.client, 'q=misshandell&limit=1');
    expect(first.items).toHaveLength(1);
    const second = await listPage(
      city.coordinatorA.client,
      `q=misshandell&limit=1&cursor=${first.nextCursor}`,
    );
    expect(second.nextCursor).toBeNull();
    expect([first.items[0]!.reference, second.items[0]!.reference].sort()).toEqual(refs('assault', 'threat'));
  });

  it('searches the address and what was done at once, not only the description', async () => {
    expect(await search('Storgatan')).toEqual(refs('street'));
    expect(await search('väktarbolaget')).toEqual(refs('street'));
  });

  it('finds nothing for a word that is nowhere, and no loose matches on unrelated words', async () => {
    expect(await search('brandlarm')).toEqual([]);
    expect(await search('katt')).toEqual([]);
  });

  it('understands web-search syntax, taken exactly: phrases, exclusions and or', async () => {
    expect(await search('"vid entrén"')).toEqual(refs('bike'));
    expect(await search('stöld -cykel')).toEqual(refs('lockers'));
    expect(await search('klotter or cykel')).toEqual(refs('bike', 'graffiti'));
    expect(isPreciseSearch('misshandel')).toBe(false);
    expect(isPreciseSearch('ett-två')).toBe(false);
    expect(isPreciseSearch('stöld -cykel')).toBe(true);
  });

  it('finds a report by its reference from the receipt, in any letter case, and only where the caller may see it', async () => {
    for (const [name, reference] of [
      ['graffiti', 'H-2026-004711'],
      ['other', 'H-2026-004712'],
    ] as const) {
      await incidentsDb(db())
        .updateTable('incidents')
        .set({ reference })
        .where('reference', '=', ref[name]!)
        .execute();
      ref[name] = reference;
    }
    expect(await search('H-2026-004711')).toEqual(refs('graffiti'));
    expect(await search(' h-2026-004711 ')).toEqual(refs('graffiti'));
    expect(await search('H-2026-004712')).toEqual([]);
  });

  it('searches need-to-know texts only for those who may read them', async () => {
    expect(await search('misshandel', city.coordinatorA.client)).toEqual(refs('assault', 'threat'));
    expect(await search('misshandel', city.managerA1.client)).toEqual(refs('assault'));
    expect(await search('receptionen', city.managerA1.client)).toEqual([]);
    expect(await search('stöld', city.coordinatorB.client)).toEqual(refs('other'));
  });

  it('combines with filters and pages', async () => {
    expect(await search('stöld', city.coordinatorA.client, '&state=closed')).toEqual(refs('lockers'));
    const first = await listPage(city.coordinatorA.client, 'q=st%C3%B6ld&limit=1');
    expect(first.items).toHaveLength(1);
    const second = await listPage(
      city.coordinatorA.client,
      `q=st%C3%B6ld&limit=1&cursor=${first.nextCursor}`,
    );
    expect(second.nextCursor).toBeNull();
    expect([first.items[0]!.reference, second.items[0]!.reference].sort()).toEqual(refs('bike', 'lockers'));
  });

  it("searches the caller's own reports in scope=mine", async () => {
    const mine = await seedIncident(db(), {
      organisationId: city.committeeA,
      unitId: city.unitA1,
      reporterId: city.employeeA1.id,
      description: 'Cykeln stals igen',
    });
    expect(await search('cykel', city.employeeA1.client, '&scope=mine')).toEqual([mine.reference]);
  });
});
