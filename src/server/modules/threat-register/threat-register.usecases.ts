import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/types.ts';
import type { AppDeps } from '../../platform/context.ts';

/**
 * Records a known threat from a report that names a client's case reference: only the keyed hash
 * (HMAC-SHA-256 under the configured secret) is stored, with the date and type, expiring after
 * `threatWarningMonths`. Called by the report use case inside its transaction.
 */
export async function recordThreat(
  _trx: Kysely<Database> | Transaction<Database>,
  _deps: AppDeps,
  _input: {
    caseReference: string;
    incidentId: string;
    organisationId: string;
    typeId: string;
    occurredAt: Date;
    createdBy: string | null;
  },
): Promise<void> {}
