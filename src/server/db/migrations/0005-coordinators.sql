-- Required coordinator functions per organisation kind, and who holds them when.

-- Which coordinator functions organisations of a kind must have. A row without an organisation is
-- the municipality's own rule (seeded below: every committee and company needs both functions);
-- a row with one adds a requirement for organisations of that kind within its subtree. Requirements
-- only ever add: a committee cannot waive what the city requires.
CREATE TABLE coordinator_requirements (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid REFERENCES organisations (id),
  organisation_kind text NOT NULL CHECK (length(organisation_kind) BETWEEN 1 AND 50),
  function text NOT NULL CHECK (function IN ('security_coordinator', 'crime_prevention_coordinator')),
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT coordinator_requirements_key UNIQUE NULLS NOT DISTINCT (organisation_id, organisation_kind, function)
);

INSERT INTO coordinator_requirements (organisation_kind, function) VALUES
  ('committee', 'security_coordinator'),
  ('committee', 'crime_prevention_coordinator'),
  ('company', 'security_coordinator'),
  ('company', 'crime_prevention_coordinator');

-- Two principal terms of one function in one organisation never overlap (the successor starts the
-- day after the predecessor's last day); deputies may be several, but a person holds a slot once.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE coordinator_assignments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  function text NOT NULL CHECK (function IN ('security_coordinator', 'crime_prevention_coordinator')),
  user_id uuid NOT NULL REFERENCES users (id),
  is_deputy boolean NOT NULL DEFAULT false,
  -- Both days included; no end date means until further notice.
  starts_on date NOT NULL,
  ends_on date CHECK (ends_on IS NULL OR ends_on >= starts_on),
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT coordinator_assignments_one_holder EXCLUDE USING gist (
    organisation_id WITH =, function WITH =, daterange(starts_on, ends_on, '[]') WITH &&
  ) WHERE (NOT is_deputy),
  CONSTRAINT coordinator_assignments_once_per_person EXCLUDE USING gist (
    organisation_id WITH =, function WITH =, user_id WITH =, daterange(starts_on, ends_on, '[]') WITH &&
  )
);
CREATE INDEX coordinator_assignments_user_idx ON coordinator_assignments (user_id);
CREATE INDEX coordinator_assignments_slot_idx ON coordinator_assignments (organisation_id, function, starts_on);

-- An assignment grants its function's role in its organisation while it runs: such grants are
-- marked, so that ending the assignment removes only them, never a role granted by hand or by OIDC.
ALTER TABLE user_roles DROP CONSTRAINT user_roles_source_check;
ALTER TABLE user_roles ADD CONSTRAINT user_roles_source_check
  CHECK (source IN ('manual', 'oidc', 'assignment'));
