import type { ColumnType, Generated, Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../../db/types.ts';

type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** `date` columns arrive as 'YYYY-MM-DD' strings (see the type parser in db/database.ts). */
type DateColumn = string;

export type VersionStatus = 'draft' | 'adopted' | 'retired';
export type RelationType = 'implements' | 'complements' | 'replaces' | 'governed_by';
export type IndicatorDirection = 'increase' | 'decrease' | 'maintain';

export type ProgrammesTable = {
  id: Generated<string>;
  organisation_id: string;
  created_at: DefaultTimestamp;
};

export type ProgrammeVersionsTable = {
  id: Generated<string>;
  programme_id: string;
  label: string;
  title_sv: string;
  title_en: string;
  summary_sv: string | null;
  summary_en: string | null;
  status: ColumnType<VersionStatus, VersionStatus | undefined, VersionStatus>;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  copied_from_id: string | null;
  adopted_on: DateColumn | null;
  decision_reference: string | null;
  replaces_id: string | null;
  retired_on: DateColumn | null;
  retirement_reference: string | null;
  retired_by_id: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};

export type GoalAreasTable = {
  id: Generated<string>;
  version_id: string;
  position: number;
  title_sv: string;
  title_en: string;
  description_sv: string;
  description_en: string;
  copied_from_id: string | null;
};

export type FocusAreasTable = {
  id: Generated<string>;
  version_id: string;
  position: number;
  title_sv: string;
  title_en: string;
  description_sv: string;
  description_en: string;
  communication_sv: string;
  communication_en: string;
  copied_from_id: string | null;
};

export type FocusAreaGoalsTable = {
  version_id: string;
  focus_area_id: string;
  goal_area_id: string;
};

export type ObjectivesTable = {
  id: Generated<string>;
  version_id: string;
  focus_area_id: string;
  position: number;
  title_sv: string;
  title_en: string;
  description_sv: string | null;
  description_en: string | null;
  copied_from_id: string | null;
};

export type IndicatorsTable = {
  id: Generated<string>;
  version_id: string;
  focus_area_id: string;
  position: number;
  name_sv: string;
  name_en: string;
  unit_sv: string;
  unit_en: string;
  direction: IndicatorDirection;
  baseline_value: number | null;
  baseline_year: number | null;
  target_value: number | null;
  target_year: number | null;
  copied_from_id: string | null;
};

export type ExternalDocumentsTable = {
  id: Generated<string>;
  organisation_id: string;
  title_sv: string;
  title_en: string;
  issuer_sv: string;
  issuer_en: string;
  year: number;
  reference: string | null;
  created_at: DefaultTimestamp;
};

export type RelationsTable = {
  id: Generated<string>;
  version_id: string;
  type: RelationType;
  target_version_id: string | null;
  target_external_id: string | null;
  note_sv: string | null;
  note_en: string | null;
  created_at: DefaultTimestamp;
};

/** The programme's tables (migration 0007), added to the shared `Database` with `withTables` (type aliases, not interfaces, as `withTables` wants index-compatible types). */
export type ProgrammeTables = {
  programmes: ProgrammesTable;
  programme_versions: ProgrammeVersionsTable;
  programme_goal_areas: GoalAreasTable;
  programme_focus_areas: FocusAreasTable;
  programme_focus_area_goals: FocusAreaGoalsTable;
  programme_objectives: ObjectivesTable;
  programme_indicators: IndicatorsTable;
  external_steering_documents: ExternalDocumentsTable;
  programme_relations: RelationsTable;
};

/** The same connection (or transaction) typed with the programme's tables. */
export function programmeDb(db: Kysely<Database> | Transaction<Database>) {
  return db.withTables<ProgrammeTables>();
}

export type VersionRow = Selectable<ProgrammeVersionsTable>;
export type GoalAreaRow = Selectable<GoalAreasTable>;
export type FocusAreaRow = Selectable<FocusAreasTable>;
export type ObjectiveRow = Selectable<ObjectivesTable>;
export type IndicatorRow = Selectable<IndicatorsTable>;
export type ExternalDocumentRow = Selectable<ExternalDocumentsTable>;
export type RelationRow = Selectable<RelationsTable>;
