import crypto from 'node:crypto';
import type { AreaImportIssue, AreaImportIssueCode } from '../../../../domain/api/areas.ts';
import {
  type FlatRing,
  findSelfIntersection,
  withoutRepeatedPositions,
} from '../../../../domain/geo/geometry.ts';
import {
  fromSweref99tm,
  SWEREF99TM_MAX_LONGITUDE_OFFSET,
  toSweref99tm,
} from '../../../../domain/geo/sweref99tm.ts';
import { CsvError, parseCsv } from '../../../platform/csv.ts';
import type { AreaGeometry } from '../areas.tables.ts';

/** What an import is given: the GeoJSON file's text, and optionally a CSV naming each feature's parent. */
export interface AreaImportInput {
  fileName: string;
  geojson: string;
  level: string;
  nameProperty: string;
  parentCsv?: string | null;
  parentFileName?: string | null;
  /** The level of the parents named in the CSV (default `district_area`). */
  parentLevel?: string | null;
}

export const DEFAULT_PARENT_LEVEL = 'district_area';
export const NAME_MAX_LENGTH = 200;

export interface ParsedFeature {
  /** Position in the file, from 1. */
  number: number;
  name: string | null;
  parentName: string | null;
  geometry: AreaGeometry | null;
  /** Polygons (outer ring, then holes) in SWEREF 99 TM metres, closed. */
  polygons: FlatRing[][];
  vertexCount: number;
  valid: boolean;
}

export interface ParsedImport {
  features: ParsedFeature[];
  /** Every parent named in the CSV that some feature uses, by key, with its name as first written. */
  parents: Map<string, string>;
  issues: AreaImportIssue[];
  /** SHA-256 of everything the import is made from: the preview's token. */
  sha256: string;
}

/** How names are compared: trimmed, NFC, case-insensitive (Swedish). */
export function nameKey(name: string): string {
  return name.trim().normalize('NFC').toLocaleLowerCase('sv');
}

type Params = Record<string, string | number>;

const MESSAGES: Record<AreaImportIssueCode, (p: Params) => string> = {
  invalid_json: (p) => `The file is not valid JSON: ${p.detail}`,
  not_feature_collection: () => 'The file is not a GeoJSON FeatureCollection',
  no_features: () => 'The file has no features',
  unsupported_crs: (p) => `The coordinates must be WGS84 longitude/latitude (CRS84), not ${p.crs}`,
  not_a_feature: () => 'Not a GeoJSON Feature',
  missing_geometry: () => 'The feature has no geometry',
  wrong_geometry_type: (p) => `The geometry is a ${p.type}; only Polygon and MultiPolygon are areas`,
  invalid_coordinates: (p) =>
    `Polygon ${p.polygon}, ring ${p.ring}: the coordinates are not [longitude, latitude] numbers`,
  coordinate_out_of_range: (p) =>
    `Polygon ${p.polygon}, ring ${p.ring}, position ${p.position}: ${p.lon}, ${p.lat} is outside WGS84 (longitude −180…180, latitude −90…90)`,
  outside_projection_area: (p) =>
    `Polygon ${p.polygon}, ring ${p.ring}, position ${p.position}: longitude ${p.lon} is too far from Sweden for SWEREF 99 TM`,
  unclosed_ring: (p) => `Polygon ${p.polygon}, ring ${p.ring}: the ring does not end where it starts`,
  too_few_positions: (p) =>
    `Polygon ${p.polygon}, ring ${p.ring}: a ring needs at least 4 positions (3 corners)`,
  self_intersection: (p) =>
    `Polygon ${p.polygon}, ring ${p.ring}: the ring crosses itself near ${p.lat}, ${p.lon}`,
  missing_name: (p) => `The feature has no "${p.property}" property to name it by`,
  name_too_long: () => `The name is longer than ${NAME_MAX_LENGTH} characters`,
  duplicate_name: (p) => `The name "${p.name}" is already used by feature ${p.first}`,
  unknown_parent: (p) => `"${p.name}" is not in the parent file ${p.file}`,
  csv_malformed: (p) => `The parent file cannot be read: ${p.detail}`,
  csv_columns: () => 'The parent file needs at least two columns: the area name, then its parent name',
  csv_empty_value: () => 'A row of the parent file has an empty area or parent name',
  csv_conflicting_parent: (p) => `"${p.name}" is given two parents: "${p.first}" and "${p.second}"`,
  csv_unused_row: (p) => `"${p.name}" is not in the GeoJSON file`,
};

