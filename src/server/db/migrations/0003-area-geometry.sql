-- Areas: the municipality they belong to, depth in the tree, validity dates, geometry and imports.
--
-- Geometry is kept twice: as WGS84 GeoJSON (jsonb, RFC 7946 Polygon or MultiPolygon, exactly as
-- imported) for exchange and maps, and as SWEREF 99 TM (EPSG:3006) metres in PostgreSQL's native
-- `polygon` type, one row per ring, for containment with a GiST index (no PostGIS). Dates are whole
-- days; `valid_to` is the last day in force (inclusive) and NULL on either side means open.

-- One import of a GeoJSON file (and optionally a CSV naming each feature's parent).
CREATE TABLE area_imports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id uuid NOT NULL REFERENCES organisations (id),
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 300),
  parent_file_name text CHECK (parent_file_name IS NULL OR length(parent_file_name) BETWEEN 1 AND 300),
  level text NOT NULL,
  parent_level text,
  name_property text NOT NULL,
  imported_at timestamptz NOT NULL,
  -- NULL when imported from the command line.
  imported_by uuid REFERENCES users (id),
  feature_count integer NOT NULL CHECK (feature_count >= 0),
  created_count integer NOT NULL CHECK (created_count >= 0),
  updated_count integer NOT NULL CHECK (updated_count >= 0),
  unchanged_count integer NOT NULL CHECK (unchanged_count >= 0),
  parents_created_count integer NOT NULL CHECK (parents_created_count >= 0),
  source_sha256 text NOT NULL
);
CREATE INDEX area_imports_municipality_idx ON area_imports (municipality_id, imported_at DESC);

ALTER TABLE areas
  ADD COLUMN municipality_id uuid REFERENCES organisations (id),
  ADD COLUMN depth integer NOT NULL DEFAULT 0 CHECK (depth >= 0),
  ADD COLUMN valid_from date,
  ADD COLUMN valid_to date,
  -- WGS84 Polygon or MultiPolygon; NULL when the area has no geometry of its own.
  ADD COLUMN geojson jsonb CHECK (geojson IS NULL OR geojson ->> 'type' IN ('Polygon', 'MultiPolygon')),
  -- True when the geometry is made from the children's (a parent level created by an import).
  ADD COLUMN geometry_derived boolean NOT NULL DEFAULT false,
  -- The bounding box of all rings, SWEREF 99 TM metres.
  ADD COLUMN bbox box,
  ADD COLUMN import_id uuid REFERENCES area_imports (id),
  ADD CONSTRAINT areas_validity CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from),
  ADD CONSTRAINT areas_level_format CHECK (level ~ '^[a-z][a-z0-9_]*$'),
  ADD CONSTRAINT areas_root_is_municipality CHECK ((parent_id IS NULL) = (level = 'municipality')),
  ADD CONSTRAINT areas_root_depth CHECK ((parent_id IS NULL) = (depth = 0));

-- Areas made before this migration (none are expected) belong to the first municipality.
UPDATE areas SET municipality_id = (
  SELECT id FROM organisations WHERE kind = 'municipality' ORDER BY created_at LIMIT 1
) WHERE municipality_id IS NULL;
ALTER TABLE areas ALTER COLUMN municipality_id SET NOT NULL;

-- One root (the municipality) per municipality; siblings of one level have different names, so an
-- import finds the area it wrote before by level and name under the same parent.
CREATE UNIQUE INDEX areas_one_root_key ON areas (municipality_id) WHERE parent_id IS NULL;
CREATE UNIQUE INDEX areas_sibling_name_key ON areas (parent_id, level, name) WHERE parent_id IS NOT NULL;
CREATE INDEX areas_level_idx ON areas (municipality_id, level);
CREATE INDEX areas_bbox_idx ON areas USING gist (bbox);

-- The rings of an area's polygons in SWEREF 99 TM metres (x = easting, y = northing). A polygon is one
-- outer ring and any holes; `polygon_index` numbers the polygons of a MultiPolygon. A derived area
-- holds copies of its children's rings, which is their union for containment.
CREATE TABLE area_rings (
  area_id uuid NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
  polygon_index integer NOT NULL CHECK (polygon_index >= 0),
  ring_index integer NOT NULL CHECK (ring_index >= 0),
  is_hole boolean NOT NULL,
  ring polygon NOT NULL,
  PRIMARY KEY (area_id, polygon_index, ring_index),
  CHECK (is_hole = (ring_index > 0))
);
-- Containment of a point: `ring @> polygon(box(p, p))` finds candidate rings through this index
-- (bounding boxes), then PostgreSQL checks each candidate exactly.
CREATE INDEX area_rings_ring_idx ON area_rings USING gist (ring);
