// Point → area lookups over Stockholm's real 117 neighbourhoods (and their 13 district areas).
//
// An embedded PostgreSQL in a temp folder, migrated and bootstrapped, with the real files imported
// (shared/data/stockholm). Then 100,000 random points in Stockholm's bounding box, the same for every
// run (a fixed seed): the in-memory locator (rings loaded once, grid index, exact point-in-polygon)
// answers all of them, timed as a whole (points/s) and one by one (p50/p99); the SQL lookup (GiST
// index, then exact containment), which the API uses for one-off lookups, answers a sample of them
// one at a time, timed the same way, and must agree with the in-memory answers.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { toSweref99tm } from '../src/domain/geo/sweref99tm.ts';
import { bootstrap } from '../src/server/bootstrap.ts';
import { loadConfig } from '../src/server/config.ts';
import { type DatabaseHandle, openDatabase } from '../src/server/db/database.ts';
import { createAreaLocator, pointToArea } from '../src/server/modules/areas/areas.usecases.ts';
import { commitAreaImport } from '../src/server/modules/areas/import/import.usecases.ts';
import { SYSTEM } from '../src/server/platform/actor.ts';
import type { AppDeps } from '../src/server/platform/context.ts';
import {
  makeTempDir,
  median,
  onInterrupt,
  REPO_ROOT,
  removeDir,
  round,
  summaryLine,
  table,
  targetNote,
} from './lib/common.ts';

const POINTS = Number(process.env.BENCH_AREA_POINTS ?? 100_000);
const SQL_POINTS = Number(process.env.BENCH_AREA_SQL_POINTS ?? 2_000);
const WARMUP = 10_000;
const TARGET_POINTS_PER_S = 50_000;
/** Stockholm's bounding box (the extent of the 117 neighbourhoods), degrees. */
const BOX = { south: 59.2272, west: 17.7606, north: 59.4403, east: 18.2001 };
const DATA = path.resolve(REPO_ROOT, '../shared/data/stockholm');

let tempDir: string | undefined;
let database: DatabaseHandle | undefined;

async function cleanup(): Promise<void> {
  await database?.close().catch((err) => console.error(`closing the database failed: ${String(err)}`));
  database = undefined;
  removeDir(tempDir);
  tempDir = undefined;
}

function readData(file: string): string {
  const full = path.join(DATA, file);
  if (!fs.existsSync(full)) throw new Error(`The Stockholm data is missing: ${full}`);
  return fs.readFileSync(full, 'utf8');
}

