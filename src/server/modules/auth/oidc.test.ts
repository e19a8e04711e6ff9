import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OidcProviderHandle, startOidcProvider } from '../../../../tests/support/oidc-provider.ts';
import {
  createOrganisation,
  createTestApp,
  createUser,
  type TestApp,
} from '../../../../tests/support/test-app.ts';

const BASE_URL = 'http://trygg.test';
const CALLBACK_URL = `${BASE_URL}/api/auth/oidc/callback`;
const CLIENT = { clientId: 'trygg', clientSecret: 'a-client-secret-for-tests-only' };
const LABEL = 'Stadens e-legitimation';
const ROLES_CLAIM = 'trygg_roles';

/** The app configured against a provider, in-process on its own database. */
function oidcConfig(issuer: string, extra: Record<string, unknown> = {}) {
  return {
    baseUrl: BASE_URL,
    oidcIssuer: issuer,
    oidcClientId: CLIENT.clientId,
    oidcClientSecret: CLIENT.clientSecret,
    oidcLabel: LABEL,
    oidcAllowInsecure: true,
    ...extra,
  };
}

function setCookie(res: LightMyRequestResponse, name: string) {
  return (res.cookies as { name: string; value: string }[]).find((c) => c.name === name);
}

/** Starts a sign-in at the app, as the browser does when the user clicks the button. */
async function startLogin(t: TestApp, returnTo?: string) {
  const query = returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`;
  const res = await t.app.inject({ method: 'GET', url: `/api/auth/oidc/login${query}` });
  expect(res.statusCode).toBe(302);
  const cookie = setCookie(res, 'trygg_oidc')?.value;
  expect(cookie).toBeTruthy();
  return { authorizationUrl: String(res.headers.location), cookie: cookie! };
}

/**
 * Follows the provider's redirects over real HTTP as a fresh browser would (its own cookie jar),
 * until the provider sends the browser back to the app's callback.
 */
async function visitProvider(authorizationUrl: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = new URL(authorizationUrl);
  for (let hop = 0; hop < 10; hop++) {
    if (`${url.origin}${url.pathname}` === CALLBACK_URL) return url;
    const res = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const expired = attributes.some((a) => {
        const [key = '', value = ''] = a.trim().split('=');
        return (
          (key.toLowerCase() === 'expires' && new Date(value).getTime() < Date.now()) ||
          (key.toLowerCase() === 'max-age' && Number(value) <= 0)
        );
      });
      if (expired) jar.delete(name);
      else jar.set(name, pair.slice(eq + 1).trim());
    }
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location) {
      throw new Error(`The provider answered ${res.status} at ${url.pathname}: ${await res.text()}`);
    }
    await res.body?.cancel();
    url = new URL(location, url);
  }
  throw new Error('Too many redirects at the provider');
}

/** The browser arriving back at the app's callback, with or without the cookie of the attempt. */
function callback(t: TestApp, callbackUrl: URL, oidcCookie: string | undefined) {
  return t.app.inject({
    method: 'GET',
    url: `${callbackUrl.pathname}${callbackUrl.search}`,
    headers: oidcCookie ? { cookie: `trygg_oidc=${oidcCookie}` } : {},
  });
}

/** The whole round trip: app → provider → app. */
async function signInWithProvider(t: TestApp, returnTo?: string) {
  const { authorizationUrl, cookie } = await startLogin(t, returnTo);
  const callbackUrl = await visitProvider(authorizationUrl);
  const res = await callback(t, callbackUrl, cookie);
  return { res, callbackUrl, cookie, session: setCookie(res, 'trygg_session')?.value };
}

async function currentSession(t: TestApp, session: string | undefined) {
  const res = await t.app.inject({
    method: 'GET',
    url: '/api/session',
    headers: session ? { cookie: `trygg_session=${session}` } : {},
  });
  expect(res.statusCode).toBe(200);
  return res.json();
}

function usersWithSubject(t: TestApp, sub: string) {
  return t.database.db.selectFrom('users').selectAll().where('oidc_subject', '=', sub).execute();
}

function auditActions(t: TestApp, userId: string) {
  return t.database.db
    .selectFrom('audit_events')
    .select(['action', 'fields'])
    .where('target_id', '=', userId)
    .orderBy('id')
    .execute();
}

/** Each scenario signs in its own account, so tests don't depend on one another. */
let accountCounter = 0;
function newAccount(
  provider: OidcProviderHandle,
  fields: { email?: string; email_verified?: boolean; name?: string; roles?: string[] } = {},
) {
  accountCounter++;
  const sub = `subject-${accountCounter}-${Date.now()}`;
  const account = {
    sub,
    email: `person${accountCounter}@stad.test`,
    email_verified: true,
    name: `Person ${accountCounter}`,
    ...fields,
  };
  provider.addAccount(account);
  provider.setNextAccount(sub);
  return account;
}

describe('OIDC sign-in against a real provider', () => {
  let provider: OidcProviderHandle;
  let t: TestApp;
  const providerErrors: unknown[] = [];

  beforeAll(async () => {
    // Follows OIDC Core 5.4: e-mail and name come from the userinfo endpoint, not the ID token.
    provider = await startOidcProvider({
      ...CLIENT,
      redirectUris: [CALLBACK_URL],
      onError: (err) => providerErrors.push(err),
    });
    t = await createTestApp({ config: oidcConfig(provider.issuer), app: { oidc: undefined } });
  });

  afterAll(async () => {
    await t?.app.close();
    await t?.database.drop();
    await provider?.stop();
    expect(providerErrors).toEqual([]);
  });

  it('creates the user at the first sign-in, starts a session and returns to the requested page', async () => {
    const account = newAccount(provider, { name: 'Anna Andersson', email: 'anna.andersson@stad.test' });

    const { res, session } = await signInWithProvider(t, '/incidents?view=map');

    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/incidents?view=map');
    expect(session).toBeTruthy();
    expect(String(res.headers['set-cookie'])).toMatch(/trygg_session=[^;]+;.*HttpOnly/);
    const body = await currentSession(t, session);
    expect(body.user).toMatchObject({ name: 'Anna Andersson', email: 'anna.andersson@stad.test', roles: [] });
    const [user, ...others] = await usersWithSubject(t, account.sub);
    expect(others).toEqual([]);
    expect(user).toMatchObject({ id: body.user.id, oidc_issuer: provider.issuer, password_hash: null });
    expect((await auditActions(t, user!.id)).map((a) => a.action)).toEqual([
      'user.created_by_oidc',
      'auth.signed_in',
    ]);
  });

  it('reuses the same user when the same subject signs in again', async () => {
    const account = newAccount(provider);

    const first = await signInWithProvider(t);
    const second = await signInWithProvider(t);

    expect(second.res.headers.location).toBe('/');
    expect(second.session).toBeTruthy();
    expect(second.session).not.toBe(first.session);
    const users = await usersWithSubject(t, account.sub);
    expect(users).toHaveLength(1);
    expect((await currentSession(t, second.session)).user.id).toBe(users[0]!.id);
    expect((await auditActions(t, users[0]!.id)).map((a) => a.action)).toEqual([
      'user.created_by_oidc',
      'auth.signed_in',
      'auth.signed_in',
    ]);
  });

  it('refuses a callback whose state was tampered with, without a session or a user', async () => {
    const account = newAccount(provider);
    const { authorizationUrl, cookie } = await startLogin(t, '/incidents');
    const callbackUrl = await visitProvider(authorizationUrl);
    callbackUrl.searchParams.set('state', 'forged-state-value');

    const res = await callback(t, callbackUrl, cookie);

    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/login?error=oidc_state_mismatch');
    expect(setCookie(res, 'trygg_session')).toBeUndefined();
    expect(setCookie(res, 'trygg_oidc')?.value).toBe('');
    expect(await usersWithSubject(t, account.sub)).toEqual([]);
  });

  it('refuses a callback arriving in another browser, without the cookie of the sign-in attempt', async () => {
    const account = newAccount(provider);
    const { authorizationUrl } = await startLogin(t);
    const callbackUrl = await visitProvider(authorizationUrl);

    const res = await callback(t, callbackUrl, undefined);

    expect(res.headers.location).toBe('/login?error=oidc_state_mismatch');
    expect(setCookie(res, 'trygg_session')).toBeUndefined();
    expect(await usersWithSubject(t, account.sub)).toEqual([]);
  });

  it("refuses a callback carrying another attempt's cookie", async () => {
    const account = newAccount(provider);
    const victim = await startLogin(t);
    const attacker = await startLogin(t);
    const callbackUrl = await visitProvider(victim.authorizationUrl);

    const res = await callback(t, callbackUrl, attacker.cookie);

    expect(res.headers.location).toBe('/login?error=oidc_state_mismatch');
    expect(setCookie(res, 'trygg_session')).toBeUndefined();
    expect(await usersWithSubject(t, account.sub)).toEqual([]);
  });

  it('refuses a replay of a completed callback', async () => {
    newAccount(provider);
    const { res, callbackUrl, cookie } = await signInWithProvider(t);
    expect(res.headers.location).toBe('/');

    const replay = await callback(t, callbackUrl, cookie);

    expect(replay.headers.location).toBe('/login?error=oidc_state_mismatch');
    expect(setCookie(replay, 'trygg_session')).toBeUndefined();
  });

  it.each([
    'https://evil.example',
    '//evil.example',
    '/\\evil.example',
    'javascript:alert(1)',
    '/api/auth/logout',
  ])('returns to / instead of following returnTo=%s off the site', async (returnTo) => {
    newAccount(provider);

    const { res, session } = await signInWithProvider(t, returnTo);

    expect(res.headers.location).toBe('/');
    expect(session).toBeTruthy();
  });

  it('links a verified e-mail address to the existing local account with that address', async () => {
    const local = await createUser(t, 'employee', t.boardId, 'Lokal Användare');
    const account = newAccount(provider, { email: local.email.toUpperCase(), email_verified: true });

    const { res, session } = await signInWithProvider(t);

    expect(res.headers.location).toBe('/');
    const body = await currentSession(t, session);
    expect(body.user).toMatchObject({ id: local.id, email: local.email, name: 'Lokal Användare' });
    expect(body.user.roles).toEqual([
      expect.objectContaining({ role: 'employee', organisationId: t.boardId }),
    ]);
    const linked = await t.database.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', local.id)
      .executeTakeFirstOrThrow();
    expect(linked).toMatchObject({ oidc_issuer: provider.issuer, oidc_subject: account.sub });
    const audit = await auditActions(t, local.id);
    expect(audit.at(-1)).toEqual({ action: 'auth.signed_in', fields: ['method:oidc', 'oidc_subject'] });
  });

  it('does not let an unverified e-mail address take over the local account with that address', async () => {
    const local = await createUser(t, 'administrator', t.rootId);
    const account = newAccount(provider, { email: local.email, email_verified: false });

    const { res, session } = await signInWithProvider(t);

    expect(res.headers.location).toBe('/login?error=oidc_failed');
    expect(session).toBeUndefined();
    const row = await t.database.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', local.id)
      .executeTakeFirstOrThrow();
    expect(row.oidc_subject).toBeNull();
    expect(await usersWithSubject(t, account.sub)).toEqual([]);
  });

  it('ends at /login?error=oidc_failed when the user is refused at the provider', async () => {
    provider.setNextAccount(null);

    const { authorizationUrl, cookie } = await startLogin(t, '/incidents');
    const callbackUrl = await visitProvider(authorizationUrl);
    expect(callbackUrl.searchParams.get('error')).toBe('access_denied');
    const res = await callback(t, callbackUrl, cookie);

    expect(res.headers.location).toBe('/login?error=oidc_failed');
    expect(setCookie(res, 'trygg_session')).toBeUndefined();
  });

  it('reports OIDC as enabled, with its label, in GET /api/session', async () => {
    const body = await currentSession(t, undefined);

    expect(body.user).toBeNull();
    expect(body.oidc).toEqual({ enabled: true, label: LABEL });
  });
});

describe('OIDC roles claim', () => {
  let provider: OidcProviderHandle;
  let t: TestApp;
  const providerErrors: unknown[] = [];

  beforeAll(async () => {
    // This provider puts the claims in the ID token itself, as many providers do.
    provider = await startOidcProvider({
      ...CLIENT,
      redirectUris: [CALLBACK_URL],
      rolesClaim: ROLES_CLAIM,
      claimsInIdToken: true,
      onError: (err) => providerErrors.push(err),
    });
    t = await createTestApp({
      config: oidcConfig(provider.issuer, { oidcRolesClaim: ROLES_CLAIM }),
      app: { oidc: undefined },
    });
  });

  afterAll(async () => {
    await t?.app.close();
    await t?.database.drop();
    await provider?.stop();
    expect(providerErrors).toEqual([]);
  });

  it('grants the roles in the claim for existing organisations and ignores the rest', async () => {
    const committee = await createOrganisation(t, 'Socialnämnden', 'committee');
    newAccount(provider, {
      roles: [
        `security_coordinator@${committee}`,
        `employee@${t.boardId}`,
        `manager@${crypto.randomUUID()}`, // an organisation the app does not know
        `pope@${committee}`, // not a role
        'administrator', // no organisation
        'administrator@not-a-uuid',
        `administrator@${'-'.repeat(36)}`,
      ],
    });

    const { res, session } = await signInWithProvider(t);

    expect(res.headers.location).toBe('/');
    const body = await currentSession(t, session);
    expect(
      body.user.roles
        .map((r: { role: string; organisationId: string }) => `${r.role}@${r.organisationId}`)
        .sort(),
    ).toEqual([`employee@${t.boardId}`, `security_coordinator@${committee}`].sort());
    expect(body.user.permissions.length).toBeGreaterThan(0);
  });

  it('replaces the roles from the claim at each sign-in and keeps roles granted in the app', async () => {
    const committee = await createOrganisation(t, 'Kulturnämnden', 'committee');
    const account = newAccount(provider, { roles: [`manager@${committee}`] });
    const first = await signInWithProvider(t);
    const userId = (await currentSession(t, first.session)).user.id;
    await t.database.db
      .insertInto('user_roles')
      .values({ user_id: userId, organisation_id: t.boardId, role: 'auditor', granted_by: null })
      .execute();

    provider.addAccount({ ...account, roles: [`employee@${committee}`] });
    const second = await signInWithProvider(t);

    const roles = (await currentSession(t, second.session)).user.roles.map(
      (r: { role: string; organisationId: string }) => `${r.role}@${r.organisationId}`,
    );
    expect(roles.sort()).toEqual([`auditor@${t.boardId}`, `employee@${committee}`].sort());
  });
});

describe('OIDC with an unreachable provider', () => {
  let t: TestApp;

  beforeAll(async () => {
    // A port that was free a moment ago and has nothing listening on it now.
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    t = await createTestApp({ config: oidcConfig(`http://127.0.0.1:${port}`), app: { oidc: undefined } });
  });

  afterAll(async () => {
    await t?.app.close();
    await t?.database.drop();
  });

  it('redirects the sign-in to /login?error=oidc_failed instead of failing', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/oidc/login?returnTo=%2Fincidents' });

    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/login?error=oidc_failed');
    expect(setCookie(res, 'trygg_oidc')).toBeUndefined();
    // Still up, and still offering the button.
    expect((await currentSession(t, undefined)).oidc).toEqual({ enabled: true, label: LABEL });
  });
});
