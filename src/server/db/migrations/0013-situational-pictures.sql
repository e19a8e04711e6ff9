-- Situational pictures (lägesbilder): police events, surveys, population and reported crime; rollups kept
-- current with every incident write; picture documents, frozen snapshots and the yearly cycle; background
-- tasks (long imports and exports with progress).
--
-- Months, days, weekdays and hours of rollups are Europe/Stockholm wall-clock time.

-- Violent extremism is its own section of the picture, visible only to roles granted it. Incident types
-- (and police types, below) say whether they belong to it.
ALTER TABLE incident_types ADD COLUMN violent_extremism boolean NOT NULL DEFAULT false;

WITH t AS (
  INSERT INTO incident_types (code, group_code, sort_order, violent_extremism)
  VALUES ('violent_extremism_signs', 'security', 540, true)
  RETURNING id
)
INSERT INTO incident_type_versions (type_id, version, label_sv, label_en, focus_areas, work_environment_kinds,
  serious, need_to_know, anonymous_allowed, threat_register)
SELECT t.id, 1, 'Tecken på våldsbejakande extremism', 'Signs of violent extremism', '{crime,protective_security}',
  '{}', false, true, true, false
FROM t;

-- Long work (an upload of 70,000 police events, a PDF of a city-wide picture) runs as a task in the
-- background; the person who started it follows its progress and downloads the result.
CREATE TABLE background_tasks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_.]{0,99}$'),
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  organisation_id uuid REFERENCES organisations (id),
  progress_done integer NOT NULL DEFAULT 0 CHECK (progress_done >= 0),
  progress_total integer CHECK (progress_total IS NULL OR progress_total >= 0),
  -- A message key for what the task is doing now (e.g. 'validating', 'writing').
  progress_stage text CHECK (progress_stage IS NULL OR length(progress_stage) <= 100),
  params jsonb NOT NULL DEFAULT '{}',
  result jsonb,
  error jsonb,
  -- The produced file (exports), under the data folder; removed when the task expires.
  file_path text,
  file_name text CHECK (file_name IS NULL OR length(file_name) <= 300),
  media_type text,
  file_size bigint,
  created_at timestamptz NOT NULL,
  started_at timestamptz,
  finished_at timestamptz,
  expires_at timestamptz
);
CREATE INDEX background_tasks_creator_idx ON background_tasks (created_by, created_at DESC);
CREATE INDEX background_tasks_open_idx ON background_tasks (status) WHERE status IN ('queued', 'running');

-- One import of police events, survey results, population or reported crime.
CREATE TABLE statistics_imports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES organisations (id),
  kind text NOT NULL CHECK (kind IN ('police_events', 'survey', 'population', 'reported_crime')),
  origin text NOT NULL CHECK (origin IN ('cli', 'upload', 'feed')),
  file_name text CHECK (file_name IS NULL OR length(file_name) BETWEEN 1 AND 300),
  source_sha256 text NOT NULL,
  row_count integer NOT NULL CHECK (row_count >= 0),
  created_count integer NOT NULL DEFAULT 0 CHECK (created_count >= 0),
  updated_count integer NOT NULL DEFAULT 0 CHECK (updated_count >= 0),
  unchanged_count integer NOT NULL DEFAULT 0 CHECK (unchanged_count >= 0),
  -- Police events of the municipality that could not be placed below it.
  unplaced_count integer NOT NULL DEFAULT 0 CHECK (unplaced_count >= 0),
  coverage_from date,
  coverage_to date,
  imported_at timestamptz NOT NULL,
  imported_by uuid REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX statistics_imports_kind_idx ON statistics_imports (municipality_id, kind, imported_at DESC);

