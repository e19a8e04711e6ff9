import crypto from 'node:crypto';
import type { Role } from '../../src/domain/roles.ts';
import { buildApp } from '../../src/server/app.ts';
import { recordAuditNow } from '../../src/server/platform/audit.ts';
import type { RouteAccess } from '../../src/server/platform/context.ts';
import { createOrganisation, type TestApp, testConfig, USER_PASSWORD } from '../support/test-app.ts';
import { AREAS_MATRIX } from './matrix/areas.ts';
import { COORDINATORS_MATRIX } from './matrix/coordinators.ts';
import { FACILITIES_MATRIX } from './matrix/facilities.ts';
import { INCIDENT_HANDLING_MATRIX } from './matrix/incident-handling.ts';
import { INCIDENT_LISTS_MATRIX } from './matrix/incident-lists.ts';
import { INCIDENT_REPORTS_MATRIX } from './matrix/incident-reports.ts';
import { NOTIFICATIONS_MATRIX } from './matrix/notifications.ts';
import { ORGANISATION_STRUCTURE_MATRIX } from './matrix/organisation-structure.ts';
import { PICTURE_DOCUMENTS_MATRIX } from './matrix/picture-documents.ts';
import { PICTURE_EXPORTS_MATRIX } from './matrix/picture-exports.ts';
import { PICTURE_FIGURES_MATRIX } from './matrix/picture-figures.ts';
import { POLICE_MATRIX } from './matrix/police.ts';
import { PROGRAMME_MATRIX } from './matrix/programme.ts';
import { STATISTICS_IMPORTS_MATRIX } from './matrix/statistics-imports.ts';
import { TASKS_MATRIX } from './matrix/tasks.ts';
import { THREAT_REGISTER_MATRIX } from './matrix/threat-register.ts';

/**
 * Who may call each API route, and how to call it. `authorization-matrix.test.ts` runs every entry
 * against the routes the app registers: a route without an entry here fails the suite.
 */

export interface ApiRoute {
  /** `METHOD /path/:param`, as the matrix is keyed. */
  key: string;
  method: string;
  url: string;
  access: RouteAccess | undefined;
  /** False for the generated documentation (`/api/docs*`, `/api/openapi.json`), which the matrix leaves out. */
  inMatrix: boolean;
}

/** The `/api` routes the app registers (less Fastify's HEAD twins of GET routes), from an app built without a database. */
export async function listApiRoutes(): Promise<ApiRoute[]> {
  const routes: ApiRoute[] = [];
  const app = await buildApp(
    { config: testConfig(), db: null as never, now: () => new Date() },
    {
      oidc: null,
      webDist: '/nonexistent',
      onRoute: (route) => {
        for (const method of [route.method].flat()) {
          if (method === 'HEAD' || !route.url.startsWith('/api/')) continue;
          const inMatrix = !route.url.startsWith('/api/docs') && route.url !== '/api/openapi.json';
          routes.push({
            key: `${method} ${route.url}`,
            method,
            url: route.url,
            access: route.config?.access,
            inMatrix,
          });
        }
      },
    },
  );
  await app.ready();
  await app.close();
  return routes;
}

/** What an entry's builders get: the app and two sibling committees under the municipality. */
export interface MatrixContext {
  t: TestApp;
  /** The caller's organisation: every signed-in caller in the matrix holds their role here. */
  committeeA: string;
  /** Another organisation, outside the caller's reach. */
  committeeB: string;
  /** A fresh user holding `role` (or none) in `organisationId`. */
  user(role: Role | null, organisationId: string): Promise<{ id: string; email: string }>;
  /** A name no other call uses. */
  unique(prefix: string): string;
}

export interface MatrixRequest {
  /** Path with its query string. */
  url: string;
  body?: unknown;
}

export interface MatrixEntry {
  /** The `config.access` the route must declare. */
  access: RouteAccess;
  /**
   * For a permission: every role holding it (checked against `ROLE_PERMISSIONS`, so a changed role
   * map has to be reviewed here). Each of them is tried on their own and another organisation.
   */
  roles?: Role[];
  /** The status of a successful call. */
  success: number;
  /** A valid request on a resource of the caller's own organisation (committee A). */
  own(ctx: MatrixContext): Promise<MatrixRequest>;
  /** Requests aimed at resources of another organisation; each must be answered 403 or 404 and change nothing. */
  other?(ctx: MatrixContext): Promise<MatrixRequest[]>;
  /** For list routes: one item in A and one in B; the own request must show the first and not the second. */
  list?: {
    seed(ctx: MatrixContext): Promise<{ own: string; other: string }>;
    ids(body: unknown): string[];
  };
  /** Why neither `other` nor `list` applies. */
  notScoped?: string;
  /**
   * The resource is the whole city's (reference data such as areas): only holders of the permission
   * in the municipality itself may act; holders in committee A are refused with 403. Says why.
   */
  cityWide?: string;
}

