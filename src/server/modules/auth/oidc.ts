import * as oidc from 'openid-client';
import { RoleSchema } from '../../../domain/roles.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppDeps } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { randomToken, sha256 } from '../../platform/passwords.ts';
import { createUsersRepository } from '../users/users.repository.ts';
import { type NewSession, type RequestMeta, startSession } from './auth.usecases.ts';

/** How long a browser has to come back from the identity provider. */
const LOGIN_TTL_MS = 10 * 60_000;

export interface OidcService {
  label: string;
  /** Returns the provider's authorization URL and the cookie value binding this browser to the attempt. */
  begin(opts: { returnTo: string; redirectUri: string }): Promise<{ url: string; cookie: string }>;
  /** Completes the attempt bound to `cookie`; refuses a mismatched state. */
  complete(opts: {
    cookie: string | undefined;
    callbackUrl: URL;
    redirectUri: string;
    meta: RequestMeta;
  }): Promise<{
    session: NewSession;
    returnTo: string;
  }>;
}

export class OidcLoginError extends AppError {
  constructor(
    public readonly reason: 'state_mismatch' | 'failed',
    message: string,
  ) {
    super(`auth.oidc_${reason}`, 400, message);
  }
}

/** Only same-site paths may be returned to (no open redirect). */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?!\/)[^\\\s]*$/.test(value) && !value.startsWith('/api/')
    ? value
    : '/';
}

export function createOidcService(deps: AppDeps): OidcService | null {
  const { oidcIssuer, oidcClientId, oidcClientSecret } = deps.config;
  if (!oidcIssuer || !oidcClientId || !oidcClientSecret) return null;
  let configuration: Promise<oidc.Configuration> | undefined;
  const getConfiguration = () => {
    configuration ??= oidc
      .discovery(new URL(oidcIssuer), oidcClientId, oidcClientSecret, undefined, {
        execute: deps.config.oidcAllowInsecure ? [oidc.allowInsecureRequests] : [],
      })
      .catch((err: unknown) => {
        configuration = undefined; // try discovery again next time
        throw err;
      });
    return configuration;
  };

  return {
    label: deps.config.oidcLabel,

    async begin({ returnTo, redirectUri }) {
      const config = await getConfiguration();
      const codeVerifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const cookie = randomToken();
      await deps.db
        .deleteFrom('oidc_logins')
        .where('created_at', '<', new Date(deps.now().getTime() - LOGIN_TTL_MS))
        .execute();
      await deps.db
        .insertInto('oidc_logins')
        .values({
          id_hash: sha256(cookie),
          state,
          nonce,
          code_verifier: codeVerifier,
          return_to: safeReturnTo(returnTo),
          created_at: deps.now(),
        })
        .execute();
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid email profile',
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return { url: url.href, cookie };
    },

    async complete({ cookie, callbackUrl, redirectUri, meta }) {
      if (!cookie) throw new OidcLoginError('state_mismatch', 'No sign-in is in progress in this browser');
      const pending = await deps.db
        .deleteFrom('oidc_logins')
        .where('id_hash', '=', sha256(cookie))
        .returningAll()
        .executeTakeFirst();
      if (!pending || pending.created_at.getTime() < deps.now().getTime() - LOGIN_TTL_MS) {
        throw new OidcLoginError('state_mismatch', 'The sign-in attempt is unknown or has expired');
      }
      if (callbackUrl.searchParams.get('state') !== pending.state) {
        throw new OidcLoginError(
          'state_mismatch',
          'The state returned by the identity provider does not match',
        );
      }
      const config = await getConfiguration();
      const url = new URL(redirectUri);
      url.search = callbackUrl.search;
      let claims: oidc.IDToken | undefined;
      try {
        const tokens = await oidc.authorizationCodeGrant(config, url, {
          pkceCodeVerifier: pending.code_verifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
        claims = tokens.claims();
        // OIDC Core 5.4: when an access token is issued, a conforming provider returns the `email`
        // and `profile` claims from the userinfo endpoint only; the ID token may carry just `sub`.
        if (claims && config.serverMetadata().userinfo_endpoint) {
          const userInfo = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
          claims = { ...userInfo, ...claims };
        }
      } catch (err) {
        throw new OidcLoginError(
          'failed',
          `The identity provider's answer was refused: ${(err as Error).message}`,
        );
      }
      if (!claims) throw new OidcLoginError('failed', 'No ID token');
      const userId = await provisionUser(deps, claims, config.serverMetadata().issuer, meta);
      const session = await startSession({ deps, userId, meta });
      return { session, returnTo: pending.return_to };
    },
  };
}

/** Finds the user by issuer and subject, links a verified e-mail to an existing account, or creates one. */
async function provisionUser(
  deps: AppDeps,
  claims: oidc.IDToken,
  issuer: string,
  meta: RequestMeta,
): Promise<string> {
  const subject = claims.sub;
  const email = typeof claims.email === 'string' ? claims.email : `${subject}@${new URL(issuer).hostname}`;
  const name =
    typeof claims.name === 'string' && claims.name.trim()
      ? claims.name.trim()
      : [claims.given_name, claims.family_name].filter((s) => typeof s === 'string').join(' ') || email;
  return deps.db.transaction().execute(async (trx) => {
    const repo = createUsersRepository({ db: trx });
    let user = await repo.findByOidc(issuer, subject);
    let action = 'auth.signed_in';
    const fields = ['method:oidc'];
    if (!user && claims.email_verified === true) {
      const existing = await repo.findByEmail(email);
      if (existing && !existing.oidc_subject) {
        await repo.updateUser(existing.id, { oidc_issuer: issuer, oidc_subject: subject });
        user = existing;
        fields.push('oidc_subject');
      }
    }
    let userId: string;
    if (!user) {
      if (await repo.findByEmail(email))
        throw new OidcLoginError('failed', 'An account with this e-mail address already exists');
      userId = await repo.createUser({
        email,
        name,
        passwordHash: null,
        oidcIssuer: issuer,
        oidcSubject: subject,
      });
      action = 'user.created_by_oidc';
    } else {
      if (user.disabled_at) throw new OidcLoginError('failed', 'The account is disabled');
      userId = user.id;
    }
    const claimName = deps.config.oidcRolesClaim;
    if (claimName) {
      const raw = (claims as Record<string, unknown>)[claimName];
      const roles = (Array.isArray(raw) ? raw : [])
        .map((v) => (typeof v === 'string' ? v.split('@') : []))
        .map(([role, organisationId]) => ({ role: RoleSchema.safeParse(role), organisationId }))
        .filter(
          (r) =>
            r.role.success &&
            r.organisationId &&
            /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(r.organisationId),
        )
        .map((r) => ({ role: r.role.data!, organisationId: r.organisationId! }));
      const known = roles.length
        ? await trx
            .selectFrom('organisations')
            .select('id')
            .where(
              'id',
              'in',
              roles.map((r) => r.organisationId),
            )
            .execute()
        : [];
      const knownIds = new Set(known.map((k) => k.id));
      await repo.replaceOidcRoles(
        userId,
        roles.filter((r) => knownIds.has(r.organisationId)),
      );
      fields.push('roles:oidc_claim');
    }
    await recordAudit(
      trx,
      { action, actorId: userId, targetType: 'user', targetId: userId, fields, ...meta },
      deps.now(),
    );
    if (action === 'user.created_by_oidc') {
      await recordAudit(
        trx,
        {
          action: 'auth.signed_in',
          actorId: userId,
          targetType: 'user',
          targetId: userId,
          fields: ['method:oidc'],
          ...meta,
        },
        deps.now(),
      );
    }
    return userId;
  });
}
