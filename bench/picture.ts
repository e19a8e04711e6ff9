// The situational picture at city scale: the live figures from the rollups, through the full stack,
// beside the same figures computed by plain GROUP BY over the incident table on the same database.
//
// Setup: the real server in this process (startServer, embedded PostgreSQL, only 127.0.0.1) and the
// demo city with BENCH_INCIDENTS demo incidents (default 1,000,000 over three years: several minutes;
// the demo keeps the rollups current as it writes them), VACUUM ANALYZE. BENCH_DATA_DIR=<folder>
// keeps the database there and reuses it on the next run (nothing is generated when it already holds
// a demo city; what it holds and how it was made is printed).
// (1) The city-wide picture (every section), GET /api/pictures/figures, as the demo's city analyst:
//     p50/p95 over BENCH_READS sequential requests, beside the same own-report figures by plain
//     GROUP BY over incidents (totals by type × gender for both periods, trend by month × gender,
//     heat map, by district area), the ratio.
// (2) One district area's picture: p50/p95.
// Server RSS sampled every 50 ms during (1) and (2) (the server runs in this process).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../src/server/config.ts';
import { type RunningServer, startServer } from '../src/server/main.ts';
import {
  addIncidentsToDemoCity,
  createDemoCity,
  DEMO_EMAIL_DOMAIN,
} from '../src/server/modules/demo/demo.usecases.ts';
import { hashPassword } from '../src/server/platform/passwords.ts';
import {
  makeTempDir,
  onInterrupt,
  removeDir,
  round,
  signInAs,
  summaryLine,
  table,
  targetNote,
} from './lib/common.ts';

const positive = (name: string, fallback: number, min = 1) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < min) throw new Error(`${name} must be a number ≥ ${min}`);
  return value;
};
const INCIDENTS = Math.round(positive('BENCH_INCIDENTS', 1_000_000, 0));
const READS = Math.round(positive('BENCH_READS', 100, 10));
const SQL_RUNS = Math.round(positive('BENCH_SQL_RUNS', 10, 3));
const DATA_DIR = process.env.BENCH_DATA_DIR ? path.resolve(process.env.BENCH_DATA_DIR) : null;
const TARGET_CITY_P50_MS = 100;
const TARGET_AREA_P50_MS = 50;
const TARGET_RATIO = 5;
const TARGET_RSS_MB = 300;
const ADMIN_EMAIL = 'admin@trygg.local';
const ADMIN_PASSWORD = 'bench-admin-password-42';
const ANALYST = `analytiker@${DEMO_EMAIL_DOMAIN}`;
const ANALYST_PASSWORD = 'bench-analyst-password-42';
const AREA_NAME = 'Skärholmen';
const MARKER = 'bench-picture.json';

let tempDir: string | undefined;
let server: RunningServer | undefined;

async function cleanup(): Promise<void> {
  await server?.stop().catch((err) => console.error(`stopping the server failed: ${String(err)}`));
  server = undefined;
  removeDir(tempDir);
  tempDir = undefined;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? Number.NaN
    : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** Samples this process's RSS (the server's) until stopped; the highest seen. */
function rssSampler() {
  let max = process.memoryUsage.rss();
  const timer = setInterval(() => {
    max = Math.max(max, process.memoryUsage.rss());
  }, 50);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(max, process.memoryUsage.rss());
    },
  };
}

interface Timed {
  p50: number;
  p95: number;
  mean: number;
  n: number;
  bytes: number;
}

function summarise(times: number[], bytes = 0): Timed {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    p50: round(percentile(sorted, 50), 1),
    p95: round(percentile(sorted, 95), 1),
    mean: round(times.reduce((a, b) => a + b, 0) / times.length, 1),
    n: times.length,
    bytes,
  };
}

