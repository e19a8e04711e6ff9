// Start-up, idle memory and shutdown of the real `trygg serve` process with the embedded PostgreSQL.
//
// Cold: a fresh, empty TRYGG_DATA_DIR (initdb + migrations + first-run data). Warm: the same folder
// again, three times. Each run is timed from spawn until GET /readyz answers 200, then the idle
// memory is sampled, then the process is stopped with SIGTERM and the shutdown timed.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  clusterPids,
  isRunning,
  listProcesses,
  makeTempDir,
  median,
  onInterrupt,
  portOutsideEphemeralRange,
  pssKb,
  REPO_ROOT,
  removeDir,
  round,
  rssKb,
  sleep,
  statusKb,
  summaryLine,
  sumOver,
  table,
  targetNote,
  within,
} from './lib/common.ts';

const WARM_RUNS = 3;
const POLL_MS = 20;
const READY_TIMEOUT_MS = 120_000;
const SHUTDOWN_TIMEOUT_MS = 60_000;
const RSS_SAMPLES = 5;
const RSS_SAMPLE_GAP_MS = 200;
const TARGET_WARM_READY_MS = 5_000;
const TARGET_IDLE_RSS_MB = 150;
const ADMIN_PASSWORD = 'bench-admin-password-42';

interface RunResult {
  label: string;
  readyMs: number;
  rssSamplesMb: number[];
  idleRssMb: number;
  anonMb: number;
  fileMb: number;
  pgProcesses: number;
  pgRssMb: number;
  pgPssMb: number;
  shutdownMs: number;
  exit: string;
  leftovers: number[];
}

/** One `trygg serve` child, with its output kept for error reports. */
class Server {
  readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly output: string[] = [];
  readonly baseUrl: string;
  readonly spawnedAt: number;

  constructor(dataDir: string, port: number) {
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) {
      if (!k.startsWith('TRYGG_') && k !== 'DATABASE_URL' && k !== 'PORT' && k !== 'HOST') env[k] = v;
    }
    Object.assign(env, {
      TRYGG_DATA_DIR: dataDir,
      TRYGG_ADMIN_PASSWORD: ADMIN_PASSWORD,
      TRYGG_DEMO: 'off',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
    });
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.spawnedAt = performance.now();
    this.child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/trygg.mjs'), 'serve'], {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      this.output.push(...chunk.toString().split('\n').filter(Boolean));
      if (this.output.length > 200) this.output.splice(0, this.output.length - 200);
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => resolve({ code, signal })),
    );
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  fail(message: string): never {
    throw new Error(`${message}\n--- server output (last lines) ---\n${this.output.slice(-40).join('\n')}`);
  }

  /** Polls /readyz every POLL_MS until it answers 200; returns ms since spawn. */
  async waitReady(): Promise<number> {
    while (true) {
      if (!this.running) this.fail(`trygg serve exited before it was ready (code ${this.child.exitCode})`);
      if (performance.now() - this.spawnedAt > READY_TIMEOUT_MS)
        this.fail(`not ready after ${READY_TIMEOUT_MS} ms`);
      try {
        const res = await fetch(`${this.baseUrl}/readyz`, { signal: AbortSignal.timeout(2_000) });
        await res.arrayBuffer();
        if (res.status === 200) return performance.now() - this.spawnedAt;
      } catch {
        // Not listening yet.
      }
      await sleep(POLL_MS);
    }
  }

  async get(pathname: string): Promise<void> {
    const res = await fetch(`${this.baseUrl}${pathname}`, { signal: AbortSignal.timeout(10_000) });
    await res.arrayBuffer();
    if (res.status !== 200) this.fail(`GET ${pathname} answered ${res.status}`);
  }

  /** SIGTERM, then waits for the exit; returns ms taken. */
  async stop(): Promise<{ ms: number; exit: string }> {
    const started = performance.now();
    this.child.kill('SIGTERM');
    const result = await within(this.exited, SHUTDOWN_TIMEOUT_MS);
    if (!result) this.fail(`did not stop within ${SHUTDOWN_TIMEOUT_MS} ms of SIGTERM`);
    return { ms: performance.now() - started, exit: result.signal ?? String(result.code) };
  }
}

/** Processes of the cluster serving pgDir that are still there (recorded ones, or any naming the folder). */
function leftovers(pgDir: string, recorded: readonly number[]): number[] {
  const byName = listProcesses()
    .filter((p) => p.cmdline.includes(pgDir))
    .map((p) => p.pid);
  return [...new Set([...recorded.filter(isRunning), ...byName])];
}

