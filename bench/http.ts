// An authenticated JSON read through the full stack vs a bare Fastify handler, with autocannon.
//
// Full stack: the real server in this process (startServer with the embedded PostgreSQL in a temp
// folder), signed in as the bootstrapped administrator, loading GET /api/users with the session
// cookie: rate limiter → session lookup → actor (roles + organisation subtrees) → users query →
// presenter → zod response serialisation. Bare: Fastify() with one GET handler returning the same
// small JSON body. The load generator runs as a separate process (bench/lib/load-child.ts).
// Afterwards, to see where the time goes: a ladder of cheaper routes (and the same route with pg
// patched, in this process only, to use named prepared statements), a sequential in-process profile
// (queries per request, time per query), EXPLAIN ANALYZE and the per-execution CPU cost of every
// query the request makes, and a CPU profile of the server during a short run.
import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import inspector from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { type EventLoopUtilization, performance } from 'node:perf_hooks';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import pg from 'pg';
import pino from 'pino';
import { UserListResponseSchema } from '../src/domain/api/users.ts';
import { loadConfig } from '../src/server/config.ts';
import { type RunningServer, startServer } from '../src/server/main.ts';
import {
  clusterPids,
  cpuSince,
  cpuSnapshot,
  makeTempDir,
  mean,
  median,
  onInterrupt,
  REPO_ROOT,
  removeDir,
  round,
  summaryLine,
  table,
  targetNote,
  within,
} from './lib/common.ts';
import type { LoadOptions, LoadResult } from './lib/load-child.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
if (!Number.isFinite(SECONDS) || SECONDS < 1)
  throw new Error(`BENCH_SECONDS must be a number ≥ 1, not ${process.env.BENCH_SECONDS}`);
const WARMUP_SECONDS = 2;
const CONNECTIONS = 50;
const LADDER_SECONDS = Math.max(1, Math.min(3, Math.round(SECONDS / 3)));
const LADDER_WARMUP_SECONDS = 1;
const PROFILE_REQUESTS = 300;
const EXPLAIN_REPEATS = 20;
const COST_REPEATS = 1_000;
const PLAN_LINES = 16;
const TARGET_RATIO = 0.5;
const ADMIN_EMAIL = 'admin@trygg.local';
const ADMIN_PASSWORD = 'bench-admin-password-42';

interface Measured extends LoadResult {
  label: string;
  serverCpuMs: number;
  serverSysCpuMs: number;
  pgCpuMs: number;
  eventLoopUtilisation: number;
  poolWaitingMean: number | null;
}

// ---- state for cleanup ----------------------------------------------------------------------------

let tempDir: string | undefined;
let server: RunningServer | undefined;
let bare: FastifyInstance | undefined;
let loadChild: ChildProcess | undefined;

async function cleanup(): Promise<void> {
  if (loadChild && loadChild.exitCode === null && loadChild.signalCode === null) loadChild.kill('SIGTERM');
  loadChild = undefined;
  await bare?.close().catch(() => undefined);
  bare = undefined;
  await server?.stop().catch((err) => console.error(`stopping the server failed: ${String(err)}`));
  server = undefined;
  removeDir(tempDir);
  tempDir = undefined;
}

// ---- load generation -------------------------------------------------------------------------------

function pgPids(): number[] {
  return server?.database.embedded && tempDir ? clusterPids(path.join(tempDir, 'data', 'postgres')) : [];
}

/**
 * Runs autocannon in a child process; measures this process's and PostgreSQL's CPU meanwhile, from the
 * child's "start" line (printed just before the load begins) to its result line.
 */
