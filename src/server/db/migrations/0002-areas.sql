-- Areas: a tree of any depth (municipality → district area → neighbourhood …). Levels are data.
-- Geometry, validity and import bookkeeping come in later migrations.
CREATE TABLE areas (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  parent_id uuid REFERENCES areas (id),
  level text NOT NULL CHECK (length(level) BETWEEN 1 AND 50),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  code text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX areas_parent_idx ON areas (parent_id);
