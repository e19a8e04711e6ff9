import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../domain/permissions.ts';
import { createSessionsRepository } from '../modules/auth/sessions.repository.ts';
import { actorFromGrants, findLiveSessionWithGrants } from './access.ts';
import type { AppDeps } from './context.ts';
import { AppError, forbidden, unauthenticated } from './errors.ts';
import { sha256 } from './passwords.ts';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const TOUCH_AFTER_MS = 60_000;

export function isSecure(deps: Pick<AppDeps, 'config'>): boolean {
  return deps.config.baseUrl?.startsWith('https://') ?? false;
}

/** Under https the cookies get the `__Host-` prefix: Secure, path /, no Domain, so no subdomain can set them. */
export function cookieNames(deps: Pick<AppDeps, 'config'>) {
  const prefix = isSecure(deps) ? '__Host-' : '';
  return { session: `${prefix}trygg_session`, csrf: `${prefix}trygg_csrf`, oidc: `${prefix}trygg_oidc` };
}

export function cookieOptions(deps: Pick<AppDeps, 'config'>) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: isSecure(deps) };
}

export const csrfInvalid = () =>
  new AppError(
    'csrf.invalid',
    403,
    'The request is missing a valid CSRF token; reload the page and try again',
  );

/**
 * Loads the session and the actor for every API request, enforces each route's declared access
 * (401 before 403), then checks the CSRF token on state-changing requests.
 */
export function registerAuthHooks(app: FastifyInstance, deps: AppDeps): void {
  const sessions = createSessionsRepository(deps);
  const names = cookieNames(deps);
  const idleMs = deps.config.sessionIdleMinutes * 60_000;

  app.decorateRequest('session', null);
  app.decorateRequest('actor', null);
  app.decorateRequest('user', null);

  // Every API route must say who may call it; a route without `config.access` is a programming error.
  app.addHook('onRoute', (route) => {
    if (
      route.url.startsWith('/api/') &&
      !route.url.startsWith('/api/docs') &&
      route.config?.access === undefined
    ) {
      throw new Error(`Route ${route.method} ${route.url} declares no access rule`);
    }
  });

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const access = request.routeOptions.config?.access;
    if (access === undefined) return;
    const token = request.cookies[names.session];
    if (token) {
      const now = deps.now();
      const idHash = sha256(token);
      const row = await findLiveSessionWithGrants(deps.db, idHash, now, new Date(now.getTime() - idleMs));
      if (row) {
        if (now.getTime() - row.last_seen_at.getTime() > TOUCH_AFTER_MS)
          await sessions.touchSession(idHash, now);
        const { actor, roles } = actorFromGrants(row.user_id, row.grants);
        request.session = { idHash, userId: row.user_id, csrfToken: row.csrf_token };
        request.actor = actor;
        request.user = { id: row.user_id, email: row.email, name: row.name, locale: row.locale, roles };
      } else {
        reply.clearCookie(names.session, cookieOptions(deps));
      }
    }
    if (access !== 'public') {
      if (!request.actor) throw unauthenticated();
      if (access !== 'user' && !can(request.actor, access)) throw forbidden();
    }
    if (UNSAFE_METHODS.has(request.method) && !request.routeOptions.config?.csrfExempt) {
      checkCsrf(request, deps, names.csrf);
    }
  });
}

function checkCsrf(request: FastifyRequest, deps: AppDeps, csrfCookie: string): void {
  const origin = request.headers.origin;
  if (origin) {
    const expected = deps.config.baseUrl
      ? new URL(deps.config.baseUrl).origin
      : `${request.protocol}://${request.host}`;
    if (origin !== expected) throw csrfInvalid();
  }
  const header = request.headers['x-csrf-token'];
  const expectedToken = request.session ? request.session.csrfToken : request.cookies[csrfCookie];
  if (typeof header !== 'string' || !expectedToken || !safeEqual(header, expectedToken)) throw csrfInvalid();
}

function safeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
