import { z } from 'zod';
import { UuidSchema } from './common.ts';

/**
 * Situational pictures (lägesbilder): the figures document shared by the picture page, snapshots and
 * every export. Lag (2023:196) §4's three parts: mapping (`own`, `police`, `reportedCrime`), other
 * relevant information (`surveys`, `population`, `observations`, notes), analysis (text).
 */

/** 'YYYY-MM': pictures cover whole months. */
export const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM');
const IsoDateTime = z.iso.datetime({ offset: true });
const IsoDate = z.iso.date();

/**
 * A count as shown: a number, or hidden. 'small': below the threshold (shown as "<5"); 'hidden':
 * secondary suppression — a larger figure hidden so that a total or difference cannot reveal a small one
 * (shown as "•" with an explanation). Only viewers with need-to-know get every count as a number.
 */
export const CountSchema = z.union([z.number().int().min(0), z.enum(['small', 'hidden'])]);
export type Count = z.infer<typeof CountSchema>;

/** Rates per 1,000 inhabitants; null when the count is hidden or no population is known. */
export const RateSchema = z.number().nullable();

export const GENDER_KEYS = ['woman', 'man', 'other', 'unknown'] as const;
export type GenderKey = (typeof GENDER_KEYS)[number];

/** A figure broken down by the affected person's gender, with its total. */
export const GenderCountsSchema = z.object({
  woman: CountSchema,
  man: CountSchema,
  other: CountSchema,
  unknown: CountSchema,
  total: CountSchema,
});
export type GenderCounts = z.infer<typeof GenderCountsSchema>;

export const LabelSchema = z.object({ sv: z.string(), en: z.string() });

/** One row of a "by type" or "by focus area" table of own reports. */
export const OwnFigureRowSchema = z.object({
  code: z.string(),
  label: LabelSchema,
  /** For types: the type's group code; for focus areas: null. */
  group: z.string().nullable(),
  current: GenderCountsSchema,
  comparison: GenderCountsSchema,
  /** current.total per 1,000 inhabitants of the picture's areas (latest population year ≤ period end). */
  ratePer1000: RateSchema,
  /** The same rate for the whole municipality: the reference. */
  cityRatePer1000: RateSchema,
});
export type OwnFigureRow = z.infer<typeof OwnFigureRowSchema>;

export const TrendPointSchema = z.object({ month: MonthSchema, counts: GenderCountsSchema });

/** One cell of the weekday × hour heat map (ISO weekday 1 = Monday). */
export const HeatCellSchema = z.object({
  weekday: z.number().int().min(1).max(7),
  hour: z.number().int().min(0).max(23),
  counts: GenderCountsSchema,
});

/** One area of the choropleth (the children of the picture's areas, or the areas themselves). */
export const AreaFigureSchema = z.object({
  areaId: UuidSchema,
  name: z.string(),
  level: z.string(),
  own: GenderCountsSchema,
  police: CountSchema,
  population: z.number().int().nullable(),
  ownRatePer1000: RateSchema,
  policeRatePer1000: RateSchema,
});

export const OwnSectionSchema = z.object({
  total: z.object({ current: GenderCountsSchema, comparison: GenderCountsSchema }),
  byFocusArea: z.array(OwnFigureRowSchema),
  byType: z.array(OwnFigureRowSchema),
  /** 36 months ending with the period's last month. */
  trend: z.array(TrendPointSchema),
  heatmap: z.array(HeatCellSchema),
});

export const PoliceTypeRowSchema = z.object({
  policeType: z.string(),
  /** Our incident type it maps to, if any, and its focus areas; `mapped` false: not in the mapping table. */
  mapped: z.boolean(),
  incidentTypeCode: z.string().nullable(),
  focusAreas: z.array(z.string()),
  current: CountSchema,
  comparison: CountSchema,
  ratePer1000: RateSchema,
  cityRatePer1000: RateSchema,
});

