import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions, type RouteOptions } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { ErrorResponseSchema } from '../domain/api/common.ts';
import { areasRoutes } from './modules/areas/areas.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { createOidcService, type OidcService } from './modules/auth/oidc.ts';
import { coordinatorsRoutes } from './modules/coordinators/coordinators.routes.ts';
import { facilitiesRoutes } from './modules/facilities/facilities.routes.ts';
import { handlingRoutes } from './modules/incidents/handling.routes.ts';
import { incidentListRoutes } from './modules/incidents/list.routes.ts';
import { reportsRoutes } from './modules/incidents/reports.routes.ts';
import { taxonomyRoutes } from './modules/incidents/taxonomy.routes.ts';
import { notificationsRoutes } from './modules/notifications/notifications.routes.ts';
import { organisationsRoutes } from './modules/organisations/organisations.routes.ts';
import { pictureDocumentRoutes } from './modules/pictures/documents.routes.ts';
import { pictureExportRoutes } from './modules/pictures/exports.routes.ts';
import { pictureFiguresRoutes } from './modules/pictures/figures.routes.ts';
import { programmeRoutes } from './modules/programme/programme.routes.ts';
import { statisticsImportRoutes } from './modules/statistics/imports.routes.ts';
import { policeRoutes } from './modules/statistics/police.routes.ts';
import { tasksRoutes } from './modules/tasks/tasks.routes.ts';
import { testClockRoutes } from './modules/testing/test-clock.routes.ts';
import { threatRegisterRoutes } from './modules/threat-register/threat-register.routes.ts';
import { usersRoutes } from './modules/users/users.routes.ts';
import type { AppDeps } from './platform/context.ts';
import { registerErrorHandling } from './platform/error-handler.ts';
import { isSecure, registerAuthHooks } from './platform/http.ts';

// Two levels up from both src/server/app.ts and the bundle dist/server/trygg.mjs.
export const WEB_DIST = fileURLToPath(new URL('../../dist/web/', import.meta.url));
const REQUEST_ID = /^[A-Za-z0-9._-]{8,100}$/;

export interface BuildAppOptions {
  logger?: FastifyServerOptions['loggerInstance'] | boolean;
  /** Replace the OIDC service (tests); by default built from the settings. */
  oidc?: OidcService | null;
  webDist?: string;
  /** Called for every route as it is registered (tests list the routes with it). */
  onRoute?: (route: RouteOptions) => void;
}

/** Builds the HTTP app from the modules; used by `main` and by tests (in-process with `inject`). */
export async function buildApp(deps: AppDeps, opts: BuildAppOptions = {}): Promise<FastifyInstance> {
  const base: FastifyServerOptions = {
    bodyLimit: deps.config.bodyLimitBytes,
    trustProxy: deps.config.trustProxy as boolean,
    // Accept a proxy's request id when it looks like one; otherwise make our own.
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
    },
  };
  const app = (
    typeof opts.logger === 'object'
      ? Fastify({ ...base, loggerInstance: opts.logger })
      : Fastify({ ...base, logger: opts.logger ?? false })
  ).withTypeProvider<ZodTypeProvider>();
  if (opts.onRoute) app.addHook('onRoute', opts.onRoute);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  registerErrorHandling(app);

  const tileOrigins = deps.config.mapTileUrl
    ? [new URL(deps.config.mapTileUrl.replace(/[{}]/g, '')).origin]
    : [];
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        // A configured tile server is the one outside origin the maps may load from.
        imgSrc: ["'self'", 'data:', 'blob:', ...tileOrigins],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", ...tileOrigins],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(isSecure(deps) ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    hsts: isSecure(deps) ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
    frameguard: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    max: deps.config.rateLimitPerMinute,
    timeWindow: 60_000,
    allowList: (request) => !request.url.startsWith('/api/'),
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Trygg API',
        version: '0.1.0',
        description: "Trygg: a Swedish city's safety and security programme",
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'trygg_session' } } },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  // No `staticCSP`: the plugin's own policy would replace ours on /api/docs with a looser one (framing by
  // 'self', https: styles and fonts) that always sends upgrade-insecure-requests, which breaks the page
  // on plain http. Swagger UI needs no inline script, so the app's CSP above serves it as it is.
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  registerAuthHooks(app, deps);
  const oidc = opts.oidc === undefined ? createOidcService(deps) : opts.oidc;

  app.get(
    '/healthz',
    {
      schema: {
        tags: ['health'],
        summary: 'The process is alive',
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async () => ({ ok: true as const }),
  );
  app.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        summary: 'The database answers',
        response: { 200: z.object({ ok: z.literal(true) }), 503: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      try {
        await sql`SELECT 1`.execute(deps.db);
        return { ok: true as const };
      } catch (err) {
        request.log.warn({ err }, 'database not reachable');
        return reply
          .code(503)
          .send({ error: { code: 'database.unreachable', message: 'The database does not answer' } });
      }
    },
  );

  await app.register(authRoutes(deps, oidc));
  await app.register(usersRoutes(deps));
  await app.register(organisationsRoutes(deps));
  await app.register(auditRoutes(deps));
  await app.register(areasRoutes(deps));
  await app.register(programmeRoutes(deps));
  await app.register(coordinatorsRoutes(deps));
  await app.register(facilitiesRoutes(deps));
  await app.register(taxonomyRoutes(deps));
  await app.register(reportsRoutes(deps));
  await app.register(handlingRoutes(deps));
  await app.register(incidentListRoutes(deps));
  await app.register(notificationsRoutes(deps));
  await app.register(threatRegisterRoutes(deps));
  await app.register(tasksRoutes(deps));
  await app.register(policeRoutes(deps));
  await app.register(statisticsImportRoutes(deps));
  await app.register(pictureFiguresRoutes(deps));
  await app.register(pictureDocumentRoutes(deps));
  await app.register(pictureExportRoutes(deps));
  if (deps.config.testClock) await app.register(testClockRoutes(deps));

  await registerWeb(app, opts.webDist ?? WEB_DIST);
  return app;
}

/** The built single-page app: hashed assets cached for a year, index.html never cached, SPA fallback. */
async function registerWeb(app: FastifyInstance, dist: string): Promise<void> {
  const index = path.join(dist, 'index.html');
  const hasWeb = fs.existsSync(index);
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: dist,
      wildcard: false,
      index: false,
      setHeaders: (reply, filePath) => {
        const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
        reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const wantsPage =
      request.method === 'GET' && !request.url.startsWith('/api/') && !/\.[a-z0-9]+(\?|$)/i.test(request.url);
    if (wantsPage && hasWeb) {
      reply.header('cache-control', 'no-cache');
      return reply.type('text/html; charset=utf-8').send(fs.createReadStream(index));
    }
    if (wantsPage) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The web app is not built. Run `npm run build` (npm install does it) and restart.');
    }
    return reply.code(404).send({
      error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}` },
    });
  });
}
