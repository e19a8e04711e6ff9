import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import type { Role } from '../../src/domain/roles.ts';
import { type BuildAppOptions, buildApp } from '../../src/server/app.ts';
import { bootstrap } from '../../src/server/bootstrap.ts';
import { type Config, loadConfig } from '../../src/server/config.ts';
import type { AppDeps } from '../../src/server/platform/context.ts';
import { hashPassword } from '../../src/server/platform/passwords.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

export const ADMIN_EMAIL = 'admin@test.local';
export const ADMIN_PASSWORD = 'admin-password-123';
export const USER_PASSWORD = 'user-password-123';

/** A clock the test moves by hand. */
export class TestClock {
  constructor(public current = new Date('2026-03-02T08:00:00Z')) {}
  now = () => new Date(this.current);
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface TestApp {
  app: FastifyInstance;
  deps: AppDeps;
  database: TestDatabase;
  clock: TestClock;
  rootId: string;
  boardId: string;
}

/** One temporary data folder per test process (removed by the OS's temp cleaning). */
const TEST_DATA_DIR = path.join(os.tmpdir(), `trygg-test-data-${process.pid}`);

export function testConfig(overrides: Partial<Config> = {}): Config {
  return loadConfig(
    {
      TRYGG_ADMIN_EMAIL: ADMIN_EMAIL,
      TRYGG_ADMIN_PASSWORD: ADMIN_PASSWORD,
      LOG_LEVEL: 'silent',
      // A fixed key, so tests never write one under ./data (the key file is tested on its own).
      TRYGG_THREAT_REGISTER_KEY: 'trygg-test-threat-register-key-0123456789',
      // Files tests write (task outputs) go to a temporary folder, never ./data.
      TRYGG_DATA_DIR: TEST_DATA_DIR,
    },
    overrides,
  );
}

/** The app in-process on its own database, bootstrapped (municipality, executive board, first admin). */
export async function createTestApp(
  opts: { config?: Partial<Config>; app?: BuildAppOptions } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const clock = new TestClock(new Date());
  const config = testConfig(opts.config);
  const deps: AppDeps = { config, db: database.db, now: clock.now };
  await bootstrap(database.db, config);
  const app = await buildApp(deps, { oidc: null, webDist: '/nonexistent', ...opts.app });
  await app.ready();
  const root = await database.db
    .selectFrom('organisations')
    .select('id')
    .where('kind', '=', 'municipality')
    .executeTakeFirstOrThrow();
  const board = await database.db
    .selectFrom('organisations')
    .select('id')
    .where('kind', '=', 'executive_board')
    .executeTakeFirstOrThrow();
  return { app, deps, database, clock, rootId: root.id, boardId: board.id };
}

/** Registers beforeAll/afterAll for a file-wide test app; read `.current` inside tests. */
export function useTestApp(opts: Parameters<typeof createTestApp>[0] = {}) {
  const holder: { current: TestApp } = { current: undefined as unknown as TestApp };
  beforeAll(async () => {
    holder.current = await createTestApp(opts);
  });
  afterAll(async () => {
    await holder.current?.app.close();
    await holder.current?.database.drop();
  });
  return holder;
}

export async function createOrganisation(
  t: TestApp,
  name: string,
  kind: 'committee' | 'company' | 'executive_board',
  parentId = t.rootId,
) {
  const row = await t.database.db
    .insertInto('organisations')
    .values({ name, kind, parent_id: parentId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

let userCounter = 0;
let cachedHash: Promise<string> | undefined;

/** A user with one role in one organisation (password USER_PASSWORD). */
export async function createUser(t: TestApp, role: Role | null, organisationId: string, name?: string) {
  cachedHash ??= hashPassword(USER_PASSWORD);
  userCounter++;
  const email = `user${userCounter}-${Date.now()}@test.local`;
  const row = await t.database.db
    .insertInto('users')
    .values({ email, name: name ?? `Test User ${userCounter}`, password_hash: await cachedHash })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (role) {
    await t.database.db
      .insertInto('user_roles')
      .values({ user_id: row.id, organisation_id: organisationId, role, granted_by: null })
      .execute();
  }
  return { id: row.id, email };
}

export interface Client {
  cookie: string;
  csrf: string;
  request(
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
}

function cookieHeader(res: LightMyRequestResponse, jar: Map<string, string>) {
  for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
    if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) jar.delete(c.name);
    else jar.set(c.name, c.value);
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

/** A browser-like client: keeps cookies and sends the CSRF token on state-changing requests. */
export async function anonymousClient(t: TestApp): Promise<Client> {
  const jar = new Map<string, string>();
  const first = await t.app.inject({ method: 'GET', url: '/api/session' });
  const client: Client = {
    cookie: cookieHeader(first, jar),
    csrf: first.json().csrfToken,
    async request(method, url, body, headers = {}) {
      const res = await t.app.inject({
        method: method as 'GET',
        url,
        headers: { cookie: client.cookie, 'x-csrf-token': client.csrf, ...headers },
        ...(body === undefined ? {} : { payload: body as object }),
      });
      client.cookie = cookieHeader(res, jar);
      return res;
    },
  };
  return client;
}

/** Signs in through the API and returns a client holding the session. */
export async function signIn(t: TestApp, email: string, password = USER_PASSWORD): Promise<Client> {
  const client = await anonymousClient(t);
  const res = await client.request('POST', '/api/auth/login', { email, password });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  client.csrf = res.json().csrfToken;
  return client;
}
