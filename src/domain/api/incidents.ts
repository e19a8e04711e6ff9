import { z } from 'zod';
import { CanSchema, UuidSchema } from './common.ts';

/**
 * The incident API's shapes (issue 4), shared by server and web. Times are ISO 8601 strings with an
 * offset; dates 'YYYY-MM-DD'.
 */

export const INCIDENT_STATES = ['received', 'investigating', 'measures_decided', 'closed'] as const;
export const IncidentStateSchema = z.enum(INCIDENT_STATES);
export type IncidentState = z.infer<typeof IncidentStateSchema>;
export const AffectedKindSchema = z.enum(['employee', 'elected_official', 'resident', 'client', 'unknown']);
export type AffectedKind = z.infer<typeof AffectedKindSchema>;
export const GenderSchema = z.enum(['woman', 'man', 'other', 'unknown']);
export type Gender = z.infer<typeof GenderSchema>;
export const WorkEnvironmentKindSchema = z.enum(['work_injury', 'near_miss', 'risk_observation']);
export type WorkEnvironmentKind = z.infer<typeof WorkEnvironmentKindSchema>;
export const ParticipantRoleSchema = z.enum([
  'reporter',
  'affected',
  'manager',
  'coordinator',
  'assignee',
  'granted',
]);
export const SupportItemSchema = z.enum([
  'talked_with_affected',
  'support_offered',
  'risk_assessment',
  'police_report',
  'safety_measures',
]);
export type SupportItem = z.infer<typeof SupportItemSchema>;
export const AttachmentMediaTypeSchema = z.enum([
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/heic',
  'application/pdf',
]);
const IsoDateTime = z.iso.datetime({ offset: true });
const IsoDate = z.iso.date();
const Code = z.string().regex(/^[a-z][a-z0-9_]{0,59}$/);

// ---------------------------------------------------------------- taxonomy

export const FocusAreaSchema = z.object({
  code: z.string(),
  position: z.number().int(),
  labelSv: z.string(),
  labelEn: z.string(),
});
export const IncidentTypeGroupSchema = z.object({
  code: z.string(),
  labelSv: z.string(),
  labelEn: z.string(),
  sortOrder: z.number().int(),
});

/** What a type means in one version; reports keep the version they were made under. */
export const IncidentTypeDefinitionSchema = z.object({
  labelSv: z.string().trim().min(1).max(200),
  labelEn: z.string().trim().min(1).max(200),
  descriptionSv: z.string().max(2000).nullable(),
  descriptionEn: z.string().max(2000).nullable(),
  focusAreas: z.array(z.string()).min(1),
  workEnvironmentKinds: z.array(WorkEnvironmentKindSchema),
  serious: z.boolean(),
  needToKnow: z.boolean(),
  anonymousAllowed: z.boolean(),
  threatRegister: z.boolean(),
  retentionMonths: z.number().int().min(1).max(1200).nullable(),
  retentionAction: z.enum(['anonymise', 'delete']),
});

export const IncidentTypeSchema = IncidentTypeDefinitionSchema.extend({
  id: UuidSchema,
  code: z.string(),
  groupCode: z.string(),
  version: z.number().int(),
  versionId: UuidSchema,
  active: z.boolean(),
  sortOrder: z.number().int(),
}).meta({ id: 'IncidentType' });
export type IncidentType = z.infer<typeof IncidentTypeSchema>;

export const TaxonomyResponseSchema = z.object({
  groups: z.array(IncidentTypeGroupSchema),
  focusAreas: z.array(FocusAreaSchema),
  types: z.array(IncidentTypeSchema),
});
export type TaxonomyResponse = z.infer<typeof TaxonomyResponseSchema>;

export const TaxonomyQuerySchema = z.object({
  /** Include inactive types (administrators). */
  all: z.enum(['true', 'false']).optional(),
});

