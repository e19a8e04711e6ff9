-- The programme: a steering document with versions and a lifecycle (draft → adopted → retired),
-- goal areas, focus areas (each serving goal areas, each with its communication part), objectives and
-- indicators per focus area, and typed relations to other steering documents. Every text a reader
-- sees is stored twice, `_sv` and `_en`, both required where the text is.

-- A programme belongs to one organisation: the municipality's is the city programme; a committee or
-- company may keep its own. One programme per organisation; its versions carry the content.
CREATE TABLE programmes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL UNIQUE REFERENCES organisations (id),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE programme_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  programme_id uuid NOT NULL REFERENCES programmes (id),
  label text NOT NULL CHECK (length(btrim(label)) BETWEEN 1 AND 50),
  title_sv text NOT NULL CHECK (length(btrim(title_sv)) BETWEEN 1 AND 300),
  title_en text NOT NULL CHECK (length(btrim(title_en)) BETWEEN 1 AND 300),
  summary_sv text CHECK (length(btrim(summary_sv)) BETWEEN 1 AND 4000),
  summary_en text CHECK (length(btrim(summary_en)) BETWEEN 1 AND 4000),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'adopted', 'retired')),
  -- Demo content (invented decisions, objectives and figures), shown as such.
  is_demo boolean NOT NULL DEFAULT false,
  copied_from_id uuid REFERENCES programme_versions (id),
  adopted_on date,
  decision_reference text CHECK (length(btrim(decision_reference)) BETWEEN 1 AND 200),
  -- The version this one retired when it was adopted, and the version that retired this one.
  replaces_id uuid REFERENCES programme_versions (id),
  retired_on date,
  retirement_reference text CHECK (length(btrim(retirement_reference)) BETWEEN 1 AND 200),
  retired_by_id uuid REFERENCES programme_versions (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((summary_sv IS NULL) = (summary_en IS NULL)),
  CHECK ((status = 'draft') = (adopted_on IS NULL)),
  CHECK ((adopted_on IS NULL) = (decision_reference IS NULL)),
  CHECK ((status = 'retired') = (retired_on IS NOT NULL)),
  CHECK ((retired_on IS NULL) = (retirement_reference IS NULL)),
  CHECK (retired_by_id IS NULL OR status = 'retired'),
  CHECK (replaces_id IS NULL OR status <> 'draft'),
  CHECK (retired_on IS NULL OR retired_on >= adopted_on),
  CHECK (replaces_id <> id AND retired_by_id <> id),
  UNIQUE (programme_id, id)
);
-- One version in force and at most one draft per programme at any time.
CREATE UNIQUE INDEX programme_versions_in_force_key ON programme_versions (programme_id) WHERE status = 'adopted';
CREATE UNIQUE INDEX programme_versions_draft_key ON programme_versions (programme_id) WHERE status = 'draft';
CREATE UNIQUE INDEX programme_versions_label_key ON programme_versions (programme_id, lower(label));

CREATE TABLE programme_goal_areas (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  version_id uuid NOT NULL REFERENCES programme_versions (id) ON DELETE CASCADE,
  position integer NOT NULL CHECK (position > 0),
  title_sv text NOT NULL CHECK (length(btrim(title_sv)) BETWEEN 1 AND 300),
  title_en text NOT NULL CHECK (length(btrim(title_en)) BETWEEN 1 AND 300),
  description_sv text NOT NULL CHECK (length(btrim(description_sv)) BETWEEN 1 AND 4000),
  description_en text NOT NULL CHECK (length(btrim(description_en)) BETWEEN 1 AND 4000),
  -- The part of an earlier version this one was copied from: follow-up can compare across versions.
  copied_from_id uuid REFERENCES programme_goal_areas (id) ON DELETE SET NULL,
  UNIQUE (version_id, position),
  UNIQUE (version_id, id)
);

