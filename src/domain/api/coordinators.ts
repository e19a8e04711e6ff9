import { z } from 'zod';
import { OrganisationKindSchema } from '../roles.ts';
import { CanSchema } from './common.ts';

/** The coordinator functions every committee and company must have (domain.md §1); each is also a role. */
export const COORDINATOR_FUNCTIONS = ['security_coordinator', 'crime_prevention_coordinator'] as const;
export const CoordinatorFunctionSchema = z.enum(COORDINATOR_FUNCTIONS);
export type CoordinatorFunction = z.infer<typeof CoordinatorFunctionSchema>;

/** How far ahead the compliance view looks for terms that end without a successor. */
export const COMPLIANCE_HORIZON_DAYS = 30;

const DateSchema = z.iso.date();

// --- Requirements -------------------------------------------------------------------------------

export const CoordinatorRequirementSchema = z
  .object({
    id: z.uuid(),
    /** Null: the municipality's own rule, for every organisation of the kind. */
    organisationId: z.uuid().nullable(),
    organisationName: z.string().nullable(),
    organisationKind: z.string(),
    function: CoordinatorFunctionSchema,
    can: CanSchema,
  })
  .meta({ id: 'CoordinatorRequirement' });
export type CoordinatorRequirement = z.infer<typeof CoordinatorRequirementSchema>;

export const CoordinatorRequirementListResponseSchema = z.object({
  items: z.array(CoordinatorRequirementSchema),
});
export type CoordinatorRequirementListResponse = z.infer<typeof CoordinatorRequirementListResponseSchema>;

export const CreateCoordinatorRequirementRequestSchema = z.object({
  /** Leave out (or null) for a rule of the whole municipality; only its administrators may. */
  organisationId: z.uuid().nullable().default(null),
  organisationKind: OrganisationKindSchema.exclude(['municipality']),
  function: CoordinatorFunctionSchema,
});
export type CreateCoordinatorRequirementRequest = z.input<typeof CreateCoordinatorRequirementRequestSchema>;

// --- Assignments --------------------------------------------------------------------------------

export const CoordinatorAssignmentSchema = z
  .object({
    id: z.uuid(),
    organisationId: z.uuid(),
    function: CoordinatorFunctionSchema,
    userId: z.uuid(),
    userName: z.string(),
    /** A disabled account does not count as holding the function. */
    userDisabled: z.boolean(),
    deputy: z.boolean(),
    startsOn: DateSchema,
    /** The last day of the term (included); null until further notice. */
    endsOn: DateSchema.nullable(),
    /** Relative to today: not started yet, running, or over. */
    state: z.enum(['upcoming', 'current', 'ended']),
    can: CanSchema,
  })
  .meta({ id: 'CoordinatorAssignment' });
export type CoordinatorAssignment = z.infer<typeof CoordinatorAssignmentSchema>;

export const CreateCoordinatorAssignmentRequestSchema = z
  .object({
    organisationId: z.uuid(),
    function: CoordinatorFunctionSchema,
    userId: z.uuid(),
    deputy: z.boolean().default(false),
    startsOn: DateSchema,
    endsOn: DateSchema.nullable().default(null),
  })
  .refine((a) => a.endsOn === null || a.endsOn >= a.startsOn, {
    message: 'The end date cannot be before the start date',
    path: ['endsOn'],
  });
export type CreateCoordinatorAssignmentRequest = z.input<typeof CreateCoordinatorAssignmentRequestSchema>;

/** Change a term's dates; ending an assignment is setting `endsOn`. */
export const UpdateCoordinatorAssignmentRequestSchema = z
  .object({
    startsOn: DateSchema.optional(),
    endsOn: DateSchema.nullable().optional(),
  })
  .refine((a) => a.startsOn !== undefined || a.endsOn !== undefined, {
    message: 'Give startsOn, endsOn or both',
  });
export type UpdateCoordinatorAssignmentRequest = z.infer<typeof UpdateCoordinatorAssignmentRequestSchema>;

// --- Compliance ---------------------------------------------------------------------------------

/**
 * `missing`: no one holds the function today. `ending`: someone does, but the term ends within the
 * horizon and no successor starts the next day. `covered`: held today and beyond the horizon.
 */
export const ComplianceStatusSchema = z.enum(['missing', 'ending', 'covered']);
export type ComplianceStatus = z.infer<typeof ComplianceStatusSchema>;

export const FunctionComplianceSchema = z.object({
  function: CoordinatorFunctionSchema,
  status: ComplianceStatusSchema,
  /** Who holds the function today. */
  holder: CoordinatorAssignmentSchema.nullable(),
  /** Deputies whose term runs today. */
  deputies: z.array(CoordinatorAssignmentSchema),
  /** The first day without a holder, from today on: today when missing, null when covered beyond the horizon. */
  gapFrom: DateSchema.nullable(),
  /** The next holder whose term starts after today, if one is assigned. */
  next: CoordinatorAssignmentSchema.nullable(),
});
export type FunctionCompliance = z.infer<typeof FunctionComplianceSchema>;

export const ComplianceOrganisationSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.string(),
  parentId: z.uuid().nullable(),
  parentName: z.string().nullable(),
});

export const OrganisationComplianceSchema = z
  .object({
    organisation: ComplianceOrganisationSchema,
    /** The worst status of its required functions. */
    status: ComplianceStatusSchema,
    functions: z.array(FunctionComplianceSchema),
    can: CanSchema,
  })
  .meta({ id: 'OrganisationCompliance' });
export type OrganisationCompliance = z.infer<typeof OrganisationComplianceSchema>;

export const ComplianceListResponseSchema = z
  .object({
    /** Today, in Sweden. */
    asOf: DateSchema,
    horizonDays: z.number().int(),
    summary: z.object({
      organisations: z.number().int(),
      missing: z.number().int(),
      ending: z.number().int(),
      covered: z.number().int(),
    }),
    /** Organisations in force with at least one required function: missing first, then ending, by name. */
    items: z.array(OrganisationComplianceSchema),
  })
  .meta({ id: 'ComplianceList' });
export type ComplianceListResponse = z.infer<typeof ComplianceListResponseSchema>;

export const OrganisationComplianceDetailSchema = z
  .object({
    asOf: DateSchema,
    horizonDays: z.number().int(),
    organisation: ComplianceOrganisationSchema,
    status: ComplianceStatusSchema,
    /** Required functions (empty when the organisation's kind has none). */
    functions: z.array(FunctionComplianceSchema),
    /** Every assignment in the organisation, required or not, newest term first: who held what when. */
    history: z.array(CoordinatorAssignmentSchema),
    can: CanSchema,
  })
  .meta({ id: 'OrganisationComplianceDetail' });
export type OrganisationComplianceDetail = z.infer<typeof OrganisationComplianceDetailSchema>;
