// Import of the police's real events feed file (shared/data/polisen/events-2022-2025.json, 70,138
// events) into a fresh database, beside a raw COPY of the same rows.
//
// An embedded PostgreSQL in a temp folder, migrated and bootstrapped, with Stockholm's real areas
// imported (shared/data/stockholm) so place attribution runs on the real names. Then:
// (1) importPoliceEvents on the file as text: JSON.parse, zod validation of every event, content
//     hashes, place attribution, multi-row INSERT … ON CONFLICT over unnest()ed arrays in chunks, the
//     statistics_imports row, the audit entry and the rebuild of the police picture cells — one
//     transaction; events/s over the whole call. Target ≥ 20,000 events/s.
// (2) The same file again (every event unchanged: nothing written but the import row).
// (3) A raw COPY (pg-copy-streams) of the same rows, already prepared as text, into a scratch table
//     shaped like police_events: the floor for getting the bytes into PostgreSQL.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import pino from 'pino';
import { bootstrap } from '../src/server/bootstrap.ts';
import { loadConfig } from '../src/server/config.ts';
import { type DatabaseHandle, openDatabase } from '../src/server/db/database.ts';
import { commitAreaImport } from '../src/server/modules/areas/import/import.usecases.ts';
import {
  importPoliceEvents,
  loadAttributionMunicipalities,
  parsePoliceEvents,
} from '../src/server/modules/statistics/police.usecases.ts';
import { createAttributor } from '../src/server/modules/statistics/police-attribution.ts';
import { SYSTEM } from '../src/server/platform/actor.ts';
import type { AppDeps } from '../src/server/platform/context.ts';
import {
  makeTempDir,
  onInterrupt,
  REPO_ROOT,
  removeDir,
  round,
  summaryLine,
  table,
  targetNote,
} from './lib/common.ts';

const TARGET_EVENTS_PER_S = 20_000;
const FILE = path.resolve(REPO_ROOT, '../shared/data/polisen/events-2022-2025.json');
const AREAS = path.resolve(REPO_ROOT, '../shared/data/stockholm');

let tempDir: string | undefined;
let database: DatabaseHandle | undefined;

async function cleanup(): Promise<void> {
  await database?.close().catch((err) => console.error(`closing the database failed: ${String(err)}`));
  database = undefined;
  removeDir(tempDir);
  tempDir = undefined;
}

const tsv = (v: string | number | null) =>
  v === null
    ? '\\N'
    : String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');

