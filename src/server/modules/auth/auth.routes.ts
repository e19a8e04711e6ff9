import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  LoginRequestSchema,
  PreferencesRequestSchema,
  SessionResponseSchema,
} from '../../../domain/api/auth.ts';
import { ErrorResponseSchema, OkSchema } from '../../../domain/api/common.ts';
import type { AppDeps } from '../../platform/context.ts';
import { cookieNames, cookieOptions } from '../../platform/http.ts';
import { randomToken } from '../../platform/passwords.ts';
import { oidcNotConfigured } from './auth.errors.ts';
import {
  loadSignedInUser,
  presentSession,
  type RequestMeta,
  signInWithPassword,
  signOut,
  updatePreferences,
} from './auth.usecases.ts';
import { OidcLoginError, type OidcService, safeReturnTo } from './oidc.ts';
import { createSessionsRepository } from './sessions.repository.ts';

export function requestMeta(request: FastifyRequest): RequestMeta {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? null, requestId: request.id };
}

const tags = ['auth'];

export function authRoutes(deps: AppDeps, oidc: OidcService | null): FastifyPluginAsyncZod {
  const names = cookieNames(deps);
  const options = cookieOptions(deps);
  const oidcInfo = { enabled: oidc !== null, label: oidc?.label ?? '' };

  /** An anonymous visitor gets a CSRF cookie so the sign-in form can be protected too. */
  const anonymousCsrf = (request: FastifyRequest, reply: FastifyReply): string => {
    const existing = request.cookies[names.csrf];
    if (existing && /^[A-Za-z0-9_-]{32,64}$/.test(existing)) return existing;
    const token = randomToken();
    reply.setCookie(names.csrf, token, options);
    return token;
  };

  const endCurrentSession = async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.session) await createSessionsRepository(deps).deleteSession(request.session.idHash);
    reply.clearCookie(names.session, options);
  };

  const redirectUri = (request: FastifyRequest) =>
    `${deps.config.baseUrl?.replace(/\/$/, '') ?? `${request.protocol}://${request.host}`}/api/auth/oidc/callback`;

  return async (app) => {
    app.get(
      '/api/session',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'The current session, a CSRF token and the sign-in options',
          response: { 200: SessionResponseSchema, 429: ErrorResponseSchema },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        const csrf = request.session?.csrfToken ?? anonymousCsrf(request, reply);
        return presentSession(request.user, request.actor, csrf, oidcInfo);
      },
    );

    app.post(
      '/api/auth/login',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'Sign in with e-mail address and password',
          body: LoginRequestSchema,
          response: {
            200: SessionResponseSchema,
            400: ErrorResponseSchema,
            401: ErrorResponseSchema,
            403: ErrorResponseSchema,
            429: ErrorResponseSchema,
          },
        },
      },
      async (request, reply) => {
        const session = await signInWithPassword({ deps, ...request.body, meta: requestMeta(request) });
        await endCurrentSession(request, reply);
        reply.setCookie(names.session, session.token, options);
        reply.header('cache-control', 'no-store');
        const { user, actor } = await loadSignedInUser({ deps, userId: session.userId });
        return presentSession(user, actor, session.csrfToken, oidcInfo);
      },
    );

    app.post(
      '/api/auth/logout',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'Sign out: ends the session on the server',
          response: { 200: OkSchema, 403: ErrorResponseSchema },
        },
      },
      async (request, reply) => {
        if (request.session && request.user) {
          await signOut({
            deps,
            sessionIdHash: request.session.idHash,
            userId: request.user.id,
            meta: requestMeta(request),
          });
        }
        reply.clearCookie(names.session, options);
        return { ok: true as const };
      },
    );

    app.put(
      '/api/me/preferences',
      {
        config: { access: 'user' },
        schema: {
          tags,
          summary: "Save the signed-in user's preferences",
          body: PreferencesRequestSchema,
          response: {
            200: OkSchema,
            400: ErrorResponseSchema,
            401: ErrorResponseSchema,
            403: ErrorResponseSchema,
          },
        },
      },
      async (request) => {
        await updatePreferences({
          deps,
          userId: request.user!.id,
          locale: request.body.locale,
          meta: requestMeta(request),
        });
        return { ok: true as const };
      },
    );

    app.get(
      '/api/auth/oidc/login',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: "Start sign-in with the city's identity provider (redirects)",
          querystring: z.object({ returnTo: z.string().max(2000).optional() }),
          response: { 302: z.null(), 404: ErrorResponseSchema },
        },
      },
      async (request, reply) => {
        if (!oidc) throw oidcNotConfigured();
        try {
          const { url, cookie } = await oidc.begin({
            returnTo: safeReturnTo(request.query.returnTo),
            redirectUri: redirectUri(request),
          });
          reply.setCookie(names.oidc, cookie, { ...options, maxAge: 600 });
          return reply.redirect(url, 302);
        } catch (err) {
          request.log.error({ err }, 'OIDC sign-in could not start');
          return reply.redirect('/login?error=oidc_failed', 302);
        }
      },
    );

    app.get(
      '/api/auth/oidc/callback',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'Where the identity provider sends the browser back (redirects)',
          querystring: z.record(z.string(), z.string()),
          response: { 302: z.null(), 404: ErrorResponseSchema },
        },
      },
      async (request, reply) => {
        if (!oidc) throw oidcNotConfigured();
        reply.clearCookie(names.oidc, options);
        try {
          const callbackUrl = new URL(request.url, 'http://callback.invalid');
          const { session, returnTo } = await oidc.complete({
            cookie: request.cookies[names.oidc],
            callbackUrl,
            redirectUri: redirectUri(request),
            meta: requestMeta(request),
          });
          await endCurrentSession(request, reply);
          reply.setCookie(names.session, session.token, options);
          return reply.redirect(returnTo, 302);
        } catch (err) {
          const reason = err instanceof OidcLoginError ? err.reason : 'failed';
          request.log.warn({ err }, 'OIDC sign-in refused');
          return reply.redirect(`/login?error=oidc_${reason}`, 302);
        }
      },
    );
  };
}
