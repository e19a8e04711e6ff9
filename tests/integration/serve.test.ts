import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { freePort } from '../../src/server/db/embedded.ts';
import { isAlive, listPids, postmastersFor } from '../support/processes.ts';

// Each step starts a real `trygg serve`: tsx compiles the sources, PostgreSQL initialises or recovers.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ADMIN_EMAIL = 'admin@trygg.local';

interface Serve {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running: Serve[] = [];

function serve(dataDir: string, port: number): Serve {
  const child = spawn(process.execPath, ['bin/trygg.mjs', 'serve'], {
    cwd: ROOT,
    // A clean environment: in particular no TRYGG_ADMIN_PASSWORD and no DATABASE_URL.
    env: {
      PATH: process.env.PATH,
      TRYGG_DATA_DIR: dataDir,
      TRYGG_DEMO: 'off',
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    err += c.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const handle = { child, stdout: () => out, stderr: () => err, exited };
  running.push(handle);
  return handle;
}

/** Waits until the server says it runs; fails early with its output if it exits instead. */
async function untilRunning(s: Serve): Promise<string> {
  const exitedEarly = s.exited.then(({ code, signal }) => {
    throw new Error(
      `trygg serve exited (${code ?? signal}) before it was ready:\n${s.stdout()}\n${s.stderr()}`,
    );
  });
  const ready = vi.waitFor(
    () => {
      const match = s.stdout().match(/Trygg is running at (\S+)/);
      if (!match?.[1]) throw new Error('not running yet');
      return match[1];
    },
    { timeout: 100_000, interval: 50 },
  );
  return Promise.race([ready, exitedEarly]);
}

/** The postmaster and every process it started (backends, checkpointer …). */
function serverProcesses(postmaster: number): number[] {
  return [
    postmaster,
    ...listPids().filter((pid) => {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster;
      } catch {
        return false;
      }
    }),
  ];
}

function cookieValue(setCookies: string[], name: string): string | undefined {
  for (const c of setCookies) {
    const [pair] = c.split(';');
    const [key, ...value] = (pair ?? '').split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/** The browser's way in: GET the session for a CSRF token and cookie, then POST the credentials. */
async function signIn(base: string, email: string, password: string): Promise<Response> {
  const session = await fetch(`${base}/api/session`);
  expect(session.status).toBe(200);
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const csrfCookie = cookieValue(session.headers.getSetCookie(), 'trygg_csrf');
  expect(csrfCookie).toBeDefined();
  return fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: `trygg_csrf=${csrfCookie}`,
      'x-csrf-token': csrfToken,
    },
    body: JSON.stringify({ email, password }),
  });
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trygg-serve-test-'));
const pgDir = path.join(dataDir, 'postgres');

afterAll(async () => {
  for (const s of running) {
    if (s.child.exitCode === null && s.child.signalCode === null) {
      s.child.kill('SIGKILL');
      await s.exited;
    }
  }
  // Whatever a failed step may have left: stop it the way PostgreSQL likes.
  for (const pid of postmastersFor(pgDir)) {
    process.kill(pid, 'SIGINT');
    await vi.waitFor(() => expect(isAlive(pid)).toBe(false), { timeout: 30_000, interval: 50 });
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('trygg serve as a real process', () => {
  let port: number;
  let base: string;
  let adminPassword: string;

  it('starts on an empty folder, prints its address and a generated admin password, and is ready', async () => {
    port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const s = serve(dataDir, port);
    expect(await untilRunning(s)).toBe(`http://localhost:${port}`);
    await vi.waitFor(() => expect(s.stdout()).toMatch(/password: \S+ {3}\(shown only this once/), {
      timeout: 5_000,
    });
    adminPassword = s.stdout().match(/password: (\S+) {3}\(shown only this once/)![1]!;
    expect(s.stdout()).toContain(`e-mail:   ${ADMIN_EMAIL}`);
    expect(adminPassword).toMatch(/^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/);

    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ok: true });
  });

  it('lets the administrator sign in with the printed password', async () => {
    const login = await signIn(base, ADMIN_EMAIL, adminPassword);
    expect(login.status).toBe(200);
    const body = (await login.json()) as { user: { email: string; roles: { role: string }[] } };
    expect(body.user.email).toBe(ADMIN_EMAIL);
    expect(body.user.roles.map((r) => r.role)).toEqual(['administrator']);
    expect(cookieValue(login.headers.getSetCookie(), 'trygg_session')).toBeTruthy();

    const wrong = await signIn(base, ADMIN_EMAIL, 'not-the-password-1');
    expect(wrong.status).toBe(401);
  });

  it('exits 0 on SIGTERM and leaves no PostgreSQL process for its folder', async () => {
    const s = running.at(-1)!;
    const [postmaster] = postmastersFor(pgDir);
    expect(postmaster).toBeDefined();
    const processes = serverProcesses(postmaster!);
    expect(processes.length).toBeGreaterThan(1);

    s.child.kill('SIGTERM');
    expect(await s.exited).toEqual({ code: 0, signal: null });
    // Checked at once: the database is stopped before the process exits, not some time after.
    expect(processes.filter(isAlive)).toEqual([]);
    expect(postmastersFor(pgDir)).toEqual([]);
    expect(fs.existsSync(path.join(pgDir, 'postmaster.pid'))).toBe(false);
    expect(s.stderr()).toBe('');
  });

  it('starts again on the same folder without a new password, and the old one still works', async () => {
    const s = serve(dataDir, port);
    await untilRunning(s);
    expect(s.stdout()).not.toContain('password:');
    expect(s.stdout()).not.toContain('First administrator created');
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect((await signIn(base, ADMIN_EMAIL, adminPassword)).status).toBe(200);
  });

  it('recovers on the next start after being killed with SIGKILL, and serves', async () => {
    const killed = running.at(-1)!;
    const [orphan] = postmastersFor(pgDir);
    expect(orphan).toBeDefined();
    const orphanProcesses = serverProcesses(orphan!);

    killed.child.kill('SIGKILL');
    expect(await killed.exited).toEqual({ code: null, signal: 'SIGKILL' });
    // Nothing could stop PostgreSQL: it is left running without its parent.
    expect(isAlive(orphan!)).toBe(true);

    const s = serve(dataDir, port);
    await untilRunning(s);
    expect(s.stdout()).toContain('stopping an orphaned PostgreSQL left by an earlier crash');
    expect(orphanProcesses.filter(isAlive)).toEqual([]);
    const [current] = postmastersFor(pgDir);
    expect(postmastersFor(pgDir)).toHaveLength(1);
    expect(current).not.toBe(orphan);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect((await signIn(base, ADMIN_EMAIL, adminPassword)).status).toBe(200);

    s.child.kill('SIGTERM');
    expect(await s.exited).toEqual({ code: 0, signal: null });
    expect(postmastersFor(pgDir)).toEqual([]);
  });

  it('says in one line on stderr that the port is taken, exits non-zero and leaves nothing running', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const s = serve(dataDir, port);
      const { code } = await s.exited;
      expect(code).not.toBe(0);
      expect(code).not.toBeNull();
      expect(s.stderr()).toBe(`trygg: Port ${port} is already in use; set PORT to a free port\n`);
      expect(s.stdout()).not.toContain('Trygg is running');
      expect(postmastersFor(pgDir)).toEqual([]);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
