-- Facilities: places the city runs (preschools, schools, playgrounds, youth centres, …), each owned
-- by an organisation (and optionally one of its units), with an address, coordinates and the area
-- the coordinates fall in.

-- The kinds of facility are data: a city can add its own; labels in Swedish and English.
CREATE TABLE facility_types (
  code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{0,49}$'),
  label_sv text NOT NULL CHECK (length(label_sv) BETWEEN 1 AND 100),
  label_en text NOT NULL CHECK (length(label_en) BETWEEN 1 AND 100),
  sort_order integer NOT NULL DEFAULT 0
);
INSERT INTO facility_types (code, label_sv, label_en, sort_order) VALUES
  ('preschool', 'Förskola', 'Preschool', 10),
  ('school', 'Skola', 'School', 20),
  ('playground', 'Parklek', 'Staffed playground', 30),
  ('youth_centre', 'Fritidsgård', 'Youth centre', 40),
  ('library', 'Bibliotek', 'Library', 50),
  ('care_home', 'Vård- och omsorgsboende', 'Care home', 60),
  ('office', 'Kontor', 'Office', 70),
  ('housing', 'Bostad', 'Housing', 80),
  ('other', 'Övrigt', 'Other', 90);

CREATE TABLE facilities (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The facility's id in the city's own register; imports find the facility they wrote before by it.
  code text CHECK (code IS NULL OR length(code) BETWEEN 1 AND 100),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  type_code text NOT NULL REFERENCES facility_types (code),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  -- A unit (an organisation of kind unit) within the owning organisation.
  unit_id uuid REFERENCES organisations (id),
  street_address text CHECK (street_address IS NULL OR length(street_address) BETWEEN 1 AND 200),
  postal_code text CHECK (postal_code IS NULL OR length(postal_code) BETWEEN 1 AND 20),
  city text CHECK (city IS NULL OR length(city) BETWEEN 1 AND 100),
  -- WGS84 for exchange; SWEREF 99 TM metres (x = easting, y = northing) for distance and containment.
  lat double precision CHECK (lat BETWEEN -90 AND 90),
  lon double precision CHECK (lon BETWEEN -180 AND 180),
  location point,
  -- Derived from the coordinates: the deepest area containing them, and that area with its
  -- ancestors (root first), so that filtering by a district area finds its neighbourhoods' facilities.
  area_id uuid REFERENCES areas (id) ON DELETE SET NULL,
  area_path uuid[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT facilities_coordinates_together CHECK ((lat IS NULL) = (lon IS NULL) AND (lat IS NULL) = (location IS NULL))
);
CREATE UNIQUE INDEX facilities_code_key ON facilities (lower(code)) WHERE code IS NOT NULL;
CREATE INDEX facilities_organisation_idx ON facilities (organisation_id);
CREATE INDEX facilities_type_idx ON facilities (type_code);
CREATE INDEX facilities_area_path_idx ON facilities USING gin (area_path);
CREATE INDEX facilities_location_idx ON facilities USING gist (location);
