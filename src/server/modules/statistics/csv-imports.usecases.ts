import type { AppDeps } from '../../platform/context.ts';

export type StatisticsCsvKind = 'survey' | 'population' | 'reported_crime';

export interface CsvImportInput {
  kind: StatisticsCsvKind;
  csv: string | Buffer;
  origin: 'cli' | 'upload';
  fileName: string | null;
  actorId: string | null;
  dryRun?: boolean;
  onProgress?: (done: number, total: number, stage: 'validating' | 'writing') => void | Promise<void>;
}

export interface CsvImportResult {
  importId: string | null;
  kind: StatisticsCsvKind;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  coverageFrom: string | null;
  coverageTo: string | null;
}

/** Validates every row first; on any error throws with per-row errors and writes nothing. Idempotent. */
export async function importStatisticsCsv(_deps: AppDeps, _input: CsvImportInput): Promise<CsvImportResult> {
  throw new Error('importStatisticsCsv: not implemented yet');
}
