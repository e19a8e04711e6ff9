import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  createOrganisation,
  createUser,
  signIn,
  useTestApp,
} from '../../../../tests/support/test-app.ts';
import type { Task } from '../../../domain/api/pictures.ts';
import type {
  StatisticsCoverageResponse,
  StatisticsImportListResponse,
} from '../../../domain/api/statistics-imports.ts';
import { SYSTEM } from '../../platform/actor.ts';
import { awaitTask } from '../../platform/tasks.ts';
import { commitAreaImport } from '../areas/import/import.usecases.ts';
import { TEST_AREAS } from '../facilities/facilities.fixtures.ts';

const t = useTestApp();
let analyst: Client;
let analystId: string;

beforeAll(async () => {
  await commitAreaImport({ deps: t.current.deps, caller: SYSTEM, input: TEST_AREAS });
  const user = await createUser(t.current, 'city_analyst', t.current.rootId, 'Ada Analytiker');
  analystId = user.id;
  analyst = await signIn(t.current, user.email);
});

/** Uploads, waits for the task and reads it back through the API as the browser would. */
async function upload(kind: string, body: unknown, headers?: Record<string, string>): Promise<Task> {
  const res = await analyst.request('POST', `/api/statistics/imports/${kind}`, body, headers);
  expect(res.statusCode, res.body).toBe(202);
  const started = res.json() as Task;
  expect(started.kind).toBe('import.statistics_csv');
  await awaitTask(t.current.deps, started.id);
  const done = await analyst.request('GET', `/api/tasks/${started.id}`);
  expect(done.statusCode).toBe(200);
  return done.json() as Task;
}

const populationCount = async () =>
  (await sql<{ n: number }>`SELECT count(*)::int AS n FROM population`.execute(t.current.database.db))
    .rows[0]!.n;

describe('statistics imports through the API', () => {
  it('gives the template: header and two example rows, BOM and semicolons, naming real areas', async () => {
    const res = await analyst.request('GET', '/api/statistics/templates/population');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('population-template.csv');
    const lines = res.body.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('\ufeffyear;area;gender;age_band;count');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^2024;(Norrdal|Söderdal|Mittdistriktet);woman;25-44;4210$/);
  });

  it('fails the task with the errors per row and writes nothing; the fixed file then imports', async () => {
    const bad = 'year;area;gender;age_band;count\n2024;Norrdal;woman;0-15;10\n2024;Norrdal;man;0-15;ten\n';
    const failed = await upload('population', { csv: bad, fileName: 'befolkning.csv' });
    expect(failed.status).toBe('failed');
    expect(failed.error).toEqual({
      code: 'statistics.import_invalid',
      message: 'The file has errors; nothing was imported',
      details: {
        errors: [{ line: 3, column: 'count', message: 'Write a whole number, 0 or more' }],
        errorCount: 1,
      },
    });
    expect(await populationCount()).toBe(0);

    const good = await upload('population', { csv: bad.replace(';ten', ';12'), fileName: 'befolkning.csv' });
    expect(good.status, JSON.stringify(good.error)).toBe('succeeded');
    expect(good.result).toMatchObject({ kind: 'population', rows: 2, created: 2, updated: 0, unchanged: 0 });
    expect(good.progress).toEqual({ done: 2, total: 2, stage: 'writing' });
    expect(await populationCount()).toBe(2);
    const who = await sql<{ imported_by: string; origin: string }>`
      SELECT imported_by, origin FROM statistics_imports`.execute(t.current.database.db);
    expect(who.rows).toEqual([{ imported_by: analystId, origin: 'upload' }]);
  });

  it('takes the CSV as a text/csv body too', async () => {
    // A later import than the previous test's (the test clock stands still otherwise).
    t.current.clock.advance(60_000);
    const task = await upload('reported_crime', 'period;area;crime_type;count\n2024-01;Norrdal;Stöld;5\n', {
      'content-type': 'text/csv',
      'x-ignored': '1',
    });
    expect(task.status, JSON.stringify(task.error)).toBe('succeeded');
    expect(task.result).toMatchObject({ kind: 'reported_crime', created: 1 });
  });

  it('lists every import newest first, police events included, a page at a time, and the coverage per kind', async () => {
    await sql`INSERT INTO statistics_imports (municipality_id, kind, origin, file_name, source_sha256, row_count,
        created_count, unplaced_count, imported_at)
      VALUES (${t.current.rootId}, 'police_events', 'feed', NULL, 'abc', 70, 70, 3, now() + interval '1 hour')`.execute(
      t.current.database.db,
    );
    const first = await analyst.request('GET', '/api/statistics/imports?limit=2');
    expect(first.statusCode).toBe(200);
    const page1 = first.json() as StatisticsImportListResponse;
    expect(page1.items.map((i) => i.kind)).toEqual(['police_events', 'reported_crime']);
    expect(page1.items[0]).toMatchObject({ origin: 'feed', rows: 70, unplaced: 3, importedBy: null });
    expect(page1.items[1]).toMatchObject({
      importedBy: { id: analystId, name: 'Ada Analytiker' },
      created: 1,
    });
    expect(page1.nextBefore).not.toBeNull();
    const second = await analyst.request(
      'GET',
      `/api/statistics/imports?limit=2&before=${encodeURIComponent(page1.nextBefore!)}`,
    );
    const page2 = second.json() as StatisticsImportListResponse;
    expect(page2.items.map((i) => [i.kind, i.fileName])).toEqual([['population', 'befolkning.csv']]);
    expect(page2.nextBefore).toBeNull();
    const onlyPopulation = (await analyst.request('GET', '/api/statistics/imports?kind=population')).json();
    expect((onlyPopulation as StatisticsImportListResponse).items).toHaveLength(1);

    const coverage = (
      await analyst.request('GET', '/api/statistics/coverage')
    ).json() as StatisticsCoverageResponse;
    const byKind = Object.fromEntries(coverage.items.map((c) => [c.kind, c]));
    expect(byKind.population).toMatchObject({ from: '2024-01-01', to: '2024-12-31', rows: 2 });
    expect(byKind.population!.lastImport).toMatchObject({ fileName: 'befolkning.csv' });
    expect(byKind.reported_crime).toMatchObject({ from: '2024-01-01', to: '2024-01-31', rows: 1 });
    expect(byKind.survey).toMatchObject({ from: null, to: null, rows: 0, lastImport: null });
    expect(byKind.police_events!.lastImport).not.toBeNull();
  });

  it("refuses an analyst of a committee: the statistics are the whole city's", async () => {
    const committee = await createOrganisation(t.current, 'Norrdals stadsdelsnämnd', 'committee');
    const user = await createUser(t.current, 'city_analyst', committee);
    const other = await signIn(t.current, user.email);
    const res = await other.request('POST', '/api/statistics/imports/population', { csv: 'year\n2024\n' });
    expect(res.statusCode).toBe(403);
    expect((await other.request('GET', '/api/statistics/imports')).statusCode).toBe(403);
  });
});
