import type { SessionResponse } from '../../../domain/api/auth.ts';
import type { Actor } from '../../../domain/permissions.ts';
import { PERMISSIONS } from '../../../domain/permissions.ts';
import { loadActor } from '../../platform/access.ts';
import { recordAudit, recordAuditNow } from '../../platform/audit.ts';
import type { AppDeps, CurrentUser } from '../../platform/context.ts';
import { dummyPasswordHash, randomToken, sha256, verifyPassword } from '../../platform/passwords.ts';
import { createUsersRepository } from '../users/users.repository.ts';
import { invalidCredentials, tooManyAttempts } from './auth.errors.ts';
import { createSessionsRepository } from './sessions.repository.ts';
import { createThrottleRepository, throttleKey } from './throttle.repository.ts';

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export interface NewSession {
  token: string;
  csrfToken: string;
  userId: string;
}

/** Starts a new session (a fresh id: the old one, if any, is ended by the caller). */
export async function startSession({
  deps,
  userId,
  meta,
}: {
  deps: AppDeps;
  userId: string;
  meta: RequestMeta;
}): Promise<NewSession> {
  const token = randomToken();
  const csrfToken = randomToken();
  const now = deps.now();
  await createSessionsRepository(deps).createSession({
    idHash: sha256(token),
    userId,
    csrfToken,
    now,
    expiresAt: new Date(now.getTime() + deps.config.sessionAbsoluteMinutes * 60_000),
    ip: meta.ip,
    userAgent: meta.userAgent,
  });
  return { token, csrfToken, userId };
}

/**
 * Local sign-in. Failures are counted per e-mail address (whether or not it exists) and per client
 * address; the answer is the same for a wrong password, an unknown address and a disabled account.
 */
export async function signInWithPassword({
  deps,
  email,
  password,
  meta,
}: {
  deps: AppDeps;
  email: string;
  password: string;
  meta: RequestMeta;
}): Promise<NewSession> {
  const throttle = createThrottleRepository(deps);
  const users = createUsersRepository(deps);
  const now = deps.now();
  const emailKey = throttleKey('email', email);
  const ipKey = throttleKey('ip', meta.ip ?? 'unknown');
  const locked = await throttle.lockedUntil([emailKey, ipKey], now);
  if (locked) {
    const seconds = Math.max(1, Math.ceil((locked.getTime() - now.getTime()) / 1000));
    throw tooManyAttempts({ retryAfterSeconds: seconds }, { 'retry-after': String(seconds) });
  }
  const user = await users.findByEmail(email);
  const ok = await verifyPassword(password, user?.password_hash ?? (await dummyPasswordHash()));
  if (!user || !ok || user.disabled_at) {
    await throttle.recordFailure('email', emailKey, now);
    await throttle.recordFailure('ip', ipKey, now);
    await recordAuditNow(
      deps.db,
      {
        action: 'auth.sign_in_failed',
        actorId: null,
        targetType: user ? 'user' : null,
        targetId: user?.id ?? null,
        ip: meta.ip,
        requestId: meta.requestId,
      },
      deps.now(),
    );
    throw invalidCredentials();
  }
  await throttle.reset(emailKey);
  const session = await startSession({ deps, userId: user.id, meta });
  await recordAuditNow(
    deps.db,
    {
      action: 'auth.signed_in',
      actorId: user.id,
      targetType: 'user',
      targetId: user.id,
      fields: ['method:password'],
      ip: meta.ip,
      requestId: meta.requestId,
    },
    deps.now(),
  );
  return session;
}

export async function signOut({
  deps,
  sessionIdHash,
  userId,
  meta,
}: {
  deps: AppDeps;
  sessionIdHash: string;
  userId: string;
  meta: RequestMeta;
}) {
  await createSessionsRepository(deps).deleteSession(sessionIdHash);
  await recordAuditNow(
    deps.db,
    {
      action: 'auth.signed_out',
      actorId: userId,
      targetType: 'user',
      targetId: userId,
      ip: meta.ip,
      requestId: meta.requestId,
    },
    deps.now(),
  );
}

export async function updatePreferences({
  deps,
  userId,
  locale,
  meta,
}: {
  deps: AppDeps;
  userId: string;
  locale: 'sv' | 'en';
  meta: RequestMeta;
}) {
  await deps.db.transaction().execute(async (trx) => {
    await createUsersRepository({ db: trx }).updateUser(userId, { locale });
    await recordAudit(
      trx,
      {
        action: 'user.preferences_updated',
        actorId: userId,
        targetType: 'user',
        targetId: userId,
        fields: ['locale'],
        ...meta,
      },
      deps.now(),
    );
  });
}

/** The user who has just signed in, with their roles and what they may do. */
export async function loadSignedInUser({ deps, userId }: { deps: AppDeps; userId: string }) {
  const { actor, roles } = await loadActor(deps.db, userId);
  const row = await createUsersRepository(deps).findById(userId);
  if (!row) throw new Error(`user ${userId} vanished during sign-in`);
  const user: CurrentUser = { id: row.id, email: row.email, name: row.name, locale: row.locale, roles };
  return { user, actor };
}

/** The session as the web app sees it: the user, their roles, the permissions they hold anywhere. */
export function presentSession(
  user: CurrentUser | null,
  actor: Actor | null,
  csrfToken: string,
  oidc: { enabled: boolean; label: string },
): SessionResponse {
  return {
    user: user
      ? {
          id: user.id,
          email: user.email,
          name: user.name,
          locale: user.locale,
          roles: user.roles.map((r) => ({
            role: r.role,
            organisationId: r.organisationId,
            organisationName: r.organisationName,
          })),
          permissions: PERMISSIONS.filter((p) => (actor?.scope.get(p)?.size ?? 0) > 0),
        }
      : null,
    csrfToken,
    oidc,
  };
}
