import { sql } from 'kysely';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type FixtureArea,
  feedEvent,
  POLICE_FILE,
  readPoliceFile,
  seedStockholmAreas,
} from '../../../../tests/support/police.ts';
import { useTestApp } from '../../../../tests/support/test-app.ts';
import { AppError } from '../../platform/errors.ts';
import { importPoliceEvents } from './police.usecases.ts';

// The whole real file (70,138 events) is imported several times.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const text = readPoliceFile();
if (text === null)
  console.warn(`The real police feed file is missing (${POLICE_FILE}): these tests are skipped`);
const t = useTestApp();
let areas: FixtureArea[];
const areaId = (name: string) => areas.find((a) => a.name === name)!.id;

async function rows<T>(q: ReturnType<typeof sql<T>>): Promise<T[]> {
  return (await q.execute(t.current.database.db)).rows;
}

const cells = () =>
  rows<
    Record<string, unknown>
  >(sql`SELECT scope_id, month::text, grain, category, weekday, hour, gender, count
    FROM picture_cells WHERE source = 'police' ORDER BY 1, 2, 3, 4, 5, 6, 7`);
const events = () =>
  rows<Record<string, unknown>>(sql`SELECT id, content_sha256, area_id, place_rule, updated_at
    FROM police_events ORDER BY id`);

