import { z } from 'zod';
import { UuidSchema } from './common.ts';

/**
 * CSV imports of safety-survey results, population and reported crime (docs/statistics-imports.md),
 * and the history and coverage of every statistics import (police events included).
 */

export const STATISTICS_CSV_KINDS = ['survey', 'population', 'reported_crime'] as const;
export const StatisticsCsvKindSchema = z.enum(STATISTICS_CSV_KINDS);
export type StatisticsCsvKindName = z.infer<typeof StatisticsCsvKindSchema>;

export const STATISTICS_IMPORT_KINDS = ['police_events', ...STATISTICS_CSV_KINDS] as const;
export const StatisticsImportKindSchema = z.enum(STATISTICS_IMPORT_KINDS);
export type StatisticsImportKindName = z.infer<typeof StatisticsImportKindSchema>;

const IsoDateTime = z.iso.datetime({ offset: true });
const IsoDate = z.iso.date();

export const StatisticsKindParamsSchema = z.object({ kind: StatisticsCsvKindSchema });

/** The file as JSON (the web app sends this); a `text/csv` body with `?fileName=` works too. */
export const StatisticsUploadRequestSchema = z.object({
  csv: z.string().min(1).max(20_000_000),
  fileName: z.string().trim().min(1).max(300).optional(),
  /** Check and count everything, write nothing. */
  dryRun: z.boolean().optional(),
});
export type StatisticsUploadRequest = z.infer<typeof StatisticsUploadRequestSchema>;

export const StatisticsUploadQuerySchema = z.object({
  fileName: z.string().trim().min(1).max(300).optional(),
  dryRun: z.enum(['true', 'false']).optional(),
});

/** One problem with one row (line 1 is the header). */
export const StatisticsRowErrorSchema = z.object({
  line: z.number().int(),
  column: z.string().optional(),
  message: z.string(),
});
export type StatisticsRowError = z.infer<typeof StatisticsRowErrorSchema>;

/** The `details` of a failed import (`statistics.import_invalid`): every problem, by line. */
export const StatisticsImportErrorDetailsSchema = z.object({
  errors: z.array(StatisticsRowErrorSchema),
  /** All problems found (only the first 1,000 are listed). */
  errorCount: z.number().int(),
});
export type StatisticsImportErrorDetails = z.infer<typeof StatisticsImportErrorDetailsSchema>;

/** The `result` of a finished import task. */
export const StatisticsImportResultSchema = z.object({
  importId: UuidSchema.nullable(),
  kind: StatisticsCsvKindSchema,
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  coverageFrom: IsoDate.nullable(),
  coverageTo: IsoDate.nullable(),
  dryRun: z.boolean().optional(),
});
export type StatisticsImportResult = z.infer<typeof StatisticsImportResultSchema>;

export const StatisticsImportSchema = z
  .object({
    id: UuidSchema,
    kind: StatisticsImportKindSchema,
    origin: z.enum(['cli', 'upload', 'feed']),
    fileName: z.string().nullable(),
    sha256: z.string(),
    rows: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    /** Police events of the municipality that could not be placed below it. */
    unplaced: z.number().int(),
    coverageFrom: IsoDate.nullable(),
    coverageTo: IsoDate.nullable(),
    importedAt: IsoDateTime,
    importedBy: z.object({ id: UuidSchema, name: z.string() }).nullable(),
  })
  .meta({ id: 'StatisticsImport' });
export type StatisticsImport = z.infer<typeof StatisticsImportSchema>;

export const StatisticsImportListQuerySchema = z.object({
  kind: StatisticsImportKindSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** The `nextBefore` of the previous page. */
  before: z.string().max(200).optional(),
});

export const StatisticsImportListResponseSchema = z.object({
  items: z.array(StatisticsImportSchema),
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: z.string().nullable(),
});
export type StatisticsImportListResponse = z.infer<typeof StatisticsImportListResponseSchema>;

export const StatisticsCoverageSchema = z.object({
  kind: StatisticsImportKindSchema,
  /** First and last day the stored data covers (years as whole years). */
  from: IsoDate.nullable(),
  to: IsoDate.nullable(),
  rows: z.number().int(),
  lastImport: z
    .object({ id: UuidSchema, importedAt: IsoDateTime, fileName: z.string().nullable() })
    .nullable(),
});
export type StatisticsCoverage = z.infer<typeof StatisticsCoverageSchema>;

export const StatisticsCoverageResponseSchema = z.object({ items: z.array(StatisticsCoverageSchema) });
export type StatisticsCoverageResponse = z.infer<typeof StatisticsCoverageResponseSchema>;
