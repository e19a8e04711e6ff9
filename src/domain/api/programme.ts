import { z } from 'zod';
import { CanSchema } from './common.ts';

/*
 * The programme as a steering document: versions with a lifecycle (draft → adopted → retired), goal
 * areas, focus areas, objectives, indicators and relations to other steering documents. Every text a
 * reader sees comes in Swedish and English, both required.
 */

const LANGUAGES = { sv: 'Swedish', en: 'English' } as const;

function text(language: keyof typeof LANGUAGES, max: number) {
  const name = LANGUAGES[language];
  return z
    .string({ error: `The ${name} text is required` })
    .trim()
    .min(1, `The ${name} text is required`)
    .max(max, `The ${name} text is at most ${max} characters`);
}

/** A text in Swedish and English, both required (up to `max` characters each). */
export function localizedText(max: number) {
  return z.object({ sv: text('sv', max), en: text('en', max) });
}

export const LocalizedTextSchema = z.object({ sv: z.string(), en: z.string() }).meta({ id: 'LocalizedText' });
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

export const VERSION_STATUSES = ['draft', 'adopted', 'retired'] as const;
export const VersionStatusSchema = z.enum(VERSION_STATUSES);
export type VersionStatus = z.infer<typeof VersionStatusSchema>;

/** How a programme version relates to another steering document. */
export const RELATION_TYPES = ['implements', 'complements', 'replaces', 'governed_by'] as const;
export const RelationTypeSchema = z.enum(RELATION_TYPES, {
  error: `The relation type must be one of ${RELATION_TYPES.join(', ')}`,
});
export type RelationType = z.infer<typeof RelationTypeSchema>;

export const INDICATOR_DIRECTIONS = ['increase', 'decrease', 'maintain'] as const;
export const IndicatorDirectionSchema = z.enum(INDICATOR_DIRECTIONS, {
  error: `The direction must be one of ${INDICATOR_DIRECTIONS.join(', ')}`,
});
export type IndicatorDirection = z.infer<typeof IndicatorDirectionSchema>;

const IsoDateSchema = z.iso.date({ error: 'A date as YYYY-MM-DD' });
const YearSchema = z.int().min(1900).max(2200);
const LabelSchema = z
  .string()
  .trim()
  .min(1, 'The label is required, e.g. 2018–2021')
  .max(50, 'The label is at most 50 characters');
const ReferenceSchema = z
  .string()
  .trim()
  .min(1, 'The decision reference is required, e.g. KF 2018-04-16 § 14, Dnr KS 2017/1125')
  .max(200, 'The decision reference is at most 200 characters');

// ---- answers ----

const VersionLinkSchema = z.object({ id: z.uuid(), label: z.string() });

export const GoalAreaSchema = z
  .object({
    id: z.uuid(),
    position: z.int(),
    title: LocalizedTextSchema,
    description: LocalizedTextSchema,
  })
  .meta({ id: 'ProgrammeGoalArea' });
export type GoalArea = z.infer<typeof GoalAreaSchema>;

export const ObjectiveSchema = z
  .object({
    id: z.uuid(),
    focusAreaId: z.uuid(),
    position: z.int(),
    title: LocalizedTextSchema,
    description: LocalizedTextSchema.nullable(),
  })
  .meta({ id: 'ProgrammeObjective' });
export type Objective = z.infer<typeof ObjectiveSchema>;

const MeasurementSchema = z.object({ value: z.number(), year: z.int() });

export const IndicatorSchema = z
  .object({
    id: z.uuid(),
    focusAreaId: z.uuid(),
    position: z.int(),
    name: LocalizedTextSchema,
    unit: LocalizedTextSchema,
    direction: IndicatorDirectionSchema,
    baseline: MeasurementSchema.nullable(),
    target: MeasurementSchema.nullable(),
  })
  .meta({ id: 'ProgrammeIndicator' });
export type Indicator = z.infer<typeof IndicatorSchema>;

export const FocusAreaSchema = z
  .object({
    id: z.uuid(),
    position: z.int(),
    title: LocalizedTextSchema,
    description: LocalizedTextSchema,
    communication: LocalizedTextSchema,
    /** The goal areas this focus area serves, in the goal areas' order. */
    goalAreaIds: z.array(z.uuid()),
    objectives: z.array(ObjectiveSchema),
    indicators: z.array(IndicatorSchema),
  })
  .meta({ id: 'ProgrammeFocusArea' });
export type FocusArea = z.infer<typeof FocusAreaSchema>;