async function load(
  label: string,
  url: string,
  seconds: number,
  headers: Record<string, string> = {},
): Promise<Measured> {
  const options: LoadOptions = { url, connections: CONNECTIONS, seconds, headers };
  const pool = server?.database.pool;
  const waiting: number[] = [];
  let sampler: NodeJS.Timeout | undefined;
  let start: { cpu: NodeJS.CpuUsage; elu: EventLoopUtilization; pg: Map<number, number> } | undefined;
  let end: { cpu: NodeJS.CpuUsage; elu: EventLoopUtilization; pgMs: number } | undefined;
  let lastLine = '';
  let output = '';
  let pending = '';
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(REPO_ROOT, 'bench/lib/load-child.ts'), JSON.stringify(options)],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  loadChild = child;
  child.stdout?.on('data', (c: Buffer) => {
    output += c.toString();
    const lines = (pending + c.toString()).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (line === 'start') {
        start = {
          cpu: process.cpuUsage(),
          elu: performance.eventLoopUtilization(),
          pg: cpuSnapshot(pgPids()),
        };
        sampler = setInterval(() => {
          if (pool) waiting.push(pool.waitingCount);
        }, 100);
      } else if (line.startsWith('{') && start) {
        clearInterval(sampler);
        end = {
          cpu: process.cpuUsage(start.cpu),
          elu: performance.eventLoopUtilization(start.elu),
          pgMs: cpuSince(start.pg, pgPids()),
        };
        lastLine = line;
      }
    }
  });
  const code = await new Promise<number | null>((resolve) => child.once('close', (c) => resolve(c)));
  clearInterval(sampler);
  loadChild = undefined;
  if (code !== 0 || !end) throw new Error(`load generator for "${label}" failed (exit ${code}): ${output}`);
  const { cpu, elu, pgMs: pgCpuMs } = end;
  const result = JSON.parse(lastLine) as LoadResult;
  const measured: Measured = {
    ...result,
    label,
    serverCpuMs: (cpu.user + cpu.system) / 1000,
    serverSysCpuMs: cpu.system / 1000,
    pgCpuMs,
    eventLoopUtilisation: elu.utilization,
    poolWaitingMean: pool && waiting.length ? mean(waiting) : null,
  };
  if (measured.non2xx > 0 || measured.errors > 0 || measured.timeouts > 0) {
    throw new Error(
      `"${label}": ${measured.non2xx} non-2xx responses (${JSON.stringify(measured.statusCodes)}), ${measured.errors} errors, ${measured.timeouts} timeouts; every response must be 2xx`,
    );
  }
  return measured;
}

const perReqUs = (ms: number, m: LoadResult) =>
  m.completed > 0 ? round((ms * 1000) / m.completed) : Number.NaN;

function loadTable(rows: Measured[], bareRps: number): string {
  return table(
    [
      'run',
      'req/s mean',
      'vs bare',
      'p50 ms',
      'p99 ms',
      'requests',
      'non-2xx',
      'errors',
      'server CPU µs/req',
      'of which kernel',
      'postgres CPU µs/req',
      'loadgen CPU µs/req',
      'server event loop busy',
      'pool waiting (mean)',
    ],
    rows.map((m) => [
      m.label,
      round(m.requestsPerSecondMean),
      round(m.requestsPerSecondMean / bareRps, 3),
      m.latencyP50Ms,
      m.latencyP99Ms,
      m.completed,
      m.non2xx,
      m.errors,
      perReqUs(m.serverCpuMs, m),
      perReqUs(m.serverSysCpuMs, m),
      perReqUs(m.pgCpuMs, m),
      perReqUs(m.loadgenCpuMs, m),
      `${round(m.eventLoopUtilisation * 100)} %`,
      m.poolWaitingMean === null ? '–' : String(round(m.poolWaitingMean, 1)),
    ]),
  );
}

// ---- sign-in -----------------------------------------------------------------------------------

function cookiesOf(res: Response): Map<string, string> {
  const jar = new Map<string, string>();
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const eq = pair!.indexOf('=');
    jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
  }
  return jar;
}

/** Signs in as the bootstrapped administrator through the API; returns the Cookie header to send. */
async function signIn(base: string): Promise<string> {
  const first = await fetch(`${base}/api/session`);
  const { csrfToken } = (await first.json()) as { csrfToken: string };
  const csrfCookie = cookiesOf(first).get('trygg_csrf');
  if (first.status !== 200 || !csrfCookie)
    throw new Error(`GET /api/session answered ${first.status} without a CSRF cookie`);
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: `trygg_csrf=${csrfCookie}`,
      'x-csrf-token': csrfToken,
    },
    body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
  });
  const body = await login.text();
  const session = cookiesOf(login).get('trygg_session');
  if (login.status !== 200 || !session) throw new Error(`sign-in failed: ${login.status} ${body}`);
  return `trygg_session=${session}`;
}

