import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isAlive, listPids, postmastersFor } from '../../../tests/support/processes.ts';
import { type EmbeddedPostgres, EmbeddedPostgresError, startEmbeddedPostgres } from './embedded.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const EMBEDDED_MODULE = pathToFileURL(fileURLToPath(new URL('./embedded.ts', import.meta.url))).href;
const log = pino({ level: 'silent' });
const hasPython = spawnSync('python3', ['-c', 'import ctypes']).status === 0;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trygg-embedded-test-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function start(dataDir: string): Promise<EmbeddedPostgres> {
  const server = await startEmbeddedPostgres({ dataDir, log });
  cleanups.push(() => server.stop());
  return server;
}

function parentOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/** The postmaster and its backends, checkpointer, walwriter …: everything that must go when it stops. */
function serverProcesses(postmasterPid: number): number[] {
  return [postmasterPid, ...listPids().filter((pid) => parentOf(pid) === postmasterPid)];
}

function lockFilePid(pgDir: string): number {
  return Number(fs.readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

async function query(url: string, text: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

/** As root the embedded server runs as `postgres`; a process meant to look like it must run as that user too. */
function postgresUser(): { uid: number; gid: number } | Record<string, never> {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** A pid that certainly runs nothing: a process that has come and gone. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  expect(child.pid).toBeDefined();
  expect(isAlive(child.pid!)).toBe(false);
  return child.pid!;
}

function waitForExit(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** A Node script (like a second Trygg) that starts PostgreSQL on a folder, prints its port and keeps it running. */
function writeHolderScript(file: string): void {
  fs.writeFileSync(
    file,
    `const { startEmbeddedPostgres } = await import(${JSON.stringify(EMBEDDED_MODULE)});
const noop = () => {};
const log = { info: noop, warn: noop, debug: noop, error: noop };
const server = await startEmbeddedPostgres({ dataDir: process.argv[2], log });
process.on('SIGTERM', () => server.stop().then(() => process.exit(0)));
process.stdout.write(JSON.stringify({ port: server.port }) + '\\n');
setInterval(() => {}, 1 << 30);
`,
  );
}

/** Runs the holder script as a child process; on SIGTERM it stops its PostgreSQL and exits 0. */
async function startInChildProcess(dataDir: string): Promise<{ child: ChildProcess; port: number }> {
  const script = path.join(tempDir(), 'hold-postgres.mjs');
  writeHolderScript(script);
  const child = spawn(process.execPath, ['--import', 'tsx', script, dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await waitForExit(child);
    }
  });
  let output = '';
  child.stderr?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (c: Buffer) => {
      output += c.toString();
      const match = output.match(/\{"port":(\d+)\}/);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) =>
      reject(new Error(`the helper process exited (${code}) before PostgreSQL was ready:\n${output}`)),
    );
  });
  return { child, port };
}

function superuserUrl(dataDir: string, port: number): string {
  const { superuserPassword } = JSON.parse(
    fs.readFileSync(path.join(dataDir, 'credentials.json'), 'utf8'),
  ) as {
    superuserPassword: string;
  };
  return `postgres://postgres:${encodeURIComponent(superuserPassword)}@127.0.0.1:${port}/postgres`;
}

