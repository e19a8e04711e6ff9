import type { Db } from '../../src/server/db/database.ts';

/** The id of the newest audit entry; entries written after it are what a step changed. */
export async function auditMark(db: Db): Promise<string> {
  const row = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirstOrThrow();
  return String(row.id ?? 0);
}

/** The audit entries written since `mark`, oldest first. */
export async function auditSince(db: Db, mark: string) {
  return db.selectFrom('audit_events').selectAll().where('id', '>', mark).orderBy('id').execute();
}
