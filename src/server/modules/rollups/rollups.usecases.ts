import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';

type Executor = Kysely<Database>;

/**
 * Adds (+1) or removes (-1) the given incidents' current rows to/from the rollups (incident_rollups and
 * the 'own' picture_cells), reading the incidents as they are now in `trx`. Call with -1 before a change
 * that moves an incident (type, time, area, organisation, gender, source) or deletes it, and with +1
 * after inserting or changing it — inside the same transaction.
 */
export async function applyIncidentRollups(
  _trx: Executor,
  _incidentIds: readonly string[],
  _sign: 1 | -1,
): Promise<void> {
  throw new Error('applyIncidentRollups: not implemented yet');
}

/** Rebuilds every rollup from the raw rows, in one transaction. */
export async function rebuildAllRollups(_db: Executor): Promise<{ incidentRows: number; cellRows: number }> {
  throw new Error('rebuildAllRollups: not implemented yet');
}
