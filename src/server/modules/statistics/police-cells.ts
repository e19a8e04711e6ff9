import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';

/**
 * Rebuilds the police events' picture cells (source 'police') of a municipality — all municipalities
 * when null — from police_events, inside the caller's transaction.
 */
export async function rebuildPoliceCells(
  _trx: Kysely<Database>,
  _municipalityId: string | null,
): Promise<void> {
  throw new Error('rebuildPoliceCells: not implemented yet');
}