export const CreateIncidentTypeRequestSchema = IncidentTypeDefinitionSchema.extend({
  code: Code,
  groupCode: z.string(),
  sortOrder: z.number().int().optional(),
});
/** Any change to the definition makes a new version; `active` and `sortOrder` do not. */
export const UpdateIncidentTypeRequestSchema = IncidentTypeDefinitionSchema.partial().extend({
  active: z.boolean().optional(),
  sortOrder: z.number().int().optional(),
});
export const IncidentTypeVersionsResponseSchema = z.object({
  items: z.array(
    IncidentTypeDefinitionSchema.extend({
      id: UuidSchema,
      version: z.number().int(),
      createdAt: IsoDateTime,
      createdBy: z.string().nullable(),
      reportCount: z.number().int(),
    }),
  ),
});

// ---------------------------------------------------------------- uploads and attachments

/** `POST /api/incident-uploads` with the file as the raw body and `x-file-name` (URI-encoded). */
export const UploadSchema = z
  .object({
    id: UuidSchema,
    fileName: z.string(),
    mediaType: AttachmentMediaTypeSchema,
    sizeBytes: z.number().int(),
    sha256: z.string(),
  })
  .meta({ id: 'IncidentUpload' });
export type Upload = z.infer<typeof UploadSchema>;
export const AttachmentSchema = UploadSchema.extend({ createdAt: IsoDateTime });

// ---------------------------------------------------------------- reporting

export const LocationSchema = z.object({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});

export const CreateIncidentRequestSchema = z
  .object({
    typeId: UuidSchema,
    occurredAt: IsoDateTime,
    location: LocationSchema.nullable().optional(),
    facilityId: UuidSchema.nullable().optional(),
    addressText: z.string().trim().max(300).nullable().optional(),
    /** Which of the reporter's organisations (unit) it concerns; defaults to the facility's or the reporter's unit. */
    organisationId: UuidSchema.nullable().optional(),
    affectedKind: AffectedKindSchema,
    /** The reporter was the one affected (threat and violence types: gives them need-to-know). */
    affectedSelf: z.boolean().optional(),
    affectedGender: GenderSchema.nullable().optional(),
    description: z.string().trim().min(1).max(10000),
    immediateAction: z.string().trim().max(5000).nullable().optional(),
    policeCalled: z.boolean(),
    policeReportNumber: z.string().trim().max(50).nullable().optional(),
    injury: z.boolean(),
    injurySeverity: z.enum(['minor', 'serious']).nullable().optional(),
    workEnvironmentKind: WorkEnvironmentKindSchema.nullable().optional(),
    anonymous: z.boolean().optional(),
    uploadIds: z.array(UuidSchema).max(50).optional(),
    /** A client's case reference (threat types with the register): stored only as a keyed hash. */
    caseReference: z.string().trim().min(1).max(100).nullable().optional(),
  })
  .meta({ id: 'CreateIncidentRequest' });
export type CreateIncidentRequest = z.infer<typeof CreateIncidentRequestSchema>;

export const ReceiptSchema = z
  .object({
    id: UuidSchema,
    reference: z.string(),
    anonymous: z.boolean(),
    state: IncidentStateSchema,
    reportedAt: IsoDateTime,
    serious: z.boolean(),
    /** Whether a manager and a security coordinator were found to route it to. */
    routedToManager: z.boolean(),
    routedToCoordinator: z.boolean(),
  })
  .meta({ id: 'IncidentReceipt' });
export type Receipt = z.infer<typeof ReceiptSchema>;

