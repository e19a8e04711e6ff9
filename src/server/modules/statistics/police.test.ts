import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FixtureArea,
  feedEvent,
  readPoliceFile,
  seedStockholmAreas,
} from '../../../../tests/support/police.ts';
import { createUser, signIn, useTestApp } from '../../../../tests/support/test-app.ts';
import { awaitTask } from '../../platform/tasks.ts';
import { fetchPoliceFeed, MAX_CALLS_PER_HOUR, POLICE_FEED_USER_AGENT } from './police-feed.ts';

const t = useTestApp();
let areas: FixtureArea[];
const areaId = (name: string) => areas.find((a) => a.name === name)!.id;

async function analyst() {
  const user = await createUser(t.current, 'city_analyst', t.current.rootId);
  return signIn(t.current, user.email);
}

const q = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(t.current.database.db)).rows;

beforeAll(async () => {
  areas = await seedStockholmAreas(t.current.database.db, t.current.rootId);
});

describe('the police routes', () => {
  it('imports an uploaded file in a task and reports the summary', async () => {
    const client = await analyst();
    const events = [
      feedEvent(101, { summary: 'Bråk vid Rinkeby torg.' }),
      feedEvent(102, { type: 'Sammanfattning natt', summary: 'Lugn natt i Tensta.' }),
      feedEvent(103, { type: 'Ny sorts händelse', summary: 'Något hände.' }),
      feedEvent(104, { location: 'Uppsala', name: '12 mars 21.14, Brand, Uppsala', type: 'Brand' }),
    ];
    const res = await client.request(
      'POST',
      '/api/statistics/police/imports?fileName=slice.json',
      JSON.stringify(events),
      {
        'content-type': 'application/json',
      },
    );
    expect(res.statusCode, res.body).toBe(202);
    const task = await awaitTask(t.current.deps, res.json().id);
    expect(task.status).toBe('succeeded');
    expect(task.result).toMatchObject({
      total: 4,
      created: 4,
      inMunicipality: 3,
      unplaced: 1,
      unmappedTypes: ['Ny sorts händelse'],
    });
    const polled = await client.request('GET', `/api/tasks/${res.json().id}`);
    expect(polled.json()).toMatchObject({ kind: 'import.police_events', status: 'succeeded' });
    const imports = await q<{ origin: string; file_name: string }>(
      sql`SELECT origin, file_name FROM statistics_imports WHERE kind = 'police_events'`,
    );
    expect(imports).toEqual([{ origin: 'upload', file_name: 'slice.json' }]);
  });

  it('fails the task with the broken events named and writes nothing', async () => {
    const client = await analyst();
    const before = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM police_events`);
    const res = await client.request(
      'POST',
      '/api/statistics/police/imports',
      JSON.stringify([feedEvent(201), { ...feedEvent(202), datetime: 'igår' }]),
    );
    const task = await awaitTask(t.current.deps, res.json().id);
    expect(task.status).toBe('failed');
    expect(task.error).toMatchObject({
      code: 'statistics.police_invalid',
      details: { errors: [{ index: 1, id: 202, field: 'datetime' }] },
    });
    expect(await q(sql`SELECT count(*)::int AS n FROM police_events`)).toEqual(before);
  });

  it('lists unmapped types and events for review, filtered', async () => {
    const client = await analyst();
    const unmapped = await client.request('GET', '/api/statistics/police/unmapped');
    expect(unmapped.json().items).toEqual([{ policeType: 'Ny sorts händelse', count: 1 }]);
    const placed = await client.request('GET', '/api/statistics/police/events?level=neighbourhood');
    expect(placed.json()).toMatchObject({ total: 2, items: expect.any(Array) });
    expect(
      placed
        .json()
        .items.map((e: { areaName: string }) => e.areaName)
        .sort(),
    ).toEqual(['RINKEBY', 'TENSTA']);
    const atMunicipality = await client.request(
      'GET',
      '/api/statistics/police/events?level=municipality&rule=location_name',
    );
    expect(atMunicipality.json().items.map((e: { id: string }) => e.id)).toEqual(['103']);
    const outside = await client.request('GET', '/api/statistics/police/events?ownOnly=false&level=outside');
    expect(outside.json().items.map((e: { id: string }) => e.id)).toEqual(['104']);
    const month = await client.request('GET', '/api/statistics/police/events?month=2025-02');
    expect(month.json().total).toBe(0);
  });

  it('updates a mapping, audited, and rebuilds the police cells in the same transaction', async () => {
    const client = await analyst();
    const tensta = areaId('TENSTA');
    const cellsOf = () =>
      q<{ n: number }>(sql`SELECT coalesce(sum(count), 0)::int AS n FROM picture_cells
        WHERE source = 'police' AND grain = 'total' AND scope_id = ${tensta}`);
    // "Sammanfattning natt" is not counted: Tensta has no police cells yet.
    expect(await cellsOf()).toEqual([{ n: 0 }]);
    const list = await client.request('GET', '/api/statistics/police/mappings');
    const body = list.json();
    const summary = body.items.find((m: { policeType: string }) => m.policeType === 'Sammanfattning natt');
    expect(summary).toMatchObject({ counted: false, eventCount: 1 });
    const theft = body.incidentTypes.find((x: { code: string }) => x.code === 'theft');
    const res = await client.request('PUT', '/api/statistics/police/mappings', {
      policeType: 'Sammanfattning natt',
      incidentTypeId: theft.id,
      focusAreas: ['crime'],
      violentExtremism: false,
      counted: true,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ counted: true, incidentTypeCode: 'theft', focusAreas: ['crime'] });
    expect(await cellsOf()).toEqual([{ n: 1 }]);
    const audit = await q<{ action: string; target_id: string }>(
      sql`SELECT action, target_id FROM audit_events WHERE action = 'statistics.police_mapping_updated'`,
    );
    expect(audit).toEqual([
      { action: 'statistics.police_mapping_updated', target_id: 'Sammanfattning natt' },
    ]);
    // An unmapped type gets its mapping; it leaves the unmapped list.
    const created = await client.request('PUT', '/api/statistics/police/mappings', {
      policeType: 'Ny sorts händelse',
      incidentTypeId: null,
      focusAreas: [],
      violentExtremism: false,
      counted: true,
    });
    expect(created.statusCode, created.body).toBe(200);
    expect((await client.request('GET', '/api/statistics/police/unmapped')).json().items).toEqual([]);
    // A type nobody has seen is refused.
    const unknown = await client.request('PUT', '/api/statistics/police/mappings', {
      policeType: 'Finns inte',
      incidentTypeId: null,
      focusAreas: [],
      violentExtremism: false,
      counted: true,
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('keeps the hour grain in Stockholm time', async () => {
    // 21:40 +01:00 on Wednesday 12 March 2025 → ISO weekday 3, hour 21, month 2025-03.
    const rows = await q<{ month: string; weekday: number; hour: number; count: number }>(sql`
      SELECT month::text, weekday, hour, count FROM picture_cells
      WHERE source = 'police' AND grain = 'hour' AND scope_id = ${areaId('RINKEBY')}`);
    expect(rows).toEqual([{ month: '2025-03-01', weekday: 3, hour: 21, count: 1 }]);
  });
});

describe('the scheduled feed fetch', () => {
  let server: http.Server;
  let url: string;
  const userAgents: string[] = [];
  let slice: string;

  beforeAll(async () => {
    const text = readPoliceFile();
    // A recorded slice of the feed: the real file's first 200 events when present, else made-up ones.
    slice = text
      ? JSON.stringify((JSON.parse(text) as unknown[]).slice(0, 200))
      : JSON.stringify(Array.from({ length: 200 }, (_, i) => feedEvent(700_000 + i)));
    server = http.createServer((req, res) => {
      userAgents.push(String(req.headers['user-agent']));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(slice);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/events`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('fetches with a User-Agent naming Trygg, records the call and imports with origin feed', async () => {
    const deps = { ...t.current.deps, config: { ...t.current.deps.config, policeFeedUrl: url } };
    const outcome = await fetchPoliceFeed(deps);
    expect(outcome).toMatchObject({ fetched: true, status: 200, import: { total: 200 } });
    expect(userAgents).toEqual([POLICE_FEED_USER_AGENT]);
    expect(POLICE_FEED_USER_AGENT).toMatch(/^Trygg\//);
    const ids = (JSON.parse(slice) as { id: number }[]).map((e) => e.id);
    const stored = await q<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM police_events WHERE id = ANY(${ids}::bigint[])`,
    );
    expect(stored).toEqual([{ n: 200 }]);
    const fetches = await q<{ status: number; event_count: number; url: string }>(
      sql`SELECT status, event_count, url FROM police_feed_fetches`,
    );
    expect(fetches).toEqual([{ status: 200, event_count: 200, url }]);
    const origin = await q<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM statistics_imports WHERE origin = 'feed' AND row_count = 200`,
    );
    expect(origin).toEqual([{ n: 1 }]);
  });

  it('skips a second call within 10 seconds without calling the feed', async () => {
    const deps = { ...t.current.deps, config: { ...t.current.deps.config, policeFeedUrl: url } };
    t.current.clock.advance(5_000);
    expect(await fetchPoliceFeed(deps)).toMatchObject({
      fetched: false,
      reason: 'too_soon',
      retryAfterSeconds: 5,
    });
    expect(userAgents).toHaveLength(1);
    t.current.clock.advance(6_000);
    const again = await fetchPoliceFeed(deps);
    expect(again).toMatchObject({ fetched: true, import: { created: 0, updated: 0, unchanged: 200 } });
    expect(userAgents).toHaveLength(2);
  });

  it('makes at most 60 calls in a rolling hour, counted from the recorded fetches', async () => {
    const deps = { ...t.current.deps, config: { ...t.current.deps.config, policeFeedUrl: url } };
    await sql`DELETE FROM police_feed_fetches`.execute(t.current.database.db);
    const now = t.current.clock.now();
    // 60 calls made by another process over the last 50 minutes (every 45 s, the latest 5¾ minutes ago).
    for (let i = 0; i < MAX_CALLS_PER_HOUR; i++) {
      const at = new Date(now.getTime() - (50 * 60 - i * 45) * 1000);
      await sql`INSERT INTO police_feed_fetches (fetched_at, url, status) VALUES (${at}, ${url}, 200)`.execute(
        t.current.database.db,
      );
    }
    t.current.clock.advance(60_000);
    expect(await fetchPoliceFeed(deps)).toMatchObject({ fetched: false, reason: 'hourly_cap' });
    expect(userAgents).toHaveLength(2);
    // Once the oldest falls out of the hour (10 minutes on), one call is allowed again.
    t.current.clock.advance(600_000);
    expect(await fetchPoliceFeed(deps)).toMatchObject({ fetched: true });
    expect(userAgents).toHaveLength(3);
  });

  it('does nothing without a URL', async () => {
    const deps = { ...t.current.deps, config: { ...t.current.deps.config, policeFeedUrl: undefined } };
    expect(await fetchPoliceFeed(deps)).toEqual({ fetched: false, reason: 'not_configured' });
  });

  it('shows the feed status to the city analyst', async () => {
    const client = await analyst();
    const res = await client.request('GET', '/api/statistics/police/feed');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      configured: false,
      intervalMinutes: 10,
      lastImport: { origin: 'feed' },
    });
    expect(res.json().fetches.length).toBeGreaterThan(0);
  });
});
