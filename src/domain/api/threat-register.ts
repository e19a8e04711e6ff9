import { z } from 'zod';
import { UuidSchema } from './common.ts';

/**
 * The known-threat register (issue 4, part 5): case references are never stored or returned, only
 * matched through a keyed hash. A warning tells a case worker *that* threats were recorded, when
 * and of what type — nothing more unless the security coordinator grants access to the report.
 */
const IsoDateTime = z.iso.datetime({ offset: true });
const IsoDate = z.iso.date();

export const ThreatWarningSchema = z.object({
  entryId: UuidSchema,
  occurredOn: IsoDate,
  typeLabelSv: z.string(),
  typeLabelEn: z.string(),
  /** Set when the coordinator has granted this case worker access to the report. */
  incidentId: UuidSchema.nullable(),
});
export type ThreatWarning = z.infer<typeof ThreatWarningSchema>;

export const CaseReferenceRequestSchema = z.object({
  caseReference: z.string().trim().min(1).max(100),
  /** The case worker's own label for the case (never the reference itself). */
  label: z.string().trim().max(100).nullable().optional(),
  /** The organisation the case belongs to; defaults to the case worker's. */
  organisationId: UuidSchema.optional(),
});

export type CaseReferenceRequest = z.infer<typeof CaseReferenceRequestSchema>;

export const ThreatCaseSchema = z.object({
  id: UuidSchema,
  label: z.string().nullable(),
  /** The committee or company the case belongs to (secrecy applies between them). */
  organisationId: UuidSchema,
  organisationName: z.string(),
  createdAt: IsoDateTime,
  warnings: z.array(ThreatWarningSchema),
});
export type ThreatCase = z.infer<typeof ThreatCaseSchema>;

/** Whom a case worker asks for more than the warning: the organisation's security coordinators. */
export const ThreatContactSchema = z.object({ name: z.string(), email: z.string() });
/** An organisation a case worker may register cases in, with its security coordinators. */
export const ThreatCaseOrganisationSchema = z.object({
  id: UuidSchema,
  name: z.string(),
  securityCoordinators: z.array(ThreatContactSchema),
});
export type ThreatCaseOrganisation = z.infer<typeof ThreatCaseOrganisationSchema>;
export const ThreatCaseListResponseSchema = z.object({
  items: z.array(ThreatCaseSchema),
  organisations: z.array(ThreatCaseOrganisationSchema),
});
export type ThreatCaseListResponse = z.infer<typeof ThreatCaseListResponseSchema>;

/** A one-off check, nothing stored; the organisation defaults to the case worker's. */
export const ThreatLookupRequestSchema = CaseReferenceRequestSchema.pick({
  caseReference: true,
  organisationId: true,
});
export type ThreatLookupRequest = z.infer<typeof ThreatLookupRequestSchema>;
export const ThreatLookupResponseSchema = z.object({ warnings: z.array(ThreatWarningSchema) });
export type ThreatLookupResponse = z.infer<typeof ThreatLookupResponseSchema>;

export const ThreatEntrySchema = z.object({
  id: UuidSchema,
  organisationId: UuidSchema,
  organisationName: z.string(),
  typeId: UuidSchema,
  typeLabelSv: z.string(),
  typeLabelEn: z.string(),
  occurredOn: IsoDate,
  expiresAt: IsoDateTime,
  expired: z.boolean(),
  note: z.string().nullable(),
  incidentId: UuidSchema.nullable(),
  incidentReference: z.string().nullable(),
  /** Case workers who registered the same case (ids and names, for granting access). */
  matchedCases: z.array(
    z.object({
      caseId: UuidSchema,
      userId: UuidSchema,
      userName: z.string(),
      /** When the case worker registered the case. */
      registeredAt: IsoDateTime,
      /** The case worker already has access to the report. */
      granted: z.boolean(),
    }),
  ),
  createdAt: IsoDateTime,
});
export type ThreatEntry = z.infer<typeof ThreatEntrySchema>;
export const ThreatEntryListQuerySchema = z.object({
  organisationId: UuidSchema.optional(),
  includeExpired: z.enum(['true', 'false']).optional(),
});
export type ThreatEntryListQuery = z.infer<typeof ThreatEntryListQuerySchema>;
export const ThreatEntryListResponseSchema = z.object({ items: z.array(ThreatEntrySchema) });
export type ThreatEntryListResponse = z.infer<typeof ThreatEntryListResponseSchema>;

export const CreateThreatEntryRequestSchema = z.object({
  caseReference: z.string().trim().min(1).max(100),
  incidentId: UuidSchema,
  note: z.string().trim().max(1000).nullable().optional(),
});
export type CreateThreatEntryRequest = z.infer<typeof CreateThreatEntryRequestSchema>;
export const UpdateThreatEntryRequestSchema = z.object({
  /** Corrects the case reference (re-hashed). */
  caseReference: z.string().trim().min(1).max(100).optional(),
  occurredOn: IsoDate.optional(),
  expiresAt: IsoDateTime.optional(),
  note: z.string().trim().max(1000).nullable().optional(),
});
export type UpdateThreatEntryRequest = z.infer<typeof UpdateThreatEntryRequestSchema>;
export const ThreatGrantRequestSchema = z.object({
  caseId: UuidSchema,
  reason: z.string().trim().min(1).max(1000),
});
export type ThreatGrantRequest = z.infer<typeof ThreatGrantRequestSchema>;