export const ExternalDocumentSchema = z
  .object({
    id: z.uuid(),
    organisationId: z.uuid(),
    title: LocalizedTextSchema,
    issuer: LocalizedTextSchema,
    year: z.int(),
    reference: z.string().nullable(),
  })
  .meta({ id: 'ExternalSteeringDocument' });
export type ExternalDocument = z.infer<typeof ExternalDocumentSchema>;

export const RelationTargetSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('external'),
    id: z.uuid(),
    title: LocalizedTextSchema,
    issuer: LocalizedTextSchema,
    year: z.int(),
    reference: z.string().nullable(),
  }),
  z.object({
    kind: z.literal('version'),
    id: z.uuid(),
    organisationId: z.uuid(),
    label: z.string(),
    title: LocalizedTextSchema,
    status: VersionStatusSchema,
  }),
]);
export type RelationTarget = z.infer<typeof RelationTargetSchema>;

export const RelationSchema = z
  .object({
    id: z.uuid(),
    versionId: z.uuid(),
    type: RelationTypeSchema,
    target: RelationTargetSchema,
    note: LocalizedTextSchema.nullable(),
  })
  .meta({ id: 'ProgrammeRelation' });
export type Relation = z.infer<typeof RelationSchema>;

export const VersionSummarySchema = z
  .object({
    id: z.uuid(),
    programmeId: z.uuid(),
    organisationId: z.uuid(),
    label: z.string(),
    title: LocalizedTextSchema,
    status: VersionStatusSchema,
    isDemo: z.boolean(),
    adoptedOn: z.iso.date().nullable(),
    decisionReference: z.string().nullable(),
    retiredOn: z.iso.date().nullable(),
    retirementReference: z.string().nullable(),
    /** The version this one retired when it was adopted. */
    replaces: VersionLinkSchema.nullable(),
    /** The version whose adoption retired this one (null if retired without a successor). */
    retiredBy: VersionLinkSchema.nullable(),
    copiedFrom: VersionLinkSchema.nullable(),
    /** edit (drafts), adopt, retire, delete (drafts), copy (into a new draft). */
    can: CanSchema,
  })
  .meta({ id: 'ProgrammeVersionSummary' });
export type VersionSummary = z.infer<typeof VersionSummarySchema>;

export const VersionSchema = VersionSummarySchema.extend({
  summary: LocalizedTextSchema.nullable(),
  goalAreas: z.array(GoalAreaSchema),
  focusAreas: z.array(FocusAreaSchema),
  relations: z.array(RelationSchema),
}).meta({ id: 'ProgrammeVersion' });
export type Version = z.infer<typeof VersionSchema>;

export const ProgrammeOverviewSchema = z
  .object({
    organisationId: z.uuid(),
    programmeId: z.uuid().nullable(),
    /** The version in force, with all its parts; null when none is. */
    inForce: VersionSchema.nullable(),
    /** Every version, newest first. */
    versions: z.array(VersionSummarySchema),
    /** createProgramme (none exists yet), createDraft (copy of the version in force). */
    can: CanSchema,
  })
  .meta({ id: 'ProgrammeOverview' });
export type ProgrammeOverview = z.infer<typeof ProgrammeOverviewSchema>;

export const VersionListResponseSchema = z.object({ items: z.array(VersionSummarySchema) });
export type VersionListResponse = z.infer<typeof VersionListResponseSchema>;

export const ExternalDocumentListResponseSchema = z.object({ items: z.array(ExternalDocumentSchema) });
export type ExternalDocumentListResponse = z.infer<typeof ExternalDocumentListResponseSchema>;

// ---- requests ----

export const ProgrammeQuerySchema = z.object({
  /** Whose programme: by default the municipality's (the city programme). */
  organisationId: z.uuid().optional(),
});
export type ProgrammeQuery = z.infer<typeof ProgrammeQuerySchema>;

const nonEmpty = <T extends z.ZodObject>(schema: T) =>
  schema.refine(
    (o) => Object.values(o).some((v) => v !== undefined),
    'Nothing to change: send at least one field',
  );

export const CreateProgrammeRequestSchema = z.object({
  organisationId: z.uuid(),
  label: LabelSchema,
  title: localizedText(300),
  summary: localizedText(4000).nullable().optional(),
});
export type CreateProgrammeRequest = z.infer<typeof CreateProgrammeRequestSchema>;

export const CreateDraftRequestSchema = z.object({
  /** The version whose content the draft starts from (usually the one in force). */
  copyOf: z.uuid(),
  label: LabelSchema,
  /** By default the copied version's title. */
  title: localizedText(300).optional(),
});
export type CreateDraftRequest = z.infer<typeof CreateDraftRequestSchema>;