// ---- in-process profile ------------------------------------------------------------------------

interface QueryCall {
  sql: string;
  params: unknown[];
  ms: number;
}

function queryLabel(sql: string): string {
  const s = sql.replace(/\s+/g, ' ').trim();
  if (/prepared:session_with_grants/.test(s)) return 'session + actor (one prepared statement)';
  if (/from "sessions" inner join "users"/i.test(s)) return 'session lookup (sessions ⋈ users)';
  if (/^update "sessions"/i.test(s)) return 'session touch (update last_seen_at)';
  if (/WITH RECURSIVE grants/i.test(s)) return 'actor: roles + organisation subtrees (recursive CTE)';
  if (/FROM users u LEFT JOIN user_roles/i.test(s)) return 'users list (json_agg of roles)';
  return s.slice(0, 60);
}

type AnyFn = (...args: unknown[]) => unknown;

/** Counts and times every query and pool checkout while `fn` runs (sequential requests only). */
async function withQueryProbe<T>(fn: (calls: QueryCall[], connects: number[]) => Promise<T>): Promise<T> {
  const calls: QueryCall[] = [];
  const connects: number[] = [];
  const clientProto = pg.Client.prototype as unknown as { query: AnyFn };
  const poolProto = pg.Pool.prototype as unknown as { connect: AnyFn };
  const originalQuery = clientProto.query;
  const originalConnect = poolProto.connect;
  clientProto.query = function (this: unknown, ...args: unknown[]) {
    const started = performance.now();
    const out = originalQuery.apply(this, args);
    const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: unknown } | undefined)?.text;
    if (out instanceof Promise && typeof text === 'string') {
      return out.then((value: unknown) => {
        calls.push({
          sql: text,
          params:
            ((typeof args[0] === 'string'
              ? args[1]
              : (args[0] as { values?: unknown[] }).values) as unknown[]) ?? [],
          ms: performance.now() - started,
        });
        return value;
      });
    }
    return out;
  };
  poolProto.connect = function (this: unknown, ...args: unknown[]) {
    const started = performance.now();
    const out = originalConnect.apply(this, args);
    if (out instanceof Promise) {
      return out.then((value: unknown) => {
        connects.push(performance.now() - started);
        return value;
      });
    }
    return out;
  };
  try {
    return await fn(calls, connects);
  } finally {
    clientProto.query = originalQuery;
    poolProto.connect = originalConnect;
  }
}

/**
 * Bench-only experiment: while `fn` runs, every parameterised query goes to PostgreSQL as a named
 * prepared statement (name = hash of the SQL text), so each connection parses and plans it once.
 */
