import type { AppDeps } from '../../platform/context.ts';

export interface PoliceImportInput {
  /** The feed's JSON text (an array of events) or the parsed array. */
  events: string | unknown[];
  origin: 'cli' | 'upload' | 'feed';
  fileName: string | null;
  actorId: string | null;
  /** Called as events are validated and written. */
  onProgress?: (done: number, total: number, stage: 'validating' | 'writing') => void | Promise<void>;
}

export interface PoliceImportResult {
  importId: string | null;
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Events of our municipality that could not be placed below it. */
  unplaced: number;
  /** Events of our municipality. */
  inMunicipality: number;
  unmappedTypes: string[];
}

/**
 * Imports police events in one transaction: validates every event first (nothing written on error),
 * deduplicates by id (a changed event replaces the stored one), places each event, then rebuilds the
 * police cells of the picture. A re-import of the same file changes nothing.
 */
export async function importPoliceEvents(
  _deps: AppDeps,
  _input: PoliceImportInput,
): Promise<PoliceImportResult> {
  throw new Error('importPoliceEvents: not implemented yet');
}