export const PoliceSectionSchema = z.object({
  total: z.object({ current: CountSchema, comparison: CountSchema }),
  byType: z.array(PoliceTypeRowSchema),
  byFocusArea: z.array(
    z.object({ code: z.string(), label: LabelSchema, current: CountSchema, comparison: CountSchema }),
  ),
  trend: z.array(z.object({ month: MonthSchema, count: CountSchema })),
  heatmap: z.array(
    z.object({
      weekday: z.number().int().min(1).max(7),
      hour: z.number().int().min(0).max(23),
      count: CountSchema,
    }),
  ),
  /**
   * Events of the municipality in the period that could not be placed below it: they count only in
   * the whole-city figures, and the picture says how many.
   */
  unplacedInMunicipality: z.number().int().min(0),
});

export const ReportedCrimeRowSchema = z.object({
  crimeType: z.string(),
  current: CountSchema,
  comparison: CountSchema,
  ratePer1000: RateSchema,
  cityRatePer1000: RateSchema,
});

export const SurveyRowSchema = z.object({
  year: z.number().int(),
  questionCode: z.string(),
  questionLabel: z.string(),
  groupKind: z.string(),
  groupValue: z.string(),
  /** Population-weighted over the picture's areas when several. */
  value: z.number().nullable(),
  respondents: z.number().int().nullable(),
  /** The same question and group for the whole municipality, if imported. */
  cityValue: z.number().nullable(),
});

export const PopulationSchema = z.object({
  year: z.number().int(),
  total: z.number().int(),
  woman: z.number().int(),
  man: z.number().int(),
  other: z.number().int(),
  byAgeBand: z.array(z.object({ ageBand: z.string(), woman: z.number().int(), man: z.number().int() })),
});

export const SourceKindSchema = z.enum([
  'incidents',
  'observations',
  'police_events',
  'reported_crime',
  'survey',
  'population',
]);
export type SourceKind = z.infer<typeof SourceKindSchema>;

/** Sources and coverage, listed automatically: what was used, for which period, and what limits it. */
export const SourceCoverageSchema = z.object({
  kind: SourceKindSchema,
  used: z.boolean(),
  /** The data's own first and last date (or year), whatever the picture's period. */
  coverageFrom: IsoDate.nullable(),
  coverageTo: IsoDate.nullable(),
  /** Rows or events counted in the picture's period and areas. */
  count: z.number().int().nullable(),
  lastImportedAt: IsoDateTime.nullable(),
  /** Message keys with parameters, e.g. { key: 'pictures.source.unplaced', params: { n: 12 } }. */
  notes: z.array(
    z.object({ key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) }),
  ),
});

/** Violent extremism: its own section on the same template and cycle, only for holders of extremism.read. */
export const ExtremismSectionSchema = z.object({
  own: z.object({ current: GenderCountsSchema, comparison: GenderCountsSchema }),
  ownByType: z.array(OwnFigureRowSchema),
  police: z.object({ current: CountSchema, comparison: CountSchema }),
  policeByType: z.array(PoliceTypeRowSchema),
  trend: z.array(z.object({ month: MonthSchema, own: CountSchema, police: CountSchema })),
  analysis: z.string(),
});
export type ExtremismSection = z.infer<typeof ExtremismSectionSchema>;

export const PictureScopeSchema = z.object({
  /** 'city': the whole municipality; 'areas': chosen areas; 'organisation': an organisation's incidents and areas. */
  kind: z.enum(['city', 'areas', 'organisation']),
  label: z.string(),
  organisation: z.object({ id: UuidSchema, name: z.string() }).nullable(),
  areas: z.array(z.object({ id: UuidSchema, name: z.string(), level: z.string() })),
});

/** The figures of one picture: computed live, or as frozen in a snapshot. */
export const PictureFiguresSchema = z
  .object({
    scope: PictureScopeSchema,
    period: z.object({ from: MonthSchema, to: MonthSchema }),
    comparison: z.object({ from: MonthSchema, to: MonthSchema }),
    generatedAt: IsoDateTime,
    suppression: z.object({
      threshold: z.number().int(),
      /** False only for viewers with need-to-know of every figure. */
      applied: z.boolean(),
    }),
    population: PopulationSchema.nullable(),
    own: OwnSectionSchema,
    observations: z.object({
      total: z.object({ current: GenderCountsSchema, comparison: GenderCountsSchema }),
      byType: z.array(OwnFigureRowSchema),
      trend: z.array(TrendPointSchema),
    }),
    police: PoliceSectionSchema,
    reportedCrime: z.array(ReportedCrimeRowSchema),
    surveys: z.array(SurveyRowSchema),
    areas: z.array(AreaFigureSchema),
    sources: z.array(SourceCoverageSchema),
    extremism: ExtremismSectionSchema.nullable(),
  })
  .meta({ id: 'PictureFigures' });
