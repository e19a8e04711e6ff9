import type { CreateIncidentRequest, Receipt } from '../../../domain/api/incidents.ts';
import { type Actor, can, ROLE_PERMISSIONS } from '../../../domain/permissions.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppDeps } from '../../platform/context.ts';
import { forbidden } from '../../platform/errors.ts';
import { swedishDay } from '../areas/areas.usecases.ts';
import type { RequestMeta } from '../auth/auth.usecases.ts';
import { recordThreat } from '../threat-register/threat-register.usecases.ts';
import { facilityNotFound, invalidIncident } from './incidents.errors.ts';
import { accessOrganisationId } from './incidents.policy.ts';
import { canReachFacility, NOWHERE, type Place, placeOfFacility, placeOfPin } from './report-place.ts';
import {
  authorityDeadline,
  isSeriousEvent,
  occurredAtProblem,
  swedishYear,
  truncateToHour,
  workEnvironmentKindFor,
} from './report-rules.ts';
import { createReportsRepository, type FacilityPlace, type NewIncident } from './reports.repository.ts';
import { findRouting, type Placement, recordRouting, resolvePlacement } from './routing.ts';
import { createTaxonomyRepository, type TypeWithVersion } from './taxonomy.repository.ts';
import { attachUploads, checkReportUploads } from './uploads.usecases.ts';

const NO_META: RequestMeta = { ip: null, userAgent: null, requestId: null };

export interface Problem {
  path: string;
  message: string;
}

/** The organisation a report concerns when the reporter names none: the first where they may report. */
function reporterOrganisation(actor: Actor): string | null {
  const grant = actor.grants.find((g) => ROLE_PERMISSIONS[g.role].includes('incidents.report'));
  return grant?.organisationId ?? null;
}

/** The type a report is made under: active, in its current version; a problem otherwise. */
async function activeType(deps: AppDeps, typeId: string): Promise<TypeWithVersion | null> {
  const type = await createTaxonomyRepository(deps).findType(typeId);
  return type?.active ? type : null;
}

/** Checks what the type allows and what the report says about itself; returns the problems. */
function checkAgainstType(input: CreateIncidentRequest, type: TypeWithVersion, now: Date) {
  const problems: Problem[] = [];
  const v = type.version;
  const timeProblem = occurredAtProblem(new Date(input.occurredAt), now);
  if (timeProblem) problems.push({ path: 'body.occurredAt', message: timeProblem });
  if (input.anonymous && !v.anonymous_allowed)
    problems.push({ path: 'body.anonymous', message: 'This type cannot be reported anonymously' });
  if (input.anonymous && input.affectedSelf)
    problems.push({
      path: 'body.affectedSelf',
      message: 'An anonymous report cannot name you as the affected person',
    });
  if (input.caseReference && !v.threat_register)
    problems.push({ path: 'body.caseReference', message: 'This type does not take a case reference' });
  if (input.injurySeverity && !input.injury)
    problems.push({ path: 'body.injurySeverity', message: 'Only when someone was injured' });
  const wek = workEnvironmentKindFor({
    chosen: input.workEnvironmentKind,
    injury: input.injury,
    typeKinds: v.work_environment_kinds,
  });
  if (wek.problem) problems.push({ path: 'body.workEnvironmentKind', message: wek.problem });
  return { problems, workEnvironmentKind: wek.kind };
}

/** The facility named, if the reporter can reach it (404 otherwise, whether or not it exists). */
async function reachableFacility(deps: AppDeps, caller: Actor, facilityId: string | null | undefined) {
  if (!facilityId) return null;
  const facility = await createReportsRepository(deps).findFacility(facilityId);
  if (!facility || !canReachFacility(caller, facility))
    throw facilityNotFound([{ path: 'body.facilityId', message: 'No such facility' }]);
  return facility;
}

/**
 * The organisation a report concerns: the one named (where the reporter may report), else the
 * facility's unit or organisation, else the reporter's own.
 */
async function placementFor(
  deps: AppDeps,
  caller: Actor,
  organisationId: string | null | undefined,
  facility: FacilityPlace | null,
): Promise<Placement> {
  if (organisationId && !can(caller, 'incidents.report', { organisationId }))
    throw forbidden([{ path: 'body.organisationId', message: 'You may not report for this organisation' }]);
  const concerns =
    organisationId ?? facility?.unit_id ?? facility?.organisation_id ?? reporterOrganisation(caller);
  const placement = concerns ? await resolvePlacement(deps.db, concerns) : null;
  if (!placement)
    throw forbidden([{ path: 'body.organisationId', message: 'No organisation to report for' }]);
  return placement;
}

/**
 * A report from the form: checked whole (every problem listed by field, nothing stored on any),
 * placed in its organisation, routed to the manager(s) and security coordinator(s), with the
 * caller's uploads attached, in one transaction.
 *
 * Anonymous reports store no identity anywhere: no reporter or participant, attachments with no
 * uploader, an audit entry with no actor, address or request id, and every time kept only to the hour.
 */