export const BatchIncidentSchema = z.object({
  externalId: z.string().trim().min(1).max(200),
  typeCode: z.string(),
  occurredAt: IsoDateTime,
  organisationId: UuidSchema,
  unitId: UuidSchema.nullable().optional(),
  location: LocationSchema.nullable().optional(),
  facilityId: UuidSchema.nullable().optional(),
  addressText: z.string().trim().max(300).nullable().optional(),
  affectedKind: AffectedKindSchema,
  affectedGender: GenderSchema.nullable().optional(),
  description: z.string().trim().min(1).max(10000),
  immediateAction: z.string().trim().max(5000).nullable().optional(),
  policeCalled: z.boolean().optional(),
  policeReportNumber: z.string().trim().max(50).nullable().optional(),
  injury: z.boolean().optional(),
  injurySeverity: z.enum(['minor', 'serious']).nullable().optional(),
  attachments: z
    .array(z.object({ fileName: z.string().min(1).max(255), contentBase64: z.string().min(1) }))
    .max(50)
    .optional(),
});
export const BatchIncidentsRequestSchema = z
  .object({
    /** The sending system; (system, externalId) is the idempotency key. */
    system: z.string().trim().min(1).max(100),
    reports: z.array(BatchIncidentSchema).min(1).max(1000),
  })
  .meta({ id: 'BatchIncidentsRequest' });
export const BatchIncidentsResponseSchema = z.object({
  created: z.number().int(),
  unchanged: z.number().int(),
  items: z.array(
    z.object({
      externalId: z.string(),
      id: UuidSchema,
      reference: z.string(),
      status: z.enum(['created', 'unchanged']),
    }),
  ),
});

// ---------------------------------------------------------------- one incident

export const TimelineEventSchema = z.object({
  id: UuidSchema,
  at: IsoDateTime,
  kind: z.string(),
  actorName: z.string().nullable(),
  visibility: z.enum(['internal', 'reporter']),
  body: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;

export const ParticipantSchema = z.object({
  userId: UuidSchema,
  name: z.string(),
  role: ParticipantRoleSchema,
  reason: z.string().nullable(),
});

export const SupportItemRecordSchema = z.object({
  item: SupportItemSchema,
  doneOn: IsoDate,
  note: z.string().nullable(),
  recordedBy: z.string().nullable(),
});

export const IncidentSchema = z
  .object({
    id: UuidSchema,
    reference: z.string(),
    /** `handler`: the whole incident; `participant`: what the reporter or affected person may see. */
    view: z.enum(['handler', 'participant']),
    type: IncidentTypeSchema,
    groupCode: z.string(),
    focusAreas: z.array(z.string()),
    needToKnow: z.boolean(),
    serious: z.boolean(),
    organisation: z.object({ id: UuidSchema, name: z.string() }),
    unit: z.object({ id: UuidSchema, name: z.string() }).nullable(),
    anonymous: z.boolean(),
    reporter: z.object({ id: UuidSchema, name: z.string() }).nullable(),
    source: z.enum(['form', 'api', 'demo']),
    occurredAt: IsoDateTime,
    reportedAt: IsoDateTime,
    location: LocationSchema.nullable(),
    area: z.object({ id: UuidSchema, name: z.string() }).nullable(),
    facility: z.object({ id: UuidSchema, name: z.string() }).nullable(),
    addressText: z.string().nullable(),
    affectedKind: AffectedKindSchema,
    affectedGender: GenderSchema.nullable(),
    description: z.string(),
    immediateAction: z.string().nullable(),
    policeCalled: z.boolean(),
    policeReportNumber: z.string().nullable(),
    injury: z.boolean(),
    injurySeverity: z.enum(['minor', 'serious']).nullable(),
    workEnvironmentKind: WorkEnvironmentKindSchema.nullable(),
    state: IncidentStateSchema,
    closedReason: z.string().nullable(),
    closedAt: IsoDateTime.nullable(),
    assignee: z.object({ id: UuidSchema, name: z.string() }).nullable(),
    authority: z
      .object({
        deadlineAt: IsoDateTime,
        reportedAt: IsoDateTime.nullable(),
        reference: z.string().nullable(),
        overdue: z.boolean(),
      })
      .nullable(),
    participants: z.array(ParticipantSchema),
    attachments: z.array(AttachmentSchema),
    supportItems: z.array(SupportItemRecordSchema),
    timeline: z.array(TimelineEventSchema),
    /** handle, assign, comment, grant, reportAuthority, support */
    can: CanSchema,
  })
  .meta({ id: 'Incident' });
export type Incident = z.infer<typeof IncidentSchema>;

// ---------------------------------------------------------------- handling

export const TransitionRequestSchema = z.object({
  to: IncidentStateSchema,
  /** Required when closing (why) and when reopening a closed incident. */
  reason: z.string().trim().min(1).max(2000).optional(),
});
export const AssignRequestSchema = z.object({ userId: UuidSchema.nullable() });
export const AssignableUsersResponseSchema = z.object({
  items: z.array(z.object({ id: UuidSchema, name: z.string(), email: z.string() })),
});
export type AssignableUser = z.infer<typeof AssignableUsersResponseSchema>['items'][number];
export const CommentRequestSchema = z.object({
  body: z.string().trim().min(1).max(10000),
  visibility: z.enum(['internal', 'reporter']),
});
export const SupportItemParamsSchema = z.object({ id: UuidSchema, item: SupportItemSchema });
export const SupportItemRequestSchema = z.object({
  doneOn: IsoDate,
  note: z.string().trim().max(2000).nullable().optional(),
});
export const GrantRequestSchema = z.object({
  userId: UuidSchema,
  reason: z.string().trim().min(1).max(1000),
});
export const GrantParamsSchema = z.object({ id: UuidSchema, userId: UuidSchema });
export const AuthorityReportRequestSchema = z.object({
  reportedAt: IsoDateTime,
  reference: z.string().trim().min(1).max(100).nullable().optional(),
});
export const AttachmentParamsSchema = z.object({ id: UuidSchema, attachmentId: UuidSchema });

export const AuthorityDeadlineSchema = z.object({
  id: UuidSchema,
  reference: z.string(),
  typeLabelSv: z.string(),
  typeLabelEn: z.string(),
  organisationName: z.string(),
  occurredAt: IsoDateTime,
  deadlineAt: IsoDateTime,
  reportedAt: IsoDateTime.nullable(),
  overdue: z.boolean(),
});
export type AuthorityDeadline = z.infer<typeof AuthorityDeadlineSchema>;
export const AuthorityDeadlinesResponseSchema = z.object({ items: z.array(AuthorityDeadlineSchema) });

// ---------------------------------------------------------------- lists, search, map, export

const CsvOrArray = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.split(',').filter((s) => s !== '') : v),
    z.array(item).max(100),
  );

