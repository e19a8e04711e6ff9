import { z } from 'zod';
import { UuidSchema } from './common.ts';

/** Police events (the police's open feed): upload, type mappings, attribution review, feed status. */

export const PoliceUploadQuerySchema = z.object({
  fileName: z.string().min(1).max(300).optional(),
});

/** The result of a police events import (the task's `result`). */
export const PoliceImportResultSchema = z
  .object({
    importId: UuidSchema.nullable(),
    total: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    unplaced: z.number().int(),
    inMunicipality: z.number().int(),
    unmappedTypes: z.array(z.string()),
  })
  .meta({ id: 'PoliceImportResult' });
export type PoliceImportResult = z.infer<typeof PoliceImportResultSchema>;

export const FOCUS_AREA_CODES = [
  'accidents',
  'crime',
  'undue_influence_threats',
  'resilience',
  'protective_security',
] as const;

export const PoliceTypeMappingSchema = z
  .object({
    policeType: z.string(),
    incidentTypeId: UuidSchema.nullable(),
    incidentTypeCode: z.string().nullable(),
    focusAreas: z.array(z.string()),
    violentExtremism: z.boolean(),
    counted: z.boolean(),
    /** Stored events of this type (all municipalities). */
    eventCount: z.number().int(),
    updatedAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .meta({ id: 'PoliceTypeMapping' });
export type PoliceTypeMapping = z.infer<typeof PoliceTypeMappingSchema>;

export const PoliceMappingListResponseSchema = z.object({
  items: z.array(PoliceTypeMappingSchema),
  /** The incident types a police type may be mapped to. */
  incidentTypes: z.array(
    z.object({ id: UuidSchema, code: z.string(), labelSv: z.string(), labelEn: z.string() }),
  ),
  focusAreas: z.array(z.object({ code: z.string(), labelSv: z.string(), labelEn: z.string() })),
});
export type PoliceMappingListResponse = z.infer<typeof PoliceMappingListResponseSchema>;

export const UpdatePoliceMappingRequestSchema = z.object({
  policeType: z.string().min(1).max(200),
  incidentTypeId: UuidSchema.nullable(),
  focusAreas: z.array(z.enum(FOCUS_AREA_CODES)).max(5),
  violentExtremism: z.boolean(),
  counted: z.boolean(),
});
export type UpdatePoliceMappingRequest = z.infer<typeof UpdatePoliceMappingRequestSchema>;

export const PoliceUnmappedResponseSchema = z.object({
  items: z.array(z.object({ policeType: z.string(), count: z.number().int() })),
});
export type PoliceUnmappedResponse = z.infer<typeof PoliceUnmappedResponseSchema>;

export const PLACE_RULES = [
  'location_name',
  'name_suffix',
  'text_name',
  'text_summary',
  'ambiguous',
  'none',
] as const;

export const PoliceEventListQuerySchema = z.object({
  /** 'outside', 'municipality' or an area level such as 'district_area' or 'neighbourhood'. */
  level: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,49}$/)
    .optional(),
  rule: z.enum(PLACE_RULES).optional(),
  ambiguous: z.enum(['true', 'false']).optional(),
  type: z.string().min(1).max(200).optional(),
  /** YYYY-MM (Stockholm time). */
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional(),
  /** Only the municipality's own events (default true). */
  ownOnly: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type PoliceEventListQuery = z.input<typeof PoliceEventListQuerySchema>;

export const PoliceEventSchema = z
  .object({
    id: z.string(),
    occurredAt: z.iso.datetime({ offset: true }),
    name: z.string(),
    summary: z.string(),
    url: z.string().nullable(),
    type: z.string(),
    locationName: z.string(),
    municipalityName: z.string().nullable(),
    placeLevel: z.string(),
    placeRule: z.string(),
    areaId: UuidSchema.nullable(),
    areaName: z.string().nullable(),
    ambiguousNames: z.array(z.string()),
  })
  .meta({ id: 'PoliceEvent' });
export type PoliceEvent = z.infer<typeof PoliceEventSchema>;

export const PoliceEventListResponseSchema = z.object({
  items: z.array(PoliceEventSchema),
  total: z.number().int(),
  /** Counts of the municipality's events per level and rule, for the review's overview. */
  summary: z.array(z.object({ placeLevel: z.string(), placeRule: z.string(), count: z.number().int() })),
});
export type PoliceEventListResponse = z.infer<typeof PoliceEventListResponseSchema>;

export const PoliceFeedStatusSchema = z.object({
  configured: z.boolean(),
  url: z.string().nullable(),
  intervalMinutes: z.number().int(),
  fetches: z.array(
    z.object({
      fetchedAt: z.iso.datetime({ offset: true }),
      status: z.number().int().nullable(),
      eventCount: z.number().int().nullable(),
      error: z.string().nullable(),
    }),
  ),
  lastImport: z
    .object({
      importedAt: z.iso.datetime({ offset: true }),
      origin: z.enum(['cli', 'upload', 'feed']),
      fileName: z.string().nullable(),
      rowCount: z.number().int(),
      created: z.number().int(),
      updated: z.number().int(),
      unplaced: z.number().int(),
    })
    .nullable(),
  storedEvents: z.number().int(),
  municipalityEvents: z.number().int(),
});
export type PoliceFeedStatus = z.infer<typeof PoliceFeedStatusSchema>;
