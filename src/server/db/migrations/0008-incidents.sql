-- Incident reporting and handling (issue 4): the taxonomy as versioned data, reports with their
-- routing, timeline, attachments and support checklist, in-app/e-mail notifications, the
-- known-threat register (keyed hashes only) and Swedish full-text search.

-- Trusted extensions: the database owner may create them (PostgreSQL ≥ 13).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- Swedish stemming that also ignores accents ("Hägersten" finds "hagersten").
CREATE TEXT SEARCH CONFIGURATION trygg_swedish (COPY = pg_catalog.swedish);
ALTER TEXT SEARCH CONFIGURATION trygg_swedish
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, swedish_stem;

-- unaccent() is only STABLE; this fixed-dictionary wrapper may be used in indexes.
CREATE FUNCTION trygg_fold(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$;

-- The programme's focus areas (domain.md §1), by a stable code so that types keep their mapping
-- across programme versions.
CREATE TABLE focus_areas (
  code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{0,49}$'),
  position integer NOT NULL UNIQUE,
  label_sv text NOT NULL,
  label_en text NOT NULL
);
INSERT INTO focus_areas (code, position, label_sv, label_en) VALUES
  ('accidents', 1, 'Förebygga olyckor', 'Prevent accidents'),
  ('crime', 2, 'Förebygga brott', 'Prevent crime'),
  ('undue_influence_threats', 3, 'Förebygga otillåten påverkan samt hot och våld mot anställda',
    'Prevent undue influence, threats and violence against employees'),
  ('resilience', 4, 'Bygga motståndskraft och krishanteringsförmåga', 'Build resilience and crisis management'),
  ('protective_security', 5, 'Bygga ett gott säkerhetsskydd', 'Build good protective security');

CREATE TABLE incident_type_groups (
  code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{0,49}$'),
  label_sv text NOT NULL,
  label_en text NOT NULL,
  sort_order integer NOT NULL DEFAULT 0
);
INSERT INTO incident_type_groups (code, label_sv, label_en, sort_order) VALUES
  ('accident', 'Olycka', 'Accident', 10),
  ('crime', 'Brott och ordningsstörning', 'Crime and disorder', 20),
  ('threat_violence', 'Hot eller våld mot anställd eller förtroendevald',
    'Threat or violence against an employee or elected official', 30),
  ('undue_influence', 'Otillåten påverkan', 'Undue influence', 40),
  ('facility_observation', 'Iakttagelse nära verksamhet', 'Observation near a facility', 50),
  ('security', 'Säkerhetsincident', 'Security incident', 60);

-- A type's identity; what it means lives in versions, so an edit never changes old reports.
CREATE TABLE incident_types (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE CHECK (code ~ '^[a-z][a-z0-9_]{0,59}$'),
  group_code text NOT NULL REFERENCES incident_type_groups (code),
  current_version integer NOT NULL DEFAULT 1,
  active boolean NOT NULL DEFAULT true,
  sort_order integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE incident_type_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  type_id uuid NOT NULL REFERENCES incident_types (id) ON DELETE CASCADE,
  version integer NOT NULL CHECK (version > 0),
  label_sv text NOT NULL CHECK (length(btrim(label_sv)) BETWEEN 1 AND 200),
  label_en text NOT NULL CHECK (length(btrim(label_en)) BETWEEN 1 AND 200),
  description_sv text CHECK (description_sv IS NULL OR length(description_sv) <= 2000),
  description_en text CHECK (description_en IS NULL OR length(description_en) <= 2000),
  -- Focus area codes (focus_areas.code) and work-environment report kinds.
  focus_areas text[] NOT NULL CHECK (cardinality(focus_areas) >= 1),
  work_environment_kinds text[] NOT NULL DEFAULT '{}'
    CHECK (work_environment_kinds <@ ARRAY['work_injury', 'near_miss', 'risk_observation']::text[]),
  -- Always a serious event (reported to the Work Environment Authority within 24 hours).
  serious boolean NOT NULL DEFAULT false,
  -- Need-to-know: only the affected person, their manager, the security coordinator and people granted access.
  need_to_know boolean NOT NULL DEFAULT false,
  anonymous_allowed boolean NOT NULL DEFAULT false,
  -- Offers the case reference field for the known-threat register.
  threat_register boolean NOT NULL DEFAULT false,
  -- Months after closure before the daily job acts; null = the configured default.
  retention_months integer CHECK (retention_months IS NULL OR retention_months BETWEEN 1 AND 1200),
  retention_action text NOT NULL DEFAULT 'anonymise' CHECK (retention_action IN ('anonymise', 'delete')),
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (type_id, version)
);

-- The starting taxonomy (administrators edit it; every edit is a new version).
WITH seed (code, group_code, sort_order, label_sv, label_en, focus, wek, serious, ntk, anon, threat_reg) AS (
  VALUES
  ('fall_slip', 'accident', 10, 'Fall eller halka', 'Fall or slip', '{accidents}', '{work_injury,near_miss}', false, false, false, false),
  ('traffic_accident', 'accident', 20, 'Trafikolycka', 'Traffic accident', '{accidents}', '{work_injury,near_miss}', false, false, false, false),
  ('fire', 'accident', 30, 'Brand eller brandtillbud', 'Fire or near fire', '{accidents}', '{work_injury,near_miss,risk_observation}', false, false, false, false),
  ('work_injury_other', 'accident', 40, 'Annan arbetsskada', 'Other work injury', '{accidents}', '{work_injury}', false, false, false, false),
  ('risk_observation', 'accident', 50, 'Riskobservation', 'Risk observation', '{accidents}', '{risk_observation}', false, false, true, false),
  ('theft', 'crime', 110, 'Stöld', 'Theft', '{crime}', '{}', false, false, false, false),
  ('burglary', 'crime', 120, 'Inbrott', 'Burglary', '{crime}', '{}', false, false, false, false),
  ('vandalism', 'crime', 130, 'Skadegörelse eller klotter', 'Vandalism or graffiti', '{crime}', '{}', false, false, true, false),
  ('arson', 'crime', 140, 'Anlagd brand', 'Arson', '{crime,accidents}', '{}', false, false, false, false),
  ('disorder', 'crime', 150, 'Ordningsstörning', 'Disorder', '{crime}', '{}', false, false, true, false),
  ('threat_employee', 'threat_violence', 210, 'Hot mot anställd', 'Threat against an employee', '{undue_influence_threats}', '{work_injury,near_miss}', false, true, false, true),
  ('violence_employee', 'threat_violence', 220, 'Våld mot anställd', 'Violence against an employee', '{undue_influence_threats}', '{work_injury}', false, true, false, true),
  ('threat_elected', 'threat_violence', 230, 'Hot mot förtroendevald', 'Threat against an elected official', '{undue_influence_threats}', '{}', false, true, false, false),
  ('violence_elected', 'threat_violence', 240, 'Våld mot förtroendevald', 'Violence against an elected official', '{undue_influence_threats}', '{}', true, true, false, false),
  ('harassment', 'undue_influence', 310, 'Trakasserier', 'Harassment', '{undue_influence_threats}', '{}', false, true, false, true),
  ('undue_threat', 'undue_influence', 320, 'Hot för att påverka beslut', 'Threats to influence a decision', '{undue_influence_threats}', '{}', false, true, false, true),
  ('undue_violence', 'undue_influence', 330, 'Våld för att påverka beslut', 'Violence to influence a decision', '{undue_influence_threats}', '{work_injury}', true, true, false, true),
  ('undue_damage', 'undue_influence', 340, 'Skadegörelse för att påverka', 'Damage to influence a decision', '{undue_influence_threats}', '{}', false, true, false, false),
  ('bribery', 'undue_influence', 350, 'Mutförsök eller korruption', 'Bribery or corruption attempt', '{undue_influence_threats,crime}', '{}', false, true, true, false),
  ('infiltration', 'undue_influence', 360, 'Infiltration', 'Infiltration', '{undue_influence_threats,protective_security}', '{}', false, true, true, false),
  ('open_drug_dealing', 'facility_observation', 410, 'Öppen narkotikaförsäljning', 'Open drug dealing', '{crime}', '{risk_observation}', false, false, true, false),
  ('weapons', 'facility_observation', 420, 'Vapen', 'Weapons', '{crime}', '{risk_observation}', false, false, true, false),
  ('gatherings', 'facility_observation', 430, 'Otrygga ansamlingar', 'Intimidating gatherings', '{crime}', '{risk_observation}', false, false, true, false),
  ('observed_disorder', 'facility_observation', 440, 'Ordningsstörning i närheten', 'Disorder nearby', '{crime}', '{risk_observation}', false, false, true, false),
  ('information_security', 'security', 510, 'Informationssäkerhetsincident', 'Information security incident', '{protective_security}', '{}', false, true, true, false),
  ('physical_security', 'security', 520, 'Fysisk säkerhetsincident', 'Physical security incident', '{protective_security}', '{}', false, true, false, false),
  ('personnel_security', 'security', 530, 'Personalsäkerhetsincident', 'Personnel security incident', '{protective_security}', '{}', false, true, false, false)
), types AS (
  INSERT INTO incident_types (code, group_code, sort_order)
  SELECT code, group_code, sort_order FROM seed
  RETURNING id, code
)
INSERT INTO incident_type_versions (type_id, version, label_sv, label_en, focus_areas, work_environment_kinds,
  serious, need_to_know, anonymous_allowed, threat_register)
SELECT types.id, 1, seed.label_sv, seed.label_en, seed.focus::text[], seed.wek::text[], seed.serious, seed.ntk,
  seed.anon, seed.threat_reg
FROM seed JOIN types USING (code);

CREATE SEQUENCE incident_reference_seq;

CREATE TABLE incidents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Shown on the receipt, e.g. "H-2026-000123".
  reference text NOT NULL UNIQUE,
  type_id uuid NOT NULL REFERENCES incident_types (id),
  type_version_id uuid NOT NULL REFERENCES incident_type_versions (id),
  -- Copied from the type version when reported, for filters without joins.
  group_code text NOT NULL REFERENCES incident_type_groups (code),
  focus_areas text[] NOT NULL,
  need_to_know boolean NOT NULL,
  serious boolean NOT NULL DEFAULT false,
  -- The responsible committee or company, and the unit within it (routing goes to the unit's manager).
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  unit_id uuid REFERENCES organisations (id),
  -- Null when anonymous: then no identity is stored anywhere.
  reporter_id uuid REFERENCES users (id) ON DELETE SET NULL,
  anonymous boolean NOT NULL DEFAULT false,
  source text NOT NULL DEFAULT 'form' CHECK (source IN ('form', 'api', 'demo')),
  external_system text CHECK (external_system IS NULL OR length(external_system) BETWEEN 1 AND 100),
  external_id text CHECK (external_id IS NULL OR length(external_id) BETWEEN 1 AND 200),
  occurred_at timestamptz NOT NULL,
  reported_at timestamptz NOT NULL,
  -- Where: coordinates (WGS84 + SWEREF 99 TM point), the area they fall in, a facility, or text.
  lat double precision CHECK (lat BETWEEN -90 AND 90),
  lon double precision CHECK (lon BETWEEN -180 AND 180),
  location point,
  area_id uuid REFERENCES areas (id) ON DELETE SET NULL,
  area_path uuid[] NOT NULL DEFAULT '{}',
  facility_id uuid REFERENCES facilities (id) ON DELETE SET NULL,
  address_text text CHECK (address_text IS NULL OR length(address_text) <= 300),
  -- Who was affected.
  affected_kind text NOT NULL DEFAULT 'unknown'
    CHECK (affected_kind IN ('employee', 'elected_official', 'resident', 'client', 'unknown')),
  affected_gender text CHECK (affected_gender IN ('woman', 'man', 'other', 'unknown')),
  affected_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  description text NOT NULL CHECK (length(description) <= 10000),
  immediate_action text CHECK (immediate_action IS NULL OR length(immediate_action) <= 5000),
  police_called boolean NOT NULL DEFAULT false,
  police_report_number text CHECK (police_report_number IS NULL OR length(police_report_number) <= 50),
  injury boolean NOT NULL DEFAULT false,
  injury_severity text CHECK (injury_severity IN ('minor', 'serious')),
  work_environment_kind text CHECK (work_environment_kind IN ('work_injury', 'near_miss', 'risk_observation')),
  state text NOT NULL DEFAULT 'received'
    CHECK (state IN ('received', 'investigating', 'measures_decided', 'closed')),
  closed_reason text CHECK (closed_reason IS NULL OR length(closed_reason) <= 2000),
  closed_at timestamptz,
  assignee_id uuid REFERENCES users (id) ON DELETE SET NULL,
  -- Serious events: the Work Environment Authority must be told within 24 hours.
  authority_deadline_at timestamptz,
  authority_reported_at timestamptz,
  authority_reference text CHECK (authority_reference IS NULL OR length(authority_reference) <= 100),
  authority_reminder_sent_at timestamptz,
  authority_overdue_sent_at timestamptz,
  anonymised_at timestamptz,
  search tsvector GENERATED ALWAYS AS (
    to_tsvector('trygg_swedish'::regconfig,
      coalesce(description, '') || ' ' || coalesce(immediate_action, '') || ' ' || coalesce(address_text, ''))
  ) STORED,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT incidents_coordinates_together CHECK ((lat IS NULL) = (lon IS NULL) AND (lat IS NULL) = (location IS NULL)),
  CONSTRAINT incidents_anonymous_has_no_reporter CHECK (NOT anonymous OR (reporter_id IS NULL AND affected_user_id IS NULL)),
  CONSTRAINT incidents_external_together CHECK ((external_system IS NULL) = (external_id IS NULL)),
  CONSTRAINT incidents_closed_together CHECK ((state = 'closed') = (closed_at IS NOT NULL))
);
CREATE UNIQUE INDEX incidents_external_key ON incidents (external_system, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX incidents_org_occurred_idx ON incidents (organisation_id, occurred_at DESC, id DESC);
CREATE INDEX incidents_occurred_idx ON incidents (occurred_at DESC, id DESC);
CREATE INDEX incidents_unit_idx ON incidents (unit_id) WHERE unit_id IS NOT NULL;
CREATE INDEX incidents_reporter_idx ON incidents (reporter_id, reported_at DESC) WHERE reporter_id IS NOT NULL;
CREATE INDEX incidents_type_idx ON incidents (type_id);
CREATE INDEX incidents_state_idx ON incidents (state) WHERE state <> 'closed';
CREATE INDEX incidents_facility_idx ON incidents (facility_id, occurred_at DESC) WHERE facility_id IS NOT NULL;
CREATE INDEX incidents_area_path_idx ON incidents USING gin (area_path);
CREATE INDEX incidents_location_idx ON incidents USING gist (location);
CREATE INDEX incidents_search_idx ON incidents USING gin (search);
CREATE INDEX incidents_description_trgm_idx ON incidents USING gin (trygg_fold(description) gin_trgm_ops);
CREATE INDEX incidents_authority_due_idx ON incidents (authority_deadline_at)
  WHERE authority_deadline_at IS NOT NULL AND authority_reported_at IS NULL;

-- Who is involved, and so has need-to-know: the reporter, the affected person, the routed manager
-- and security coordinator, the assignee, and people granted access explicitly.
CREATE TABLE incident_participants (
  incident_id uuid NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('reporter', 'affected', 'manager', 'coordinator', 'assignee', 'granted')),
  granted_by uuid REFERENCES users (id) ON DELETE SET NULL,
  reason text CHECK (reason IS NULL OR length(reason) <= 1000),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (incident_id, user_id, role)
);
CREATE INDEX incident_participants_user_idx ON incident_participants (user_id);

-- The timeline: everything that happened to a report. Comments are events with a body; those
-- with visibility 'reporter' are shown to the reporter too.
CREATE TABLE incident_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  incident_id uuid NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  at timestamptz NOT NULL,
  actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
  kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_.]{0,59}$'),
  visibility text NOT NULL DEFAULT 'internal' CHECK (visibility IN ('internal', 'reporter')),
  body text CHECK (body IS NULL OR length(body) <= 10000),
  data jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX incident_events_incident_idx ON incident_events (incident_id, at, id);

