import { sql } from 'kysely';
import type { Config } from './config.ts';
import type { Db } from './db/database.ts';
import { createUsersRepository } from './modules/users/users.repository.ts';
import { recordAudit } from './platform/audit.ts';
import { generatePassword, hashPassword } from './platform/passwords.ts';

export interface BootstrapResult {
  /** Set only when the first administrator was created now; the password is shown once. */
  createdAdmin?: { email: string; password: string; generated: boolean };
}

/**
 * On an empty database: the municipality (root of the organisation tree) with its executive board,
 * and the first administrator. Idempotent: runs at every start and changes nothing the second time.
 */
export async function bootstrap(db: Db, config: Config): Promise<BootstrapResult> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext('trygg.bootstrap'))`.execute(trx);
    let root = await trx
      .selectFrom('organisations')
      .select('id')
      .where('parent_id', 'is', null)
      .executeTakeFirst();
    if (!root) {
      root = await trx
        .insertInto('organisations')
        .values({ name: config.municipalityName, kind: 'municipality', parent_id: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      const board = await trx
        .insertInto('organisations')
        .values({ name: 'Kommunstyrelsen', kind: 'executive_board', parent_id: root.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        action: 'organisation.created',
        organisationId: root.id,
        targetType: 'organisation',
        targetId: root.id,
        fields: ['name', 'kind'],
      });
      await recordAudit(trx, {
        action: 'organisation.created',
        organisationId: board.id,
        targetType: 'organisation',
        targetId: board.id,
        fields: ['name', 'kind', 'parent_id'],
      });
    }
    const users = createUsersRepository({ db: trx });
    if ((await users.countUsers()) > 0) return {};
    const generated = !config.adminPassword;
    const password = config.adminPassword ?? generatePassword();
    const id = await users.createUser({
      email: config.adminEmail,
      name: 'Administratör',
      passwordHash: await hashPassword(password),
    });
    await users.grantRole({ userId: id, organisationId: root.id, role: 'administrator', grantedBy: null });
    await recordAudit(trx, {
      action: 'user.created',
      organisationId: root.id,
      targetType: 'user',
      targetId: id,
      fields: ['email', 'name', 'password', 'roles'],
    });
    return { createdAdmin: { email: config.adminEmail, password, generated } };
  });
}