async function measureRun(label: string, dataDir: string): Promise<{ result: RunResult; server: Server }> {
  const pgDir = path.join(dataDir, 'postgres');
  const port = await portOutsideEphemeralRange();
  const server = new Server(dataDir, port);
  current = { server, pgDir, cluster: [] };
  const readyMs = await server.waitReady();

  // A first request to the health check and the session endpoint, then let it settle.
  await server.get('/readyz');
  await server.get('/api/session');
  const samples: number[] = [];
  for (let i = 0; i < RSS_SAMPLES; i++) {
    await sleep(RSS_SAMPLE_GAP_MS);
    const kb = rssKb(server.child.pid!) ?? server.fail('the server process disappeared while idle');
    samples.push(kb / 1024);
  }
  const anonMb = (statusKb(server.child.pid!, 'RssAnon') ?? Number.NaN) / 1024;
  const fileMb = (statusKb(server.child.pid!, 'RssFile') ?? Number.NaN) / 1024;
  const cluster = clusterPids(pgDir);
  current.cluster = cluster;
  if (cluster.length === 0) server.fail(`no PostgreSQL process found for ${pgDir}`);
  const pgRssMb = sumOver(cluster, rssKb) / 1024;
  const pgPssMb = sumOver(cluster, pssKb) / 1024;

  const { ms: shutdownMs, exit } = await server.stop();
  // The postmaster finishes before Node exits; give the kernel a moment to reap backends.
  let left = leftovers(pgDir, cluster);
  for (let i = 0; i < 50 && left.length > 0; i++) {
    await sleep(POLL_MS);
    left = leftovers(pgDir, cluster);
  }
  const result: RunResult = {
    label,
    readyMs,
    rssSamplesMb: samples,
    idleRssMb: samples[samples.length - 1]!,
    anonMb,
    fileMb,
    pgProcesses: cluster.length,
    pgRssMb,
    pgPssMb,
    shutdownMs,
    exit,
    leftovers: left,
  };
  return { result, server };
}

/** For scale: the idle RSS of an empty Node process, and of one with the tsx loader registered (as bin/trygg.mjs does). */
async function baselineRssMb(withTsx: boolean): Promise<number> {
  const script = `${withTsx ? "import { register } from 'tsx/esm/api'; register();" : ''}
    import fs from 'node:fs';
    await import('node:http');
    setTimeout(() => process.stdout.write(fs.readFileSync('/proc/self/status', 'utf8')), ${RSS_SAMPLES * RSS_SAMPLE_GAP_MS});`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  await new Promise((resolve) => child.once('close', resolve));
  const kb = out.match(/^VmRSS:\s+(\d+) kB/m);
  return kb ? Number(kb[1]) / 1024 : Number.NaN;
}

let tempDir: string | undefined;
let current: { server: Server; pgDir: string; cluster: number[] } | undefined;

/** Stops whatever this benchmark started and is still running, then removes the temp folder. */
async function cleanup(opts: { keepTempDir?: boolean } = {}): Promise<void> {
  const c = current;
  current = undefined;
  if (c?.server.running) {
    c.server.child.kill('SIGTERM');
    if (!(await within(c.server.exited, 15_000))) c.server.child.kill('SIGKILL');
  }
  if (c) {
    for (const pid of leftovers(c.pgDir, c.cluster)) {
      try {
        process.kill(pid, 'SIGQUIT');
      } catch {
        // Already gone.
      }
    }
    for (let i = 0; i < 100 && leftovers(c.pgDir, c.cluster).length > 0; i++) await sleep(50);
  }
  if (opts.keepTempDir) return;
  removeDir(tempDir);
  tempDir = undefined;
}

