import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { E2E_ADMIN, type TestServer } from '../support/server.ts';

/** A signed-in API session over HTTP (cookie and CSRF token kept), as a browser would hold one. */
export interface ApiSession {
  userId: string;
  request<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** `request`, failing the test unless the answer has this status. */
  expect<T = unknown>(status: number, method: string, path: string, body?: unknown): Promise<T>;
}

const cookiesOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]!);

function mergeCookies(...lists: string[][]): string {
  const jar = new Map<string, string>();
  for (const list of lists) for (const c of list) jar.set(c.split('=')[0]!, c);
  return [...jar.values()].join('; ');
}

export async function signInOverApi(baseUrl: string, email: string, password: string): Promise<ApiSession> {
  const first = await fetch(`${baseUrl}/api/session`);
  const anonymous = cookiesOf(first);
  const { csrfToken } = (await first.json()) as { csrfToken: string };
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: mergeCookies(anonymous),
      'x-csrf-token': csrfToken,
    },
    body: JSON.stringify({ email, password }),
  });
  if (login.status !== 200) throw new Error(`signing in ${email}: ${login.status} ${await login.text()}`);
  const session = (await login.json()) as { csrfToken: string; user: { id: string } };
  const cookie = mergeCookies(anonymous, cookiesOf(login));
  const request = async <T>(method: string, p: string, body?: unknown) => {
    const res = await fetch(`${baseUrl}${p}`, {
      method,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        cookie,
        'x-csrf-token': session.csrfToken,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON
    }
    return { status: res.status, body: parsed as T };
  };
  return {
    userId: session.user.id,
    request,
    async expect<T>(status: number, method: string, p: string, body?: unknown) {
      const res = await request<T>(method, p, body);
      if (res.status !== status)
        throw new Error(`${method} ${p}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
  };
}

export interface Person {
  id: string;
  name: string;
  email: string;
  password: string;
}

export interface City {
  admin: ApiSession;
  committeeA: string;
  unitA: string;
  committeeB: string;
  employee: Person;
  manager: Person;
  coordinatorA: Person;
  coordinatorB: Person;
  /** An HR partner in committee A, who may be granted access to an incident. */
  hr: Person;
}

async function createPerson(
  admin: ApiSession,
  p: { key: string; name: string; role: string; organisationId: string },
): Promise<Person> {
  const email = `${p.key}@e2e.local`;
  const password = 'Hemligt-ord-2026!';
  const created = await admin.expect<{ id: string }>(201, 'POST', '/api/users', {
    email,
    name: p.name,
    password,
    role: p.role,
    organisationId: p.organisationId,
  });
  return { id: created.id, name: p.name, email, password };
}

/**
 * Two committees: A with a unit (an employee, the unit's manager) and its security coordinator,
 * and B with a security coordinator of its own — secrecy applies between them.
 */
export async function createCity(server: TestServer): Promise<City> {
  const admin = await signInOverApi(server.baseUrl, E2E_ADMIN.email, E2E_ADMIN.password);
  const session = await admin.expect<{ user: { roles: { role: string; organisationId: string }[] } }>(
    200,
    'GET',
    '/api/session',
  );
  const root = session.user.roles.find((r) => r.role === 'administrator')!.organisationId;
  const org = async (body: Record<string, unknown>) =>
    (await admin.expect<{ id: string }>(201, 'POST', '/api/organisations', body)).id;
  const committeeA = await org({
    name: 'Socialnämnden',
    kind: 'committee',
    committeeType: 'specialist',
    parentId: root,
  });
  const unitA = await org({ name: 'Enheten för ekonomiskt bistånd', kind: 'unit', parentId: committeeA });
  const committeeB = await org({
    name: 'Kulturnämnden',
    kind: 'committee',
    committeeType: 'specialist',
    parentId: root,
  });
  const [employee, manager, coordinatorA, coordinatorB, hr] = await Promise.all([
    createPerson(admin, { key: 'eva', name: 'Eva Handläggare', role: 'employee', organisationId: unitA }),
    createPerson(admin, { key: 'maja', name: 'Maja Chef', role: 'manager', organisationId: unitA }),
    createPerson(admin, {
      key: 'sam',
      name: 'Sam Samordnare',
      role: 'security_coordinator',
      organisationId: committeeA,
    }),
    createPerson(admin, {
      key: 'kim',
      name: 'Kim Kultursamordnare',
      role: 'security_coordinator',
      organisationId: committeeB,
    }),
    createPerson(admin, { key: 'lena', name: 'Lena Personal', role: 'employee', organisationId: committeeA }),
  ]);
  return { admin, committeeA, unitA, committeeB, employee, manager, coordinatorA, coordinatorB, hr };
}

/** The id of the incident type with this code (`GET /api/incident-taxonomy`). */
export async function typeIdOf(api: ApiSession, code: string): Promise<string> {
  const taxonomy = await api.expect<{ types: { id: string; code: string }[] }>(
    200,
    'GET',
    '/api/incident-taxonomy',
  );
  const type = taxonomy.types.find((t) => t.code === code);
  if (!type) throw new Error(`no incident type ${code}`);
  return type.id;
}

export interface Receipt {
  id: string;
  reference: string;
  serious: boolean;
  anonymous: boolean;
  routedToManager: boolean;
  routedToCoordinator: boolean;
}

/** Reports an incident as the signed-in user (`POST /api/incidents`). */
export async function report(
  api: ApiSession,
  input: { typeId: string; organisationId: string; description: string } & Record<string, unknown>,
): Promise<Receipt> {
  return api.expect<Receipt>(201, 'POST', '/api/incidents', {
    occurredAt: new Date(Date.now() - 30 * 60_000).toISOString(),
    affectedKind: 'employee',
    policeCalled: false,
    injury: false,
    ...input,
  });
}

export async function signIn(page: Page, person: { email: string; password: string }) {
  await page.goto('/login');
  await page.getByLabel('E-postadress').fill(person.email);
  await page.getByLabel('Lösenord').fill(person.password);
  await page.getByRole('button', { name: 'Logga in', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: /Välkommen/ }).waitFor();
}

/** A table of the kit: a React Aria grid (or a plain table), found by its accessible name. */
export const grid = (page: Page, name: string) =>
  page.getByRole('grid', { name }).or(page.getByRole('table', { name }));

/**
 * The test server's embedded PostgreSQL, as its superuser: the port from `postmaster.pid`, the
 * password from `credentials.json` in the data folder.
 */
export async function connectToServerDatabase(server: TestServer): Promise<pg.Client> {
  const pid = fs.readFileSync(path.join(server.dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n');
  const port = Number(pid[3]);
  const { superuserPassword } = JSON.parse(
    fs.readFileSync(path.join(server.dataDir, 'credentials.json'), 'utf8'),
  ) as { superuserPassword: string };
  expect(port).toBeGreaterThan(0);
  const client = new pg.Client({
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password: superuserPassword,
    database: 'trygg',
  });
  await client.connect();
  return client;
}

/**
 * Every row of every table in the public schema whose text contains one of `needles` (case
 * ignored), as `table: row`.
 */
export async function rowsMentioning(db: pg.Client, needles: string[]): Promise<string[]> {
  const tables = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const found: string[] = [];
  for (const { table_name } of tables.rows) {
    const ident = `"${table_name.replaceAll('"', '""')}"`;
    const result = await db.query<{ row: string }>(
      `SELECT t::text AS row FROM public.${ident} t WHERE ${needles.map((_, i) => `t::text ILIKE $${i + 1}`).join(' OR ')}`,
      needles.map((n) => `%${n}%`),
    );
    for (const r of result.rows) found.push(`${table_name}: ${r.row}`);
  }
  return found;
}
