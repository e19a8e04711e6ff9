import type { User } from '../../../domain/api/users.ts';
import { PasswordSchema } from '../../../domain/api/users.ts';
import { scopeOf } from '../../../domain/permissions.ts';
import type { Role } from '../../../domain/roles.ts';
import { type Caller, callerCan, callerId, SYSTEM } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppDeps } from '../../platform/context.ts';
import { forbidden } from '../../platform/errors.ts';
import { hashPassword } from '../../platform/passwords.ts';
import type { RequestMeta } from '../auth/auth.usecases.ts';
import { createOrganisationsRepository } from '../organisations/organisations.repository.ts';
import {
  cannotDisableSelf,
  emailTaken,
  organisationUnknown,
  userNotFound,
  weakPassword,
} from './users.errors.ts';
import { createUsersRepository, type UserWithRoles } from './users.repository.ts';

const NO_META: RequestMeta = { ip: null, userAgent: null, requestId: null };

/**
 * The organisations whose users the caller may see or manage; `undefined` means every user — for
 * the command line and for holders of the permission in the municipality itself (the whole city,
 * including users who hold no role anywhere yet).
 */
async function scopeFor(
  deps: AppDeps,
  caller: Caller,
  permission: 'users.read' | 'users.manage',
): Promise<string[] | undefined> {
  if (caller === SYSTEM) return undefined;
  const ids = scopeOf(caller, permission);
  const rootId = await createOrganisationsRepository(deps).findRootId();
  return rootId && ids.includes(rootId) ? undefined : ids;
}

/** Password rules beyond the schema: not the e-mail address or its name part. */
function checkPassword(password: string, email: string): void {
  const parsed = PasswordSchema.safeParse(password);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => i.message);
  const lower = password.toLowerCase();
  const local = email.toLowerCase().split('@')[0] ?? '';
  if (lower.includes(email.toLowerCase()) || (local.length >= 4 && lower.includes(local))) {
    problems.push('Must not contain the e-mail address');
  }
  if (problems.length > 0)
    throw weakPassword(problems.map((message) => ({ path: 'body.password', message })));
}

export function presentUser(caller: Caller, u: UserWithRoles): User {
  const manages =
    u.roles.length === 0
      ? callerCan(caller, 'users.manage')
      : u.roles.some((r) => callerCan(caller, 'users.manage', { organisationId: r.organisation_id }));
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    locale: u.locale,
    disabled: u.disabled_at !== null,
    createdAt: u.created_at.toISOString(),
    roles: u.roles.map((r) => ({
      role: r.role,
      organisationId: r.organisation_id,
      organisationName: r.organisation_name,
    })),
    can: {
      update: manages,
      disable: manages && u.disabled_at === null && callerId(caller) !== u.id,
      grant: manages,
    },
  };
}

export async function listUsers({ deps, caller }: { deps: AppDeps; caller: Caller }): Promise<User[]> {
  const rows = await createUsersRepository(deps).listUsers({
    organisationIds: await scopeFor(deps, caller, 'users.read'),
  });
  return rows.map((u) => presentUser(caller, u));
}

export async function getUser({
  deps,
  caller,
  id,
}: {
  deps: AppDeps;
  caller: Caller;
  id: string;
}): Promise<User> {
  const [row] = await createUsersRepository(deps).listUsers({
    organisationIds: await scopeFor(deps, caller, 'users.read'),
    userId: id,
  });
  if (!row) throw userNotFound();
  return presentUser(caller, row);
}

async function assertOrganisation(deps: AppDeps, organisationId: string) {
  const org = await deps.db
    .selectFrom('organisations')
    .select('id')
    .where('id', '=', organisationId)
    .executeTakeFirst();
  if (!org) throw organisationUnknown();
}

export async function createUser({
  deps,
  caller,
  input,
  meta = NO_META,
}: {
  deps: AppDeps;
  caller: Caller;
  input: {
    email: string;
    name: string;
    password: string;
    role?: Role;
    organisationId?: string;
    /** The hash of `password`, when the caller already has it (many accounts sharing one password). */
    passwordHash?: string;
  };
  meta?: RequestMeta;
}): Promise<string> {
  if (input.organisationId && !callerCan(caller, 'users.manage', { organisationId: input.organisationId }))
    throw forbidden();
  if (!input.organisationId && caller !== SYSTEM) throw forbidden();
  checkPassword(input.password, input.email);
  if (input.organisationId) await assertOrganisation(deps, input.organisationId);
  const passwordHash = input.passwordHash ?? (await hashPassword(input.password));
  return deps.db
    .transaction()
    .execute(async (trx) => {
      const repo = createUsersRepository({ db: trx });
      if (await repo.findByEmail(input.email)) throw emailTaken();
      const id = await repo.createUser({ email: input.email.trim(), name: input.name.trim(), passwordHash });
      const fields = ['email', 'name', 'password'];
      if (input.role && input.organisationId) {
        await repo.grantRole({
          userId: id,
          organisationId: input.organisationId,
          role: input.role,
          grantedBy: callerId(caller),
        });
        fields.push('roles');
      }
      await recordAudit(
        trx,
        {
          action: 'user.created',
          actorId: callerId(caller),
          organisationId: input.organisationId ?? null,
          targetType: 'user',
          targetId: id,
          fields,
          ...meta,
        },
        deps.now(),
      );
      return id;
    })
    .catch((err: unknown) => {
      // The same address submitted twice at once: both pass the lookup, the unique index refuses the second.
      const pgError = err as { code?: string; constraint?: string };
      throw pgError.code === '23505' && pgError.constraint === 'users_email_key' ? emailTaken() : err;
    });
}