async function main(): Promise<void> {
  if (!fs.existsSync(FILE)) throw new Error(`The police events file is missing: ${FILE}`);
  const text = fs.readFileSync(FILE, 'utf8');
  tempDir = makeTempDir('trygg-bench-police');
  const config = loadConfig({
    TRYGG_DATA_DIR: path.join(tempDir, 'data'),
    TRYGG_ADMIN_PASSWORD: 'bench-admin-password-42',
    LOG_LEVEL: 'warn',
  });
  database = await openDatabase(config, pino({ level: 'warn' }));
  await database.migrate();
  await bootstrap(database.db, config);
  const deps: AppDeps = { config, db: database.db, now: () => new Date() };
  await commitAreaImport({
    deps,
    caller: SYSTEM,
    input: {
      fileName: 'stadsdelar.geo.json',
      geojson: fs.readFileSync(path.join(AREAS, 'stadsdelar.geo.json'), 'utf8'),
      level: 'neighbourhood',
      nameProperty: 'name',
      parentCsv: fs.readFileSync(path.join(AREAS, 'stadsdelar.csv'), 'utf8'),
      parentFileName: 'stadsdelar.csv',
    },
  });
  console.log(
    `Police events import: ${path.basename(FILE)} (${(text.length / 1e6).toFixed(1)} MB) into a fresh database\n`,
  );

  const parseStarted = performance.now();
  const parsed = await parsePoliceEvents(text);
  const parseMs = performance.now() - parseStarted;
  const n = parsed.events.length;

  const importStarted = performance.now();
  const first = await importPoliceEvents(deps, {
    events: text,
    origin: 'cli',
    fileName: 'events.json',
    actorId: null,
  });
  const importMs = performance.now() - importStarted;
  if (first.created !== n) throw new Error(`expected ${n} created, got ${first.created}`);

  const againStarted = performance.now();
  const again = await importPoliceEvents(deps, {
    events: text,
    origin: 'cli',
    fileName: 'events.json',
    actorId: null,
  });
  const againMs = performance.now() - againStarted;
  if (again.created + again.updated !== 0) throw new Error('the re-import changed events');

  // Raw COPY of the same rows (as stored, placed the same way) into a scratch table.
  const place = createAttributor(await loadAttributionMunicipalities(database.db));
  const client = await database.pool.connect();
  let copyMs: number;
  try {
    await client.query('CREATE TEMP TABLE police_copy (LIKE police_events INCLUDING DEFAULTS)');
    const now = new Date().toISOString();
    const lines = parsed.events.map((e) => {
      const p = place({ name: e.name, summary: e.summary, locationName: e.locationName });
      return `${[
        e.id,
        e.occurredAt,
        e.feedDatetime,
        e.name,
        e.summary,
        e.url,
        e.type,
        e.locationName,
        e.lat,
        e.lon,
        p.municipalityName,
        p.municipalityId,
        p.areaId,
        `{${p.areaPath.join(',')}}`,
        p.placeLevel,
        p.placeRule,
        `{${p.ambiguousNames.map((x) => `"${x.replace(/(["\\])/g, '\\$1')}"`).join(',')}}`,
        e.sha256,
        now,
        now,
      ]
        .map(tsv)
        .join('\t')}\n`;
    });
    const copyStarted = performance.now();
    await pipeline(
      Readable.from(lines),
      client.query(
        copyFrom(
          `COPY police_copy (id, occurred_at, feed_datetime, name, summary, url, police_type, location_name,
            gps_lat, gps_lon, municipality_name, municipality_id, area_id, area_path, place_level, place_rule,
            ambiguous_names, content_sha256, first_seen_at, updated_at) FROM STDIN`,
        ),
      ),
    );
    copyMs = performance.now() - copyStarted;
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM police_copy');
    if (rows[0]?.n !== n) throw new Error(`COPY wrote ${rows[0]?.n} rows, expected ${n}`);
  } finally {
    client.release();
  }

  const perS = (ms: number) => n / (ms / 1000);
  console.log(
    table(
      ['step', 'events', 'ms', 'events/s'],
      [
        ['parse + validate + hash (part of the import)', n, round(parseMs), round(perS(parseMs))],
        ['importPoliceEvents, fresh database', n, round(importMs), round(perS(importMs))],
        ['importPoliceEvents, same file again (unchanged)', n, round(againMs), round(perS(againMs))],
        ['raw COPY of the same rows (pg-copy-streams)', n, round(copyMs), round(perS(copyMs))],
      ],
    ),
  );
  console.log('');
  console.log(
    `in the municipality: ${first.inMunicipality} (${first.unplaced} at municipality level); unmapped types: ${first.unmappedTypes.length}`,
  );
  console.log(
    `import: ${round(perS(importMs)).toLocaleString('en')} events/s   ${targetNote(perS(importMs) >= TARGET_EVENTS_PER_S, `≥ ${TARGET_EVENTS_PER_S.toLocaleString('en')} events/s`)}; ${round(importMs / copyMs, 1)}× the raw COPY's time`,
  );
  console.log('');
  console.log(
    summaryLine('police-import', {
      events: n,
      import_ms: round(importMs),
      import_events_per_s: round(perS(importMs)),
      reimport_ms: round(againMs),
      reimport_events_per_s: round(perS(againMs)),
      copy_ms: round(copyMs),
      copy_events_per_s: round(perS(copyMs)),
      parse_ms: round(parseMs),
      in_municipality: first.inMunicipality,
      unplaced: first.unplaced,
    }),
  );
}

const removeHandlers = onInterrupt(() => cleanup());
try {
  await main();
} catch (err) {
  process.exitCode = 1;
  console.error(`bench police-import failed: ${(err as Error).stack ?? String(err)}`);
} finally {
  await cleanup();
  removeHandlers();
}
