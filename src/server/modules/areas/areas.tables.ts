import type { ColumnType, Generated, Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../../db/types.ts';
import { type AuditEntry, recordAudit } from '../../platform/audit.ts';

type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A calendar day as `YYYY-MM-DD` (the pg driver leaves dates as text). */
type Day = string;
/** A native geometric value, written as text (`'(x1,y1),(x2,y2)'`) and read back as text. */
type Geometric = ColumnType<string, string, string>;

/** A GeoJSON Polygon or MultiPolygon in WGS84 (longitude, latitude). */
export type AreaGeometry =
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] };

/** `areas` as migrations 0002 and 0003 leave it. */
export interface AreasTable {
  id: Generated<string>;
  parent_id: string | null;
  level: string;
  name: string;
  code: string | null;
  municipality_id: string;
  depth: number;
  valid_from: Day | null;
  valid_to: Day | null;
  geojson: ColumnType<AreaGeometry | null, string | null, string | null>;
  geometry_derived: ColumnType<boolean, boolean | undefined, boolean>;
  bbox: Geometric | null;
  import_id: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface AreaRingsTable {
  area_id: string;
  polygon_index: number;
  ring_index: number;
  is_hole: boolean;
  ring: Geometric;
}

export interface AreaImportsTable {
  id: Generated<string>;
  municipality_id: string;
  file_name: string;
  parent_file_name: string | null;
  level: string;
  parent_level: string | null;
  name_property: string;
  imported_at: Timestamp;
  imported_by: string | null;
  feature_count: number;
  created_count: number;
  updated_count: number;
  unchanged_count: number;
  parents_created_count: number;
  source_sha256: string;
}

export type AreasDatabase = Omit<Database, 'areas'> & {
  areas: AreasTable;
  area_rings: AreaRingsTable;
  area_imports: AreaImportsTable;
};

export type AreasDb = Kysely<AreasDatabase>;
export type AreasTrx = Transaction<AreasDatabase>;
export type AreaRecord = Selectable<AreasTable>;
export type AreaImportRecord = Selectable<AreaImportsTable>;

/** The same connection seen with this module's table types (db/types.ts knows only the foundation). */
export function areasDb(db: Kysely<Database> | AreasDb): AreasDb {
  return db as unknown as AreasDb;
}

/** `recordAudit` for a transaction opened on the areas view of the database. */
export function audit(trx: AreasTrx, entry: AuditEntry, now: Date): Promise<void> {
  return recordAudit(trx as unknown as Transaction<Database>, entry, now);
}
