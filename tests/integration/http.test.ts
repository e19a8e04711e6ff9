import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { createDb } from '../../src/server/db/database.ts';
import { freePort } from '../../src/server/db/embedded.ts';
import { ADMIN_EMAIL, ADMIN_PASSWORD, anonymousClient, testConfig, useTestApp } from '../support/test-app.ts';

const ERROR_SHAPE = { error: { code: expect.any(String), message: expect.any(String) } };

function directives(res: LightMyRequestResponse): Map<string, string[]> {
  const csp = String(res.headers['content-security-policy'] ?? '');
  const map = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

function expectSecurityHeaders(res: LightMyRequestResponse): void {
  const csp = directives(res);
  expect(csp.get('script-src')).toEqual(["'self'"]);
  expect(csp.get('default-src')).toEqual(["'self'"]);
  expect(csp.get('object-src')).toEqual(["'none'"]);
  expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  expect(csp.get('base-uri')).toEqual(["'self'"]);
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['referrer-policy']).toBe('same-origin');
}

describe('over plain http', () => {
  const t = useTestApp({ config: { bodyLimitBytes: 4096 } });

  it('sends the security headers on API responses, errors included', async () => {
    for (const url of ['/api/session', '/api/users', '/api/no-such-thing', '/healthz']) {
      const res = await t.current.app.inject({ method: 'GET', url });
      expectSecurityHeaders(res);
    }
  });

  it('sends the security headers on page responses', async () => {
    const res = await t.current.app.inject({ method: 'GET', url: '/incidents/42' });
    expectSecurityHeaders(res);
  });

  it('sends no HSTS, no upgrade-insecure-requests and plain cookie names without Secure', async () => {
    const res = await t.current.app.inject({ method: 'GET', url: '/api/session' });
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(directives(res).has('upgrade-insecure-requests')).toBe(false);
    const csrf = res.cookies.find((c) => c.name === 'trygg_csrf');
    expect(csrf).toMatchObject({ path: '/', httpOnly: true, sameSite: 'Lax' });
    expect(csrf?.secure).toBeFalsy();
  });

  it('answers a body over the limit with 413 in the error shape', async () => {
    const client = await anonymousClient(t.current);
    const res = await client.request(
      'POST',
      '/api/auth/login',
      JSON.stringify({ email: ADMIN_EMAIL, password: 'x'.repeat(5000) }),
      { 'content-type': 'application/json' },
    );
    expect(res.statusCode).toBe(413);
    expect(res.json()).toEqual({
      error: { code: 'request.too_large', message: 'The request body is too large' },
    });
    // Just under the limit it gets through to the route (unknown keys are ignored there).
    const fits = await client.request('POST', '/api/auth/login', {
      email: ADMIN_EMAIL,
      password: 'wrong-password-1',
      padding: 'x'.repeat(3500),
    });
    expect(fits.statusCode).toBe(401);
  });

  it('answers an unknown API route with 404 in the error shape, for any method', async () => {
    const get = await t.current.app.inject({ method: 'GET', url: '/api/x?secret=1' });
    expect(get.statusCode).toBe(404);
    expect(get.headers['content-type']).toMatch(/^application\/json/);
    expect(get.json()).toEqual({ error: { code: 'not_found', message: 'No route GET /api/x' } });
    const post = await t.current.app.inject({ method: 'POST', url: '/api/x', payload: {} });
    expect(post.statusCode).toBe(404);
    expect(post.json()).toMatchObject(ERROR_SHAPE);
  });

  it('answers an invalid JSON body with 400 in the error shape', async () => {
    const client = await anonymousClient(t.current);
    const res = await client.request('POST', '/api/auth/login', '{"email":', {
      'content-type': 'application/json',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: { code: 'request.invalid_json', message: 'The request body is not valid JSON' },
    });
  });

  it('gives every response an x-request-id, and a new one each time', async () => {
    const seen = new Set<string>();
    for (const url of ['/healthz', '/api/session', '/api/x', '/some/page', '/api/users']) {
      const res = await t.current.app.inject({ method: 'GET', url });
      const id = res.headers['x-request-id'];
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      seen.add(String(id));
    }
    expect(seen.size).toBe(5);
  });

  it('echoes a valid incoming x-request-id and replaces an invalid one', async () => {
    const valid = await t.current.app.inject({
      method: 'GET',
      url: '/api/x',
      headers: { 'x-request-id': 'proxy-req.0123_ABC' },
    });
    expect(valid.headers['x-request-id']).toBe('proxy-req.0123_ABC');
    for (const bad of ['short', 'has spaces in it', 'x'.repeat(101), 'new\u2028line-0000']) {
      const res = await t.current.app.inject({
        method: 'GET',
        url: '/healthz',
        headers: { 'x-request-id': bad },
      });
      expect(res.headers['x-request-id']).not.toBe(bad);
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('answers /healthz and /readyz with 200 while the database answers', async () => {
    const health = await t.current.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ ok: true });
    const ready = await t.current.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ ok: true });
  });

  it('answers a page request with a clear 503 text when the web app is not built', async () => {
    const res = await t.current.app.inject({ method: 'GET', url: '/some/page' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.body).toContain('The web app is not built');
    expect(res.body).toContain('npm run build');
  });
});

