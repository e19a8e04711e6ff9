import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../tests/support/database.ts';
import { buildApp } from '../server/app.ts';
import { bootstrap } from '../server/bootstrap.ts';
import { loadConfig } from '../server/config.ts';
import { verifyPassword } from '../server/platform/passwords.ts';

// Every test starts one or more `trygg` processes (each compiles the TypeScript sources through tsx).
vi.setConfig({ testTimeout: 90_000, hookTimeout: 90_000 });

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const GENERATED_PASSWORD = /[A-Za-z2-9]{5}-[A-Za-z2-9]{5}-[A-Za-z2-9]{5}-[A-Za-z2-9]{5}/;

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function trygg(args: string[], databaseUrl?: string): Promise<Result> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['bin/trygg.mjs', ...args],
      {
        cwd: ROOT,
        // A clean environment: nothing from the developer's shell leaks in.
        env: {
          PATH: process.env.PATH,
          LOG_LEVEL: 'silent',
          ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
        },
        timeout: 30_000,
      },
      (_err, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
}

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.drop();
});

const run = (...args: string[]) => trygg(args, database.url);

async function findUser(email: string) {
  return database.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

describe('usage', () => {
  // These need no database and do not touch each other: run them side by side.
  it.concurrent.each([
    [['frobnicate'], 'Unknown command: frobnicate'],
    [['users', 'list', '--bogus'], "Unknown option '--bogus'"],
    [['users', 'create', '--email'], "Option '--email <value>' argument missing"],
    [['users', 'promote', '--email', 'a@b.se'], 'Unknown users command: promote'],
    [
      ['users', 'grant', '--email', 'a@b.se', '--role', 'wizard'],
      'Unknown role wizard; one of administrator',
    ],
    [['users', 'create', '--email', 'a@b.se'], '--name is required'],
    [['audit', 'verify', 'now'], 'Unknown audit command: verify now'],
    [['serve', '--port', '80'], "Unknown option '--port'"],
  ])('trygg %j prints the problem and the usage and exits 2', async (args, problem) => {
    const result = await trygg(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`trygg: ${problem}`);
    expect(result.stderr).toContain('Usage: trygg <command> [options]');
    expect(result.stdout).toBe('');
  });

  it('prints the usage and exits 2 without a command, and exits 0 when help is asked for', async () => {
    const none = await trygg([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toContain('Usage: trygg <command> [options]');
    const help = await trygg(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('audit verify');
  });
});

describe('trygg migrate', () => {
  it('says the database is up to date', async () => {
    const result = await run('migrate');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.trim()).toBe('The database is up to date.');
  });
});

describe('trygg users', () => {
  it('refuses a grant in the municipality, clearly, while there is none yet', async () => {
    const created = await run(
      'users',
      'create',
      '--email',
      'early@example.se',
      '--name',
      'Early Bird',
      '--password',
      'morning-sun-pass-1',
    );
    expect(created.code).toBe(0);
    const grant = await run('users', 'grant', '--email', 'early@example.se', '--role', 'auditor');
    expect(grant.code).toBe(1);
    expect(grant.stderr.trim()).toBe('trygg: No municipality yet; start the server once');
    // Start-up creates the municipality (what `trygg serve` does on first start).
    await bootstrap(
      database.db,
      loadConfig({ TRYGG_ADMIN_PASSWORD: 'bootstrap-admin-1', LOG_LEVEL: 'silent' }),
    );
    const again = await run('users', 'grant', '--email', 'early@example.se', '--role', 'auditor');
    expect(again.code).toBe(0);
  });

  it('creates a user with the given password and does not print it', async () => {
    const result = await run(
      'users',
      'create',
      '--email',
      'anna@example.se',
      '--name',
      'Anna Lind',
      '--password',
      'correct-horse-42',
    );
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.trim()).toBe('Created anna@example.se');
    const user = await findUser('anna@example.se');
    expect(user?.name).toBe('Anna Lind');
    expect(await verifyPassword('correct-horse-42', user!.password_hash!)).toBe(true);
  });

  it('creates a user with a generated password, printed once, that works', async () => {
    const result = await run('users', 'create', '--email', 'bo@example.se', '--name', 'Bo Ek');
    expect(result.code).toBe(0);
    const password = result.stdout.match(GENERATED_PASSWORD)?.[0];
    expect(password).toBeDefined();
    expect(result.stdout.split(password!)).toHaveLength(2);
    expect(result.stdout).toContain('(shown once)');
    const user = await findUser('bo@example.se');
    expect(await verifyPassword(password!, user!.password_hash!)).toBe(true);
    // It is never shown again.
    expect((await run('users', 'list')).stdout).not.toContain(password);
  });

  it('refuses a second account with the same address, whatever its case', async () => {
    const result = await run(
      'users',
      'create',
      '--email',
      'ANNA@example.se',
      '--name',
      'Anna Again',
      '--password',
      'correct-horse-42',
    );
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('trygg: A user with this e-mail address already exists');
  });

  it('grants a role in the municipality and lists users with their roles', async () => {
    const grant = await run('users', 'grant', '--email', 'anna@example.se', '--role', 'auditor');
    expect(grant).toMatchObject({ code: 0, stderr: '' });
    expect(grant.stdout.trim()).toBe('Granted auditor to anna@example.se.');

    const list = await run('users', 'list');
    expect(list.code).toBe(0);
    const lines = list.stdout.trim().split('\n');
    expect(lines).toContain('anna@example.se\tAnna Lind\tactive\tauditor@Stockholms stad');
    expect(lines).toContain('bo@example.se\tBo Ek\tactive\t(no roles)');
    const root = await database.db
      .selectFrom('organisations')
      .select('id')
      .where('parent_id', 'is', null)
      .executeTakeFirstOrThrow();
    const roles = await database.db
      .selectFrom('user_roles')
      .innerJoin('users', 'users.id', 'user_roles.user_id')
      .select(['role', 'organisation_id'])
      .where('users.email', '=', 'anna@example.se')
      .execute();
    expect(roles).toEqual([{ role: 'auditor', organisation_id: root.id }]);
  });

  it('grants in a named organisation, and refuses an unknown one', async () => {
    const board = await database.db
      .selectFrom('organisations')
      .select('id')
      .where('kind', '=', 'executive_board')
      .executeTakeFirstOrThrow();
    const ok = await run(
      'users',
      'grant',
      '--email',
      'bo@example.se',
      '--role',
      'manager',
      '--organisation',
      board.id,
    );
    expect(ok.code).toBe(0);
    expect((await run('users', 'list')).stdout).toContain(
      'bo@example.se\tBo Ek\tactive\tmanager@Kommunstyrelsen',
    );
    const unknown = await run(
      'users',
      'grant',
      '--email',
      'bo@example.se',
      '--role',
      'manager',
      '--organisation',
      crypto.randomUUID(),
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toBe('trygg: No such organisation');
  });

  it('refuses a weak new password with exit 1 and says why, keeping the old one', async () => {
    const before = (await findUser('anna@example.se'))!.password_hash;
    const short = await run('users', 'set-password', '--email', 'anna@example.se', '--password', 'short1');
    expect(short.code).toBe(1);
    expect(short.stderr.trim()).toBe('trygg: The password does not meet the rules: At least 12 characters');
    const letters = await run(
      'users',
      'set-password',
      '--email',
      'anna@example.se',
      '--password',
      'onlylettershere',
    );
    expect(letters.code).toBe(1);
    expect(letters.stderr).toContain('Include at least one digit or symbol');
    expect((await findUser('anna@example.se'))!.password_hash).toBe(before);
  });

  it('sets a new password, given or generated', async () => {
    const given = await run(
      'users',
      'set-password',
      '--email',
      'anna@example.se',
      '--password',
      'a-brand-new-pass-7',
    );
    expect(given.code).toBe(0);
    expect(given.stdout).not.toContain('a-brand-new-pass-7');
    expect(
      await verifyPassword('a-brand-new-pass-7', (await findUser('anna@example.se'))!.password_hash!),
    ).toBe(true);

    const generated = await run('users', 'set-password', '--email', 'anna@example.se');
    expect(generated.code).toBe(0);
    const password = generated.stdout.match(GENERATED_PASSWORD)?.[0];
    expect(password).toBeDefined();
    expect(await verifyPassword(password!, (await findUser('anna@example.se'))!.password_hash!)).toBe(true);
  });

  it('says clearly when there is no such user', async () => {
    const result = await run('users', 'disable', '--email', 'nobody@example.se');
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('trygg: No user with e-mail nobody@example.se');
  });

  describe('disable', () => {
    let app: FastifyInstance;

    beforeAll(async () => {
      const config = loadConfig({ LOG_LEVEL: 'silent' });
      app = await buildApp(
        { config, db: database.db, now: () => new Date() },
        { oidc: null, webDist: '/nonexistent' },
      );
      await app.ready();
    });

    afterAll(async () => {
      await app?.close();
    });

    async function signInOverHttp(email: string, password: string): Promise<string> {
      const first = await app.inject({ method: 'GET', url: '/api/session' });
      const csrfCookie = first.cookies.find((c) => c.name === 'trygg_csrf')!;
      const login: LightMyRequestResponse = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { cookie: `trygg_csrf=${csrfCookie.value}`, 'x-csrf-token': first.json().csrfToken },
        payload: { email, password },
      });
      expect(login.statusCode).toBe(200);
      const session = login.cookies.find((c) => c.name === 'trygg_session')!;
      return `trygg_session=${session.value}`;
    }

    it('disables an account and ends its sessions', async () => {
      await run(
        'users',
        'create',
        '--email',
        'cleo@example.se',
        '--name',
        'Cleo',
        '--password',
        'sunny-river-99x',
      );
      const cookie = await signInOverHttp('cleo@example.se', 'sunny-river-99x');
      const before = await app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
      expect(before.json().user?.email).toBe('cleo@example.se');

      const result = await run('users', 'disable', '--email', 'cleo@example.se');
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout.trim()).toBe('Disabled cleo@example.se; their sessions are ended.');

      const after = await app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
      expect(after.json().user).toBeNull();
      const user = await findUser('cleo@example.se');
      expect(user?.disabled_at).toBeInstanceOf(Date);
      const sessions = await database.db
        .selectFrom('sessions')
        .select('id_hash')
        .where('user_id', '=', user!.id)
        .execute();
      expect(sessions).toEqual([]);
      expect((await run('users', 'list')).stdout).toContain('cleo@example.se\tCleo\tdisabled\t');
      // A disabled account cannot sign in again.
      const first = await app.inject({ method: 'GET', url: '/api/session' });
      const retry = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { cookie: `trygg_csrf=${first.cookies[0]?.value}`, 'x-csrf-token': first.json().csrfToken },
        payload: { email: 'cleo@example.se', password: 'sunny-river-99x' },
      });
      expect(retry.statusCode).toBe(401);
    });
  });

  it('records what it did in the audit log, with no user as the actor', async () => {
    const rows = await database.db
      .selectFrom('audit_events')
      .select(['action', 'actor_id'])
      .where('action', 'like', 'user.%')
      .execute();
    const actions = rows.map((r) => r.action);
    for (const action of ['user.created', 'user.role_granted', 'user.password_set', 'user.disabled'])
      expect(actions).toContain(action);
    expect(rows.filter((r) => r.action !== 'user.created').every((r) => r.actor_id === null)).toBe(true);
  });
});

describe('trygg audit verify', () => {
  it('exits 0 on an intact log and says how many entries it checked', async () => {
    const count = await database.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBeGreaterThan(5);
    const result = await run('audit', 'verify');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.trim()).toBe(`The audit log is intact: ${count.n} entries checked.`);
  });

  it('exits 1 and names the altered entry after a row was changed behind the app', async () => {
    const ids = (await database.db.selectFrom('audit_events').select('id').orderBy('id').execute()).map((r) =>
      String(r.id),
    );
    const victim = ids[2]!;
    const su = await database.superuser();
    try {
      await su.query('SET session_replication_role = replica');
      await su.query("UPDATE audit_events SET action = 'organisation.viewed' WHERE id = $1", [victim]);
    } finally {
      await su.end();
    }
    const result = await run('audit', 'verify');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim()).toBe(
      `The audit log is broken at entry ${victim}: its content does not match its hash (altered). 2 entries before it are intact.`,
    );
  });
});
