import type {
  AreaResponsibility,
  Organisation,
  OrganisationLink,
} from '../../../domain/api/organisations.ts';
import { type Caller, callerCan } from '../../platform/actor.ts';
import type { AreaResponsibilityRow } from './organisation-areas.repository.ts';
import type { SuccessionLink } from './organisations.repository.ts';
import { isInForce } from './organisations.rules.ts';
import type { OrganisationRecord } from './organisations.tables.ts';

/** What an organisation's history and areas are presented from, gathered once for a whole list. */
export interface OrganisationContext {
  today: string;
  successions: readonly SuccessionLink[];
  areas: readonly AreaResponsibilityRow[];
}

/**
 * Who may do what: changing, ending, merging or splitting an organisation is managing its parent
 * (an administrator of a committee manages the units beneath it, not the committee); creating a
 * unit beneath or maintaining a district committee's areas is managing the organisation itself.
 */
export function organisationCan(caller: Caller, o: OrganisationRecord) {
  const managesParent =
    o.parent_id !== null && callerCan(caller, 'organisations.manage', { organisationId: o.parent_id });
  const managesSelf = callerCan(caller, 'organisations.manage', { organisationId: o.id });
  return {
    createChild: managesSelf,
    update: managesParent,
    end: managesParent,
    merge: managesParent,
    split: managesParent,
    assignAreas: managesSelf && o.kind === 'committee' && o.committee_type === 'district',
  };
}

export function presentResponsibility(caller: Caller, r: AreaResponsibilityRow): AreaResponsibility {
  const manages = callerCan(caller, 'organisations.manage', { organisationId: r.organisation_id });
  return {
    id: r.id,
    organisationId: r.organisation_id,
    areaId: r.area_id,
    areaName: r.area_name,
    areaCode: r.area_code,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    can: { update: manages, delete: manages },
  };
}

export function presentOrganisation(
  caller: Caller,
  o: OrganisationRecord,
  ctx: OrganisationContext,
): Organisation {
  const predecessors: OrganisationLink[] = ctx.successions
    .filter((s) => s.successor_id === o.id)
    .map((s) => ({ id: s.predecessor_id, name: s.predecessor_name, kind: s.kind, date: s.effective_date }));
  const successors: OrganisationLink[] = ctx.successions
    .filter((s) => s.predecessor_id === o.id)
    .map((s) => ({ id: s.successor_id, name: s.successor_name, kind: s.kind, date: s.effective_date }));
  return {
    id: o.id,
    name: o.name,
    kind: o.kind,
    parentId: o.parent_id,
    committeeType: o.committee_type,
    code: o.code,
    validFrom: o.valid_from,
    validTo: o.valid_to,
    inForce: isInForce(o, ctx.today),
    predecessors,
    successors,
    areas: ctx.areas.filter((r) => r.organisation_id === o.id).map((r) => presentResponsibility(caller, r)),
    can: organisationCan(caller, o),
  };
}
