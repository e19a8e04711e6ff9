import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../../src/server/db/embedded.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const E2E_ADMIN = { email: 'admin@e2e.local', password: 'e2e-admin-password-1' };

export interface TestServer {
  baseUrl: string;
  dataDir: string;
  output(): string;
  /** Runs `trygg` CLI commands against the same data folder (the server must share it: use DATABASE_URL-less mode). */
  stop(): Promise<void>;
}

/**
 * The built app as a user runs it: `node bin/trygg.mjs serve` on a free port with a fresh embedded
 * database in a temporary folder. Fails with a clear message when the web app is not built.
 */
export async function startTestServer(
  env: Record<string, string> = {},
  opts: {
    port?: number;
    /** `trygg` commands (argument lists) run on the fresh data folder, in order, before the server starts. */
    before?: string[][];
  } = {},
): Promise<TestServer> {
  if (!fs.existsSync(path.join(ROOT, 'dist/web/index.html'))) {
    throw new Error('The web app is not built: run `npm run build` (npm test does it first)');
  }
  // A port found free can be taken before the server binds it (by another spec's server or
  // database); then try again on another one, unless the caller needs this very port.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(env, opts.port ?? (await freePort()), opts.before ?? []);
    } catch (err) {
      if (opts.port !== undefined || attempt >= 3 || !/already in use/.test(String(err))) throw err;
    }
  }
}

/** Runs one `trygg` command to its end, with its output. */
function runCommand(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    let output = '';
    const command = spawn(process.execPath, ['bin/trygg.mjs', ...args], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    command.stdout.on('data', (c: Buffer) => {
      output += c.toString();
    });
    command.stderr.on('data', (c: Buffer) => {
      output += c.toString();
    });
    command.once('error', reject);
    command.once('close', (code) => resolve({ code, output }));
  });
}

async function startOnce(env: Record<string, string>, port: number, before: string[][]): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trygg-e2e-'));
  fs.chmodSync(dataDir, 0o755);
  let out = '';
  const childEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    TRYGG_DATA_DIR: dataDir,
    TRYGG_BASE_URL: `http://127.0.0.1:${port}`,
    TRYGG_ADMIN_EMAIL: E2E_ADMIN.email,
    TRYGG_ADMIN_PASSWORD: E2E_ADMIN.password,
    TRYGG_DEMO: 'off',
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    ...env,
  };
  for (const args of before) {
    const result = await runCommand(args, childEnv);
    if (result.code !== 0) {
      fs.rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`trygg ${args.join(' ')} exited (${result.code}):\n${result.output}`);
    }
  }
  const child: ChildProcess = spawn(process.execPath, ['bin/trygg.mjs', 'serve'], {
    cwd: ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 60_000;
  while (true) {
    if (child.exitCode !== null) {
      fs.rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`trygg serve exited (${child.exitCode}):\n${out}`);
    }
    try {
      const res = await fetch(`${baseUrl}/readyz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`trygg serve did not become ready in 60 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    baseUrl,
    dataDir,
    output: () => out,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