const itemIds = (body: unknown) => (body as { items: { id: string }[] }).items.map((i) => i.id);

const newUserBody = (organisationId: string) => ({
  email: `new-${crypto.randomUUID()}@test.local`,
  name: 'Ny Användare',
  password: 'a-good-password-42',
  role: 'employee',
  organisationId,
});

const FOUNDATION_MATRIX: Record<string, MatrixEntry> = {
  'GET /api/session': {
    access: 'public',
    success: 200,
    own: async () => ({ url: '/api/session' }),
    notScoped: 'public',
  },
  'POST /api/auth/login': {
    access: 'public',
    success: 200,
    own: async (ctx) => {
      const user = await ctx.user('employee', ctx.committeeA);
      return { url: '/api/auth/login', body: { email: user.email, password: USER_PASSWORD } };
    },
    notScoped: 'public',
  },
  'POST /api/auth/logout': {
    access: 'public',
    success: 200,
    own: async () => ({ url: '/api/auth/logout' }),
    notScoped: 'public',
  },
  'GET /api/auth/oidc/login': {
    access: 'public',
    success: 302,
    own: async () => ({ url: '/api/auth/oidc/login?returnTo=%2Fusers' }),
    notScoped: 'public',
  },
  'GET /api/auth/oidc/callback': {
    access: 'public',
    success: 302,
    own: async () => ({ url: '/api/auth/oidc/callback?code=abc&state=xyz' }),
    notScoped: 'public',
  },
  'PUT /api/me/preferences': {
    access: 'user',
    success: 200,
    own: async () => ({ url: '/api/me/preferences', body: { locale: 'sv' } }),
    notScoped: "changes only the caller's own preferences",
  },

  'GET /api/users': {
    access: 'users.read',
    roles: ['administrator', 'security_coordinator', 'manager'],
    success: 200,
    own: async () => ({ url: '/api/users' }),
    list: {
      seed: async (ctx) => ({
        own: (await ctx.user('employee', ctx.committeeA)).id,
        other: (await ctx.user('employee', ctx.committeeB)).id,
      }),
      ids: itemIds,
    },
  },
  'GET /api/users/:id': {
    access: 'users.read',
    roles: ['administrator', 'security_coordinator', 'manager'],
    success: 200,
    own: async (ctx) => ({ url: `/api/users/${(await ctx.user('employee', ctx.committeeA)).id}` }),
    other: async (ctx) => [{ url: `/api/users/${(await ctx.user('employee', ctx.committeeB)).id}` }],
  },
  'POST /api/users': {
    access: 'users.manage',
    roles: ['administrator'],
    success: 201,
    own: async (ctx) => ({ url: '/api/users', body: newUserBody(ctx.committeeA) }),
    other: async (ctx) => [
      { url: '/api/users', body: newUserBody(ctx.committeeB) },
      { url: '/api/users', body: newUserBody(ctx.t.rootId) },
    ],
  },
  'POST /api/users/:id/disable': {
    access: 'users.manage',
    roles: ['administrator'],
    success: 200,
    own: async (ctx) => ({ url: `/api/users/${(await ctx.user('employee', ctx.committeeA)).id}/disable` }),
    other: async (ctx) => [{ url: `/api/users/${(await ctx.user('employee', ctx.committeeB)).id}/disable` }],
  },
  'POST /api/users/:id/roles': {
    access: 'users.manage',
    roles: ['administrator'],
    success: 200,
    own: async (ctx) => ({
      url: `/api/users/${(await ctx.user('employee', ctx.committeeA)).id}/roles`,
      body: { role: 'manager', organisationId: ctx.committeeA },
    }),
    other: async (ctx) => [
      // A role in another organisation, for a user of the caller's own…
      {
        url: `/api/users/${(await ctx.user('employee', ctx.committeeA)).id}/roles`,
        body: { role: 'manager', organisationId: ctx.committeeB },
      },
      // …and a role in the caller's organisation for a user of another (who stays invisible).
      {
        url: `/api/users/${(await ctx.user('employee', ctx.committeeB)).id}/roles`,
        body: { role: 'manager', organisationId: ctx.committeeA },
      },
    ],
  },
  'DELETE /api/users/:id/roles/:organisationId/:role': {
    access: 'users.manage',
    roles: ['administrator'],
    success: 200,
    own: async (ctx) => ({
      url: `/api/users/${(await ctx.user('employee', ctx.committeeA)).id}/roles/${ctx.committeeA}/employee`,
    }),
    other: async (ctx) => [
      {
        url: `/api/users/${(await ctx.user('employee', ctx.committeeB)).id}/roles/${ctx.committeeB}/employee`,
      },
    ],
  },

  'GET /api/organisations': {
    access: 'organisations.read',
    roles: [
      'administrator',
      'city_analyst',
      'security_coordinator',
      'crime_prevention_coordinator',
      'manager',
      'employee',
      'case_worker',
      'elected_official',
      'auditor',
    ],
    success: 200,
    own: async () => ({ url: '/api/organisations' }),
    list: {
      seed: async (ctx) => ({
        own: await createOrganisation(ctx.t, ctx.unique('Bolag A'), 'company', ctx.committeeA),
        other: await createOrganisation(ctx.t, ctx.unique('Bolag B'), 'company', ctx.committeeB),
      }),
      ids: itemIds,
    },
  },
  'GET /api/organisations/:id': {
    access: 'organisations.read',
    roles: [
      'administrator',
      'city_analyst',
      'security_coordinator',
      'crime_prevention_coordinator',
      'manager',
      'employee',
      'case_worker',
      'elected_official',
      'auditor',
    ],
    success: 200,
    own: async (ctx) => ({ url: `/api/organisations/${ctx.committeeA}` }),
    other: async (ctx) => [
      { url: `/api/organisations/${ctx.committeeB}` },
      { url: `/api/organisations/${ctx.t.rootId}` },
    ],
  },
  'POST /api/organisations': {
    access: 'organisations.manage',
    roles: ['administrator'],
    success: 201,
    own: async (ctx) => ({
      url: '/api/organisations',
      body: { name: ctx.unique('Bolag'), kind: 'company', parentId: ctx.committeeA },
    }),
    other: async (ctx) => [
      {
        url: '/api/organisations',
        body: { name: ctx.unique('Bolag'), kind: 'company', parentId: ctx.committeeB },
      },
      {
        url: '/api/organisations',
        body: { name: ctx.unique('Nämnd'), kind: 'committee', parentId: ctx.t.rootId },
      },
    ],
  },

  'GET /api/audit-events': {
    access: 'audit.read',
    roles: ['administrator', 'auditor'],
    success: 200,
    own: async () => ({ url: '/api/audit-events?action=matrix.seeded&limit=200' }),
    list: {
      seed: async (ctx) => {
        const seed = async (organisationId: string) => {
          const targetId = crypto.randomUUID();
          await recordAuditNow(ctx.t.deps.db, {
            action: 'matrix.seeded',
            organisationId,
            targetType: 'test',
            targetId,
          });
          return targetId;
        };
        return { own: await seed(ctx.committeeA), other: await seed(ctx.committeeB) };
      },
      ids: (body) => (body as { items: { targetId: string | null }[] }).items.map((e) => e.targetId ?? ''),
    },
  },
};

/** Every module keeps its entries in `matrix/<module>.ts`; they are joined here. */
export const ROUTE_MATRIX: Record<string, MatrixEntry> = {
  ...FOUNDATION_MATRIX,
  ...ORGANISATION_STRUCTURE_MATRIX,
  ...AREAS_MATRIX,
  ...COORDINATORS_MATRIX,
  ...FACILITIES_MATRIX,
  ...INCIDENT_REPORTS_MATRIX,
  ...INCIDENT_HANDLING_MATRIX,
  ...INCIDENT_LISTS_MATRIX,
  ...NOTIFICATIONS_MATRIX,
  ...THREAT_REGISTER_MATRIX,
  ...PROGRAMME_MATRIX,
  ...TASKS_MATRIX,
  ...POLICE_MATRIX,
  ...STATISTICS_IMPORTS_MATRIX,
  ...PICTURE_FIGURES_MATRIX,
  ...PICTURE_DOCUMENTS_MATRIX,
  ...PICTURE_EXPORTS_MATRIX,
};
