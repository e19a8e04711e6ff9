import { z } from 'zod';
import { CanSchema } from './common.ts';

/** A calendar day, `YYYY-MM-DD`. */
const DaySchema = z.iso.date();

/** Levels are data (`district_area`, `neighbourhood`, …): lower-case words joined by `_`. */
export const AreaLevelSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,49}$/, 'lower-case letters, digits and _, starting with a letter');

export const AreaRefSchema = z
  .object({ id: z.uuid(), name: z.string(), level: z.string(), depth: z.number().int() })
  .meta({ id: 'AreaRef' });
export type AreaRef = z.infer<typeof AreaRefSchema>;

export const AreaSchema = z
  .object({
    id: z.uuid(),
    parentId: z.uuid().nullable(),
    level: z.string(),
    name: z.string(),
    code: z.string().nullable(),
    /** 0 for the municipality (the root), 1 for its children, … */
    depth: z.number().int(),
    /** First day in force; null when there is no recorded start. */
    validFrom: DaySchema.nullable(),
    /** Last day in force (inclusive); null while it lasts. */
    validTo: DaySchema.nullable(),
    hasGeometry: z.boolean(),
    /** True when the geometry is its children's together (a parent level made by an import). */
    geometryDerived: z.boolean(),
    can: CanSchema,
  })
  .meta({ id: 'Area' });
export type Area = z.infer<typeof AreaSchema>;

export const AreaListQuerySchema = z.object({ level: AreaLevelSchema.optional() });
export const AreaListResponseSchema = z.object({
  items: z.array(AreaSchema),
  /** Every level in use, from the root down. */
  levels: z.array(z.string()),
});
export type AreaListResponse = z.infer<typeof AreaListResponseSchema>;

export const AreaDetailSchema = AreaSchema.extend({
  /** From the root down to the parent. */
  ancestors: z.array(AreaRefSchema),
  children: z.array(AreaRefSchema),
}).meta({ id: 'AreaDetail' });
export type AreaDetail = z.infer<typeof AreaDetailSchema>;

export const UpdateAreaRequestSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    validFrom: DaySchema.nullable().optional(),
    validTo: DaySchema.nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'Nothing to change' });
export type UpdateAreaRequest = z.infer<typeof UpdateAreaRequestSchema>;

export const LocateQuerySchema = z.object({
  lat: z.coerce.number().min(-90).max(90),
  lon: z.coerce.number().min(-180).max(180),
  /** The day whose areas count (default today). */
  date: DaySchema.optional(),
});
export const LocateResponseSchema = z
  .object({
    /** The point in SWEREF 99 TM metres. */
    sweref99tm: z.object({ north: z.number(), east: z.number() }),
    /** The deepest area containing the point, or null outside every area. */
    area: AreaRefSchema.nullable(),
    /** From the root down to the area's parent. */
    ancestors: z.array(AreaRefSchema),
  })
  .meta({ id: 'AreaLocation' });
export type LocateResponse = z.infer<typeof LocateResponseSchema>;

const Position = z.array(z.number()).min(2);
export const AreaGeometrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(Position)) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(Position))) }),
]);

export const AreaFeatureSchema = z.object({
  type: z.literal('Feature'),
  id: z.uuid(),
  properties: z.object({
    id: z.uuid(),
    name: z.string(),
    level: z.string(),
    depth: z.number().int(),
    parentId: z.uuid().nullable(),
    /** Where to put the name on a map: a point well inside the largest polygon, [lon, lat]. */
    labelPoint: z.tuple([z.number(), z.number()]),
  }),
  geometry: AreaGeometrySchema,
});
export type AreaFeature = z.infer<typeof AreaFeatureSchema>;

export const AreaGeoJsonQuerySchema = z.object({ level: AreaLevelSchema.optional() });
export const AreaFeatureCollectionSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    /** [west, south, east, north] in degrees, or absent when there are no features. */
    bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
    features: z.array(AreaFeatureSchema),
  })
  .meta({ id: 'AreaFeatureCollection' });
export type AreaFeatureCollection = z.infer<typeof AreaFeatureCollectionSchema>;

export const MapConfigSchema = z
  .object({
    /** A raster tile URL template (`{z}/{x}/{y}`) for a base map, or null for none. */
    tileUrl: z.string().nullable(),
  })
  .meta({ id: 'MapConfig' });
export type MapConfig = z.infer<typeof MapConfigSchema>;

// ---- imports ---------------------------------------------------------------------------------------

