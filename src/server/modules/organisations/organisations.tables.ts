import type { ColumnType, Generated, Kysely, Selectable, Transaction } from 'kysely';
import type { CommitteeType, OrganisationKind } from '../../../domain/roles.ts';
import type { Database } from '../../db/types.ts';
import { type AuditEntry, recordAudit } from '../../platform/audit.ts';

type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A calendar day as `YYYY-MM-DD` (the pg driver is set to leave dates as text). */
type Day = string;

/** `organisations` as migration 0004 leaves it (db/types.ts still has the 0001 shape). */
export interface StructureOrganisationsTable {
  id: Generated<string>;
  name: string;
  kind: OrganisationKind;
  parent_id: string | null;
  committee_type: CommitteeType | null;
  code: string | null;
  valid_from: Day | null;
  valid_to: Day | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface OrganisationSuccessionsTable {
  predecessor_id: string;
  successor_id: string;
  kind: 'merge' | 'split';
  change_id: string;
  effective_date: Day;
  created_at: DefaultTimestamp;
}

export interface OrganisationAreasTable {
  id: Generated<string>;
  organisation_id: string;
  area_id: string;
  valid_from: Day | null;
  valid_to: Day | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

/** The columns of the core `areas` table (0002) this module reads: names for presenting responsibility. */
export interface AreasRefTable {
  id: Generated<string>;
  parent_id: string | null;
  level: string;
  name: string;
  code: string | null;
}

export type StructureDatabase = Omit<Database, 'organisations' | 'areas'> & {
  organisations: StructureOrganisationsTable;
  organisation_successions: OrganisationSuccessionsTable;
  organisation_areas: OrganisationAreasTable;
  areas: AreasRefTable;
};

export type StructureDb = Kysely<StructureDatabase>;
export type StructureTrx = Transaction<StructureDatabase>;
export type OrganisationRecord = Selectable<StructureOrganisationsTable>;
export type SuccessionRecord = Selectable<OrganisationSuccessionsTable>;
export type AreaResponsibilityRecord = Selectable<OrganisationAreasTable>;

/** The same connection seen with this module's table types. */
export function structureDb(db: Kysely<Database> | StructureDb): StructureDb {
  return db as unknown as StructureDb;
}

/** `recordAudit` for a transaction opened on the structure view of the database. */
export function audit(trx: StructureTrx, entry: AuditEntry, now: Date): Promise<void> {
  return recordAudit(trx as unknown as Transaction<Database>, entry, now);
}
