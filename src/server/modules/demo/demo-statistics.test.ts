import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../tests/support/test-app.ts';
import { importStatisticsCsv } from '../statistics/csv-imports.usecases.ts';
import { createDemoCity, type DemoResult } from './demo.usecases.ts';
import { DISTRICT_PROFILES } from './demo-incident-profiles.ts';
import {
  AGE_BANDS,
  CRIME_TYPES,
  demoPeriods,
  demoPopulationCsv,
  demoReportedCrimeCsv,
  demoSurveyCsv,
  SURVEY_QUESTIONS,
} from './demo-statistics.ts';
import { STOCKHOLM_NEIGHBOURHOODS } from './stockholm-places.ts';

const t = useTestApp({ config: { threatRegisterKey: 'demo-test-threat-register-key-0123456789' } });
const db = () => t.current.database.db;
const NOW = new Date('2026-03-15T10:00:00Z');
let demo: DemoResult;

beforeAll(async () => {
  demo = await createDemoCity(t.current.deps, { seed: 11, incidents: 0, now: () => NOW });
}, 120_000);

describe('the demo statistics generators', () => {
  it('cover the three years and the 36 whole months before this one', () => {
    const { years, months } = demoPeriods(NOW);
    expect(years).toEqual([2024, 2025, 2026]);
    expect(months).toHaveLength(36);
    expect(months[0]).toBe('2023-03');
    expect(months.at(-1)).toBe('2026-02');
  });

  it('give the same files for the same seed, and other files for another', () => {
    expect(demoPopulationCsv(3, [2024])).toBe(demoPopulationCsv(3, [2024]));
    expect(demoSurveyCsv(3, [2024])).toBe(demoSurveyCsv(3, [2024]));
    expect(demoReportedCrimeCsv(3, ['2024-01'])).toBe(demoReportedCrimeCsv(3, ['2024-01']));
    expect(demoSurveyCsv(4, [2024])).not.toBe(demoSurveyCsv(3, [2024]));
  });
});

describe('the demo city’s statistics', () => {
  it('were fed through the imports: one import of each kind, every row written', async () => {
    const neighbourhoods = STOCKHOLM_NEIGHBOURHOODS.length;
    const districts = Object.keys(DISTRICT_PROFILES).length;
    const groups = 1 + 2 + 4 + 2;
    expect(demo.statistics).toMatchObject({
      population: neighbourhoods * 3 * 2 * AGE_BANDS.length,
      survey: (neighbourhoods + districts * 3) * SURVEY_QUESTIONS.length * groups,
      reportedCrime: districts * 36 * CRIME_TYPES.length,
    });
    const { rows } = await sql<{ kind: string; n: number; created: number }>`
      SELECT kind, count(*)::int AS n, sum(created_count)::int AS created FROM statistics_imports
      WHERE kind <> 'police_events' GROUP BY kind ORDER BY kind`.execute(db());
    expect(rows).toEqual([
      { kind: 'population', n: 1, created: demo.statistics!.population },
      { kind: 'reported_crime', n: 1, created: demo.statistics!.reportedCrime },
      { kind: 'survey', n: 1, created: demo.statistics!.survey },
    ]);
  });

  it('spread each district’s population over its neighbourhoods, about half women', async () => {
    const { rows } = await sql<{ district: string; total: number; women: number }>`
      SELECT d.name AS district, sum(p.count)::int AS total,
        sum(p.count) FILTER (WHERE p.gender = 'woman')::int AS women
      FROM population p JOIN areas n ON n.id = p.area_id JOIN areas d ON d.id = n.parent_id
      WHERE p.year = 2026 AND n.level = 'neighbourhood' GROUP BY d.name`.execute(db());
    expect(rows).toHaveLength(13);
    for (const r of rows) {
      expect(Math.abs(r.total - DISTRICT_PROFILES[r.district]!.population)).toBeLessThan(200);
      expect(r.women / r.total).toBeGreaterThan(0.48);
      expect(r.women / r.total).toBeLessThan(0.53);
    }
  });

  it('show women clearly more often worried about crime than men, in every area and year', async () => {
    const { rows } = await sql<{ area: string; year: number; women: string; men: string }>`
      SELECT a.name AS area, s.year, w.value AS women, s.value AS men
      FROM survey_results s JOIN areas a ON a.id = s.area_id
      JOIN survey_results w ON w.area_id = s.area_id AND w.year = s.year AND w.question_code = s.question_code
        AND w.group_kind = 'gender' AND w.group_value = 'woman'
      WHERE s.question_code = 'worried_crime' AND s.group_kind = 'gender' AND s.group_value = 'man'`.execute(
      db(),
    );
    expect(rows).toHaveLength(117 + 13 * 3);
    for (const r of rows) expect(Number(r.women) - Number(r.men), `${r.area} ${r.year}`).toBeGreaterThan(8);
  });

  it('have more reported crime per inhabitant where the district’s crime factor is higher', async () => {
    const { rows } = await sql<{ district: string; n: number }>`
      SELECT a.name AS district, sum(c.count)::int AS n FROM reported_crime c JOIN areas a ON a.id = c.area_id
      WHERE a.level = 'district_area' GROUP BY a.name`.execute(db());
    const rate = new Map(rows.map((r) => [r.district, r.n / DISTRICT_PROFILES[r.district]!.population]));
    expect(rate.get('Norrmalm')!).toBeGreaterThan(2.5 * rate.get('Bromma')!);
    expect(rate.get('Rinkeby-Kista')!).toBeGreaterThan(rate.get('Kungsholmen')!);
  });

  it('import again unchanged (the demo files are idempotent through the real import)', async () => {
    const { years } = demoPeriods(NOW);
    const again = await importStatisticsCsv(t.current.deps, {
      kind: 'population',
      csv: demoPopulationCsv(11, years),
      origin: 'cli',
      fileName: null,
      actorId: null,
      dryRun: true,
    });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: demo.statistics!.population });
  });
});
