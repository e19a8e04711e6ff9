// Helpers shared by the benchmarks in bench/*.ts (this folder is not run as a benchmark).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `promise`, or `null` when it has not settled within `ms` (the timer does not keep the process alive). */
export function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Rounds to `digits` decimals (for printing and for the summary line). */
export function round(value: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** A temporary folder the embedded PostgreSQL (run as `postgres` when we are root) can walk into. */
export function makeTempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  fs.chmodSync(dir, 0o711);
  return dir;
}

export function removeDir(dir: string | undefined): void {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}

/** A plain text table with aligned columns; numbers are right-aligned. */
export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number'));
  const line = (r: string[]) =>
    r
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join(
    '\n',
  );
}

/** The last line every benchmark prints: `bench <name>: key=value key=value …`. */
export function summaryLine(name: string, figures: Record<string, number | string>): string {
  const parts = Object.entries(figures).map(
    ([k, v]) => `${k}=${typeof v === 'number' && !Number.isFinite(v) ? 'NaN' : v}`,
  );
  return `bench ${name}: ${parts.join(' ')}`;
}

export function targetNote(ok: boolean, target: string): string {
  return `${ok ? 'meets' : 'MISSES'} target ${target}`;
}

// ---- ports --------------------------------------------------------------------------------------

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/**
 * A free port below the kernel's ephemeral range, so that between our check and the server's bind
 * neither an outgoing connection nor a port-0 bind (the embedded PostgreSQL picks its port that way)
 * can take it. On a busy machine a port from the ephemeral range is taken now and then.
 */
export async function portOutsideEphemeralRange(): Promise<number> {
  let low = 32768;
  try {
    low =
      Number(fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || low;
  } catch {
    // Not Linux: keep the usual default.
  }
  const min = Math.max(1025, low - 12_000);
  const max = low - 1;
  for (let i = 0; i < 100 && max > min; i++) {
    const port = min + Math.floor(Math.random() * (max - min + 1));
    if (await canListen(port)) return port;
  }
  throw new Error(`no free port found between ${min} and ${max}`);
}

// ---- /proc (Linux) ------------------------------------------------------------------------------

let clockTicks: number | undefined;
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

function readProc(pid: number, file: string): string | null {
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return null;
  }
}

function statFields(pid: number): string[] | null {
  const stat = readProc(pid, 'stat');
  if (!stat) return null;
  // Fields after "pid (comm) ": state is index 0, ppid 1, utime 11, stime 12.
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** Alive and not a zombie. */
export function isRunning(pid: number): boolean {
  const fields = statFields(pid);
  return fields !== null && fields[0] !== 'Z' && fields[0] !== 'X';
}

/** A `kB` field of /proc/<pid>/status (VmRSS) or smaps_rollup (Pss), in kB; null when gone. */
function kbField(pid: number, file: string, field: string): number | null {
  const text = readProc(pid, file);
  const match = text?.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
  return match ? Number(match[1]) : null;
}

export const rssKb = (pid: number) => kbField(pid, 'status', 'VmRSS');
export const statusKb = (pid: number, field: 'RssAnon' | 'RssFile' | 'VmHWM') =>
  kbField(pid, 'status', field);
export const pssKb = (pid: number) => kbField(pid, 'smaps_rollup', 'Pss');

/** CPU time (user + system) a process has used so far, in ms; null when gone. */
export function cpuMs(pid: number): number | null {
  const fields = statFields(pid);
  if (!fields) return null;
  return ((Number(fields[11]) + Number(fields[12])) / ticksPerSecond()) * 1000;
}

interface ProcInfo {
  pid: number;
  ppid: number;
  cmdline: string;
}

export function listProcesses(): ProcInfo[] {
  const out: ProcInfo[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const fields = statFields(pid);
    if (!fields || fields[0] === 'Z') continue;
    out.push({
      pid,
      ppid: Number(fields[1]),
      cmdline: (readProc(pid, 'cmdline') ?? '').replace(/\0/g, ' ').trim(),
    });
  }
  return out;
}

/** The postmaster recorded in `<pgDir>/postmaster.pid`, if that file exists. */
export function postmasterPid(pgDir: string): number | null {
  try {
    const pid = Number(fs.readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** The PostgreSQL cluster serving `pgDir`: its postmaster and the postmaster's children (backends, workers). */
export function clusterPids(pgDir: string): number[] {
  const processes = listProcesses();
  const roots = new Set(processes.filter((p) => p.cmdline.includes(pgDir)).map((p) => p.pid));
  const pm = postmasterPid(pgDir);
  if (pm !== null && isRunning(pm)) roots.add(pm);
  const children = processes.filter((p) => roots.has(p.ppid)).map((p) => p.pid);
  return [...new Set([...roots, ...children])];
}

/** Sum of a per-process figure over several processes (missing ones count 0). */
export function sumOver(pids: readonly number[], figure: (pid: number) => number | null): number {
  return pids.reduce((sum, pid) => sum + (figure(pid) ?? 0), 0);
}

/** CPU ms used by a set of processes between two snapshots (processes born in between count from 0). */
export function cpuSnapshot(pids: readonly number[]): Map<number, number> {
  return new Map(pids.map((pid) => [pid, cpuMs(pid) ?? 0]));
}

export function cpuSince(before: Map<number, number>, pids: readonly number[]): number {
  return pids.reduce((sum, pid) => sum + Math.max(0, (cpuMs(pid) ?? 0) - (before.get(pid) ?? 0)), 0);
}

// ---- cleanup on Ctrl-C --------------------------------------------------------------------------

/** Runs `cleanup` once on SIGINT/SIGTERM, then exits 130; returns a function that removes the handlers. */
export function onInterrupt(cleanup: () => Promise<void>): () => void {
  const handler = (signal: NodeJS.Signals) => {
    process.stderr.write(`\n${signal}: cleaning up…\n`);
    cleanup()
      .catch((err) => process.stderr.write(`cleanup failed: ${String(err)}\n`))
      .finally(() => process.exit(130));
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

/** The cookies a response sets, by name. */
export function cookiesOf(res: Response): Map<string, string> {
  const jar = new Map<string, string>();
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const eq = pair!.indexOf('=');
    jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
  }
  return jar;
}

/** Signs in through the API; the session cookie and the session's CSRF token to send with changes. */
export async function signInAs(
  base: string,
  email: string,
  password: string,
): Promise<{ cookie: string; csrf: string }> {
  const first = await fetch(`${base}/api/session`);
  const { csrfToken } = (await first.json()) as { csrfToken: string };
  const csrfCookie = cookiesOf(first).get('trygg_csrf');
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: `trygg_csrf=${csrfCookie}`,
      'x-csrf-token': csrfToken,
    },
    body: JSON.stringify({ email, password }),
  });
  const session = cookiesOf(login).get('trygg_session');
  if (login.status !== 200 || !session)
    throw new Error(`sign-in as ${email} failed: ${login.status} ${await login.text()}`);
  const cookie = `trygg_session=${session}`;
  const me = (await (await fetch(`${base}/api/session`, { headers: { cookie } })).json()) as {
    csrfToken: string;
  };
  return { cookie, csrf: me.csrfToken };
}