CREATE TABLE programme_focus_areas (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  version_id uuid NOT NULL REFERENCES programme_versions (id) ON DELETE CASCADE,
  position integer NOT NULL CHECK (position > 0),
  title_sv text NOT NULL CHECK (length(btrim(title_sv)) BETWEEN 1 AND 300),
  title_en text NOT NULL CHECK (length(btrim(title_en)) BETWEEN 1 AND 300),
  description_sv text NOT NULL CHECK (length(btrim(description_sv)) BETWEEN 1 AND 4000),
  description_en text NOT NULL CHECK (length(btrim(description_en)) BETWEEN 1 AND 4000),
  -- Communication is a stated part of every focus area (the programme requires it).
  communication_sv text NOT NULL CHECK (length(btrim(communication_sv)) BETWEEN 1 AND 4000),
  communication_en text NOT NULL CHECK (length(btrim(communication_en)) BETWEEN 1 AND 4000),
  copied_from_id uuid REFERENCES programme_focus_areas (id) ON DELETE SET NULL,
  UNIQUE (version_id, position),
  UNIQUE (version_id, id)
);

-- Which goal areas a focus area serves; both must belong to the same version.
CREATE TABLE programme_focus_area_goals (
  version_id uuid NOT NULL,
  focus_area_id uuid NOT NULL,
  goal_area_id uuid NOT NULL,
  PRIMARY KEY (focus_area_id, goal_area_id),
  FOREIGN KEY (version_id, focus_area_id) REFERENCES programme_focus_areas (version_id, id) ON DELETE CASCADE,
  FOREIGN KEY (version_id, goal_area_id) REFERENCES programme_goal_areas (version_id, id) ON DELETE CASCADE
);
CREATE INDEX programme_focus_area_goals_goal_idx ON programme_focus_area_goals (goal_area_id);

CREATE TABLE programme_objectives (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  version_id uuid NOT NULL,
  focus_area_id uuid NOT NULL,
  position integer NOT NULL CHECK (position > 0),
  title_sv text NOT NULL CHECK (length(btrim(title_sv)) BETWEEN 1 AND 500),
  title_en text NOT NULL CHECK (length(btrim(title_en)) BETWEEN 1 AND 500),
  description_sv text CHECK (length(btrim(description_sv)) BETWEEN 1 AND 4000),
  description_en text CHECK (length(btrim(description_en)) BETWEEN 1 AND 4000),
  copied_from_id uuid REFERENCES programme_objectives (id) ON DELETE SET NULL,
  CHECK ((description_sv IS NULL) = (description_en IS NULL)),
  FOREIGN KEY (version_id, focus_area_id) REFERENCES programme_focus_areas (version_id, id) ON DELETE CASCADE,
  UNIQUE (focus_area_id, position)
);

CREATE TABLE programme_indicators (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  version_id uuid NOT NULL,
  focus_area_id uuid NOT NULL,
  position integer NOT NULL CHECK (position > 0),
  name_sv text NOT NULL CHECK (length(btrim(name_sv)) BETWEEN 1 AND 300),
  name_en text NOT NULL CHECK (length(btrim(name_en)) BETWEEN 1 AND 300),
  unit_sv text NOT NULL CHECK (length(btrim(unit_sv)) BETWEEN 1 AND 50),
  unit_en text NOT NULL CHECK (length(btrim(unit_en)) BETWEEN 1 AND 50),
  direction text NOT NULL CHECK (direction IN ('increase', 'decrease', 'maintain')),
  baseline_value double precision,
  baseline_year integer CHECK (baseline_year BETWEEN 1900 AND 2200),
  target_value double precision,
  target_year integer CHECK (target_year BETWEEN 1900 AND 2200),
  copied_from_id uuid REFERENCES programme_indicators (id) ON DELETE SET NULL,
  CHECK ((baseline_value IS NULL) = (baseline_year IS NULL)),
  CHECK ((target_value IS NULL) = (target_year IS NULL)),
  FOREIGN KEY (version_id, focus_area_id) REFERENCES programme_focus_areas (version_id, id) ON DELETE CASCADE,
  UNIQUE (focus_area_id, position)
);

