import type {
  AreaResponsibility,
  AssignAreaRequest,
  UpdateAreaResponsibilityRequest,
} from '../../../domain/api/organisations.ts';
import type { Caller } from '../../platform/actor.ts';
import type { AppDeps } from '../../platform/context.ts';
import type { RequestMeta } from '../auth/auth.usecases.ts';
import type { AreaResponsibilityRow } from './organisation-areas.repository.ts';
import {
  areaNotFound,
  areaOverlap,
  areasOutsideValidity,
  notDistrictCommittee,
  organisationNotFound,
  responsibilityNotFound,
} from './organisations.errors.ts';
import { requireManage } from './organisations.policy.ts';
import { presentResponsibility } from './organisations.presenter.ts';
import { checkDateOrder, liesWithin, type Validity } from './organisations.rules.ts';
import { record, repositories, transact, type Work } from './organisations.steps.ts';

interface Args {
  deps: AppDeps;
  caller: Caller;
  meta?: Partial<RequestMeta>;
}

/** The period must be ordered, within the committee's own, and free for the area. */
async function checkPeriod(
  w: Work,
  organisation: Validity,
  areaId: string,
  period: Validity,
  exceptId?: string,
): Promise<void> {
  checkDateOrder(period);
  if (!liesWithin(period, organisation)) throw areasOutsideValidity();
  const clashes = await repositories(w).areas.listOverlapping(areaId, period, exceptId);
  if (clashes.length > 0)
    throw areaOverlap(
      clashes.map((c) => ({
        organisationId: c.organisation_id,
        validFrom: c.valid_from,
        validTo: c.valid_to,
      })),
    );
}

/** The exclusion constraint catches what a concurrent request slipped past the check. */
async function mapOverlap<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if ((err as { code?: string }).code === '23P01') throw areaOverlap();
    throw err;
  }
}

async function lockOrganisation(w: Work, organisationId: string) {
  const [o] = await repositories(w).organisations.lockByIds([organisationId]);
  if (!o) throw organisationNotFound();
  return o;
}

async function findResponsibility(
  w: Work,
  organisationId: string,
  id: string,
): Promise<AreaResponsibilityRow> {
  const r = await repositories(w).areas.findById(id);
  if (!r || r.organisation_id !== organisationId) throw responsibilityNotFound();
  return r;
}

/**
 * Makes a district committee responsible for an area over a period. Whoever manages the committee
 * maintains its areas; one area has at most one responsible organisation on any day.
 */
export async function assignArea({
  deps,
  caller,
  organisationId,
  input,
  meta,
}: Args & { organisationId: string; input: AssignAreaRequest }): Promise<AreaResponsibility> {
  requireManage(caller, organisationId);
  const row = await transact(deps, async (trx) => {
    const w: Work = { trx, deps, caller, meta };
    const o = await lockOrganisation(w, organisationId);
    if (o.kind !== 'committee' || o.committee_type !== 'district') throw notDistrictCommittee();
    const { areas } = repositories(w);
    if (!(await areas.findArea(input.areaId))) throw areaNotFound();
    const period = { valid_from: input.validFrom ?? null, valid_to: input.validTo ?? null };
    await checkPeriod(w, o, input.areaId, period);
    const id = await mapOverlap(() =>
      areas.insert({
        organisationId,
        areaId: input.areaId,
        validFrom: period.valid_from,
        validTo: period.valid_to,
      }),
    );
    await record(w, {
      action: 'organisation_area.created',
      organisationId,
      targetType: 'organisation_area',
      targetId: id,
      fields: ['area_id', 'valid_from', 'valid_to'],
    });
    return (await areas.findById(id))!;
  });
  return presentResponsibility(caller, row);
}

/** Changes a responsibility's dates (e.g. ends it). */
export async function updateAreaResponsibility({
  deps,
  caller,
  organisationId,
  id,
  input,
  meta,
}: Args & {
  organisationId: string;
  id: string;
  input: UpdateAreaResponsibilityRequest;
}): Promise<AreaResponsibility> {
  requireManage(caller, organisationId);
  const row = await transact(deps, async (trx) => {
    const w: Work = { trx, deps, caller, meta };
    const o = await lockOrganisation(w, organisationId);
    const current = await findResponsibility(w, organisationId, id);
    const period = {
      valid_from: input.validFrom === undefined ? current.valid_from : input.validFrom,
      valid_to: input.validTo === undefined ? current.valid_to : input.validTo,
    };
    const changes: { valid_from?: string | null; valid_to?: string | null } = {};
    if (period.valid_from !== current.valid_from) changes.valid_from = period.valid_from;
    if (period.valid_to !== current.valid_to) changes.valid_to = period.valid_to;
    if (Object.keys(changes).length === 0) return current;
    await checkPeriod(w, o, current.area_id, period, id);
    const { areas } = repositories(w);
    await mapOverlap(() => areas.update(id, changes, deps.now()));
    await record(w, {
      action: 'organisation_area.updated',
      organisationId,
      targetType: 'organisation_area',
      targetId: id,
      fields: Object.keys(changes),
    });
    return (await areas.findById(id))!;
  });
  return presentResponsibility(caller, row);
}

/** Removes a responsibility entered by mistake (to end one, set its last day instead). */
export async function deleteAreaResponsibility({
  deps,
  caller,
  organisationId,
  id,
  meta,
}: Args & { organisationId: string; id: string }): Promise<void> {
  requireManage(caller, organisationId);
  await transact(deps, async (trx) => {
    const w: Work = { trx, deps, caller, meta };
    await lockOrganisation(w, organisationId);
    await findResponsibility(w, organisationId, id);
    await repositories(w).areas.delete(id);
    await record(w, {
      action: 'organisation_area.deleted',
      organisationId,
      targetType: 'organisation_area',
      targetId: id,
      fields: ['area_id', 'valid_from', 'valid_to'],
    });
  });
}