async function withPreparedStatements<T>(fn: () => Promise<T>): Promise<T> {
  const clientProto = pg.Client.prototype as unknown as { query: AnyFn };
  const originalQuery = clientProto.query;
  const names = new Map<string, string>();
  clientProto.query = function (this: unknown, ...args: unknown[]) {
    const [text, values] = args;
    if (typeof text === 'string' && Array.isArray(values) && values.length > 0 && args.length === 2) {
      let name = names.get(text);
      if (!name) {
        name = `bench_${crypto.createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
        names.set(text, name);
      }
      return originalQuery.call(this, { name, text, values });
    }
    return originalQuery.apply(this, args);
  };
  try {
    return await fn();
  } finally {
    clientProto.query = originalQuery;
  }
}

async function timeEach(n: number, fn: () => Promise<unknown> | unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await fn();
    out.push(performance.now() - started);
  }
  return out;
}

interface ProfileResult {
  queriesPerRequest: number;
  byLabel: { label: string; perRequest: number; medianMs: number; sql: string; params: unknown[] }[];
  connectMedianMs: number;
  restMedianMs: number;
  connectsPerRequest: number;
  fullInjectMs: number;
  bareInjectMs: number;
  healthzInjectMs: number;
  select1Ms: number;
  zodSerialiseUs: number;
  jsonStringifyUs: number;
  fullHeaderBytes: number;
  bareHeaderBytes: number;
  bodyBytes: number;
}

async function profile(
  s: RunningServer,
  b: FastifyInstance,
  urls: { full: string; bare: string },
  cookie: string,
  body: unknown,
): Promise<ProfileResult> {
  const inject = () => s.app.inject({ method: 'GET', url: '/api/users', headers: { cookie } });
  for (let i = 0; i < 30; i++) await inject();
  const probed = await withQueryProbe(async (calls, connects) => {
    const times: number[] = [];
    const rest: number[] = [];
    for (let i = 0; i < PROFILE_REQUESTS; i++) {
      const [firstCall, firstConnect] = [calls.length, connects.length];
      const started = performance.now();
      const res = await inject();
      const ms = performance.now() - started;
      if (res.statusCode !== 200) throw new Error(`profile: GET /api/users answered ${res.statusCode}`);
      times.push(ms);
      const inQueries = calls.slice(firstCall).reduce((n, c) => n + c.ms, 0);
      rest.push(ms - inQueries - connects.slice(firstConnect).reduce((n, c) => n + c, 0));
    }
    return { calls: [...calls], connects: [...connects], times, rest };
  });
  const groups = new Map<string, QueryCall[]>();
  for (const c of probed.calls) {
    const label = queryLabel(c.sql);
    groups.set(label, [...(groups.get(label) ?? []), c]);
  }
  const bareTimes = await timeEach(PROFILE_REQUESTS, () => b.inject({ method: 'GET', url: '/' }));
  const healthTimes = await timeEach(PROFILE_REQUESTS, () =>
    s.app.inject({ method: 'GET', url: '/healthz' }),
  );
  const select1 = await timeEach(PROFILE_REQUESTS, () => s.database.pool.query('SELECT 1'));

  const serialise = serializerCompiler({
    schema: UserListResponseSchema,
    method: 'GET',
    url: '/api/users',
    httpStatus: '200',
  });
  const loops = 5_000;
  for (let i = 0; i < 500; i++) serialise(body);
  let started = performance.now();
  for (let i = 0; i < loops; i++) serialise(body);
  const zodSerialiseUs = ((performance.now() - started) * 1000) / loops;
  started = performance.now();
  for (let i = 0; i < loops; i++) JSON.stringify(body);
  const jsonStringifyUs = ((performance.now() - started) * 1000) / loops;

  const headerBytes = (res: Response) =>
    [...res.headers].reduce((n, [k, v]) => n + k.length + v.length + 4, 0);
  const fullRes = await fetch(`${urls.full}/api/users`, { headers: { cookie } });
  const bodyBytes = (await fullRes.arrayBuffer()).byteLength;
  const bareRes = await fetch(urls.bare);
  await bareRes.arrayBuffer();

  return {
    queriesPerRequest: probed.calls.length / PROFILE_REQUESTS,
    byLabel: [...groups].map(([label, cs]) => ({
      label,
      perRequest: cs.length / PROFILE_REQUESTS,
      medianMs: median(cs.map((c) => c.ms)),
      sql: cs[0]!.sql,
      params: cs[0]!.params,
    })),
    connectMedianMs: median(probed.connects),
    restMedianMs: median(probed.rest),
    connectsPerRequest: probed.connects.length / PROFILE_REQUESTS,
    fullInjectMs: median(probed.times),
    bareInjectMs: median(bareTimes),
    healthzInjectMs: median(healthTimes),
    select1Ms: median(select1),
    zodSerialiseUs,
    jsonStringifyUs,
    fullHeaderBytes: headerBytes(fullRes),
    bareHeaderBytes: headerBytes(bareRes),
    bodyBytes,
  };
}

interface QueryCost {
  label: string;
  planningMs: number;
  executionMs: number;
  plan: string[];
  unnamed: { wallUs: number; nodeCpuUs: number; pgCpuUs: number };
  prepared: { wallUs: number; nodeCpuUs: number; pgCpuUs: number };
}

/** Runs `run` `n` times; wall time, this process's CPU and the backend's CPU, per execution. */
async function costOf(backendPid: number, n: number, run: () => Promise<unknown>) {
  for (let i = 0; i < 50; i++) await run();
  const cpuBefore = process.cpuUsage();
  const pgBefore = cpuSnapshot([backendPid]);
  const started = performance.now();
  for (let i = 0; i < n; i++) await run();
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const pgMs = cpuSince(pgBefore, [backendPid]);
  return { wallUs: (wallMs * 1000) / n, nodeCpuUs: (cpu.user + cpu.system) / n, pgCpuUs: (pgMs * 1000) / n };
}

/**
 * For every read-only query the request makes: EXPLAIN ANALYZE (median of EXPLAIN_REPEATS), and the cost
 * of one execution as Kysely sends it (unnamed statement: parsed and planned every time) vs as a named
 * prepared statement (parsed once per connection), measured as CPU time of the backend process.
 */
async function queryCosts(s: RunningServer, queries: ProfileResult['byLabel']): Promise<QueryCost[]> {
  const client = new pg.Client({ connectionString: s.database.url, application_name: 'trygg-bench' });
  await client.connect();
  try {
    const backendPid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    const out: QueryCost[] = [];
    let n = 0;
    for (const q of queries) {
      if (!/^\s*(select|with)\b/i.test(q.sql)) continue;
      const planning: number[] = [];
      const execution: number[] = [];
      for (let i = 0; i < EXPLAIN_REPEATS; i++) {
        const res = await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${q.sql}`, q.params);
        const doc = (
          res.rows[0] as { 'QUERY PLAN': { 'Planning Time': number; 'Execution Time': number }[] }
        )['QUERY PLAN'][0]!;
        planning.push(doc['Planning Time']);
        execution.push(doc['Execution Time']);
      }
      const text = await client.query(`EXPLAIN (ANALYZE, COSTS OFF, BUFFERS) ${q.sql}`, q.params);
      const name = `bench_q${n++}`;
      out.push({
        label: q.label,
        planningMs: median(planning),
        executionMs: median(execution),
        plan: text.rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']),
        unnamed: await costOf(backendPid, COST_REPEATS, () => client.query(q.sql, q.params)),
        prepared: await costOf(backendPid, COST_REPEATS, () =>
          client.query({ name, text: q.sql, values: q.params }),
        ),
      });
    }
    return out;
  } finally {
    await client.end();
  }
}