/** `n` sequential GETs after 5 for warm-up, each timed from send to the end of the body. */
async function timedGets(base: string, cookie: string, url: string, n: number): Promise<Timed> {
  for (let i = 0; i < 5; i++)
    await fetch(`${base}${url}`, { headers: { cookie } }).then((r) => r.arrayBuffer());
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    const res = await fetch(`${base}${url}`, { headers: { cookie } });
    const body = await res.text();
    times.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${body.slice(0, 500)}`);
    bytes = body.length;
  }
  return summarise(times, bytes);
}

function monthBefore(d: Date): string {
  const local = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
  })
    .format(d)
    .slice(0, 7);
  const [y, m] = local.split('-').map(Number) as [number, number];
  const prev = new Date(Date.UTC(y, m - 2, 1));
  return `${prev.getUTCFullYear()}-${String(prev.getUTCMonth() + 1).padStart(2, '0')}`;
}
function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

async function main(): Promise<void> {
  if (!DATA_DIR) tempDir = makeTempDir('trygg-bench-picture');
  const dataDir = DATA_DIR ?? path.join(tempDir!, 'data');
  const config = loadConfig({
    TRYGG_DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    TRYGG_DEMO: 'off',
    TRYGG_ADMIN_EMAIL: ADMIN_EMAIL,
    TRYGG_ADMIN_PASSWORD: ADMIN_PASSWORD,
    TRYGG_RATE_LIMIT_PER_MINUTE: '100000000',
    TRYGG_JOBS: 'off',
  });
  server = await startServer(config, pino({ level: 'silent' }));
  const address = server.app.server.address();
  if (typeof address !== 'object' || !address) throw new Error('the server has no TCP address');
  const base = `http://127.0.0.1:${address.port}`;
  const deps = { config, db: server.database.db, now: () => new Date() };
  const pool = server.database.pool;

  console.log(
    'Situational picture: live figures from the rollups through the API, beside GROUP BY over incidents',
  );
  console.log(
    `machine: ${os.cpus().length} cores, Node ${process.version}, load average (1 min) ${round(os.loadavg()[0]!, 2)}; server in this process, embedded PostgreSQL, 127.0.0.1`,
  );

  // ---- data
  const markerFile = path.join(dataDir, MARKER);
  const hasDemo = Number(
    (await pool.query(`SELECT count(*) FROM audit_events WHERE action = 'demo.created'`)).rows[0].count,
  );
  if (hasDemo > 0) {
    const made = fs.existsSync(markerFile)
      ? fs.readFileSync(markerFile, 'utf8').trim()
      : '(no record of how)';
    console.log(`reusing the database in ${dataDir}: ${made}`);
  } else {
    const started = performance.now();
    const city = await createDemoCity(deps, { incidents: 0 });
    let lastPrint = 0;
    if (INCIDENTS > 0)
      await addIncidentsToDemoCity(deps, {
        count: INCIDENTS,
        onProgress: (done, total) => {
          if (performance.now() - lastPrint > 30_000) {
            lastPrint = performance.now();
            console.log(`  … ${done.toLocaleString('en')} / ${total.toLocaleString('en')} incidents`);
          }
        },
      });
    await pool.query('VACUUM ANALYZE');
    const seconds = round((performance.now() - started) / 1000, 1);
    const how = `createDemoCity (${city.counts.areas} areas, ${city.counts.organisations} organisations, demo statistics) + addIncidentsToDemoCity(${INCIDENTS.toLocaleString('en')}) (rollups kept by the demo's writer) + VACUUM ANALYZE, ${seconds} s, ${new Date().toISOString()}`;
    if (DATA_DIR) fs.writeFileSync(markerFile, `${how}\n`);
    console.log(`made the database: ${how}`);
  }
  const counts = (
    await pool.query(`SELECT (SELECT count(*) FROM incidents)::int AS incidents,
      (SELECT count(*) FROM picture_cells)::int AS cells, (SELECT count(*) FROM police_events)::int AS police,
      (SELECT min(occurred_at)::date::text FROM incidents) AS first, (SELECT max(occurred_at)::date::text FROM incidents) AS last`)
  ).rows[0] as { incidents: number; cells: number; police: number; first: string; last: string };
  console.log(
    `data: ${counts.incidents.toLocaleString('en')} incidents (${counts.first} … ${counts.last}), ${counts.cells.toLocaleString('en')} picture cells, ${counts.police.toLocaleString('en')} police events`,
  );

  // The analyst's password is random in the demo: set a known one.
  await pool.query('UPDATE users SET password_hash = $1 WHERE lower(email) = $2', [
    await hashPassword(ANALYST_PASSWORD),
    ANALYST,
  ]);
  const { cookie } = await signInAs(base, ANALYST, ANALYST_PASSWORD);

  const to = monthBefore(new Date());
  const from = addMonths(to, -11);
  const compareFrom = addMonths(from, -12);
  const compareTo = addMonths(to, -12);
  const area = (
    await pool.query(`SELECT id FROM areas WHERE level = 'district_area' AND name = $1`, [AREA_NAME])
  ).rows[0] as { id: string } | undefined;
  if (!area) throw new Error(`the demo has no district area ${AREA_NAME}`);
  const cityUrl = `/api/pictures/figures?from=${from}&to=${to}`;
  const areaUrl = `/api/pictures/figures?areas=${area.id}&from=${from}&to=${to}`;

  // ---- (1) and (2) through the API
  global.gc?.();
  const rssBeforeMb = round(process.memoryUsage.rss() / 1024 / 1024);
  const heapBeforeMb = round(process.memoryUsage().heapUsed / 1024 / 1024);
  const rss = rssSampler();
  const city = await timedGets(base, cookie, cityUrl, READS);
  const one = await timedGets(base, cookie, areaUrl, READS);
  const rssMaxMb = round(rss.stop() / 1024 / 1024);

  // ---- the same figures by plain GROUP BY over incidents
  const zone = 'Europe/Stockholm';
  const ts = (month: string) => `${month}-01 00:00`;
  const p = [
    ts(from),
    ts(addMonths(to, 1)),
    ts(compareFrom),
    ts(addMonths(compareTo, 1)),
    ts(addMonths(to, -35)),
  ];
  /** A period bound as an SQL literal (made here, not from input). */
  const at = (i: number) => `('${p[i]}'::timestamp AT TIME ZONE '${zone}')`;
  const queries: [string, string][] = [
    [
      'totals by type × gender, both periods',
      `SELECT t.code, coalesce(i.affected_gender, 'unknown') AS gender,
         (i.occurred_at >= ${at(0)}) AS current, count(*)::int
       FROM incidents i JOIN incident_types t ON t.id = i.type_id
       WHERE (i.occurred_at >= ${at(0)} AND i.occurred_at < ${at(1)})
          OR (i.occurred_at >= ${at(2)} AND i.occurred_at < ${at(3)})
       GROUP BY 1, 2, 3`,
    ],
    [
      'trend by month × gender, 36 months',
      `SELECT date_trunc('month', i.occurred_at AT TIME ZONE '${zone}') AS month, coalesce(i.affected_gender, 'unknown'), count(*)::int
       FROM incidents i
       WHERE i.occurred_at >= ${at(4)} AND i.occurred_at < ${at(1)}
       GROUP BY 1, 2`,
    ],
    [
      'heat map weekday × hour × gender',
      `SELECT extract(isodow FROM i.occurred_at AT TIME ZONE '${zone}') AS weekday,
         extract(hour FROM i.occurred_at AT TIME ZONE '${zone}') AS hour, coalesce(i.affected_gender, 'unknown'), count(*)::int
       FROM incidents i
       WHERE i.occurred_at >= ${at(0)} AND i.occurred_at < ${at(1)}
       GROUP BY 1, 2, 3`,
    ],
    [
      'by district area × gender',
      `SELECT d.id, coalesce(i.affected_gender, 'unknown'), count(*)::int
       FROM incidents i JOIN areas d ON d.level = 'district_area' AND d.id = ANY(i.area_path)
       WHERE i.occurred_at >= ${at(0)} AND i.occurred_at < ${at(1)}
       GROUP BY 1, 2`,
    ],
  ];
  const client = await pool.connect();
  const perQuery = queries.map(() => [] as number[]);
  const totals: number[] = [];
  try {
    for (let run = -1; run < SQL_RUNS; run++) {
      let total = 0;
      for (const [i, [, text]] of queries.entries()) {
        const started = performance.now();
        await client.query(text);
        const ms = performance.now() - started;
        total += ms;
        if (run >= 0) perQuery[i]!.push(ms);
      }
      if (run >= 0) totals.push(total);
    }
  } finally {
    client.release();
  }
  const sqlTimed = summarise(totals);
  const ratio = sqlTimed.p50 / city.p50;

  console.log(
    `\nPeriod ${from} … ${to}, comparison ${compareFrom} … ${compareTo}; ${READS} sequential requests each after 5 for warm-up, as the city analyst`,
  );
  console.log(
    table(
      ['run', 'p50 ms', 'p95 ms', 'mean ms', 'n', 'body bytes'],
      [
        [
          'API: city-wide picture (all sections, suppressed)',
          city.p50,
          city.p95,
          city.mean,
          city.n,
          city.bytes,
        ],
        [`API: one area's picture (${AREA_NAME})`, one.p50, one.p95, one.mean, one.n, one.bytes],
        [
          'SQL: GROUP BY over incidents, own reports only (the 4 queries below, one after another)',
          sqlTimed.p50,
          sqlTimed.p95,
          sqlTimed.mean,
          sqlTimed.n,
          '',
        ],
        ...queries.map(([label], i) => {
          const s = summarise(perQuery[i]!);
          return [`  SQL: ${label}`, s.p50, s.p95, s.mean, s.n, ''] as (string | number)[];
        }),
      ],
    ),
  );
  console.log(
    `ratio GROUP BY / API (p50): ${round(ratio, 1)}× — ${targetNote(ratio >= TARGET_RATIO, `≥ ${TARGET_RATIO}×`)} (the API also reads police events, population, surveys, reported crime, sources, and audits the read)`,
  );
  console.log(`city-wide p50: ${targetNote(city.p50 <= TARGET_CITY_P50_MS, `≤ ${TARGET_CITY_P50_MS} ms`)}`);
  console.log(`one area p50: ${targetNote(one.p50 <= TARGET_AREA_P50_MS, `≤ ${TARGET_AREA_P50_MS} ms`)}`);
  console.log(
    `server RSS (this process) during the API runs: max ${rssMaxMb} MB (${rssBeforeMb} MB before them, heap in use ${heapBeforeMb} MB) — ${targetNote(rssMaxMb <= TARGET_RSS_MB, `≤ ${TARGET_RSS_MB} MB`)}`,
  );

  console.log(
    summaryLine('picture', {
      incidents: counts.incidents,
      city_p50_ms: city.p50,
      city_p95_ms: city.p95,
      groupby_p50_ms: sqlTimed.p50,
      ratio: round(ratio, 1),
      area_p50_ms: one.p50,
      area_p95_ms: one.p95,
      rss_max_mb: rssMaxMb,
    }),
  );
}

const detach = onInterrupt(cleanup);
main()
  .then(async () => {
    detach();
    await cleanup();
  })
  .catch(async (err) => {
    console.error(err);
    detach();
    await cleanup();
    process.exitCode = 1;
  });