async function main(): Promise<void> {
  tempDir = makeTempDir('trygg-bench-startup');
  const dataDir = path.join(tempDir, 'data');
  const pgDir = path.join(dataDir, 'postgres');
  console.log(
    'Start-up: `node bin/trygg.mjs serve`, LOG_LEVEL=warn NODE_ENV=production, embedded PostgreSQL',
  );
  console.log(`data folder: ${dataDir} (fresh); ready = GET /readyz answers 200, polled every ${POLL_MS} ms`);
  console.log(
    `idle RSS = VmRSS of the Node process, last of ${RSS_SAMPLES} samples ${RSS_SAMPLE_GAP_MS} ms apart after GET /readyz and /api/session\n`,
  );

  const runs: RunResult[] = [];
  for (let i = 0; i <= WARM_RUNS; i++) {
    const cold = i === 0;
    const initialised = fs.existsSync(path.join(pgDir, 'PG_VERSION'));
    if (cold === initialised)
      throw new Error(`expected the data folder to be ${cold ? 'empty' : 'initialised'} before run ${i}`);
    const label = cold ? 'cold' : `warm ${i}`;
    let result: RunResult | undefined;
    // Someone else may take the chosen port between the check and the bind; that attempt does not count.
    for (let attempt = 1; !result; attempt++) {
      try {
        result = (await measureRun(label, dataDir)).result;
      } catch (err) {
        if (attempt >= 3 || !/already in use/.test(String(err))) throw err;
        console.log(`(${label}: the port was taken before the server could bind it; trying again)`);
        await cleanup({ keepTempDir: true });
        if (cold) fs.rmSync(dataDir, { recursive: true, force: true });
      }
    }
    current = undefined;
    runs.push(result);
    if (result.leftovers.length > 0) {
      throw new Error(
        `PostgreSQL processes left after shutdown of run "${result.label}": ${result.leftovers.join(', ')}`,
      );
    }
    if (result.exit !== '0') throw new Error(`run "${result.label}" exited with ${result.exit}, not 0`);
  }

  console.log(
    table(
      [
        'run',
        'ready ms',
        'idle node RSS MB',
        'postgres procs',
        'postgres RSS sum MB',
        'postgres PSS MB',
        'shutdown ms',
        'exit',
        'left over',
      ],
      runs.map((r) => [
        r.label,
        round(r.readyMs),
        round(r.idleRssMb, 1),
        r.pgProcesses,
        round(r.pgRssMb, 1),
        round(r.pgPssMb, 1),
        round(r.shutdownMs),
        r.exit,
        r.leftovers.length,
      ]),
    ),
  );

  const nodeAlone = await baselineRssMb(false);
  const nodeTsx = await baselineRssMb(true);
  const cold = runs[0]!;
  const warm = runs.slice(1);
  const warmMedian = median(warm.map((r) => r.readyMs));
  const last = warm[warm.length - 1]!;
  console.log('');
  console.log(`cold ready:        ${round(cold.readyMs)} ms (initdb + migrations + bootstrap)`);
  console.log(
    `warm ready:        median ${round(warmMedian)} ms (each: ${warm.map((r) => round(r.readyMs)).join(', ')} ms)   ${targetNote(warmMedian <= TARGET_WARM_READY_MS, `≤ ${TARGET_WARM_READY_MS} ms`)}`,
  );
  console.log(
    `idle node RSS:     ${round(last.idleRssMb, 1)} MB (last warm run; samples ${last.rssSamplesMb.map((s) => round(s, 1)).join(', ')} MB)   ${targetNote(last.idleRssMb <= TARGET_IDLE_RSS_MB, `≤ ${TARGET_IDLE_RSS_MB} MB`)}`,
  );
  console.log(
    `  of which:        ${round(last.anonMb, 1)} MB anonymous (heap, code), ${round(last.fileMb, 1)} MB file-backed (node binary, libraries); ` +
      `for scale: an idle node ${round(nodeAlone, 1)} MB, node with the tsx loader registered ${round(nodeTsx, 1)} MB`,
  );
  console.log(
    `postgres (info):   ${last.pgProcesses} processes, RSS sum ${round(last.pgRssMb, 1)} MB (shared memory counted in each), PSS ${round(last.pgPssMb, 1)} MB`,
  );
  console.log(
    `shutdown:          SIGTERM → exit ${round(median(runs.map((r) => r.shutdownMs)))} ms median (max ${round(Math.max(...runs.map((r) => r.shutdownMs)))} ms); exit code 0 and no PostgreSQL process left for the data folder after every run`,
  );
  console.log('');
  console.log(
    summaryLine('startup', {
      cold_ready_ms: round(cold.readyMs),
      warm_ready_ms_median: round(warmMedian),
      ...Object.fromEntries(warm.map((r, i) => [`warm${i + 1}_ready_ms`, round(r.readyMs)])),
      idle_rss_mb: round(last.idleRssMb, 1),
      idle_rss_anon_mb: round(last.anonMb, 1),
      baseline_node_rss_mb: round(nodeAlone, 1),
      baseline_node_tsx_rss_mb: round(nodeTsx, 1),
      pg_rss_sum_mb: round(last.pgRssMb, 1),
      pg_pss_mb: round(last.pgPssMb, 1),
      pg_processes: last.pgProcesses,
      shutdown_ms_median: round(median(runs.map((r) => r.shutdownMs))),
      shutdown_ms_max: round(Math.max(...runs.map((r) => r.shutdownMs))),
      leftover_pg_processes: 0,
    }),
  );
}

const removeHandlers = onInterrupt(() => cleanup());
try {
  await main();
} catch (err) {
  process.exitCode = 1;
  console.error(`bench startup failed: ${(err as Error).stack ?? String(err)}`);
} finally {
  await cleanup();
  removeHandlers();
}