class IssueList {
  readonly items: AreaImportIssue[] = [];
  add(
    code: AreaImportIssueCode,
    where: { feature?: number; line?: number; name?: string | null },
    params: Params = {},
    severity: 'error' | 'warning' = 'error',
  ) {
    this.items.push({
      severity,
      code,
      feature: where.feature ?? null,
      line: where.line ?? null,
      name: where.name ?? null,
      message: MESSAGES[code](params),
      params,
    });
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

/** CRS84, or EPSG:4326 (which GeoJSON writes in longitude/latitude order all the same). */
function isWgs84Crs(crs: unknown): boolean {
  if (crs === undefined || crs === null) return true;
  const name = isObject(crs) && isObject(crs.properties) ? crs.properties.name : undefined;
  return typeof name === 'string' && /(CRS84|EPSG:+(?:\d+\.?\d*:)?4326)$/i.test(name);
}

/** Checks one polygon's rings; returns them projected (empty when any ring is unusable). */
function checkPolygon(
  rings: unknown,
  polygonNumber: number,
  report: (code: AreaImportIssueCode, params: Params) => void,
): { rings: FlatRing[]; positions: number[][][] } | null {
  if (!Array.isArray(rings) || rings.length === 0) {
    report('invalid_coordinates', { polygon: polygonNumber, ring: 1 });
    return null;
  }
  const projected: FlatRing[] = [];
  const positions: number[][][] = [];
  let ok = true;
  rings.forEach((ring: unknown, r) => {
    const where = { polygon: polygonNumber, ring: r + 1 };
    if (
      !Array.isArray(ring) ||
      !ring.every(
        (p: unknown) => Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]),
      )
    ) {
      report('invalid_coordinates', where);
      ok = false;
      return;
    }
    const coords = (ring as number[][]).map((p) => [p[0]!, p[1]!]);
    positions.push(coords);
    const outOfRange = coords.findIndex(([lon, lat]) => Math.abs(lon!) > 180 || Math.abs(lat!) > 90);
    if (outOfRange >= 0) {
      const [lon, lat] = coords[outOfRange]!;
      report('coordinate_out_of_range', { ...where, position: outOfRange + 1, lon: lon!, lat: lat! });
      ok = false;
      return;
    }
    const farAway = coords.findIndex(([lon]) => Math.abs(lon! - 15) > SWEREF99TM_MAX_LONGITUDE_OFFSET);
    if (farAway >= 0) {
      report('outside_projection_area', { ...where, position: farAway + 1, lon: coords[farAway]![0]! });
      ok = false;
      return;
    }
    const first = coords[0];
    const last = coords[coords.length - 1];
    if (!first || !last || first[0] !== last[0] || first[1] !== last[1]) {
      report('unclosed_ring', where);
      ok = false;
      return;
    }
    const flat = new Float64Array(coords.length * 2);
    coords.forEach(([lon, lat], i) => {
      const { north, east } = toSweref99tm(lat!, lon!);
      flat[2 * i] = east;
      flat[2 * i + 1] = north;
    });
    const clean = withoutRepeatedPositions(flat);
    if (clean.length < 8) {
      report('too_few_positions', where);
      ok = false;
      return;
    }
    const crossing = findSelfIntersection(clean);
    if (crossing) {
      const at = fromSweref99tm(crossing.at[1], crossing.at[0]);
      report('self_intersection', { ...where, lat: round7(at.lat), lon: round7(at.lon) });
      ok = false;
      return;
    }
    projected.push(clean);
  });
  return ok ? { rings: projected, positions } : null;
}

function featureName(properties: unknown, property: string): string | null {
  if (!isObject(properties)) return null;
  const value = properties[property];
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string' || value.trim() === '') return null;
  return value.trim().normalize('NFC');
}

interface ParentCsv {
  /** Area name key → parent name. */
  parentOf: Map<string, { parent: string; line: number; name: string }>;
}

function parseParentCsv(text: string, issues: IssueList): ParentCsv | null {
  let parsed: ReturnType<typeof parseCsv>;
  try {
    parsed = parseCsv(text);
  } catch (err) {
    const line = err instanceof CsvError ? err.line : 1;
    issues.add('csv_malformed', { line }, { detail: (err as Error).message });
    return null;
  }
  if (parsed.header.length < 2) {
    issues.add('csv_columns', { line: 1 });
    return null;
  }
  const [childColumn, parentColumn] = parsed.header as [string, string];
  const parentOf = new Map<string, { parent: string; line: number; name: string }>();
  for (const row of parsed.rows) {
    const name = (row.values[childColumn] ?? '').trim().normalize('NFC');
    const parent = (row.values[parentColumn] ?? '').trim().normalize('NFC');
    if (!name || !parent) {
      issues.add('csv_empty_value', { line: row.line, name: name || null });
      continue;
    }
    if (parent.length > NAME_MAX_LENGTH) {
      issues.add('name_too_long', { line: row.line, name: parent });
      continue;
    }
    const key = nameKey(name);
    const earlier = parentOf.get(key);
    if (earlier && nameKey(earlier.parent) !== nameKey(parent)) {
      issues.add(
        'csv_conflicting_parent',
        { line: row.line, name },
        { name, first: earlier.parent, second: parent },
      );
      continue;
    }
    if (!earlier) parentOf.set(key, { parent, line: row.line, name });
  }
  return { parentOf };
}