describe('the embedded PostgreSQL', { timeout: 60_000 }, () => {
  it('initialises a folder, answers queries, and stop() leaves no process behind', async () => {
    const dataDir = tempDir();
    const pgDir = path.join(dataDir, 'postgres');
    const server = await startEmbeddedPostgres({ dataDir, log });
    const rows = await query(server.adminUrl, 'SELECT current_user AS who, version() AS version');
    expect(rows).toEqual([{ who: 'postgres', version: expect.stringMatching(/^PostgreSQL \d+/) }]);
    const postmaster = lockFilePid(pgDir);
    const processes = serverProcesses(postmaster);
    expect(processes.length).toBeGreaterThan(1);
    expect(postmastersFor(pgDir)).toEqual([postmaster]);

    await server.stop();

    // stop() resolves only once the server has exited: nothing to wait for afterwards.
    expect(processes.filter(isAlive)).toEqual([]);
    expect(postmastersFor(pgDir)).toEqual([]);
    expect(fs.existsSync(path.join(pgDir, 'postmaster.pid'))).toBe(false);
    // Calling it again is harmless.
    await server.stop();
  });

  it('keeps its data and credentials across a restart', async () => {
    const dataDir = tempDir();
    const first = await startEmbeddedPostgres({ dataDir, log });
    await query(first.adminUrl, 'CREATE TABLE kept (note text); INSERT INTO kept VALUES ($$still here$$)');
    await first.stop();

    const second = await start(dataDir);
    expect(await query(second.adminUrl, 'SELECT note FROM kept')).toEqual([{ note: 'still here' }]);
  });

  it('recovers on the next start from a stale postmaster.pid whose process no longer runs', async () => {
    const dataDir = tempDir();
    const pgDir = path.join(dataDir, 'postgres');
    const first = await startEmbeddedPostgres({ dataDir, log });
    const lockFile = fs.readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8');
    await first.stop();
    // What a power cut leaves behind: the lock file, naming a process that is gone.
    const stale = await deadPid();
    fs.writeFileSync(path.join(pgDir, 'postmaster.pid'), lockFile.replace(/^\d+/, String(stale)));

    const second = await start(dataDir);
    expect(await query(second.adminUrl, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    expect(lockFilePid(pgDir)).not.toBe(stale);
    expect(postmastersFor(pgDir)).toEqual([lockFilePid(pgDir)]);
  });

  it('recovers from a stale postmaster.pid whose pid now belongs to an unrelated process', async () => {
    const dataDir = tempDir();
    const pgDir = path.join(dataDir, 'postgres');
    const first = await startEmbeddedPostgres({ dataDir, log });
    const lockFile = fs.readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8');
    await first.stop();
    // After a reboot the old pid may be reused. Run as the user PostgreSQL runs as, PostgreSQL alone
    // takes such a process for another postmaster and refuses to start.
    const unrelated = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], {
      stdio: 'ignore',
      ...postgresUser(),
    });
    cleanups.push(async () => {
      unrelated.kill('SIGKILL');
      await waitForExit(unrelated);
    });
    fs.writeFileSync(path.join(pgDir, 'postmaster.pid'), lockFile.replace(/^\d+/, String(unrelated.pid)));

    const second = await start(dataDir);
    expect(await query(second.adminUrl, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    expect(isAlive(unrelated.pid!)).toBe(true);
  });

  it('stops an orphaned PostgreSQL whose parent was killed, then starts cleanly, leaving no orphan', async () => {
    const dataDir = tempDir();
    const pgDir = path.join(dataDir, 'postgres');
    const { child, port } = await startInChildProcess(dataDir);
    const orphan = lockFilePid(pgDir);
    expect(parentOf(orphan)).toBe(child.pid);
    const orphanProcesses = serverProcesses(orphan);

    child.kill('SIGKILL');
    expect(await waitForExit(child)).toEqual({ code: null, signal: 'SIGKILL' });
    // PostgreSQL outlives its parent and keeps the folder locked.
    await vi.waitFor(() => expect(parentOf(orphan)).not.toBe(child.pid), { timeout: 5_000, interval: 20 });
    expect(isAlive(orphan)).toBe(true);
    expect(await query(superuserUrl(dataDir, port), 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);

    const server = await startEmbeddedPostgres({ dataDir, log });
    try {
      expect(orphanProcesses.filter(isAlive)).toEqual([]);
      expect(await query(server.adminUrl, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
      const current = lockFilePid(pgDir);
      expect(current).not.toBe(orphan);
      expect(parentOf(current)).toBe(process.pid);
      expect(postmastersFor(pgDir)).toEqual([current]);
    } finally {
      await server.stop();
    }
    expect(postmastersFor(pgDir)).toEqual([]);
  });

  // Under `systemd --user` (a desktop session), tini and other supervisors the orphan's new parent is a
  // subreaper, not pid 1. Python can make itself one; Node cannot.
  it.runIf(hasPython)(
    'stops an orphan adopted by a subreaper instead of taking it for a running Trygg',
    async () => {
      const dataDir = tempDir();
      const pgDir = path.join(dataDir, 'postgres');
      const script = path.join(tempDir(), 'hold-postgres.mjs');
      writeHolderScript(script);
      const reaperCode = [
        'import ctypes, json, signal, subprocess, sys',
        'ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER',
        'child = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE)',
        'line = child.stdout.readline()',
        'child.kill(); child.wait()',
        'signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # reap the adopted PostgreSQL when it exits',
        'print(line.decode().strip(), flush=True)',
        'sys.stdin.read()',
      ].join('\n');
      const reaper = spawn(
        'python3',
        ['-c', reaperCode, process.execPath, '--import', 'tsx', script, dataDir],
        {
          cwd: ROOT,
          stdio: ['pipe', 'pipe', 'inherit'],
        },
      );
      cleanups.push(async () => {
        reaper.stdin?.end();
        await waitForExit(reaper);
      });
      const port = await new Promise<number>((resolve, reject) => {
        let output = '';
        reaper.stdout?.on('data', (c: Buffer) => {
          output += c.toString();
          const match = output.match(/\{"port":(\d+)\}/);
          if (match) resolve(Number(match[1]));
        });
        reaper.once('exit', (code) => reject(new Error(`the subreaper exited (${code}): ${output}`)));
      });
      const orphan = lockFilePid(pgDir);
      expect(parentOf(orphan)).toBe(reaper.pid);
      expect(await query(superuserUrl(dataDir, port), 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);

      const server = await start(dataDir);
      expect(isAlive(orphan)).toBe(false);
      expect(await query(server.adminUrl, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
      expect(postmastersFor(pgDir)).toEqual([lockFilePid(pgDir)]);
    },
  );

  it('refuses, with a clear message, a folder whose PostgreSQL belongs to another running process', async () => {
    const dataDir = tempDir();
    const pgDir = path.join(dataDir, 'postgres');
    const { child, port } = await startInChildProcess(dataDir);
    const owner = lockFilePid(pgDir);

    const attempt = startEmbeddedPostgres({ dataDir, log });
    await expect(attempt).rejects.toBeInstanceOf(EmbeddedPostgresError);
    await expect(attempt).rejects.toThrow(`The data folder ${pgDir} is in use by another running Trygg`);
    // The other process's server is untouched.
    expect(isAlive(owner)).toBe(true);
    expect(await query(superuserUrl(dataDir, port), 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);

    child.kill('SIGTERM');
    expect(await waitForExit(child)).toEqual({ code: 0, signal: null });
    expect(isAlive(owner)).toBe(false);
    expect(postmastersFor(pgDir)).toEqual([]);
  });

  it('gives one clear line when the data folder cannot be created, even as root, and starts nothing', async () => {
    const file = path.join(tempDir(), 'a-regular-file');
    fs.writeFileSync(file, 'not a folder');
    for (const dataDir of [path.join(file, 'data'), '/proc/trygg-data']) {
      const attempt = startEmbeddedPostgres({ dataDir, log });
      await expect(attempt).rejects.toBeInstanceOf(EmbeddedPostgresError);
      const message = await attempt.catch((err: Error) => err.message);
      expect(message).not.toContain('\n');
      expect(message).toMatch(
        new RegExp(`^The data folder ${dataDir} is not writable \\(E[A-Z]+\\); set TRYGG_DATA_DIR`),
      );
      expect(postmastersFor(path.join(dataDir, 'postgres'))).toEqual([]);
    }
  });
});