export type PictureFigures = z.infer<typeof PictureFiguresSchema>;

/** GET /api/pictures/figures: a live picture without a saved document. */
export const PictureFiguresQuerySchema = z.object({
  /** Comma-separated area ids; none and no organisation: the whole municipality. */
  areas: z.string().max(4000).optional(),
  organisation: UuidSchema.optional(),
  from: MonthSchema,
  to: MonthSchema,
  /** Default: the same months one year earlier. */
  compareFrom: MonthSchema.optional(),
  compareTo: MonthSchema.optional(),
});
export type PictureFiguresQuery = z.infer<typeof PictureFiguresQuerySchema>;

/** Brå's guiding questions for the analysis. */
export const ANALYSIS_KEYS = [
  'whereGreatest',
  'comparedWith',
  'trend',
  'sourcesAndLimits',
  'conclusions',
] as const;
export const AnalysisSchema = z.object({
  whereGreatest: z.string().max(20000),
  comparedWith: z.string().max(20000),
  trend: z.string().max(20000),
  sourcesAndLimits: z.string().max(20000),
  conclusions: z.string().max(20000),
});
export type Analysis = z.infer<typeof AnalysisSchema>;

export const SnapshotStatusSchema = z.enum(['frozen', 'signed', 'submitted']);

export const SnapshotSummarySchema = z.object({
  id: UuidSchema,
  pictureId: UuidSchema,
  version: z.number().int(),
  status: SnapshotStatusSchema,
  frozenAt: IsoDateTime,
  frozenBy: z.string().nullable(),
  signedAt: IsoDateTime.nullable(),
  signedBy: z.string().nullable(),
  submittedAt: IsoDateTime.nullable(),
  submittedBy: z.string().nullable(),
});

/** A picture document (the coordinator's work on one organisation's picture). */
export const PictureSchema = z
  .object({
    id: UuidSchema,
    organisation: z.object({ id: UuidSchema, name: z.string() }),
    title: z.string(),
    cycleYear: z.number().int(),
    areaIds: z.array(UuidSchema),
    period: z.object({ from: MonthSchema, to: MonthSchema }),
    comparison: z.object({ from: MonthSchema, to: MonthSchema }),
    analysis: AnalysisSchema,
    notes: z.string(),
    /** Null for viewers without extremism.read. */
    extremismAnalysis: z.string().nullable(),
    revision: z.number().int(),
    updatedAt: IsoDateTime,
    updatedBy: z.string().nullable(),
    snapshots: z.array(SnapshotSummarySchema),
    can: z.object({ edit: z.boolean(), freeze: z.boolean(), sign: z.boolean(), submit: z.boolean() }),
  })
  .meta({ id: 'Picture' });
export type Picture = z.infer<typeof PictureSchema>;

export const PictureListItemSchema = z.object({
  id: UuidSchema,
  organisation: z.object({ id: UuidSchema, name: z.string() }),
  title: z.string(),
  cycleYear: z.number().int(),
  period: z.object({ from: MonthSchema, to: MonthSchema }),
  updatedAt: IsoDateTime,
  latestSnapshot: SnapshotSummarySchema.nullable(),
});
export const PictureListResponseSchema = z.object({ pictures: z.array(PictureListItemSchema) });

export const CreatePictureRequestSchema = z.object({
  organisationId: UuidSchema,
  title: z.string().trim().min(1).max(200),
  cycleYear: z.number().int().min(2000).max(2200),
  areaIds: z.array(UuidSchema).max(200).default([]),
  period: z.object({ from: MonthSchema, to: MonthSchema }),
  comparison: z.object({ from: MonthSchema, to: MonthSchema }).optional(),
});