/** A fixed sequence of points (xorshift32), so every run looks up the same ones. */
function randomPoints(n: number, seed = 20_240_901): { lat: number; lon: number }[] {
  let s = seed >>> 0;
  const next = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4_294_967_296;
  };
  return Array.from({ length: n }, () => ({
    lat: BOX.south + next() * (BOX.north - BOX.south),
    lon: BOX.west + next() * (BOX.east - BOX.west),
  }));
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  tempDir = makeTempDir('trygg-bench-areas');
  const config = loadConfig({
    TRYGG_DATA_DIR: path.join(tempDir, 'data'),
    TRYGG_ADMIN_PASSWORD: 'bench-admin-password-42',
    LOG_LEVEL: 'warn',
  });
  console.log(
    `Point → area lookups: ${POINTS.toLocaleString('en')} random points in Stockholm's bounding box`,
  );
  console.log(
    `(${BOX.south}–${BOX.north} N, ${BOX.west}–${BOX.east} E), the real 117 neighbourhoods + 13 district areas\n`,
  );
  database = await openDatabase(config, pino({ level: 'warn' }));
  await database.migrate();
  await bootstrap(database.db, config);
  const deps: AppDeps = { config, db: database.db, now: () => new Date() };
  const importStarted = performance.now();
  const imported = await commitAreaImport({
    deps,
    caller: SYSTEM,
    input: {
      fileName: 'stadsdelar.geo.json',
      geojson: readData('stadsdelar.geo.json'),
      level: 'neighbourhood',
      nameProperty: 'name',
      parentCsv: readData('stadsdelar.csv'),
      parentFileName: 'stadsdelar.csv',
    },
  });
  const importMs = performance.now() - importStarted;
  if (imported.import.counts.created !== 117)
    throw new Error(`expected 117 areas, imported ${imported.import.counts.created}`);

  // ---- in memory ------------------------------------------------------------------------------
  const loadStarted = performance.now();
  const locator = await createAreaLocator({ deps });
  const loadMs = performance.now() - loadStarted;
  const points = randomPoints(POINTS);
  for (const p of points.slice(0, WARMUP)) locator.locate(p.lat, p.lon);

  const batchStarted = performance.now();
  let inside = 0;
  const memoryAnswers: (string | null)[] = new Array(points.length);
  for (let i = 0; i < points.length; i++) {
    const hit = locator.locate(points[i]!.lat, points[i]!.lon);
    memoryAnswers[i] = hit?.area.id ?? null;
    if (hit) inside++;
  }
  const batchMs = performance.now() - batchStarted;
  const memoryPerS = (points.length / batchMs) * 1000;

  const singleUs: number[] = new Array(points.length);
  for (let i = 0; i < points.length; i++) {
    const t0 = process.hrtime.bigint();
    locator.locate(points[i]!.lat, points[i]!.lon);
    singleUs[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  singleUs.sort((a, b) => a - b);

  // Projection alone, for scale.
  const projStarted = performance.now();
  let sink = 0;
  for (const p of points) sink += toSweref99tm(p.lat, p.lon).east;
  const projectionPerS = (points.length / (performance.now() - projStarted)) * 1000;
  if (Number.isNaN(sink)) throw new Error('projection failed');

  // ---- SQL --------------------------------------------------------------------------------------
  const sample = points.slice(0, SQL_POINTS);
  for (const p of sample.slice(0, 100)) await pointToArea({ deps, lat: p.lat, lon: p.lon });
  const sqlMs: number[] = [];
  let disagreements = 0;
  const sqlStarted = performance.now();
  for (let i = 0; i < sample.length; i++) {
    const t0 = performance.now();
    const found = await pointToArea({ deps, lat: sample[i]!.lat, lon: sample[i]!.lon });
    sqlMs.push(performance.now() - t0);
    if ((found.area?.id ?? null) !== memoryAnswers[i]) disagreements++;
  }
  const sqlTotalMs = performance.now() - sqlStarted;
  const sqlPerS = (sample.length / sqlTotalMs) * 1000;
  sqlMs.sort((a, b) => a - b);

  console.log(
    table(
      ['path', 'points', 'points/s', 'p50', 'p99', 'max'],
      [
        [
          'in memory (grid + point-in-polygon)',
          points.length,
          round(memoryPerS),
          `${round(percentile(singleUs, 50), 2)} µs`,
          `${round(percentile(singleUs, 99), 2)} µs`,
          `${round(singleUs[singleUs.length - 1]!, 1)} µs`,
        ],
        [
          'SQL (GiST + polygon @>), one at a time',
          sample.length,
          round(sqlPerS),
          `${round(percentile(sqlMs, 50), 3)} ms`,
          `${round(percentile(sqlMs, 99), 3)} ms`,
          `${round(sqlMs[sqlMs.length - 1]!, 2)} ms`,
        ],
      ],
    ),
  );
  console.log('');
  console.log(
    `import of the real files: ${round(importMs)} ms; loading the in-memory index: ${round(loadMs, 1)} ms`,
  );
  console.log(
    `index: ${locator.index.areaCount} areas with geometry, ${locator.index.ringCount} rings; ${inside.toLocaleString('en')} of ${points.length.toLocaleString('en')} points (${round((inside / points.length) * 100, 1)} %) fall in an area`,
  );
  console.log(
    `projection alone (WGS84 → SWEREF 99 TM): ${round(projectionPerS).toLocaleString('en')} points/s`,
  );
  console.log(
    `SQL and in-memory answers agree on ${sample.length - disagreements} of ${sample.length} points`,
  );
  console.log(
    `in memory: ${round(memoryPerS).toLocaleString('en')} points/s   ${targetNote(memoryPerS >= TARGET_POINTS_PER_S, `≥ ${TARGET_POINTS_PER_S.toLocaleString('en')} points/s`)}`,
  );
  if (disagreements > 0) throw new Error(`${disagreements} points got different answers from SQL and memory`);
  console.log('');
  console.log(
    summaryLine('areas', {
      points: points.length,
      memory_points_per_s: round(memoryPerS),
      memory_p50_us: round(percentile(singleUs, 50), 2),
      memory_p99_us: round(percentile(singleUs, 99), 2),
      sql_points: sample.length,
      sql_points_per_s: round(sqlPerS),
      sql_p50_ms: round(median(sqlMs), 3),
      sql_p99_ms: round(percentile(sqlMs, 99), 3),
      agree: `${sample.length - disagreements}/${sample.length}`,
      inside_pct: round((inside / points.length) * 100, 1),
      index_load_ms: round(loadMs, 1),
      import_ms: round(importMs),
    }),
  );
}

const removeHandlers = onInterrupt(() => cleanup());
try {
  await main();
} catch (err) {
  process.exitCode = 1;
  console.error(`bench areas failed: ${(err as Error).stack ?? String(err)}`);
} finally {
  await cleanup();
  removeHandlers();
}