export const UpdateVersionRequestSchema = nonEmpty(
  z.object({
    label: LabelSchema.optional(),
    title: localizedText(300).optional(),
    summary: localizedText(4000).nullable().optional(),
  }),
);
export type UpdateVersionRequest = z.infer<typeof UpdateVersionRequestSchema>;

export const AdoptVersionRequestSchema = z.object({
  adoptedOn: IsoDateSchema,
  decisionReference: ReferenceSchema,
});
export type AdoptVersionRequest = z.infer<typeof AdoptVersionRequestSchema>;

export const RetireVersionRequestSchema = z.object({
  retiredOn: IsoDateSchema,
  decisionReference: ReferenceSchema,
});
export type RetireVersionRequest = z.infer<typeof RetireVersionRequestSchema>;

const goalAreaFields = { title: localizedText(300), description: localizedText(4000) };
export const CreateGoalAreaRequestSchema = z.object(goalAreaFields);
export type CreateGoalAreaRequest = z.infer<typeof CreateGoalAreaRequestSchema>;
export const UpdateGoalAreaRequestSchema = nonEmpty(z.object(goalAreaFields).partial());
export type UpdateGoalAreaRequest = z.infer<typeof UpdateGoalAreaRequestSchema>;

const focusAreaFields = {
  title: localizedText(300),
  description: localizedText(4000),
  communication: localizedText(4000),
  goalAreaIds: z
    .array(z.uuid())
    .min(1, 'A focus area serves at least one goal area')
    .max(50)
    .refine((ids) => new Set(ids).size === ids.length, 'A goal area is listed twice'),
};
export const CreateFocusAreaRequestSchema = z.object(focusAreaFields);
export type CreateFocusAreaRequest = z.infer<typeof CreateFocusAreaRequestSchema>;
export const UpdateFocusAreaRequestSchema = nonEmpty(z.object(focusAreaFields).partial());
export type UpdateFocusAreaRequest = z.infer<typeof UpdateFocusAreaRequestSchema>;

const objectiveFields = { title: localizedText(500), description: localizedText(4000).nullable().optional() };
export const CreateObjectiveRequestSchema = z.object(objectiveFields);
export type CreateObjectiveRequest = z.infer<typeof CreateObjectiveRequestSchema>;
export const UpdateObjectiveRequestSchema = nonEmpty(z.object(objectiveFields).partial());
export type UpdateObjectiveRequest = z.infer<typeof UpdateObjectiveRequestSchema>;

const MeasurementInputSchema = z.object({
  value: z.number({ error: 'A number' }),
  year: YearSchema,
});
const indicatorFields = {
  name: localizedText(300),
  unit: localizedText(50),
  direction: IndicatorDirectionSchema,
  baseline: MeasurementInputSchema.nullable().optional(),
  target: MeasurementInputSchema.nullable().optional(),
};
export const CreateIndicatorRequestSchema = z.object(indicatorFields);
export type CreateIndicatorRequest = z.infer<typeof CreateIndicatorRequestSchema>;
export const UpdateIndicatorRequestSchema = nonEmpty(z.object(indicatorFields).partial());
export type UpdateIndicatorRequest = z.infer<typeof UpdateIndicatorRequestSchema>;

export const CreateRelationRequestSchema = z.object({
  type: RelationTypeSchema,
  /** Another programme version, or an external steering document. */
  target: z.discriminatedUnion(
    'kind',
    [
      z.object({ kind: z.literal('version'), id: z.uuid() }),
      z.object({ kind: z.literal('external'), id: z.uuid() }),
    ],
    { error: "The target is { kind: 'version' | 'external', id }" },
  ),
  note: localizedText(2000).nullable().optional(),
});
export type CreateRelationRequest = z.infer<typeof CreateRelationRequestSchema>;

export const UpdateRelationRequestSchema = nonEmpty(
  z.object({ type: RelationTypeSchema.optional(), note: localizedText(2000).nullable().optional() }),
);
export type UpdateRelationRequest = z.infer<typeof UpdateRelationRequestSchema>;

export const CreateExternalDocumentRequestSchema = z.object({
  /** The organisation registering it (who may manage it later). */
  organisationId: z.uuid(),
  title: localizedText(300),
  issuer: localizedText(200),
  year: YearSchema,
  reference: z.string().trim().min(1).max(200).nullable().optional(),
});
export type CreateExternalDocumentRequest = z.infer<typeof CreateExternalDocumentRequestSchema>;