describe('when the database is gone', () => {
  it('still answers /healthz, and /readyz with 503 in the error shape', async () => {
    const port = await freePort();
    const { db } = createDb(`postgres://trygg:nothing@127.0.0.1:${port}/trygg`, 1);
    const app = await buildApp(
      { config: testConfig(), db, now: () => new Date() },
      { oidc: null, webDist: '/nonexistent' },
    );
    try {
      expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      const res = await app.inject({ method: 'GET', url: '/readyz' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({
        error: { code: 'database.unreachable', message: 'The database does not answer' },
      });
      expect(res.body).not.toContain('ECONNREFUSED');
    } finally {
      await app.close();
      await db.destroy();
    }
  });
});

describe('behind https', () => {
  const t = useTestApp({ config: { baseUrl: 'https://trygg.example.se' } });

  it('sends HSTS and asks the browser to upgrade insecure requests', async () => {
    const res = await t.current.app.inject({ method: 'GET', url: '/api/session' });
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(directives(res).has('upgrade-insecure-requests')).toBe(true);
    expectSecurityHeaders(res);
  });

  it('uses __Host- prefixed, Secure cookies for the CSRF token and the session', async () => {
    const first = await t.current.app.inject({ method: 'GET', url: '/api/session' });
    const csrf = first.cookies.find((c) => c.name === '__Host-trygg_csrf');
    expect(csrf).toMatchObject({ path: '/', secure: true, httpOnly: true, sameSite: 'Lax' });
    expect(csrf).not.toHaveProperty('domain');
    expect(first.cookies.some((c) => c.name === 'trygg_csrf')).toBe(false);

    const login = await t.current.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: {
        cookie: `__Host-trygg_csrf=${csrf?.value}`,
        'x-csrf-token': first.json().csrfToken,
        origin: 'https://trygg.example.se',
      },
      payload: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    const session = login.cookies.find((c) => c.name === '__Host-trygg_session');
    expect(session).toMatchObject({ path: '/', secure: true, httpOnly: true, sameSite: 'Lax' });
    expect(session).not.toHaveProperty('domain');

    const me = await t.current.app.inject({
      method: 'GET',
      url: '/api/session',
      headers: { cookie: `__Host-trygg_session=${session?.value}` },
    });
    expect(me.json().user.email).toBe(ADMIN_EMAIL);
  });

  it('refuses a state-changing request from another origin even with the right token', async () => {
    const first = await t.current.app.inject({ method: 'GET', url: '/api/session' });
    const csrf = first.cookies.find((c) => c.name === '__Host-trygg_csrf');
    const res = await t.current.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: {
        cookie: `__Host-trygg_csrf=${csrf?.value}`,
        'x-csrf-token': first.json().csrfToken,
        origin: 'https://evil.example',
      },
      payload: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf.invalid');
  });
});

describe('the built web app', () => {
  const webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'trygg-web-test-'));
  fs.mkdirSync(path.join(webDist, 'assets'));
  fs.writeFileSync(
    path.join(webDist, 'index.html'),
    '<!doctype html><title>Trygg</title><div id="root"></div>',
  );
  fs.writeFileSync(path.join(webDist, 'assets', 'app-abc123.js'), 'console.log("trygg");');
  const t = useTestApp({ app: { webDist } });
  afterAll(() => fs.rmSync(webDist, { recursive: true, force: true }));

  it('serves index.html for any page, never cached, with the security headers', async () => {
    for (const url of ['/', '/some/page', '/incidents/42?tab=log']) {
      const res = await t.current.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toContain('<div id="root"></div>');
      expectSecurityHeaders(res);
    }
  });

  it('serves hashed assets cached for a year as immutable', async () => {
    const res = await t.current.app.inject({ method: 'GET', url: '/assets/app-abc123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.body).toBe('console.log("trygg");');
  });

  it('does not cache index.html when asked for by name', async () => {
    const res = await t.current.app.inject({ method: 'GET', url: '/index.html' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('still answers unknown API routes and missing files with JSON 404, not the page', async () => {
    for (const url of ['/api/unknown', '/assets/app-gone999.js']) {
      const res = await t.current.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject(ERROR_SHAPE);
    }
  });

  it('does not hand out files outside the web folder', async () => {
    for (const url of ['/../package.json', '/assets/../../package.json', '/%2e%2e/package.json']) {
      const res = await t.current.app.inject({ method: 'GET', url });
      expect(res.body).not.toContain('"name": "trygg"');
    }
  });
});

describe('rate limiting', () => {
  const t = useTestApp({ config: { rateLimitPerMinute: 3 } });

  it('answers 429 in the error shape once a client passes the limit on the API', async () => {
    const statuses: number[] = [];
    let last: LightMyRequestResponse | undefined;
    for (let i = 0; i < 5; i++) {
      last = await t.current.app.inject({ method: 'GET', url: '/api/session' });
      statuses.push(last.statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(last?.json()).toEqual({
      error: { code: 'request.rate_limited', message: 'Too many requests; slow down' },
    });
    expect(Number(last?.headers['retry-after'])).toBeGreaterThan(0);
    expect(last?.headers['x-request-id']).toBeDefined();
  });

  it('counts each client address on its own and leaves health checks alone', async () => {
    const other = await t.current.app.inject({
      method: 'GET',
      url: '/api/session',
      remoteAddress: '10.1.2.3',
    });
    expect(other.statusCode).toBe(200);
    for (let i = 0; i < 5; i++)
      expect((await t.current.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});

describe('the content security policy with a tile server', () => {
  const tiles = useTestApp({ config: { mapTileUrl: 'https://tiles.example.se/{z}/{x}/{y}.png' } });
  it('lets the maps load tiles from the configured server only', async () => {
    const res = await tiles.current.app.inject({ method: 'GET', url: '/api/session' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("img-src 'self' data: blob: https://tiles.example.se");
    expect(csp).toContain("connect-src 'self' https://tiles.example.se");
    expect(csp).toContain("script-src 'self';");
  });
});