/**
 * The target must be visible to the caller (a role in their users.manage scope); otherwise it does not exist for them.
 * With `allowRoleless`, a user holding no role anywhere is also returned (so one can be given a role again).
 */
async function findManageable(
  deps: AppDeps,
  caller: Caller,
  id: string,
  opts: { allowRoleless?: boolean } = {},
): Promise<UserWithRoles> {
  const [row] = await createUsersRepository(deps).listUsers({
    organisationIds: await scopeFor(deps, caller, 'users.manage'),
    userId: id,
  });
  if (row) return row;
  if (opts.allowRoleless) {
    const [any] = await createUsersRepository(deps).listUsers({ userId: id });
    if (any && any.roles.length === 0) return any;
  }
  if (caller !== SYSTEM) {
    const [visible] = await createUsersRepository(deps).listUsers({
      organisationIds: await scopeFor(deps, caller, 'users.read'),
      userId: id,
    });
    if (visible) throw forbidden();
  }
  throw userNotFound();
}

export async function disableUser({
  deps,
  caller,
  id,
  meta = NO_META,
}: {
  deps: AppDeps;
  caller: Caller;
  id: string;
  meta?: RequestMeta;
}) {
  if (callerId(caller) === id) throw cannotDisableSelf();
  const target = await findManageable(deps, caller, id);
  await deps.db.transaction().execute(async (trx) => {
    await createUsersRepository({ db: trx }).updateUser(id, { disabled_at: deps.now() });
    await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    await recordAudit(
      trx,
      {
        action: 'user.disabled',
        actorId: callerId(caller),
        // Filed under an organisation of the caller's where the user works, so its auditors see it.
        organisationId: target.roles[0]?.organisation_id ?? null,
        targetType: 'user',
        targetId: id,
        fields: ['disabled_at'],
        ...meta,
      },
      deps.now(),
    );
  });
}

export async function setPassword({
  deps,
  caller,
  id,
  password,
  meta = NO_META,
}: {
  deps: AppDeps;
  caller: Caller;
  id: string;
  password: string;
  meta?: RequestMeta;
}) {
  const target = await findManageable(deps, caller, id);
  checkPassword(password, target.email);
  const hash = await hashPassword(password);
  await deps.db.transaction().execute(async (trx) => {
    await createUsersRepository({ db: trx }).updateUser(id, { password_hash: hash });
    await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    await recordAudit(
      trx,
      {
        action: 'user.password_set',
        actorId: callerId(caller),
        organisationId: target.roles[0]?.organisation_id ?? null,
        targetType: 'user',
        targetId: id,
        fields: ['password'],
        ...meta,
      },
      deps.now(),
    );
  });
}

export async function grantRole({
  deps,
  caller,
  id,
  role,
  organisationId,
  meta = NO_META,
}: {
  deps: AppDeps;
  caller: Caller;
  id: string;
  role: Role;
  organisationId: string;
  meta?: RequestMeta;
}) {
  if (!callerCan(caller, 'users.manage', { organisationId })) throw forbidden();
  await assertOrganisation(deps, organisationId);
  // Only users the caller already manages: otherwise an administrator of one committee could pull anyone
  // (even the city's administrator) into it by id, and then disable their account.
  await findManageable(deps, caller, id, { allowRoleless: true });
  await deps.db.transaction().execute(async (trx) => {
    const added = await createUsersRepository({ db: trx }).grantRole({
      userId: id,
      organisationId,
      role,
      grantedBy: callerId(caller),
    });
    if (added) {
      await recordAudit(
        trx,
        {
          action: 'user.role_granted',
          actorId: callerId(caller),
          organisationId,
          targetType: 'user',
          targetId: id,
          fields: ['roles'],
          ...meta,
        },
        deps.now(),
      );
    }
  });
}

export async function revokeRole({
  deps,
  caller,
  id,
  role,
  organisationId,
  meta = NO_META,
}: {
  deps: AppDeps;
  caller: Caller;
  id: string;
  role: Role;
  organisationId: string;
  meta?: RequestMeta;
}) {
  if (!callerCan(caller, 'users.manage', { organisationId })) throw forbidden();
  await deps.db.transaction().execute(async (trx) => {
    const removed = await createUsersRepository({ db: trx }).revokeRole({ userId: id, organisationId, role });
    if (!removed) throw userNotFound();
    await recordAudit(
      trx,
      {
        action: 'user.role_revoked',
        actorId: callerId(caller),
        organisationId,
        targetType: 'user',
        targetId: id,
        fields: ['roles'],
        ...meta,
      },
      deps.now(),
    );
  });
}
