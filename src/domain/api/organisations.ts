import { z } from 'zod';
import { CommitteeTypeSchema, OrganisationKindSchema } from '../roles.ts';
import { CanSchema } from './common.ts';

/** A calendar day, `YYYY-MM-DD`. */
export const DaySchema = z.iso.date().meta({ example: '2020-07-01' });

const NameSchema = z.string().trim().min(1).max(200);
const CodeSchema = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[\p{L}\p{N}._-]+$/u, 'letters, digits, dot, hyphen or underscore');

/** A merge or split seen from one side: the organisation at the other end and the day it took effect. */
export const OrganisationLinkSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(['merge', 'split']),
    /** The successor's first day (the predecessor's last day is the day before). */
    date: DaySchema,
  })
  .meta({ id: 'OrganisationLink' });
export type OrganisationLink = z.infer<typeof OrganisationLinkSchema>;

export const AreaResponsibilitySchema = z
  .object({
    id: z.uuid(),
    organisationId: z.uuid(),
    areaId: z.uuid(),
    areaName: z.string(),
    areaCode: z.string().nullable(),
    validFrom: DaySchema.nullable(),
    validTo: DaySchema.nullable(),
    can: CanSchema,
  })
  .meta({ id: 'AreaResponsibility' });
export type AreaResponsibility = z.infer<typeof AreaResponsibilitySchema>;

export const OrganisationSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: OrganisationKindSchema,
    parentId: z.uuid().nullable(),
    /** For committees: district (responsible for areas) or specialist. */
    committeeType: CommitteeTypeSchema.nullable(),
    code: z.string().nullable(),
    /** First day in force; null when no start is recorded. */
    validFrom: DaySchema.nullable(),
    /** Last day in force; null while it continues. */
    validTo: DaySchema.nullable(),
    /** In force today. */
    inForce: z.boolean(),
    predecessors: z.array(OrganisationLinkSchema),
    successors: z.array(OrganisationLinkSchema),
    /** Areas a district committee answers for, past, present and planned. */
    areas: z.array(AreaResponsibilitySchema),
    can: CanSchema,
  })
  .meta({ id: 'Organisation' });
export type Organisation = z.infer<typeof OrganisationSchema>;

export const OrganisationListQuerySchema = z.object({
  /** Only organisations in force on this day. */
  on: DaySchema.optional(),
});

export const OrganisationListResponseSchema = z.object({ items: z.array(OrganisationSchema) });
export type OrganisationListResponse = z.infer<typeof OrganisationListResponseSchema>;

export const CreateOrganisationRequestSchema = z.object({
  name: NameSchema,
  kind: OrganisationKindSchema.exclude(['municipality']),
  parentId: z.uuid(),
  committeeType: CommitteeTypeSchema.nullish(),
  code: CodeSchema.nullish(),
  validFrom: DaySchema.nullish(),
  validTo: DaySchema.nullish(),
});
export type CreateOrganisationRequest = z.infer<typeof CreateOrganisationRequestSchema>;

/** Only the fields given change; null clears a code or a date. */
export const UpdateOrganisationRequestSchema = z
  .object({
    name: NameSchema,
    parentId: z.uuid(),
    committeeType: CommitteeTypeSchema.nullable(),
    code: CodeSchema.nullable(),
    validFrom: DaySchema.nullable(),
    validTo: DaySchema.nullable(),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'Give at least one field to change');
export type UpdateOrganisationRequest = z.infer<typeof UpdateOrganisationRequestSchema>;

export const EndOrganisationRequestSchema = z.object({
  /** The last day in force. Units beneath and area responsibility end the same day. */
  date: DaySchema,
});
export type EndOrganisationRequest = z.infer<typeof EndOrganisationRequestSchema>;

export const MergeOrganisationsRequestSchema = z.object({
  /** Two or more organisations of one kind under one parent. */
  organisationIds: z.array(z.uuid()).min(2).max(20),
  /** The successor's first day; the predecessors end the day before. */
  date: DaySchema,
  name: NameSchema,
  code: CodeSchema.nullish(),
});
export type MergeOrganisationsRequest = z.infer<typeof MergeOrganisationsRequestSchema>;

export const SplitSuccessorSchema = z.object({
  name: NameSchema,
  code: CodeSchema.nullish(),
  /** Areas this successor takes over from the organisation split (district committees). */
  areaIds: z.array(z.uuid()).max(500).optional(),
});

export const SplitOrganisationRequestSchema = z.object({
  /** The successors' first day; the organisation split ends the day before. */
  date: DaySchema,
  successors: z.array(SplitSuccessorSchema).min(2).max(20),
});
export type SplitOrganisationRequest = z.infer<typeof SplitOrganisationRequestSchema>;

export const SplitOrganisationResponseSchema = z.object({ items: z.array(OrganisationSchema) });

export const AssignAreaRequestSchema = z.object({
  areaId: z.uuid(),
  validFrom: DaySchema.nullish(),
  validTo: DaySchema.nullish(),
});
export type AssignAreaRequest = z.infer<typeof AssignAreaRequestSchema>;

export const UpdateAreaResponsibilityRequestSchema = z
  .object({ validFrom: DaySchema.nullable(), validTo: DaySchema.nullable() })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'Give at least one field to change');
export type UpdateAreaResponsibilityRequest = z.infer<typeof UpdateAreaResponsibilityRequestSchema>;

export const AreaResponsibilityParamsSchema = z.object({ id: z.uuid(), responsibilityId: z.uuid() });

/** The columns of an organisations CSV file (docs/import-formats.md). */
export const ORGANISATION_CSV_COLUMNS = [
  'name',
  'kind',
  'committee_type',
  'parent',
  'valid_from',
  'valid_to',
  'code',
] as const;

export const ImportOrganisationsRequestSchema = z.object({
  /** The file's text (UTF-8), comma- or semicolon-separated. */
  csv: z.string().min(1).max(2_000_000),
  /** Check and report without writing anything. */
  dryRun: z.boolean().optional(),
});
export type ImportOrganisationsRequest = z.infer<typeof ImportOrganisationsRequestSchema>;

export const ImportRowErrorSchema = z
  .object({ line: z.number().int(), column: z.string().optional(), message: z.string() })
  .meta({ id: 'ImportRowError' });
export type ImportRowError = z.infer<typeof ImportRowErrorSchema>;

export const ImportOrganisationsResponseSchema = z
  .object({
    dryRun: z.boolean(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    rows: z.array(
      z.object({
        line: z.number().int(),
        name: z.string(),
        result: z.enum(['created', 'updated', 'unchanged']),
        /** Null for a row that would be created (dry run). */
        id: z.uuid().nullable(),
      }),
    ),
  })
  .meta({ id: 'ImportOrganisationsReport' });
export type ImportOrganisationsResponse = z.infer<typeof ImportOrganisationsResponseSchema>;
