import crypto from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { AuditEventRow, Database } from '../db/types.ts';

export const GENESIS_HASH = '0'.repeat(64);

/** What an audit entry records: who did what to which record, and which fields changed (never values). */
export interface AuditEntry {
  action: string;
  actorId?: string | null;
  organisationId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  fields?: string[];
  ip?: string | null;
  requestId?: string | null;
}

interface HashInput {
  at: Date;
  actor_id: string | null;
  organisation_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  fields: string[];
  ip: string | null;
  request_id: string | null;
  prev_hash: string;
}

/** SHA-256 over the previous hash and a fixed, ordered serialisation of the entry. */
export function hashEntry(e: HashInput): string {
  const canonical = JSON.stringify([
    e.prev_hash,
    e.at.toISOString(),
    e.actor_id,
    e.organisation_id,
    e.action,
    e.target_type,
    e.target_id,
    e.fields,
    e.ip,
    e.request_id,
  ]);
  return crypto.createHash('sha256').update(canonical).digest('hex');
}

/**
 * Appends an entry inside the caller's transaction. A transaction-scoped advisory lock serialises
 * writers so the chain never forks; the lock is released at commit or rollback.
 */
export async function recordAudit(
  trx: Transaction<Database>,
  entry: AuditEntry,
  now = new Date(),
): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('trygg.audit_chain'))`.execute(trx);
  const last = await trx
    .selectFrom('audit_events')
    .select('hash')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const row: HashInput = {
    at: new Date(Math.floor(now.getTime())),
    actor_id: entry.actorId ?? null,
    organisation_id: entry.organisationId ?? null,
    action: entry.action,
    target_type: entry.targetType ?? null,
    target_id: entry.targetId ?? null,
    fields: entry.fields ?? [],
    ip: entry.ip ?? null,
    request_id: entry.requestId ?? null,
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  await trx
    .insertInto('audit_events')
    .values({ ...row, hash: hashEntry(row) })
    .execute();
}

/** Writes one entry in a transaction of its own (for events that change nothing else, like reads). */
export async function recordAuditNow(db: Db, entry: AuditEntry, now = new Date()): Promise<void> {
  await db.transaction().execute((trx) => recordAudit(trx, entry, now));
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** The first entry whose hash or link does not match. */
  firstBroken?: { id: string; reason: 'hash' | 'link' };
}

/** Walks the whole chain in id order, in batches, and names the first broken entry. */
export async function verifyAuditChain(db: Db, batchSize = 5000): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let afterId = '0';
  let checked = 0;
  while (true) {
    const rows: AuditEventRow[] = await db
      .selectFrom('audit_events')
      .selectAll()
      .where(sql<boolean>`id > ${afterId}::bigint`)
      .orderBy('id')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.prev_hash !== prev)
        return { ok: false, checked, firstBroken: { id: String(row.id), reason: 'link' } };
      if (hashEntry(row) !== row.hash)
        return { ok: false, checked, firstBroken: { id: String(row.id), reason: 'hash' } };
      prev = row.hash;
      checked++;
      afterId = String(row.id);
    }
  }
  return { ok: true, checked };
}