export const IncidentFilterSchema = z.object({
  organisationId: UuidSchema.optional(),
  /** A unit (and the units below it). */
  unitId: UuidSchema.optional(),
  typeId: CsvOrArray(UuidSchema).optional(),
  groupCode: CsvOrArray(z.string()).optional(),
  focusArea: CsvOrArray(z.string()).optional(),
  state: CsvOrArray(IncidentStateSchema).optional(),
  /** Occurred from (inclusive) and to (exclusive), dates or times. */
  from: z.union([IsoDate, IsoDateTime]).optional(),
  to: z.union([IsoDate, IsoDateTime]).optional(),
  /** An area and the areas inside it. */
  areaId: UuidSchema.optional(),
  facilityId: UuidSchema.optional(),
  gender: CsvOrArray(GenderSchema).optional(),
  serious: z.enum(['true', 'false']).optional(),
  needToKnow: z.enum(['true', 'false']).optional(),
  /** Free text in Swedish: stemming, accents ignored, near misspellings found. */
  q: z.string().trim().min(1).max(200).optional(),
});
export type IncidentFilter = z.infer<typeof IncidentFilterSchema>;

export const IncidentListQuerySchema = IncidentFilterSchema.extend({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  /** `mine`: reports I made or am involved in (any user); default `handling`: what I handle. */
  scope: z.enum(['handling', 'mine']).optional(),
});