describe.skipIf(text === null)('importPoliceEvents on the real feed file', () => {
  beforeAll(async () => {
    areas = await seedStockholmAreas(t.current.database.db, t.current.rootId);
  });

  it('refuses a file with a broken event, naming it, and writes nothing', async () => {
    const good = feedEvent(1);
    const noId = { ...feedEvent(2), id: undefined };
    const badDate = { ...feedEvent(3), datetime: '2025-13-45 99:00' };
    const err = await importPoliceEvents(t.current.deps, {
      events: JSON.stringify([good, noId, badDate]),
      origin: 'cli',
      fileName: 'broken.json',
      actorId: null,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    const details = (err as AppError).details as { errors: { index: number; id: unknown; field: string }[] };
    expect(details.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ index: 1, id: null, field: 'id' }),
        expect.objectContaining({ index: 2, id: 3, field: 'datetime' }),
      ]),
    );
    expect((err as AppError).message).toContain('event 1');
    const n = await rows<{ n: number }>(sql`SELECT
      (SELECT count(*) FROM police_events) + (SELECT count(*) FROM statistics_imports) AS n`);
    expect(Number(n[0]!.n)).toBe(0);
  });

  it('stores every event: counts per police type equal an independent count of the file', async () => {
    const result = await importPoliceEvents(t.current.deps, {
      events: text!,
      origin: 'cli',
      fileName: 'events-2022-2025.json',
      actorId: null,
    });
    const file = JSON.parse(text!) as { id: number; type: string }[];
    const expected = new Map<string, number>();
    for (const e of file) expected.set(e.type, (expected.get(e.type) ?? 0) + 1);
    const stored = await rows<{ police_type: string; n: number }>(
      sql`SELECT police_type, count(*)::int AS n FROM police_events GROUP BY police_type`,
    );
    expect(new Map(stored.map((r) => [r.police_type, r.n]))).toEqual(expected);
    expect(result).toMatchObject({ total: file.length, created: file.length, updated: 0, unchanged: 0 });
    expect(result.inMunicipality).toBeGreaterThan(3000);
    expect(result.unplaced).toBeGreaterThan(0);
    expect(result.unplaced).toBeLessThan(result.inMunicipality);
    const imports = await rows<{ row_count: number; created_count: number; unplaced_count: number }>(
      sql`SELECT row_count, created_count, unplaced_count FROM statistics_imports`,
    );
    expect(imports).toEqual([
      { row_count: file.length, created_count: file.length, unplaced_count: result.unplaced },
    ]);
    // The municipality's cells count its counted events (summaries left out, unmapped types counted).
    const [total] = await rows<{ cells: number; events: number }>(sql`SELECT
      (SELECT sum(count)::int FROM picture_cells WHERE source = 'police' AND grain = 'total' AND scope_id = ${areaId('Stockholm')}) AS cells,
      (SELECT count(*)::int FROM police_events p LEFT JOIN police_type_mappings m USING (police_type)
        WHERE p.municipality_id = ${t.current.rootId} AND coalesce(m.counted, true)) AS events`);
    expect(total!.cells).toBe(total!.events);
    const [summaries] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM picture_cells
      WHERE source = 'police' AND grain = 'type' AND category LIKE 'Sammanfattning%'`);
    expect(summaries!.n).toBe(0);
  });

  it('places hand-picked events in the area their text names', async () => {
    const expected: [number, string, string][] = [
      [372568, 'TENSTA', 'neighbourhood'], // "… hittats utomhus i Tensta."
      [374333, 'BJÖRKHAGEN', 'neighbourhood'],
      [375899, 'BAGARMOSSEN', 'neighbourhood'], // "Bagarmossen centrum"
      [376799, 'SÖDERMALM', 'neighbourhood'], // district and neighbourhood share the name: the finest wins
      [371971, 'NORRMALM', 'neighbourhood'],
      [414012, 'RINKEBY', 'neighbourhood'],
      [426133, 'KISTA', 'neighbourhood'], // "Personrån i Kista."
      [414037, 'AKALLA', 'neighbourhood'],
      [414390, 'MIDSOMMARKRANSEN', 'neighbourhood'],
      [413918, 'RÅGSVED', 'neighbourhood'],
      [419787, 'Bromma', 'district_area'], // "Vid en stöld i Bromma …"
      [429897, 'Hägersten-Älvsjö', 'district_area'], // Solberga and Älvsjö: their common district
    ];
    const stored = await rows<{ id: string; area_id: string; place_level: string; place_rule: string }>(
      sql`SELECT id, area_id, place_level, place_rule FROM police_events WHERE id = ANY(${expected.map((e) => e[0])}::bigint[])`,
    );
    for (const [id, name, level] of expected) {
      const row = stored.find((r) => Number(r.id) === id);
      expect(row, `event ${id}`).toMatchObject({
        area_id: areaId(name),
        place_level: level,
        place_rule: 'text_summary',
      });
    }
  });

  it('keeps the municipality level, flags ambiguous names and leaves other municipalities outside', async () => {
    const byId = async (id: number) =>
      (
        await rows<Record<string, unknown>>(sql`SELECT municipality_name, municipality_id, area_id, area_path,
          place_level, place_rule, ambiguous_names FROM police_events WHERE id = ${id}`)
      )[0];
    // "Misshandel med kniv på Norra Bantorget." names no area of ours.
    expect(await byId(372231)).toMatchObject({
      municipality_id: t.current.rootId,
      area_id: areaId('Stockholm'),
      area_path: [areaId('Stockholm')],
      place_level: 'municipality',
      place_rule: 'location_name',
    });
    // "En man i Johanneshov uppger att han blivit misshandlad på Södermalm …": two places, different districts.
    expect(await byId(518220)).toMatchObject({
      area_id: areaId('Stockholm'),
      place_level: 'municipality',
      place_rule: 'ambiguous',
      ambiguous_names: ['JOHANNESHOV', 'Södermalm'],
    });
    // Located in the county; the name ends in the municipality.
    expect(await byId(581682)).toMatchObject({
      municipality_name: 'Sollentuna',
      municipality_id: null,
      area_id: null,
      area_path: [],
      place_level: 'outside',
      place_rule: 'name_suffix',
    });
    expect(await byId(376841)).toMatchObject({
      municipality_name: 'Uppsala',
      municipality_id: null,
      place_level: 'outside',
      place_rule: 'location_name',
    });
  });

  it('changes nothing on a re-import of the same file', async () => {
    const beforeEvents = await events();
    const beforeCells = await cells();
    t.current.clock.advance(60_000);
    const result = await importPoliceEvents(t.current.deps, {
      events: text!,
      origin: 'upload',
      fileName: 'events-2022-2025.json',
      actorId: null,
    });
    expect(result).toMatchObject({ created: 0, updated: 0, unchanged: beforeEvents.length });
    expect(await events()).toEqual(beforeEvents);
    expect(await cells()).toEqual(beforeCells);
  });

  it('replaces a changed event, places a county-located event by its name, and the last duplicate wins', async () => {
    const file = JSON.parse(text!) as ReturnType<typeof feedEvent>[];
    const original = file.find((e) => e.id === 414012)!;
    const changed = { ...original, type: 'Skottlossning, misstänkt', summary: 'Skott hördes i Husby.' };
    const countyLocated = feedEvent(990001, {
      location: 'Stockholms län',
      name: '12 mars 21.14, Misshandel, Stockholm',
      summary: 'En man misshandlades.',
    });
    const first = feedEvent(990002, { summary: 'Bråk i Tensta.' });
    const last = feedEvent(990002, { summary: 'Bråk i Farsta strand.' });
    t.current.clock.advance(60_000);
    const result = await importPoliceEvents(t.current.deps, {
      events: [changed, countyLocated, first, last],
      origin: 'cli',
      fileName: 'changes.json',
      actorId: null,
    });
    expect(result).toMatchObject({ total: 4, created: 2, updated: 1, unchanged: 0 });
    const stored = await rows<
      Record<string, unknown>
    >(sql`SELECT id, police_type, area_id, place_level, place_rule
      FROM police_events WHERE id IN (414012, 990001, 990002) ORDER BY id`);
    expect(stored).toEqual([
      {
        id: '414012',
        police_type: 'Skottlossning, misstänkt',
        area_id: areaId('HUSBY'),
        place_level: 'neighbourhood',
        place_rule: 'text_summary',
      },
      {
        id: '990001',
        police_type: 'Misshandel',
        area_id: areaId('Stockholm'),
        place_level: 'municipality',
        place_rule: 'name_suffix',
      },
      {
        id: '990002',
        police_type: 'Misshandel',
        area_id: areaId('FARSTA STRAND'),
        place_level: 'neighbourhood',
        place_rule: 'text_summary',
      },
    ]);
    // The cells follow: Rinkeby lost the event, Husby gained it.
    const [husby] = await rows<{ n: number }>(sql`SELECT coalesce(sum(count), 0)::int AS n FROM picture_cells
      WHERE source = 'police' AND grain = 'type' AND scope_id = ${areaId('HUSBY')} AND category = 'Skottlossning, misstänkt'`);
    expect(husby!.n).toBeGreaterThanOrEqual(1);
    const total = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM police_events`);
    expect(total[0]!.n).toBe(file.length + 2);
  });
});