// ---- CPU profile of the server under load --------------------------------------------------------

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

function groupOf(frame: CpuProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (!url) {
    if (functionName === '(garbage collector)') return '(garbage collector)';
    if (functionName === '(idle)' || functionName === '(program)' || functionName === '(root)')
      return functionName;
    return '(V8 builtins / native)';
  }
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const parts = url.slice(nm + '/node_modules/'.length).split('/');
    return `npm ${parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]}`;
  }
  if (url.startsWith('node:'))
    return `node:${
      url
        .slice(5)
        .replace(/^internal\//, '')
        .split('/')[0]
    }`;
  const src = url.indexOf('/src/');
  if (src >= 0) return `trygg ${url.slice(src + 1).replace(/^file:\/\//, '')}`;
  return url;
}

/** Self time by package/module and by function, as % of the non-idle samples. */
function summariseProfile(nodes: CpuProfileNode[]) {
  const busy = nodes.filter((n) => n.callFrame.functionName !== '(idle)');
  const total = busy.reduce((sum, n) => sum + (n.hitCount ?? 0), 0) || 1;
  const idle = nodes
    .filter((n) => n.callFrame.functionName === '(idle)')
    .reduce((sum, n) => sum + (n.hitCount ?? 0), 0);
  const byGroup = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const n of busy) {
    const hits = n.hitCount ?? 0;
    if (!hits) continue;
    const group = groupOf(n.callFrame);
    byGroup.set(group, (byGroup.get(group) ?? 0) + hits);
    const where = n.callFrame.url
      ? `${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`
      : '';
    const fn = `${n.callFrame.functionName || '(anonymous)'} ${where}`.trim();
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + hits);
  }
  const top = (m: Map<string, number>, k: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([name, hits]) => [name, round((hits / total) * 100, 1)] as [string, number]);
  return { groups: top(byGroup, 15), functions: top(byFunction, 15), busyShare: total / (total + idle) };
}

