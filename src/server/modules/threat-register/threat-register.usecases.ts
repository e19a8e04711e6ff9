import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/types.ts';
import { type AuditEntry, recordAudit } from '../../platform/audit.ts';
import type { AppDeps } from '../../platform/context.ts';
import type { RequestMeta } from '../auth/auth.usecases.ts';
import { invalidThreatRequest } from './threat-register.errors.ts';
import { hashCaseReference } from './threat-register.keys.ts';
import { createThreatRegisterRepository, type WarningRow } from './threat-register.repository.ts';

export const NO_META: RequestMeta = { ip: null, userAgent: null, requestId: null };

/** The fields of an entry an audit row may name (never their values, and never the reference). */
export const ENTRY_FIELDS = ['case_ref_hmac', 'incident_id', 'type_id', 'occurred_on', 'expires_at', 'note'];

/** The keyed hash of a case reference, or a field-level 400 when nothing is left after normalising. */
export function hashOrRefuse(deps: Pick<AppDeps, 'config'>, reference: string, path: string): string {
  const hmac = hashCaseReference(deps.config, reference);
  if (!hmac) {
    throw invalidThreatRequest([
      { path, message: 'The case reference must contain more than spaces and hyphens' },
    ]);
  }
  return hmac;
}

export async function inTransaction<T>(
  db: Kysely<Database> | Transaction<Database>,
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  return db.isTransaction ? work(db as Transaction<Database>) : db.transaction().execute(work);
}

/**
 * Audits a look-up (by case, or one-off) and each match it found, in the caller's transaction:
 * every look-up and every match is in the audit log, the reference never is.
 */
export async function auditLookup(
  trx: Transaction<Database>,
  now: Date,
  entry: Pick<AuditEntry, 'actorId' | 'organisationId' | 'targetType' | 'targetId'>,
  matches: readonly WarningRow[],
  meta: RequestMeta,
): Promise<void> {
  const { ip, requestId } = meta;
  await recordAudit(trx, { action: 'threat_register.lookup', ...entry, ip, requestId }, now);
  for (const m of matches) {
    await recordAudit(
      trx,
      {
        action: 'threat_register.matched',
        actorId: entry.actorId,
        organisationId: m.organisation_id,
        targetType: 'threat_register_entry',
        targetId: m.entry_id,
        ip,
        requestId,
      },
      now,
    );
  }
}

/**
 * Records a known threat from a report that names a client's case reference: only the keyed hash
 * (HMAC-SHA-256 under the configured secret) is stored, with the date and type, expiring after
 * `threatWarningMonths`. Called by the report use case inside its transaction; pass `createdBy`
 * null for an anonymous report (then the audit entry names no one either). A reference that is
 * nothing but spaces and hyphens is refused with a 400 on `body.caseReference`.
 */
export async function recordThreat(
  trx: Kysely<Database> | Transaction<Database>,
  deps: AppDeps,
  input: {
    caseReference: string;
    incidentId: string;
    organisationId: string;
    typeId: string;
    occurredAt: Date;
    createdBy: string | null;
  },
): Promise<void> {
  const hmac = hashOrRefuse(deps, input.caseReference, 'body.caseReference');
  await inTransaction(trx, async (tx) => {
    const repo = createThreatRegisterRepository({ db: tx });
    const organisationId =
      (await repo.secrecyBoundaries([input.organisationId])).get(input.organisationId) ??
      input.organisationId;
    const now = deps.now();
    const created = await repo.insertEntry({
      case_ref_hmac: hmac,
      incident_id: input.incidentId,
      organisation_id: organisationId,
      type_id: input.typeId,
      occurred_at: input.occurredAt,
      months: deps.config.threatWarningMonths,
      note: null,
      created_by: input.createdBy,
      now,
    });
    await recordAudit(
      tx,
      {
        action: 'threat_register.entry_created',
        actorId: input.createdBy,
        organisationId,
        targetType: 'threat_register_entry',
        targetId: created.id,
        fields: ENTRY_FIELDS.filter((f) => f !== 'note'),
      },
      now,
    );
  });
}
