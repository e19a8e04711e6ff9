import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';

/** `date` columns arrive as 'YYYY-MM-DD' strings. */
type DateColumn = string;

export type IncidentRollupsTable = {
  day: DateColumn;
  organisation_id: string;
  area_id: string | null;
  type_id: string;
  gender: string;
  source: string;
  count: number;
};

export type PictureCellSource = 'own' | 'police';
export type PictureCellGrain = 'total' | 'type' | 'hour';

export type PictureCellsTable = {
  scope_id: string;
  month: DateColumn;
  source: PictureCellSource;
  grain: PictureCellGrain;
  category: string;
  weekday: number;
  hour: number;
  gender: string;
  count: number;
};

export type RollupTables = {
  incident_rollups: IncidentRollupsTable;
  picture_cells: PictureCellsTable;
};

export function rollupsDb(db: Kysely<Database>) {
  return db.withTables<RollupTables>();
}