export async function createReport({
  deps,
  caller,
  input,
  meta = NO_META,
}: {
  deps: AppDeps;
  caller: Actor;
  input: CreateIncidentRequest;
  meta?: RequestMeta;
}): Promise<Receipt> {
  const now = deps.now();
  const anonymous = input.anonymous === true;
  const uploadIds = [...new Set(input.uploadIds ?? [])];
  // The checks that need the database, side by side (a report should take milliseconds).
  const [type, facility, pin, uploadProblems] = await Promise.all([
    activeType(deps, input.typeId),
    reachableFacility(deps, caller, input.facilityId),
    input.location ? placeOfPin(deps, input.location.lat, input.location.lon) : null,
    checkReportUploads(deps, caller, uploadIds, anonymous, now),
  ]);
  if (!type) throw invalidIncident([{ path: 'body.typeId', message: 'No such active incident type' }]);
  const placement = await placementFor(deps, caller, input.organisationId, facility);
  const { problems, workEnvironmentKind } = checkAgainstType(input, type, now);
  if (typeof pin === 'string') problems.push({ path: 'body.location', message: pin });
  problems.push(...uploadProblems);
  if (problems.length > 0) throw invalidIncident(problems);

  const routing = await findRouting(deps.db, placement, swedishDay(now));
  const at = anonymous ? truncateToHour(now) : now;
  const reporterId = anonymous ? null : caller.userId;
  const values = valuesOfReport({
    input,
    type,
    placement,
    place: pin && typeof pin !== 'string' ? pin : facility ? placeOfFacility(facility) : NOWHERE,
    facility,
    reporterId,
    affectedUserId: !anonymous && input.affectedSelf ? caller.userId : null,
    workEnvironmentKind,
    at,
  });

  const created = await deps.db.transaction().execute(async (trx) => {
    const repo = createReportsRepository({ db: trx });
    const incident = await repo.insertIncident(values, swedishYear(now));
    await recordRouting(trx, at, [
      {
        ...incident,
        type,
        routing,
        reporterId,
        affectedUserId: values.affected_user_id ?? null,
        actorId: reporterId,
        source: 'form',
      },
    ]);
    await attachUploads(trx, { uploadIds, userId: caller.userId, incidentId: incident.id, anonymous, at });
    if (input.caseReference) {
      // An anonymous reporter's register entry keeps the hour only, like everything else.
      await recordThreat(trx, anonymous ? { ...deps, now: () => at } : deps, {
        caseReference: input.caseReference,
        incidentId: incident.id,
        organisationId: placement.organisationId,
        typeId: type.id,
        occurredAt: new Date(input.occurredAt),
        createdBy: reporterId,
      });
    }
    // Last, so the audit chain's lock is held as briefly as possible.
    await recordAudit(
      trx,
      {
        action: 'incident.reported',
        actorId: reporterId,
        organisationId: accessOrganisationId(placement),
        targetType: 'incident',
        targetId: incident.id,
        fields: storedFields(values, uploadIds.length > 0, !!input.caseReference),
        ...(anonymous ? {} : { ip: meta.ip, requestId: meta.requestId }),
      },
      at,
    );
    return incident;
  });
  deps.jobs?.kickNotifications();
  return {
    id: created.id,
    reference: created.reference,
    anonymous,
    state: 'received',
    reportedAt: at.toISOString(),
    serious: values.serious ?? false,
    routedToManager: routing.managerIds.length > 0,
    routedToCoordinator: routing.coordinatorIds.length > 0,
  };
}

/** What a report from the form stores. */
function valuesOfReport(r: {
  input: CreateIncidentRequest;
  type: TypeWithVersion;
  placement: Placement;
  place: Place;
  facility: FacilityPlace | null;
  reporterId: string | null;
  affectedUserId: string | null;
  workEnvironmentKind: NewIncident['work_environment_kind'];
  at: Date;
}): NewIncident {
  const { input, type, at } = r;
  const occurredAt = new Date(input.occurredAt);
  const serious = isSeriousEvent({
    typeSerious: type.version.serious,
    groupCode: type.group_code,
    injury: input.injury,
    injurySeverity: input.injurySeverity,
  });
  return {
    type_id: type.id,
    type_version_id: type.version.id,
    group_code: type.group_code,
    focus_areas: type.version.focus_areas,
    need_to_know: type.version.need_to_know,
    serious,
    organisation_id: r.placement.organisationId,
    unit_id: r.placement.unitId,
    reporter_id: r.reporterId,
    anonymous: input.anonymous === true,
    source: 'form',
    occurred_at: occurredAt,
    reported_at: at,
    ...r.place,
    facility_id: r.facility?.id ?? null,
    address_text: input.addressText || null,
    affected_kind: input.affectedKind,
    affected_gender: input.affectedGender ?? null,
    affected_user_id: r.affectedUserId,
    description: input.description,
    immediate_action: input.immediateAction || null,
    police_called: input.policeCalled,
    police_report_number: input.policeReportNumber || null,
    injury: input.injury,
    injury_severity: input.injury ? (input.injurySeverity ?? null) : null,
    work_environment_kind: r.workEnvironmentKind,
    authority_deadline_at: serious ? authorityDeadline(occurredAt) : null,
    created_at: at,
    updated_at: at,
  };
}

const AUDITED_FIELDS = [
  'type_id',
  'occurred_at',
  'lat',
  'lon',
  'area_id',
  'facility_id',
  'address_text',
  'affected_kind',
  'affected_gender',
  'affected_user_id',
  'description',
  'immediate_action',
  'police_called',
  'police_report_number',
  'injury',
  'injury_severity',
  'work_environment_kind',
  'serious',
] as const satisfies readonly (keyof NewIncident)[];

/** The names (never the values) of what a report stored, for its audit entry. */
export function storedFields(values: NewIncident, attachments: boolean, caseReference: boolean): string[] {
  return [
    ...AUDITED_FIELDS.filter((f) => values[f] !== null && values[f] !== undefined && values[f] !== false),
    ...(attachments ? ['attachments'] : []),
    ...(caseReference ? ['case_reference'] : []),
  ];
}