export const IncidentSummarySchema = z
  .object({
    id: UuidSchema,
    reference: z.string(),
    typeId: UuidSchema,
    typeLabelSv: z.string(),
    typeLabelEn: z.string(),
    groupCode: z.string(),
    needToKnow: z.boolean(),
    serious: z.boolean(),
    state: IncidentStateSchema,
    occurredAt: IsoDateTime,
    reportedAt: IsoDateTime,
    organisationName: z.string(),
    unitName: z.string().nullable(),
    areaName: z.string().nullable(),
    facilityName: z.string().nullable(),
    affectedGender: GenderSchema.nullable(),
    assigneeName: z.string().nullable(),
    /** The first characters of the description (empty for need-to-know incidents in lists). */
    excerpt: z.string(),
    authorityOverdue: z.boolean(),
  })
  .meta({ id: 'IncidentSummary' });
export type IncidentSummary = z.infer<typeof IncidentSummarySchema>;

export const IncidentListResponseSchema = z.object({
  items: z.array(IncidentSummarySchema),
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});

export const IncidentMapResponseSchema = z.object({
  points: z.array(
    z.object({
      id: UuidSchema,
      lat: z.number(),
      lon: z.number(),
      typeId: UuidSchema,
      groupCode: z.string(),
      serious: z.boolean(),
      state: IncidentStateSchema,
    }),
  ),
  /** More matched than were returned (the map shows at most `limit`). */
  truncated: z.boolean(),
});
export const IncidentMapQuerySchema = IncidentFilterSchema.extend({
  limit: z.coerce.number().int().min(1).max(50000).optional(),
});
export const IncidentExportQuerySchema = IncidentFilterSchema.extend({ format: z.enum(['csv', 'xlsx']) });

// ---------------------------------------------------------------- observations near facilities

export const FacilityObservationsQuerySchema = z.object({
  from: z.union([IsoDate, IsoDateTime]).optional(),
  to: z.union([IsoDate, IsoDateTime]).optional(),
});
export const FacilityObservationsResponseSchema = z.object({
  facility: z.object({
    id: UuidSchema,
    name: z.string(),
    typeCode: z.string(),
    location: LocationSchema.nullable(),
  }),
  items: z.array(
    z.object({
      id: UuidSchema,
      reference: z.string(),
      typeId: UuidSchema,
      typeLabelSv: z.string(),
      typeLabelEn: z.string(),
      occurredAt: IsoDateTime,
      location: LocationSchema.nullable(),
      description: z.string(),
    }),
  ),
  /** Counts per month ('YYYY-MM', Stockholm time) and type, oldest first, over the whole period. */
  byMonth: z.array(z.object({ month: z.string(), typeId: UuidSchema, count: z.number().int() })),
  /** More observations matched than `items` lists (the newest 2000 are listed). */
  truncated: z.boolean(),
});

// ---------------------------------------------------------------- notifications

export const NotificationSchema = z.object({
  id: UuidSchema,
  kind: z.string(),
  incidentId: UuidSchema.nullable(),
  reference: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  createdAt: IsoDateTime,
  readAt: IsoDateTime.nullable(),
});
export type Notification = z.infer<typeof NotificationSchema>;
export const NotificationListResponseSchema = z.object({
  items: z.array(NotificationSchema),
  unread: z.number().int(),
});
export type NotificationListResponse = z.infer<typeof NotificationListResponseSchema>;
/** The answer to marking notices read: how many are still unread. */
export const NotificationUnreadResponseSchema = z.object({ unread: z.number().int() });
export type NotificationUnreadResponse = z.infer<typeof NotificationUnreadResponseSchema>;

// ---------------------------------------------------------------- test clock

export const TestClockRequestSchema = z.object({
  advanceMinutes: z
    .number()
    .int()
    .min(0)
    .max(60 * 24 * 3650),
});
export const TestClockResponseSchema = z.object({ now: IsoDateTime });