export const AREA_IMPORT_ISSUE_CODES = [
  'invalid_json',
  'not_feature_collection',
  'no_features',
  'unsupported_crs',
  'not_a_feature',
  'missing_geometry',
  'wrong_geometry_type',
  'invalid_coordinates',
  'coordinate_out_of_range',
  'outside_projection_area',
  'unclosed_ring',
  'too_few_positions',
  'self_intersection',
  'missing_name',
  'name_too_long',
  'duplicate_name',
  'unknown_parent',
  'csv_malformed',
  'csv_columns',
  'csv_empty_value',
  'csv_conflicting_parent',
  'csv_unused_row',
] as const;
export const AreaImportIssueCodeSchema = z.enum(AREA_IMPORT_ISSUE_CODES);
export type AreaImportIssueCode = z.infer<typeof AreaImportIssueCodeSchema>;

export const AreaImportIssueSchema = z.object({
  severity: z.enum(['error', 'warning']),
  code: AreaImportIssueCodeSchema,
  /** The feature's position in the file, from 1; null for the file as a whole or a CSV row. */
  feature: z.number().int().nullable(),
  /** The parent CSV's line, when the issue is there. */
  line: z.number().int().nullable(),
  name: z.string().nullable(),
  /** In English; the web app words it from `code` and `params`. */
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type AreaImportIssue = z.infer<typeof AreaImportIssueSchema>;

const notRoot = (l: string) => l !== 'municipality';
const AreaImportFields = z.object({
  fileName: z.string().trim().min(1).max(300),
  /** The GeoJSON file's text (a FeatureCollection of Polygons/MultiPolygons in WGS84). */
  geojson: z.string().min(1),
  level: AreaLevelSchema.refine(notRoot, 'the municipality level is the root'),
  nameProperty: z.string().trim().min(1).max(200),
  /** A CSV whose first two columns are an area's name and its parent's name. */
  parentCsv: z.string().min(1).nullable().optional(),
  parentFileName: z.string().trim().min(1).max(300).nullable().optional(),
  /** Level of the parents named in the CSV; `district_area` when not given. */
  parentLevel: AreaLevelSchema.refine(notRoot, 'the municipality level is the root').nullable().optional(),
});
const differentLevels = {
  check: (v: { level: string; parentLevel?: string | null }) => !v.parentLevel || v.parentLevel !== v.level,
  message: { message: 'The parent level must differ from the level', path: ['parentLevel'] },
};

export const AreaImportRequestSchema = AreaImportFields.refine(
  differentLevels.check,
  differentLevels.message,
);
export type AreaImportRequest = z.infer<typeof AreaImportRequestSchema>;

export const AreaImportCommitRequestSchema = AreaImportFields.extend({
  /** The preview's token: the commit is refused when the file or options differ from the preview's. */
  previewToken: z.string().min(1).max(200),
}).refine(differentLevels.check, differentLevels.message);
export type AreaImportCommitRequest = z.infer<typeof AreaImportCommitRequestSchema>;

export const AreaImportFeatureSchema = z.object({
  number: z.number().int(),
  name: z.string().nullable(),
  parentName: z.string().nullable(),
  status: z.enum(['create', 'update', 'unchanged', 'invalid']),
  polygons: z.number().int(),
  vertices: z.number().int(),
});
export type AreaImportFeature = z.infer<typeof AreaImportFeatureSchema>;

export const AreaImportPreviewSchema = z
  .object({
    /** Send it back with the commit: the import must be of exactly what was previewed. */
    token: z.string(),
    valid: z.boolean(),
    fileName: z.string(),
    parentFileName: z.string().nullable(),
    level: z.string(),
    parentLevel: z.string().nullable(),
    nameProperty: z.string(),
    municipality: z.object({ name: z.string(), create: z.boolean() }),
    counts: z.object({
      features: z.number().int(),
      invalid: z.number().int(),
      create: z.number().int(),
      update: z.number().int(),
      unchanged: z.number().int(),
      parents: z.number().int(),
      parentsCreate: z.number().int(),
      errors: z.number().int(),
      warnings: z.number().int(),
    }),
    features: z.array(AreaImportFeatureSchema),
    parents: z.array(
      z.object({ name: z.string(), status: z.enum(['create', 'existing']), children: z.number().int() }),
    ),
    issues: z.array(AreaImportIssueSchema),
  })
  .meta({ id: 'AreaImportPreview' });
export type AreaImportPreview = z.infer<typeof AreaImportPreviewSchema>;

export const AreaImportSchema = z
  .object({
    id: z.uuid(),
    fileName: z.string(),
    parentFileName: z.string().nullable(),
    level: z.string(),
    parentLevel: z.string().nullable(),
    nameProperty: z.string(),
    importedAt: z.iso.datetime({ offset: true }),
    importedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    counts: z.object({
      features: z.number().int(),
      created: z.number().int(),
      updated: z.number().int(),
      unchanged: z.number().int(),
      parentsCreated: z.number().int(),
    }),
  })
  .meta({ id: 'AreaImport' });
export type AreaImport = z.infer<typeof AreaImportSchema>;

export const AreaImportListResponseSchema = z.object({ items: z.array(AreaImportSchema) });
