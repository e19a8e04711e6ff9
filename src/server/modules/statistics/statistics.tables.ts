import type { ColumnType, Generated, Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** `date` columns arrive as 'YYYY-MM-DD' strings. */
type DateColumn = string;
/** numeric arrives as a string. */
type NumericColumn = ColumnType<string, number | string, number | string>;

export type StatisticsImportKind = 'police_events' | 'survey' | 'population' | 'reported_crime';

export type StatisticsImportsTable = {
  id: Generated<string>;
  municipality_id: string;
  kind: StatisticsImportKind;
  origin: 'cli' | 'upload' | 'feed';
  file_name: string | null;
  source_sha256: string;
  row_count: number;
  created_count: ColumnType<number, number | undefined, number>;
  updated_count: ColumnType<number, number | undefined, number>;
  unchanged_count: ColumnType<number, number | undefined, number>;
  unplaced_count: ColumnType<number, number | undefined, number>;
  coverage_from: DateColumn | null;
  coverage_to: DateColumn | null;
  imported_at: Timestamp;
  imported_by: string | null;
};

export type SurveyResultsTable = {
  area_id: string;
  year: number;
  question_code: string;
  question_label: string;
  group_kind: string;
  group_value: string;
  value: NumericColumn;
  respondents: number | null;
  import_id: string | null;
};

export type PopulationTable = {
  area_id: string;
  year: number;
  gender: 'woman' | 'man' | 'other';
  age_band: string;
  count: number;
  import_id: string | null;
};

export type ReportedCrimeTable = {
  area_id: string;
  period_start: DateColumn;
  period_end: DateColumn;
  crime_type: string;
  count: number;
  import_id: string | null;
};

export type PoliceEventsTable = {
  id: ColumnType<string, number | string, number | string>;
  occurred_at: Timestamp;
  feed_datetime: string;
  name: string;
  summary: string;
  url: string | null;
  police_type: string;
  location_name: string;
  gps_lat: number | null;
  gps_lon: number | null;
  municipality_name: string | null;
  municipality_id: string | null;
  area_id: string | null;
  area_path: ColumnType<string[], string[] | undefined, string[]>;
  place_level: string;
  place_rule: string;
  ambiguous_names: ColumnType<string[], string[] | undefined, string[]>;
  content_sha256: string;
  import_id: string | null;
  first_seen_at: Timestamp;
  updated_at: Timestamp;
};

export type PoliceTypeMappingsTable = {
  police_type: string;
  incident_type_id: string | null;
  focus_areas: ColumnType<string[], string[] | undefined, string[]>;
  violent_extremism: ColumnType<boolean, boolean | undefined, boolean>;
  counted: ColumnType<boolean, boolean | undefined, boolean>;
  updated_at: DefaultTimestamp;
  updated_by: string | null;
};

export type PoliceFeedFetchesTable = {
  id: Generated<string>;
  fetched_at: Timestamp;
  url: string;
  status: number | null;
  event_count: number | null;
  error: string | null;
};

export type StatisticsTables = {
  statistics_imports: StatisticsImportsTable;
  survey_results: SurveyResultsTable;
  population: PopulationTable;
  reported_crime: ReportedCrimeTable;
  police_events: PoliceEventsTable;
  police_type_mappings: PoliceTypeMappingsTable;
  police_feed_fetches: PoliceFeedFetchesTable;
};

/** The statistics tables (police events, surveys, population, reported crime, their imports). */
export function statisticsDb(db: Kysely<Database>) {
  return db.withTables<StatisticsTables>();
}