CREATE TABLE incident_attachments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  incident_id uuid NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  -- Sniffed from the content, never taken from the client.
  media_type text NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/heic', 'application/pdf')),
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea NOT NULL,
  uploaded_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX incident_attachments_incident_idx ON incident_attachments (incident_id);

-- Files uploaded while a report is being written, before it is sent; the report takes them over in
-- its own transaction (so an anonymous report's attachments keep no uploader). Swept after a day.
CREATE TABLE incident_uploads (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  media_type text NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/heic', 'application/pdf')),
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX incident_uploads_user_idx ON incident_uploads (user_id, created_at);

-- Support for the affected person after threats or violence (AFS 2023:2), one row per item done.
CREATE TABLE incident_support_items (
  incident_id uuid NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  item text NOT NULL CHECK (item IN ('talked_with_affected', 'support_offered', 'risk_assessment', 'police_report', 'safety_measures')),
  done_on date NOT NULL,
  note text CHECK (note IS NULL OR length(note) <= 2000),
  recorded_by uuid REFERENCES users (id) ON DELETE SET NULL,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (incident_id, item)
);

-- In-app notices; e-mail is sent from the same row by a job (so nothing acknowledged is lost).
CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  incident_id uuid REFERENCES incidents (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_.]{0,59}$'),
  data jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL,
  read_at timestamptz,
  email_status text NOT NULL DEFAULT 'pending' CHECK (email_status IN ('pending', 'sent', 'failed', 'skipped')),
  email_attempts integer NOT NULL DEFAULT 0,
  email_sent_at timestamptz,
  email_error text
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);
CREATE INDEX notifications_pending_idx ON notifications (created_at) WHERE email_status = 'pending';

-- The known-threat register: a client's case reference is stored only as HMAC-SHA-256 under a
-- secret from configuration; the system can match without holding the identity.
CREATE TABLE threat_register_entries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_ref_hmac text NOT NULL CHECK (case_ref_hmac ~ '^[0-9a-f]{64}$'),
  incident_id uuid REFERENCES incidents (id) ON DELETE SET NULL,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  type_id uuid NOT NULL REFERENCES incident_types (id),
  occurred_on date NOT NULL,
  expires_at timestamptz NOT NULL,
  note text CHECK (note IS NULL OR length(note) <= 1000),
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX threat_register_hmac_idx ON threat_register_entries (case_ref_hmac, expires_at);
CREATE INDEX threat_register_org_idx ON threat_register_entries (organisation_id);

-- A case worker's statement that they handle a case (by the same keyed hash).
CREATE TABLE threat_register_cases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  case_ref_hmac text NOT NULL CHECK (case_ref_hmac ~ '^[0-9a-f]{64}$'),
  label text CHECK (label IS NULL OR length(label) <= 100),
  created_at timestamptz NOT NULL,
  UNIQUE (user_id, case_ref_hmac)
);
CREATE INDEX threat_register_cases_hmac_idx ON threat_register_cases (case_ref_hmac);
