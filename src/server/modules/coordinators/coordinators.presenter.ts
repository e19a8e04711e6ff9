import type {
  CoordinatorAssignment,
  CoordinatorRequirement,
  FunctionCompliance,
} from '../../../domain/api/coordinators.ts';
import { type Caller, callerCan } from '../../platform/actor.ts';
import type { SlotEvaluation, TermLike } from './compliance.ts';
import type { AssignmentRow, ComplianceOrganisationRow, RequirementRow } from './coordinators.repository.ts';

/** An assignment as the compliance evaluation reads it. */
export type Term = AssignmentRow & TermLike;

export const toTerm = (a: AssignmentRow): Term => ({
  ...a,
  deputy: a.is_deputy,
  userDisabled: a.user_disabled,
  startsOn: a.starts_on,
  endsOn: a.ends_on,
});

export function presentRequirement(
  caller: Caller,
  r: RequirementRow,
  rootId: string | undefined,
): CoordinatorRequirement {
  const owner = r.organisation_id ?? rootId ?? null;
  return {
    id: r.id,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    organisationKind: r.organisation_kind,
    function: r.function,
    can: { delete: owner !== null && callerCan(caller, 'coordinators.manage', { organisationId: owner }) },
  };
}

export function presentAssignment(caller: Caller, a: AssignmentRow, today: string): CoordinatorAssignment {
  const manages = callerCan(caller, 'coordinators.manage', { organisationId: a.organisation_id });
  const state =
    a.starts_on > today ? 'upcoming' : a.ends_on !== null && a.ends_on < today ? 'ended' : 'current';
  return {
    id: a.id,
    organisationId: a.organisation_id,
    function: a.function,
    userId: a.user_id,
    userName: a.user_name,
    userDisabled: a.user_disabled,
    deputy: a.is_deputy,
    startsOn: a.starts_on,
    endsOn: a.ends_on,
    state,
    can: { update: manages, end: manages && state !== 'ended', delete: manages && state === 'upcoming' },
  };
}

export function presentOrganisation(o: ComplianceOrganisationRow) {
  return { id: o.id, name: o.name, kind: o.kind, parentId: o.parent_id, parentName: o.parent_name };
}

export function presentSlot(
  caller: Caller,
  fn: FunctionCompliance['function'],
  slot: SlotEvaluation<Term>,
  today: string,
): FunctionCompliance {
  const present = (a: AssignmentRow) => presentAssignment(caller, a, today);
  return {
    function: fn,
    status: slot.status,
    holder: slot.holder ? present(slot.holder) : null,
    deputies: slot.deputies.map(present),
    gapFrom: slot.gapFrom,
    next: slot.next ? present(slot.next) : null,
  };
}
