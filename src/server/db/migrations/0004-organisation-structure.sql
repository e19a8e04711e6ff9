-- Organisation structure: more kinds (the executive board's office, units inside any organisation),
-- committee type, a code, validity dates, merges and splits as successor relations, and district
-- committees' responsibility for areas. Dates are whole days; `valid_to` is the last day in force
-- (inclusive) and NULL on either side means open (no recorded start, no end).
CREATE EXTENSION IF NOT EXISTS btree_gist;

ALTER TABLE organisations DROP CONSTRAINT organisations_kind_check;
ALTER TABLE organisations
  ADD CONSTRAINT organisations_kind_check
    CHECK (kind IN ('municipality', 'executive_board', 'office', 'committee', 'company', 'unit')),
  ADD COLUMN committee_type text CHECK (committee_type IN ('district', 'specialist')),
  ADD COLUMN code text CHECK (code IS NULL OR length(code) BETWEEN 1 AND 50),
  ADD COLUMN valid_from date,
  ADD COLUMN valid_to date,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
  ADD CONSTRAINT organisations_committee_type_kind CHECK (committee_type IS NULL OR kind = 'committee'),
  ADD CONSTRAINT organisations_validity CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from);
-- Codes identify organisations in imports and exchanges: unique whatever the case.
CREATE UNIQUE INDEX organisations_code_key ON organisations (lower(code)) WHERE code IS NOT NULL;

-- A merge (several predecessors, one successor) or a split (one predecessor, several successors):
-- one row per predecessor–successor pair, the pairs of one change sharing `change_id`.
CREATE TABLE organisation_successions (
  predecessor_id uuid NOT NULL REFERENCES organisations (id),
  successor_id uuid NOT NULL REFERENCES organisations (id),
  kind text NOT NULL CHECK (kind IN ('merge', 'split')),
  change_id uuid NOT NULL,
  effective_date date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (predecessor_id, successor_id),
  CHECK (predecessor_id <> successor_id)
);
CREATE INDEX organisation_successions_successor_idx ON organisation_successions (successor_id);

-- Which (district) committee answers for which area, when. One area has at most one responsible
-- organisation on any day.
CREATE TABLE organisation_areas (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  area_id uuid NOT NULL REFERENCES areas (id),
  valid_from date,
  valid_to date,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT organisation_areas_validity CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from),
  CONSTRAINT organisation_areas_no_overlap
    EXCLUDE USING gist (area_id WITH =, daterange(valid_from, valid_to, '[]') WITH &&)
);
CREATE INDEX organisation_areas_organisation_idx ON organisation_areas (organisation_id);