-- Steering documents from outside the organisation tree (the government's "Tillsammans mot brott",
-- a national strategy…): what a programme version can relate to besides other programme versions.
CREATE TABLE external_steering_documents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The organisation that registered it (who may manage it); every user can read it.
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  title_sv text NOT NULL CHECK (length(btrim(title_sv)) BETWEEN 1 AND 300),
  title_en text NOT NULL CHECK (length(btrim(title_en)) BETWEEN 1 AND 300),
  issuer_sv text NOT NULL CHECK (length(btrim(issuer_sv)) BETWEEN 1 AND 200),
  issuer_en text NOT NULL CHECK (length(btrim(issuer_en)) BETWEEN 1 AND 200),
  year integer NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  -- A citation, not a link: "Skr. 2016/17:126", a diary number…
  reference text CHECK (length(btrim(reference)) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE programme_relations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  version_id uuid NOT NULL REFERENCES programme_versions (id) ON DELETE CASCADE,
  type text NOT NULL CHECK (type IN ('implements', 'complements', 'replaces', 'governed_by')),
  target_version_id uuid REFERENCES programme_versions (id),
  target_external_id uuid REFERENCES external_steering_documents (id),
  note_sv text CHECK (length(btrim(note_sv)) BETWEEN 1 AND 2000),
  note_en text CHECK (length(btrim(note_en)) BETWEEN 1 AND 2000),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (num_nonnulls(target_version_id, target_external_id) = 1),
  CHECK (target_version_id <> version_id),
  CHECK ((note_sv IS NULL) = (note_en IS NULL))
);
CREATE UNIQUE INDEX programme_relations_version_target_key
  ON programme_relations (version_id, type, target_version_id) WHERE target_version_id IS NOT NULL;
CREATE UNIQUE INDEX programme_relations_external_target_key
  ON programme_relations (version_id, type, target_external_id) WHERE target_external_id IS NOT NULL;
CREATE INDEX programme_relations_target_version_idx ON programme_relations (target_version_id);
CREATE INDEX programme_relations_target_external_idx ON programme_relations (target_external_id);

-- Adopted and retired versions are settled: the use cases refuse changes with a clear error, and these
-- triggers make sure nothing else changes them either. A version's own row may only move on in its
-- lifecycle (draft → adopted → retired); its parts may change only while it is a draft.
CREATE FUNCTION programme_versions_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  lifecycle text[] := ARRAY['status', 'retired_on', 'retirement_reference', 'retired_by_id', 'updated_at'];
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION 'programme version % is %, only a draft can be deleted', OLD.id, OLD.status
        USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status = 'retired'
     OR (OLD.status = 'adopted' AND (NEW.status NOT IN ('adopted', 'retired')
       OR to_jsonb(NEW) - lifecycle IS DISTINCT FROM to_jsonb(OLD) - lifecycle)) THEN
    RAISE EXCEPTION 'programme version % is %, and cannot be changed', OLD.id, OLD.status
      USING ERRCODE = 'object_not_in_prerequisite_state';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER programme_versions_settled BEFORE UPDATE OR DELETE ON programme_versions
  FOR EACH ROW EXECUTE FUNCTION programme_versions_guard();

CREATE FUNCTION programme_parts_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  settled text;
BEGIN
  -- A part removed together with its (draft) version finds no version row: nothing to guard.
  SELECT status INTO settled FROM programme_versions
    WHERE status <> 'draft'
      AND id IN (CASE WHEN TG_OP <> 'INSERT' THEN OLD.version_id END,
                 CASE WHEN TG_OP <> 'DELETE' THEN NEW.version_id END);
  IF settled IS NOT NULL THEN
    RAISE EXCEPTION 'the programme version is %; only a draft can be changed (%.%)', settled, TG_TABLE_NAME, TG_OP
      USING ERRCODE = 'object_not_in_prerequisite_state';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
CREATE TRIGGER programme_goal_areas_settled BEFORE INSERT OR UPDATE OR DELETE ON programme_goal_areas
  FOR EACH ROW EXECUTE FUNCTION programme_parts_guard();
CREATE TRIGGER programme_focus_areas_settled BEFORE INSERT OR UPDATE OR DELETE ON programme_focus_areas
  FOR EACH ROW EXECUTE FUNCTION programme_parts_guard();
CREATE TRIGGER programme_focus_area_goals_settled BEFORE INSERT OR UPDATE OR DELETE ON programme_focus_area_goals
  FOR EACH ROW EXECUTE FUNCTION programme_parts_guard();
CREATE TRIGGER programme_objectives_settled BEFORE INSERT OR UPDATE OR DELETE ON programme_objectives
  FOR EACH ROW EXECUTE FUNCTION programme_parts_guard();
CREATE TRIGGER programme_indicators_settled BEFORE INSERT OR UPDATE OR DELETE ON programme_indicators
  FOR EACH ROW EXECUTE FUNCTION programme_parts_guard();
CREATE TRIGGER programme_relations_settled BEFORE INSERT OR UPDATE OR DELETE ON programme_relations
  FOR EACH ROW EXECUTE FUNCTION programme_parts_guard();