/** Saves text and settings; `revision` must be the one read (409 when someone else saved in between). */
export const UpdatePictureRequestSchema = z.object({
  revision: z.number().int(),
  title: z.string().trim().min(1).max(200).optional(),
  areaIds: z.array(UuidSchema).max(200).optional(),
  period: z.object({ from: MonthSchema, to: MonthSchema }).optional(),
  comparison: z.object({ from: MonthSchema, to: MonthSchema }).optional(),
  analysis: AnalysisSchema.partial().optional(),
  notes: z.string().max(20000).optional(),
  extremismAnalysis: z.string().max(20000).optional(),
});

export const SnapshotSchema = SnapshotSummarySchema.extend({
  organisation: z.object({ id: UuidSchema, name: z.string() }),
  cycleYear: z.number().int(),
  title: z.string(),
  figures: PictureFiguresSchema,
  analysis: AnalysisSchema,
  notes: z.string(),
  /** Null for viewers without extremism.read. */
  extremism: ExtremismSectionSchema.nullable(),
}).meta({ id: 'PictureSnapshot' });
export type Snapshot = z.infer<typeof SnapshotSchema>;

/** The executive board's view of one year's cycle. */
export const CycleStatusSchema = z.enum(['submitted', 'signed', 'frozen', 'draft', 'not_started']);
export const CycleResponseSchema = z.object({
  year: z.number().int(),
  deadline: IsoDate,
  /** True when the deadline is the configured default (no one has set this year's). */
  deadlineIsDefault: z.boolean(),
  organisations: z.array(
    z.object({
      organisation: z.object({ id: UuidSchema, name: z.string(), kind: z.string() }),
      status: CycleStatusSchema,
      late: z.boolean(),
      submittedAt: IsoDateTime.nullable(),
      snapshotId: UuidSchema.nullable(),
      pictureId: UuidSchema.nullable(),
    }),
  ),
  counts: z.object({ submitted: z.number().int(), late: z.number().int(), total: z.number().int() }),
});
export const SetDeadlineRequestSchema = z.object({ deadline: IsoDate });

/** Background tasks (long imports and exports). */
export const TaskSchema = z
  .object({
    id: UuidSchema,
    kind: z.string(),
    status: z.enum(['queued', 'running', 'succeeded', 'failed']),
    progress: z.object({
      done: z.number().int(),
      total: z.number().int().nullable(),
      stage: z.string().nullable(),
    }),
    result: z.unknown().nullable(),
    error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }).nullable(),
    download: z.object({ url: z.string(), fileName: z.string(), size: z.number().int() }).nullable(),
    createdAt: IsoDateTime,
    finishedAt: IsoDateTime.nullable(),
  })
  .meta({ id: 'Task' });
export type Task = z.infer<typeof TaskSchema>;

export const EXPORT_FORMATS = ['pdf', 'xlsx', 'csv', 'geojson', 'open_data'] as const;
export const ExportFormatSchema = z.enum(EXPORT_FORMATS);

/** GET /api/pictures/scopes: what the caller may make pictures of. */
export const PictureScopesResponseSchema = z
  .object({
    /** Organisations where the caller holds pictures.read (their own and those below). */
    organisations: z.array(z.object({ id: UuidSchema, name: z.string(), kind: z.string() })),
    /** The municipality's areas in force today, from the root down (empty without pictures.read). */
    areas: z.array(
      z.object({ id: UuidSchema, name: z.string(), level: z.string(), parentId: UuidSchema.nullable() }),
    ),
    municipality: z.object({ id: UuidSchema, name: z.string(), rootAreaId: UuidSchema.nullable() }),
    /** May the caller see the whole municipality's picture (aggregates.read_city or pictures.read there)? */
    canSeeCity: z.boolean(),
    /** The first month with own reports or police events, and the current month. */
    months: z.object({ first: MonthSchema.nullable(), last: MonthSchema }),
  })
  .meta({ id: 'PictureScopes' });
export type PictureScopesResponse = z.infer<typeof PictureScopesResponseSchema>;
