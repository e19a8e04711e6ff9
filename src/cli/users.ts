import { RoleSchema } from '../domain/roles.ts';
import type { Config } from '../server/config.ts';
import { createUsersRepository } from '../server/modules/users/users.repository.ts';
import {
  createUser,
  disableUser,
  grantRole,
  listUsers,
  setPassword,
} from '../server/modules/users/users.usecases.ts';
import { SYSTEM } from '../server/platform/actor.ts';
import type { AppDeps } from '../server/platform/context.ts';
import { AppError } from '../server/platform/errors.ts';
import { generatePassword } from '../server/platform/passwords.ts';
import { parse, UsageError } from './args.ts';
import { withDatabase } from './db.ts';

const FLAGS = {
  email: { type: 'string' },
  name: { type: 'string' },
  password: { type: 'string' },
  role: { type: 'string' },
  organisation: { type: 'string' },
} as const;

function need(value: string | boolean | undefined, flag: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${flag} is required`);
  return value;
}

export async function usersCommand(loadCfg: () => Config, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, FLAGS);
  const sub = positionals[0];
  if (
    !sub ||
    positionals.length !== 1 ||
    !['list', 'create', 'disable', 'set-password', 'grant'].includes(sub)
  ) {
    throw new UsageError(`Unknown users command: ${positionals.join(' ') || '(none)'}`);
  }
  const role = values.role === undefined ? undefined : RoleSchema.safeParse(values.role);
  if (role && !role.success)
    throw new UsageError(`Unknown role ${values.role}; one of ${RoleSchema.options.join(', ')}`);
  if (sub === 'grant') need(values.role, 'role');
  if (sub !== 'list') need(values.email, 'email');
  if (sub === 'create') need(values.name, 'name');

  const config = loadCfg();
  return withDatabase(config, async ({ db }) => {
    const deps: AppDeps = { config, db, now: () => new Date() };
    const users = createUsersRepository(deps);
    const findId = async () => {
      const user = await users.findByEmail(values.email!);
      if (!user) throw new AppError('users.not_found', 404, `No user with e-mail ${values.email}`);
      return user.id;
    };
    const rootId = async () => {
      const root = await db
        .selectFrom('organisations')
        .select('id')
        .where('parent_id', 'is', null)
        .executeTakeFirst();
      if (!root)
        throw new AppError('organisations.not_found', 404, 'No municipality yet; start the server once');
      return root.id;
    };
    try {
      switch (sub) {
        case 'list': {
          const list = await listUsers({ deps, caller: SYSTEM });
          if (list.length === 0) console.log('No users.');
          for (const u of list) {
            const roles = u.roles.map((r) => `${r.role}@${r.organisationName}`).join(', ') || '(no roles)';
            console.log(`${u.email}\t${u.name}\t${u.disabled ? 'disabled' : 'active'}\t${roles}`);
          }
          return 0;
        }
        case 'create': {
          const password = values.password ?? generatePassword();
          const organisationId = role ? (values.organisation ?? (await rootId())) : undefined;
          await createUser({
            deps,
            caller: SYSTEM,
            input: { email: values.email!, name: values.name!, password, role: role?.data, organisationId },
          });
          console.log(
            `Created ${values.email}${values.password ? '' : ` with password ${password} (shown once)`}`,
          );
          return 0;
        }
        case 'disable':
          await disableUser({ deps, caller: SYSTEM, id: await findId() });
          console.log(`Disabled ${values.email}; their sessions are ended.`);
          return 0;
        case 'set-password': {
          const password = values.password ?? generatePassword();
          await setPassword({ deps, caller: SYSTEM, id: await findId(), password });
          console.log(
            `Password set for ${values.email}${values.password ? '' : `: ${password} (shown once)`}; their sessions are ended.`,
          );
          return 0;
        }
        case 'grant': {
          const organisationId = values.organisation ?? (await rootId());
          await grantRole({ deps, caller: SYSTEM, id: await findId(), role: role!.data!, organisationId });
          console.log(`Granted ${role!.data} to ${values.email}.`);
          return 0;
        }
      }
      return 2;
    } catch (err) {
      if (err instanceof AppError) {
        const details = Array.isArray(err.details)
          ? `: ${err.details.map((d: { message: string }) => d.message).join('; ')}`
          : '';
        console.error(`trygg: ${err.message}${details}`);
        return 1;
      }
      throw err;
    }
  });
}