async function profiledLoad(label: string, url: string, seconds: number, headers: Record<string, string>) {
  const session = new inspector.Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
    const measured = await load(label, url, seconds, headers);
    const { profile: cpuProfile } = (await session.post('Profiler.stop')) as {
      profile: { nodes: CpuProfileNode[] };
    };
    return { measured, summary: summariseProfile(cpuProfile.nodes) };
  } finally {
    session.disconnect();
  }
}

// ---- main ------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const load1Start = os.loadavg()[0]!;
  tempDir = makeTempDir('trygg-bench-http');
  const config = loadConfig({
    TRYGG_DATA_DIR: path.join(tempDir, 'data'),
    PORT: '0', // the kernel picks a free port at bind time: no race with anything else on the machine
    HOST: '127.0.0.1',
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    TRYGG_ADMIN_EMAIL: ADMIN_EMAIL,
    TRYGG_ADMIN_PASSWORD: ADMIN_PASSWORD,
    TRYGG_RATE_LIMIT_PER_MINUTE: '100000000',
  });
  server = await startServer(config, pino({ level: 'silent' }));
  const address = server.app.server.address();
  if (typeof address !== 'object' || !address) throw new Error('the server has no TCP address');
  const full = `http://127.0.0.1:${address.port}`;

  let cookie = await signIn(full);
  const check = await fetch(`${full}/api/users`, { headers: { cookie } });
  const body = (await check.json()) as { items: unknown[] };
  if (check.status !== 200 || !Array.isArray(body.items))
    throw new Error(`GET /api/users answered ${check.status}`);

  bare = Fastify();
  bare.get('/', async () => body);
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const bareAddress = bare.server.address();
  const bareUrl = `http://127.0.0.1:${typeof bareAddress === 'object' && bareAddress ? bareAddress.port : 0}/`;

  console.log('HTTP: authenticated JSON read through the full stack vs a bare Fastify handler');
  console.log(
    `machine: ${os.cpus().length} cores, Node ${process.version}, load average (1 min) ${round(load1Start, 2)} at start`,
  );
  console.log(
    `autocannon: ${CONNECTIONS} connections, ${SECONDS} s per run after ${WARMUP_SECONDS} s warm-up, separate process, 127.0.0.1`,
  );
  console.log(
    `full: GET /api/users as the bootstrapped administrator (session cookie) on the in-process server, embedded PostgreSQL; rate limit ${config.rateLimitPerMinute}/min`,
  );
  console.log(
    `      (route: rate limiter → session lookup → actor load → users query → presenter → zod serialisation; ${body.items.length} user in the list)`,
  );
  console.log(
    'bare: Fastify() with one GET handler returning the same JSON body (no plugins, no database)\n',
  );

  await load('bare warm-up', bareUrl, WARMUP_SECONDS);
  const bareRun = await load('bare  GET /', bareUrl, SECONDS);
  cookie = await signIn(full);
  await load('full warm-up', `${full}/api/users`, WARMUP_SECONDS, { cookie });
  const fullRun = await load('full  GET /api/users', `${full}/api/users`, SECONDS, { cookie });
  const ratio = fullRun.requestsPerSecondMean / bareRun.requestsPerSecondMean;

  console.log(loadTable([bareRun, fullRun], bareRun.requestsPerSecondMean));
  console.log('');
  console.log(
    `ratio full/bare (req/s): ${round(ratio, 3)}   ${targetNote(ratio >= TARGET_RATIO, `≥ ${TARGET_RATIO}`)}   ` +
      `(full ${round(fullRun.requestsPerSecondMean)} req/s vs bare ${round(bareRun.requestsPerSecondMean)} req/s)`,
  );

  // Where the time goes, step by step: each row adds one layer to the one above it.
  console.log(
    `\nLadder (${LADDER_SECONDS} s each after ${LADDER_WARMUP_SECONDS} s warm-up, same ${CONNECTIONS} connections):`,
  );
  const ladder: Measured[] = [bareRun];
  const steps: [string, string, Record<string, string>][] = [
    ['full  GET /healthz (plugins, no DB)', '/healthz', {}],
    ['full  GET /readyz (+1 query SELECT 1)', '/readyz', {}],
    ['full  GET /api/session (+session+actor)', '/api/session', { cookie }],
  ];
  for (const [label, route, headers] of steps) {
    await load(`${label} warm-up`, `${full}${route}`, LADDER_WARMUP_SECONDS, headers);
    ladder.push(await load(label, `${full}${route}`, LADDER_SECONDS, headers));
  }
  ladder.push(fullRun);
  // What named prepared statements would give (a bench-only patch of pg; server code unchanged).
  cookie = await signIn(full);
  const preparedLabel = 'full  GET /api/users, prepared statements*';
  const preparedRun = await withPreparedStatements(async () => {
    await load(`${preparedLabel} warm-up`, `${full}/api/users`, LADDER_WARMUP_SECONDS, { cookie });
    return load(preparedLabel, `${full}/api/users`, LADDER_SECONDS, { cookie });
  });
  ladder.push(preparedRun);
  console.log(loadTable(ladder, bareRun.requestsPerSecondMean));
  console.log(
    '* bench-only experiment: pg patched in this process to send each parameterised query as a named prepared statement',
  );

  // Sequential, in-process (app.inject: no sockets), to count and time the queries.
  const prof = await profile(server, bare, { full, bare: bareUrl }, cookie, body);
  console.log(
    `\nProfile: ${PROFILE_REQUESTS} sequential requests via app.inject (no network, no concurrency); medians:`,
  );
  console.log(
    table(
      ['what', 'per request', 'ms each'],
      [
        ['GET /api/users, whole request (inject)', 1, round(prof.fullInjectMs, 3)],
        [
          '  pool checkouts (pool.connect)',
          round(prof.connectsPerRequest, 2),
          round(prof.connectMedianMs, 3),
        ],
        ...prof.byLabel.map(
          (q) =>
            [`  query round trip: ${q.label}`, round(q.perRequest, 2), round(q.medianMs, 3)] as (
              | string
              | number
            )[],
        ),
        ['  rest: Fastify, hooks, plugins, Kysely, presenter, serialisation', 1, round(prof.restMedianMs, 3)],
        ['GET /healthz on the full app (inject)', 1, round(prof.healthzInjectMs, 3)],
        ['GET / on the bare app (inject)', 1, round(prof.bareInjectMs, 3)],
        ['pool.query(SELECT 1) round trip', 1, round(prof.select1Ms, 3)],
        ['zod response serialisation of the body', 1, round(prof.zodSerialiseUs / 1000, 4)],
        ['JSON.stringify of the same body', 1, round(prof.jsonStringifyUs / 1000, 4)],
      ],
    ),
  );
  console.log(
    `queries per request: ${round(prof.queriesPerRequest, 2)}; response headers: full ${prof.fullHeaderBytes} B vs bare ${prof.bareHeaderBytes} B; body ${prof.bodyBytes} B`,
  );

  const costs = await queryCosts(server, prof.byLabel);
  console.log(
    `\nQueries of one GET /api/users: EXPLAIN ANALYZE (median of ${EXPLAIN_REPEATS}) and cost per execution over ${COST_REPEATS} runs,` +
      '\nas Kysely sends them (unnamed statement: parse + plan every time) vs as a named prepared statement (tiny data set):',
  );
  console.log(
    table(
      [
        'query',
        'planning ms',
        'execution ms',
        'round trip µs',
        'postgres CPU µs',
        'node CPU µs',
        'prepared: round trip µs',
        'postgres CPU µs',
        'node CPU µs',
      ],
      costs.map((c) => [
        c.label,
        round(c.planningMs, 3),
        round(c.executionMs, 3),
        round(c.unnamed.wallUs),
        round(c.unnamed.pgCpuUs),
        round(c.unnamed.nodeCpuUs),
        round(c.prepared.wallUs),
        round(c.prepared.pgCpuUs),
        round(c.prepared.nodeCpuUs),
      ]),
    ),
  );
  for (const c of costs) {
    console.log(`\n  plan: ${c.label}`);
    for (const line of c.plan.slice(0, PLAN_LINES)) console.log(`    ${line}`);
    if (c.plan.length > PLAN_LINES) console.log(`    … (${c.plan.length - PLAN_LINES} more lines)`);
  }

  // A CPU profile of this process (the server) during one more, shorter full-stack run.
  cookie = await signIn(full);
  const profiled = await profiledLoad(
    'full  GET /api/users (CPU profiled)',
    `${full}/api/users`,
    LADDER_SECONDS,
    { cookie },
  );
  console.log(
    `\nCPU profile of the server process during a ${LADDER_SECONDS} s full-stack run (${round(profiled.measured.requestsPerSecondMean)} req/s while profiled; ` +
      `main thread busy ${round(profiled.summary.busyShare * 100)} % of samples). Self time, % of busy samples:`,
  );
  console.log(
    '(writev is over-counted: samples land there while the process waits to run again after waking PostgreSQL; the "of which kernel" column above is the real system CPU)',
  );
  const groups = profiled.summary.groups;
  const functions = profiled.summary.functions;
  console.log(
    table(
      ['by package / module', '%', 'by function', '% '],
      Array.from({ length: Math.max(groups.length, functions.length) }, (_, i) => [
        groups[i]?.[0] ?? '',
        groups[i] ? String(groups[i][1]) : '',
        functions[i]?.[0] ?? '',
        functions[i] ? String(functions[i][1]) : '',
      ]),
    ),
  );

  const load1End = os.loadavg()[0]!;
  console.log(
    `\nload average (1 min) at end: ${round(load1End, 2)} on ${os.cpus().length} cores (other work on the machine skews these figures)`,
  );
  console.log('');
  console.log(
    summaryLine('http', {
      connections: CONNECTIONS,
      seconds: SECONDS,
      bare_rps: round(bareRun.requestsPerSecondMean),
      bare_p50_ms: bareRun.latencyP50Ms,
      bare_p99_ms: bareRun.latencyP99Ms,
      full_rps: round(fullRun.requestsPerSecondMean),
      full_p50_ms: fullRun.latencyP50Ms,
      full_p99_ms: fullRun.latencyP99Ms,
      ratio_full_to_bare: round(ratio, 3),
      target_ratio: TARGET_RATIO,
      bare_non2xx: bareRun.non2xx,
      full_non2xx: fullRun.non2xx,
      healthz_rps: round(ladder[1]!.requestsPerSecondMean),
      readyz_rps: round(ladder[2]!.requestsPerSecondMean),
      session_rps: round(ladder[3]!.requestsPerSecondMean),
      full_prepared_rps: round(preparedRun.requestsPerSecondMean),
      queries_per_request: round(prof.queriesPerRequest, 2),
      pg_cpu_us_per_request_unnamed: round(costs.reduce((n, c) => n + c.unnamed.pgCpuUs, 0)),
      pg_cpu_us_per_request_prepared: round(costs.reduce((n, c) => n + c.prepared.pgCpuUs, 0)),
      full_server_cpu_us_per_req: perReqUs(fullRun.serverCpuMs, fullRun),
      full_pg_cpu_us_per_req: perReqUs(fullRun.pgCpuMs, fullRun),
      bare_server_cpu_us_per_req: perReqUs(bareRun.serverCpuMs, bareRun),
      loadavg_1m_start: round(load1Start, 2),
      loadavg_1m_end: round(load1End, 2),
    }),
  );
}

const removeHandlers = onInterrupt(cleanup);
try {
  await main();
} catch (err) {
  process.exitCode = 1;
  console.error(`bench http failed: ${(err as Error).stack ?? String(err)}`);
} finally {
  await within(cleanup(), 60_000);
  removeHandlers();
}
