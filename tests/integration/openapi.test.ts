import { beforeAll, describe, expect, it } from 'vitest';
import { generateOpenApi } from '../../src/cli/db.ts';
import { testConfig, useTestApp } from '../support/test-app.ts';
import { listApiRoutes } from './route-matrix.ts';

interface Operation {
  summary?: string;
  tags?: string[];
  parameters?: { in: string }[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const t = useTestApp();
let generated: string;
let doc: OpenApiDocument;

beforeAll(async () => {
  generated = await generateOpenApi(testConfig());
  doc = JSON.parse(generated);
});

/** Every `/api` operation as `[METHOD path, operation]`. */
const operations = () =>
  Object.entries(doc.paths)
    .filter(([path]) => path.startsWith('/api/'))
    .flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => [`${method.toUpperCase()} ${path}`, op] as const),
    );

const isErrorResponse = (response: unknown) =>
  JSON.stringify(response).includes('"#/components/schemas/ErrorResponse"');

describe('the OpenAPI document', () => {
  it('is generated the same every time (`npm run openapi` writes it; it is not kept in git)', async () => {
    expect(await generateOpenApi(testConfig())).toBe(generated);
  });

  it('gives every API operation a summary, tags and the error schema for its 4xx answers', () => {
    const problems: string[] = [];
    for (const [name, op] of operations()) {
      if (!op.summary?.trim()) problems.push(`${name}: no summary`);
      if (!op.tags?.length) problems.push(`${name}: no tags`);
      const errors = Object.entries(op.responses ?? {}).filter(([status]) => /^[45]/.test(status));
      if (!errors.some(([status]) => status.startsWith('4')))
        problems.push(`${name}: no 4xx answer documented`);
      for (const [status, response] of errors) {
        if (!isErrorResponse(response))
          problems.push(`${name}: ${status} does not use the ErrorResponse schema`);
      }
    }
    expect(operations().length).toBeGreaterThan(10);
    expect(problems).toEqual([]);
  });

  it('documents every API route, with the errors its access rule and request imply', async () => {
    const problems: string[] = [];
    const routes = (await listApiRoutes()).filter((r) => r.inMatrix);
    const documented = new Set<string>(operations().map(([name]) => name));
    for (const route of routes) {
      const name = `${route.method} ${route.url.replace(/:(\w+)/g, '{$1}')}`;
      const op = doc.paths[route.url.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
      if (!op) {
        problems.push(`${name}: not in the document`);
        continue;
      }
      documented.delete(name);
      const needs = new Set<string>();
      if (route.access !== 'public') needs.add('401');
      if ((route.access !== 'public' && route.access !== 'user') || STATE_CHANGING.has(route.method))
        needs.add('403'); // permission, or CSRF
      if (op.requestBody || op.parameters?.some((p) => p.in === 'path')) needs.add('400');
      for (const status of needs)
        if (!op.responses?.[status]) problems.push(`${name}: ${status} not documented`);
    }
    for (const name of documented) problems.push(`${name}: documented but not registered`);
    expect(problems).toEqual([]);
  });

  it('is served at GET /api/openapi.json and /api/docs/json', async () => {
    for (const url of ['/api/openapi.json', '/api/docs/json']) {
      const res = await t.current.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.json()).toEqual(doc);
    }
  });
});

describe('the API documentation page', () => {
  it.each(['/api/docs', '/api/docs/'])(
    'serves Swagger UI at %s, working under the app’s own CSP',
    async (page) => {
      const res = await t.current.app.inject({ method: 'GET', url: page });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);

      // The same policy as the rest of the app (not a looser one of the plugin's own), and no inline script in it.
      const appPolicy = (await t.current.app.inject({ method: 'GET', url: '/api/session' })).headers[
        'content-security-policy'
      ];
      expect(res.headers['content-security-policy']).toBe(appPolicy);
      const scriptSrc = String(appPolicy).match(/script-src ([^;]*)/)?.[1];
      expect(scriptSrc?.trim()).toBe("'self'");

      const html = res.body;
      expect(html).toContain('id="swagger-ui"');
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attrs, body] of scripts) {
        expect(attrs, 'a script without src is inline, which the CSP blocks').toMatch(/\bsrc="/);
        expect(body?.trim()).toBe('');
      }
      expect(html).not.toMatch(/\son[a-z]+\s*=/i); // inline event handlers
      expect(html).not.toMatch(/javascript:/i);

      // Every script and stylesheet it loads is served from here.
      const assets = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"/gi)].map(
        (m) => m[1]!,
      );
      expect(assets.some((a) => a.endsWith('swagger-initializer.js'))).toBe(true);
      for (const asset of assets) {
        const url = new URL(asset, `http://localhost${page}`);
        expect(url.origin).toBe('http://localhost');
        const loaded = await t.current.app.inject({ method: 'GET', url: url.pathname });
        expect(loaded.statusCode, url.pathname).toBe(200);
        expect(loaded.body.length, url.pathname).toBeGreaterThan(0);
        if (asset.endsWith('.js')) expect(loaded.headers['content-type']).toMatch(/javascript/);
        if (asset.endsWith('.css')) expect(loaded.headers['content-type']).toMatch(/^text\/css/);
      }
    },
  );

  it('points Swagger UI at the document served beside it', async () => {
    const init = await t.current.app.inject({
      method: 'GET',
      url: '/api/docs/static/swagger-initializer.js',
    });
    expect(init.statusCode).toBe(200);
    expect(init.body).toContain("resolveUrl('./json')");
    expect(init.body).toMatch(/validatorUrl: null/); // no calls to the public validator service
  });
});
