import type { ColumnType, Generated, Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** `date` columns arrive as 'YYYY-MM-DD' strings. */
type DateColumn = string;
type Json<T> = ColumnType<T, string, string>;

export type PicturesTable = {
  id: Generated<string>;
  municipality_id: string;
  organisation_id: string;
  title: string;
  cycle_year: number;
  area_ids: ColumnType<string[], string[] | undefined, string[]>;
  period_from: DateColumn;
  period_to: DateColumn;
  compare_from: DateColumn;
  compare_to: DateColumn;
  analysis: Json<Record<string, string>>;
  notes: ColumnType<string, string | undefined, string>;
  extremism_analysis: ColumnType<string, string | undefined, string>;
  revision: ColumnType<number, number | undefined, number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_by: string | null;
  updated_at: Timestamp;
};

export type PictureSnapshotsTable = {
  id: Generated<string>;
  picture_id: string;
  organisation_id: string;
  cycle_year: number;
  version: number;
  title: string;
  figures: Json<unknown>;
  analysis: Json<Record<string, string>>;
  notes: string;
  extremism: ColumnType<unknown, string | null, string | null>;
  status: ColumnType<'frozen' | 'signed' | 'submitted', 'frozen' | 'signed' | 'submitted' | undefined>;
  frozen_at: Timestamp;
  frozen_by: string | null;
  signed_at: NullableTimestamp;
  signed_by: string | null;
  submitted_at: NullableTimestamp;
  submitted_by: string | null;
};

export type PictureCyclesTable = {
  municipality_id: string;
  year: number;
  deadline: DateColumn;
  updated_by: string | null;
  updated_at: Timestamp;
};

export type PictureTables = {
  pictures: PicturesTable;
  picture_snapshots: PictureSnapshotsTable;
  picture_cycles: PictureCyclesTable;
};

export function picturesDb(db: Kysely<Database>) {
  return db.withTables<PictureTables>();
}
