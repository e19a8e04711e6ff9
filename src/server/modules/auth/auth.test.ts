import { describe, expect, it } from 'vitest';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  anonymousClient,
  createUser,
  signIn,
  USER_PASSWORD,
  useTestApp,
} from '../../../../tests/support/test-app.ts';

const t = useTestApp();

describe('local sign-in', () => {
  it('signs in the first administrator and shows their roles and permissions', async () => {
    const client = await signIn(t.current, ADMIN_EMAIL, ADMIN_PASSWORD);
    const res = await client.request('GET', '/api/session');
    const body = res.json();
    expect(body.user.email).toBe(ADMIN_EMAIL);
    expect(body.user.roles).toEqual([
      expect.objectContaining({ role: 'administrator', organisationId: t.current.rootId }),
    ]);
    expect(body.user.permissions).toContain('audit.read');
  });

  it('sets an HttpOnly, SameSite=Lax session cookie and rotates the session id at each sign-in', async () => {
    const user = await createUser(t.current, 'employee', t.current.boardId);
    const client = await signIn(t.current, user.email);
    const before = client.cookie.match(/trygg_session=([^;]+)/)?.[1];
    const res = await client.request('POST', '/api/auth/login', {
      email: user.email,
      password: USER_PASSWORD,
    });
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/trygg_session=[^;]+;.*HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const after = client.cookie.match(/trygg_session=([^;]+)/)?.[1];
    expect(after).toBeTruthy();
    expect(after).not.toBe(before);
    // The earlier session no longer works.
    const old = await t.current.app.inject({
      method: 'GET',
      url: '/api/users',
      headers: { cookie: `trygg_session=${before}` },
    });
    expect(old.statusCode).toBe(401);
  });

  it('gives the same generic answer for a wrong password and for an unknown address', async () => {
    const user = await createUser(t.current, 'employee', t.current.boardId);
    const client = await anonymousClient(t.current);
    const wrong = await client.request('POST', '/api/auth/login', {
      email: user.email,
      password: 'not-the-password-1',
    });
    const unknown = await client.request('POST', '/api/auth/login', {
      email: 'nobody@test.local',
      password: 'not-the-password-1',
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe('auth.invalid_credentials');
  });

  it('refuses a disabled account with the same generic answer', async () => {
    const user = await createUser(t.current, 'employee', t.current.boardId);
    await t.current.database.db
      .updateTable('users')
      .set({ disabled_at: new Date() })
      .where('id', '=', user.id)
      .execute();
    const client = await anonymousClient(t.current);
    const res = await client.request('POST', '/api/auth/login', {
      email: user.email,
      password: USER_PASSWORD,
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('auth.invalid_credentials');
  });

  it('locks an address out after five failures, with back-off, whether or not the account exists', async () => {
    for (const email of [
      (await createUser(t.current, 'employee', t.current.boardId)).email,
      'ghost@test.local',
    ]) {
      const client = await anonymousClient(t.current);
      for (let i = 0; i < 5; i++) {
        const res = await client.request(
          'POST',
          '/api/auth/login',
          { email, password: 'wrong-password-1' },
          {},
        );
        expect(res.statusCode).toBe(401);
      }
      await client.request('POST', '/api/auth/login', { email, password: 'wrong-password-1' });
      const locked = await client.request('POST', '/api/auth/login', { email, password: USER_PASSWORD });
      expect(locked.statusCode).toBe(429);
      expect(locked.json().error.code).toBe('auth.too_many_attempts');
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    }
  });

  it('lets a locked-out user in again once the lock has passed', async () => {
    const user = await createUser(t.current, 'employee', t.current.boardId);
    const client = await anonymousClient(t.current);
    for (let i = 0; i < 6; i++)
      await client.request('POST', '/api/auth/login', { email: user.email, password: 'wrong-password-1' });
    expect(
      (await client.request('POST', '/api/auth/login', { email: user.email, password: USER_PASSWORD }))
        .statusCode,
    ).toBe(429);
    t.current.clock.advance(2 * 60_000 + 1000);
    expect(
      (await client.request('POST', '/api/auth/login', { email: user.email, password: USER_PASSWORD }))
        .statusCode,
    ).toBe(200);
  });

  it('rejects an invalid body with the field paths', async () => {
    const client = await anonymousClient(t.current);
    const res = await client.request('POST', '/api/auth/login', { email: '', password: 5 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation.failed');
    expect(JSON.stringify(res.json().error.details)).toContain('password');
  });
});

describe('CSRF', () => {
  it('refuses a state-changing request without the token, and with a token from another browser', async () => {
    const user = await createUser(t.current, 'employee', t.current.boardId);
    const client = await signIn(t.current, user.email);
    const missing = await t.current.app.inject({
      method: 'PUT',
      url: '/api/me/preferences',
      headers: { cookie: client.cookie },
      payload: { locale: 'en' },
    });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().error.code).toBe('csrf.invalid');
    const other = await anonymousClient(t.current);
    const foreign = await client.request(
      'PUT',
      '/api/me/preferences',
      { locale: 'en' },
      { 'x-csrf-token': other.csrf },
    );
    expect(foreign.statusCode).toBe(403);
    const crossOrigin = await client.request(
      'PUT',
      '/api/me/preferences',
      { locale: 'en' },
      { origin: 'https://evil.example' },
    );
    expect(crossOrigin.statusCode).toBe(403);
    const ok = await client.request('PUT', '/api/me/preferences', { locale: 'en' });
    expect(ok.statusCode).toBe(200);
    expect((await client.request('GET', '/api/session')).json().user.locale).toBe('en');
  });

  it('protects the sign-in form with the anonymous CSRF cookie', async () => {
    const res = await t.current.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf.invalid');
  });
});

describe('session lifetime', () => {
  it('ends a session after 30 idle minutes', async () => {
    const user = await createUser(t.current, 'manager', t.current.boardId);
    const client = await signIn(t.current, user.email);
    t.current.clock.advance(29 * 60_000);
    expect((await client.request('GET', '/api/users')).statusCode).toBe(200);
    t.current.clock.advance(29 * 60_000);
    expect((await client.request('GET', '/api/users')).statusCode).toBe(200);
    t.current.clock.advance(31 * 60_000);
    expect((await client.request('GET', '/api/users')).statusCode).toBe(401);
  });

  it('ends an active session 12 hours after sign-in', async () => {
    const user = await createUser(t.current, 'manager', t.current.boardId);
    const client = await signIn(t.current, user.email);
    for (let i = 0; i < 35; i++) {
      t.current.clock.advance(20 * 60_000);
      expect((await client.request('GET', '/api/users')).statusCode).toBe(200);
    }
    t.current.clock.advance(20 * 60_000);
    expect((await client.request('GET', '/api/users')).statusCode).toBe(401);
  });

  it('ends the session on the server at sign-out', async () => {
    const user = await createUser(t.current, 'manager', t.current.boardId);
    const client = await signIn(t.current, user.email);
    const cookie = client.cookie;
    expect((await client.request('POST', '/api/auth/logout')).statusCode).toBe(200);
    const replay = await t.current.app.inject({ method: 'GET', url: '/api/users', headers: { cookie } });
    expect(replay.statusCode).toBe(401);
    const count = await t.current.database.db
      .selectFrom('sessions')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });
});