-- Police events exactly as the feed gives them, plus where we placed them. All events of a file are
-- kept (also other municipalities'), so counts can be checked against the file; pictures count only
-- the municipality's own.
CREATE TABLE police_events (
  -- The feed's id: an event seen again replaces the stored one when its content changed.
  id bigint PRIMARY KEY,
  occurred_at timestamptz NOT NULL,
  feed_datetime text NOT NULL CHECK (length(feed_datetime) <= 50),
  name text NOT NULL CHECK (length(name) <= 500),
  summary text NOT NULL CHECK (length(summary) <= 5000),
  url text CHECK (url IS NULL OR length(url) <= 1000),
  police_type text NOT NULL CHECK (length(police_type) BETWEEN 1 AND 200),
  location_name text NOT NULL CHECK (length(location_name) <= 200),
  gps_lat double precision,
  gps_lon double precision,
  -- The municipality read from `location.name`, or from the end of `name` when the location is a county.
  municipality_name text,
  -- Set when that municipality is one of ours (the root organisation whose root area has that name).
  municipality_id uuid REFERENCES organisations (id),
  -- The finest area the event was placed in (the municipality's root area when nothing finer was
  -- found) and its path from the root; NULL outside our municipalities.
  area_id uuid REFERENCES areas (id) ON DELETE SET NULL,
  area_path uuid[] NOT NULL DEFAULT '{}',
  -- 'outside', 'municipality' or the level of the area placed in (e.g. 'district_area', 'neighbourhood').
  place_level text NOT NULL,
  -- Which rule placed it: 'location_name', 'name_suffix', 'text_name', 'text_summary', 'ambiguous', 'none'.
  place_rule text NOT NULL,
  -- Area names found in the text that matched more than one area (flagged for review).
  ambiguous_names text[] NOT NULL DEFAULT '{}',
  content_sha256 text NOT NULL,
  import_id uuid REFERENCES statistics_imports (id),
  first_seen_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX police_events_municipality_idx ON police_events (municipality_id, occurred_at);
CREATE INDEX police_events_type_idx ON police_events (police_type);
CREATE INDEX police_events_area_path_idx ON police_events USING gin (area_path);

-- Police types → our taxonomy and focus areas; editable. A type missing here is listed as unmapped
-- (its events are kept and counted under their own name).
CREATE TABLE police_type_mappings (
  police_type text PRIMARY KEY CHECK (length(police_type) BETWEEN 1 AND 200),
  incident_type_id uuid REFERENCES incident_types (id),
  focus_areas text[] NOT NULL DEFAULT '{}',
  violent_extremism boolean NOT NULL DEFAULT false,
  -- False for the feed's summaries ("Sammanfattning natt") and notices that are not events.
  counted boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users (id) ON DELETE SET NULL
);

-- The feed fetch: when it last ran (the feed's rules: at least 10 s between calls, at most 60 an hour).
CREATE TABLE police_feed_fetches (
  id bigserial PRIMARY KEY,
  fetched_at timestamptz NOT NULL,
  url text NOT NULL,
  status integer,
  event_count integer,
  error text
);
CREATE INDEX police_feed_fetches_time_idx ON police_feed_fetches (fetched_at DESC);

-- Safety survey results (e.g. share "often worried about crime") per area, year, question and group.
CREATE TABLE survey_results (
  area_id uuid NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
  year integer NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  question_code text NOT NULL CHECK (question_code ~ '^[a-z][a-z0-9_]{0,99}$'),
  question_label text NOT NULL CHECK (length(question_label) BETWEEN 1 AND 500),
  -- 'all', 'gender', 'age_band', 'foreign_born', 'disability' …; group_value '' for 'all'.
  group_kind text NOT NULL CHECK (group_kind ~ '^[a-z][a-z0-9_]{0,49}$'),
  group_value text NOT NULL CHECK (length(group_value) <= 100),
  value numeric(12, 3) NOT NULL,
  respondents integer CHECK (respondents IS NULL OR respondents >= 0),
  import_id uuid REFERENCES statistics_imports (id),
  PRIMARY KEY (area_id, year, question_code, group_kind, group_value)
);

-- Inhabitants per area, year, gender and age band (rates per 1,000 inhabitants).
CREATE TABLE population (
  area_id uuid NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
  year integer NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  gender text NOT NULL CHECK (gender IN ('woman', 'man', 'other')),
  age_band text NOT NULL CHECK (length(age_band) BETWEEN 1 AND 20),
  count integer NOT NULL CHECK (count >= 0),
  import_id uuid REFERENCES statistics_imports (id),
  PRIMARY KEY (area_id, year, gender, age_band)
);

-- Reported crime (Brå's statistics) per area, period and crime type.
CREATE TABLE reported_crime (
  area_id uuid NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
  period_start date NOT NULL,
  period_end date NOT NULL,
  crime_type text NOT NULL CHECK (length(crime_type) BETWEEN 1 AND 200),
  count integer NOT NULL CHECK (count >= 0),
  import_id uuid REFERENCES statistics_imports (id),
  PRIMARY KEY (area_id, period_start, period_end, crime_type),
  CHECK (period_end >= period_start)
);

-- Rollups of own incidents: counts per day × organisation × area × type × affected gender × source, kept
-- in the same transaction as every incident write. `area_id` NULL: the incident was not placed in an area.
CREATE TABLE incident_rollups (
  day date NOT NULL,
  organisation_id uuid NOT NULL,
  area_id uuid,
  type_id uuid NOT NULL,
  gender text NOT NULL,
  source text NOT NULL,
  count integer NOT NULL CHECK (count >= 0),
  CONSTRAINT incident_rollups_key UNIQUE NULLS NOT DISTINCT (day, organisation_id, area_id, type_id, gender, source)
);
CREATE INDEX incident_rollups_area_idx ON incident_rollups (area_id, day);

-- The picture's cells: monthly counts per scope, small enough that a city-wide picture reads a few
-- thousand rows. A scope is an area (every area on the path of the incident or police event, the
-- municipality's root area included) or an organisation (the incident's organisation and each one
-- above it). Grains: 'total' (gender only), 'type' (category × gender), 'hour' (weekday × hour × gender).
-- Own incidents: source 'own', category = the incident type's code. Police events: source 'police',
-- category = the police type, gender 'unknown'.
CREATE TABLE picture_cells (
  scope_id uuid NOT NULL,
  month date NOT NULL,
  source text NOT NULL CHECK (source IN ('own', 'police')),
  grain text NOT NULL CHECK (grain IN ('total', 'type', 'hour')),
  category text NOT NULL DEFAULT '',
  -- ISO weekday 1–7 and hour 0–23 for grain 'hour'; 0 and -1 otherwise.
  weekday smallint NOT NULL DEFAULT 0,
  hour smallint NOT NULL DEFAULT -1,
  gender text NOT NULL,
  count integer NOT NULL CHECK (count >= 0),
  PRIMARY KEY (scope_id, source, grain, month, category, weekday, hour, gender)
);

-- A situational picture being written: which organisation's, for which areas and period, and the
-- coordinator's text. Figures are computed live until a snapshot freezes them.
CREATE TABLE pictures (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES organisations (id),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
  cycle_year integer NOT NULL CHECK (cycle_year BETWEEN 2000 AND 2200),
  -- Chosen areas; empty: the areas the organisation answers for.
  area_ids uuid[] NOT NULL DEFAULT '{}',
  -- Whole months: first day of the first month, first day of the last month.
  period_from date NOT NULL,
  period_to date NOT NULL,
  compare_from date NOT NULL,
  compare_to date NOT NULL,
  -- Brå's questions: { whereGreatest, comparedWith, trend, sourcesAndLimits, conclusions } → text.
  analysis jsonb NOT NULL DEFAULT '{}',
  -- Other relevant information written by the coordinator.
  notes text NOT NULL DEFAULT '' CHECK (length(notes) <= 20000),
  extremism_analysis text NOT NULL DEFAULT '' CHECK (length(extremism_analysis) <= 20000),
  revision integer NOT NULL DEFAULT 1,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL,
  updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL,
  CHECK (period_to >= period_from AND compare_to >= compare_from)
);
CREATE INDEX pictures_organisation_idx ON pictures (organisation_id, cycle_year);

-- A frozen, dated version: the figures as they were (never recomputed) and the text.
CREATE TABLE picture_snapshots (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  picture_id uuid NOT NULL REFERENCES pictures (id),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  cycle_year integer NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  title text NOT NULL,
  -- The Picture document (src/domain/api/pictures.ts) without the extremism section, suppressed as
  -- it would be shown outside need-to-know.
  figures jsonb NOT NULL,
  analysis jsonb NOT NULL,
  notes text NOT NULL,
  -- The extremism section's figures and text, shown only to holders of extremism.read.
  extremism jsonb,
  status text NOT NULL DEFAULT 'frozen' CHECK (status IN ('frozen', 'signed', 'submitted')),
  frozen_at timestamptz NOT NULL,
  frozen_by uuid REFERENCES users (id) ON DELETE SET NULL,
  signed_at timestamptz,
  signed_by uuid REFERENCES users (id) ON DELETE SET NULL,
  submitted_at timestamptz,
  submitted_by uuid REFERENCES users (id) ON DELETE SET NULL,
  UNIQUE (picture_id, version),
  CHECK ((status = 'frozen') OR signed_at IS NOT NULL),
  CHECK ((status <> 'submitted') OR submitted_at IS NOT NULL)
);
CREATE INDEX picture_snapshots_cycle_idx ON picture_snapshots (cycle_year, organisation_id);

-- The yearly cycle: when each year's risk and situational pictures are due at the executive board.
CREATE TABLE picture_cycles (
  municipality_id uuid NOT NULL REFERENCES organisations (id),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2200),
  deadline date NOT NULL,
  updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (municipality_id, year)
);