/**
 * Reads and checks a GeoJSON FeatureCollection (and the parent CSV) without touching the database:
 * every problem is reported, each with its feature (from 1) or CSV line.
 */
export function parseAreaImport(input: AreaImportInput): ParsedImport {
  const issues = new IssueList();
  const sha256 = crypto
    .createHash('sha256')
    .update(
      JSON.stringify([
        input.fileName,
        input.geojson,
        input.level,
        input.nameProperty,
        input.parentCsv ?? null,
        input.parentFileName ?? null,
        input.parentCsv ? (input.parentLevel ?? DEFAULT_PARENT_LEVEL) : null,
      ]),
    )
    .digest('hex');
  const result: ParsedImport = { features: [], parents: new Map(), issues: issues.items, sha256 };
  const csv = input.parentCsv ? parseParentCsv(input.parentCsv, issues) : null;

  let doc: unknown;
  try {
    doc = JSON.parse(input.geojson.charCodeAt(0) === 0xfeff ? input.geojson.slice(1) : input.geojson);
  } catch (err) {
    issues.add('invalid_json', {}, { detail: (err as Error).message });
    return result;
  }
  if (!isObject(doc) || doc.type !== 'FeatureCollection' || !Array.isArray(doc.features)) {
    issues.add('not_feature_collection', {});
    return result;
  }
  if (!isWgs84Crs(doc.crs)) {
    const crs =
      isObject(doc.crs) && isObject(doc.crs.properties) ? String(doc.crs.properties.name) : 'another CRS';
    issues.add('unsupported_crs', {}, { crs });
    return result;
  }
  if (doc.features.length === 0) {
    issues.add('no_features', {});
    return result;
  }

  const firstByName = new Map<string, number>();
  const usedCsvKeys = new Set<string>();
  doc.features.forEach((raw: unknown, i) => {
    const number = i + 1;
    const feature: ParsedFeature = {
      number,
      name: null,
      parentName: null,
      geometry: null,
      polygons: [],
      vertexCount: 0,
      valid: false,
    };
    result.features.push(feature);
    const before = issues.items.length;
    if (!isObject(raw) || raw.type !== 'Feature') {
      issues.add('not_a_feature', { feature: number });
      return;
    }
    const name = featureName(raw.properties, input.nameProperty);
    feature.name = name;
    const at = { feature: number, name };
    if (name === null) issues.add('missing_name', at, { property: input.nameProperty });
    else if (name.length > NAME_MAX_LENGTH) issues.add('name_too_long', at);
    else {
      const key = nameKey(name);
      const first = firstByName.get(key);
      if (first !== undefined) issues.add('duplicate_name', at, { name, first });
      else firstByName.set(key, number);
      if (csv) {
        const parent = csv.parentOf.get(key);
        usedCsvKeys.add(key);
        if (parent) {
          feature.parentName = parent.parent;
          const parentKey = nameKey(parent.parent);
          if (!result.parents.has(parentKey)) result.parents.set(parentKey, parent.parent);
        } else issues.add('unknown_parent', at, { name, file: input.parentFileName ?? 'CSV' });
      }
    }

    const geometry = raw.geometry;
    if (!isObject(geometry)) {
      issues.add('missing_geometry', at);
      return;
    }
    if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') {
      issues.add('wrong_geometry_type', at, { type: String(geometry.type) });
      return;
    }
    const polygons: unknown[] =
      geometry.type === 'Polygon'
        ? [geometry.coordinates]
        : Array.isArray(geometry.coordinates)
          ? geometry.coordinates
          : [undefined];
    if (polygons.length === 0) issues.add('invalid_coordinates', at, { polygon: 1, ring: 1 });
    const report = (code: AreaImportIssueCode, params: Params) => issues.add(code, at, params);
    const checked = polygons.map((p, k) => checkPolygon(p, k + 1, report));
    if (checked.some((c) => c === null) || issues.items.length > before) return;
    const ok = checked as { rings: FlatRing[]; positions: number[][][] }[];
    feature.polygons = ok.map((c) => c.rings);
    feature.vertexCount = ok.reduce((sum, c) => sum + c.positions.reduce((s, r) => s + r.length, 0), 0);
    feature.geometry =
      geometry.type === 'Polygon'
        ? { type: 'Polygon', coordinates: ok[0]!.positions }
        : { type: 'MultiPolygon', coordinates: ok.map((c) => c.positions) };
    feature.valid = true;
  });

  if (csv) {
    for (const [key, row] of csv.parentOf) {
      if (!usedCsvKeys.has(key))
        issues.add('csv_unused_row', { line: row.line, name: row.name }, { name: row.name }, 'warning');
    }
  }
  return result;
}
