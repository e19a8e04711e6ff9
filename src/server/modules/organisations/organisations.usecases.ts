import type {
  CreateOrganisationRequest,
  Organisation,
  UpdateOrganisationRequest,
} from '../../../domain/api/organisations.ts';
import type { Caller } from '../../platform/actor.ts';
import type { AppDeps } from '../../platform/context.ts';
import type { RequestMeta } from '../auth/auth.usecases.ts';
import { createOrganisationAreasRepository } from './organisation-areas.repository.ts';
import {
  alreadyEnded,
  areasOutsideValidity,
  committeeHasAreas,
  cycle,
  historyLocked,
  invalidDates,
  organisationNotFound,
  rootLocked,
} from './organisations.errors.ts';
import { requireManage, requireVisible, visibleIds, withNewOrganisations } from './organisations.policy.ts';
import { type OrganisationContext, presentOrganisation } from './organisations.presenter.ts';
import { createOrganisationsRepository, type OrganisationChanges } from './organisations.repository.ts';
import {
  checkChildrenWithin,
  checkCommitteeType,
  checkDateOrder,
  checkParentKind,
  checkWithinParent,
  isInForce,
  liesWithin,
  swedishToday,
} from './organisations.rules.ts';
import {
  checkCodeFree,
  checkNameFree,
  endWithSubtree,
  insertOrganisation,
  mapConstraintErrors,
  record,
  repositories,
  requireManageParent,
  transact,
  type Work,
} from './organisations.steps.ts';
import type { OrganisationRecord, StructureDb } from './organisations.tables.ts';

export { organisationNotFound };

interface Args {
  deps: AppDeps;
  caller: Caller;
  meta?: Partial<RequestMeta>;
}

/** Presents organisations with their history and areas, gathered in two queries for the whole list. */
export async function presentAll(
  db: AppDeps['db'] | StructureDb,
  caller: Caller,
  rows: readonly OrganisationRecord[],
  today: string,
): Promise<Organisation[]> {
  const ids = rows.map((o) => o.id);
  const ctx: OrganisationContext = {
    today,
    successions: await createOrganisationsRepository({ db }).listSuccessionsOf(ids),
    areas: await createOrganisationAreasRepository({ db }).listFor(ids),
  };
  return rows.map((o) => presentOrganisation(caller, o, ctx));
}

/** The organisations the caller can see, or those of them in force on `on`. */
export async function listOrganisations({
  deps,
  caller,
  on,
}: Args & { on?: string | undefined }): Promise<Organisation[]> {
  const repo = createOrganisationsRepository(deps);
  const rows = await repo.listByIds(await visibleIds(caller, repo));
  const shown = on ? rows.filter((o) => isInForce(o, on)) : rows;
  return presentAll(deps.db, caller, shown, swedishToday(deps.now()));
}

export async function getOrganisation({ deps, caller, id }: Args & { id: string }): Promise<Organisation> {
  requireVisible(caller, id);
  const row = await createOrganisationsRepository(deps).findById(id);
  if (!row) throw organisationNotFound();
  const [presented] = await presentAll(deps.db, caller, [row], swedishToday(deps.now()));
  return presented!;
}

export async function createOrganisation({
  deps,
  caller,
  input,
  meta,
}: Args & { input: CreateOrganisationRequest }): Promise<Organisation> {
  requireManage(caller, input.parentId);
  const id = await transact(deps, async (trx) => {
    const w: Work = { trx, deps, caller, meta };
    const [parent] = await repositories(w).organisations.lockByIds([input.parentId]);
    if (!parent) throw organisationNotFound();
    return (await insertOrganisation(w, parent, input)).id;
  });
  return getOrganisation({ deps, caller: withNewOrganisations(caller, input.parentId, [id]), id });
}

/** Changes the fields given; audits the names of those that changed (nothing when none did). */
export async function updateOrganisation({
  deps,
  caller,
  id,
  input,
  meta,
}: Args & { id: string; input: UpdateOrganisationRequest }): Promise<Organisation> {
  requireVisible(caller, id);
  await transact(deps, async (trx) => {
    const w: Work = { trx, deps, caller, meta };
    const o = await repositories(w).organisations.findById(id);
    if (!o) throw organisationNotFound();
    if (o.parent_id === null) throw rootLocked();
    requireManageParent(caller, o);
    const changes = await planUpdate(w, id, input);
    if (Object.keys(changes).length === 0) return;
    await mapConstraintErrors(() =>
      repositories(w).organisations.updateOrganisation(id, changes, deps.now()),
    );
    await record(w, {
      action: 'organisation.updated',
      organisationId: id,
      targetType: 'organisation',
      targetId: id,
      fields: Object.keys(changes),
    });
  });
  return getOrganisation({ deps, caller, id });
}

/**
 * Checks an update against every rule and returns the columns that change; refuses (403) a change
 * to an organisation whose parent the caller does not manage.
 */
export async function planUpdate(
  w: Work,
  id: string,
  input: UpdateOrganisationRequest,
): Promise<OrganisationChanges> {
  const { organisations, areas } = repositories(w);
  const [o] = await organisations.lockByIds([id]);
  if (!o) throw organisationNotFound();
  if (o.parent_id === null) throw rootLocked();
  const changes: OrganisationChanges = {};
  let parent = await organisations.findById(o.parent_id);
  if (input.parentId !== undefined && input.parentId !== o.parent_id) {
    requireManage(w.caller, input.parentId);
    const [newParent] = await organisations.lockByIds([input.parentId]);
    if (!newParent) throw organisationNotFound();
    const beneath = await organisations.listDescendants(id);
    if (newParent.id === id || beneath.some((d) => d.id === newParent.id)) throw cycle();
    checkParentKind(o.kind, newParent.kind);
    changes.parent_id = newParent.id;
    parent = newParent;
  }
  if (!parent) throw organisationNotFound();
  if (input.name !== undefined && input.name !== o.name) changes.name = input.name;
  if (input.code !== undefined && (input.code ?? null) !== o.code) {
    if (input.code) await checkCodeFree(w, input.code, id);
    changes.code = input.code ?? null;
  }
  if (input.committeeType !== undefined && input.committeeType !== o.committee_type) {
    checkCommitteeType(o.kind, input.committeeType);
    if (o.committee_type === 'district' && (await areas.listFor([id])).length > 0) throw committeeHasAreas();
    changes.committee_type = input.committeeType;
  }
  const next = {
    valid_from: input.validFrom === undefined ? o.valid_from : input.validFrom,
    valid_to: input.validTo === undefined ? o.valid_to : input.validTo,
  };
  checkDateOrder(next);
  if (next.valid_from !== o.valid_from) {
    if (await organisations.hasPredecessors(id)) throw historyLocked();
    changes.valid_from = next.valid_from;
  }
  if (next.valid_to !== o.valid_to) {
    if (await organisations.hasSuccessors(id)) throw historyLocked();
    changes.valid_to = next.valid_to;
  }
  const datesOrPlaceChange = 'valid_from' in changes || 'valid_to' in changes || 'parent_id' in changes;
  if (datesOrPlaceChange) {
    checkWithinParent(next, parent);
    checkChildrenWithin(next, await organisations.listChildren(id));
    if ((await areas.listFor([id])).some((r) => !liesWithin(r, next))) throw areasOutsideValidity();
  }
  if (datesOrPlaceChange || 'name' in changes)
    await checkNameFree(w, parent.id, changes.name ?? o.name, next, id);
  // Changing nothing needs no right (an import may list organisations it does not manage).
  if (Object.keys(changes).length > 0) requireManageParent(w.caller, o);
  return changes;
}

/**
 * Ends an organisation: `date` is its last day in force. Units beneath and area responsibility that
 * would run longer end the same day.
 */
export async function endOrganisation({
  deps,
  caller,
  id,
  date,
  meta,
}: Args & { id: string; date: string }): Promise<Organisation> {
  requireVisible(caller, id);
  await transact(deps, async (trx) => {
    const w: Work = { trx, deps, caller, meta };
    const { organisations } = repositories(w);
    const [o] = await organisations.lockByIds([id]);
    if (!o) throw organisationNotFound();
    if (o.parent_id === null) throw rootLocked();
    requireManageParent(caller, o);
    if (await organisations.hasSuccessors(id)) throw historyLocked();
    if (o.valid_to !== null && o.valid_to <= date) throw alreadyEnded();
    if (o.valid_from !== null && date < o.valid_from) throw invalidDates();
    await endWithSubtree(w, o, date);
  });
  return getOrganisation({ deps, caller, id });
}

// --- For other modules: organisations over time (situational pictures show figures by today's
// organisation or by the one in force at the time). ---

/** Every organisation in force on `day`. */
export function listOrganisationsInForceOn({ deps, day }: { deps: AppDeps; day: string }) {
  return createOrganisationsRepository(deps).listInForceOn(day);
}

/** The organisation(s) of `organisationId`'s line (predecessors and successors) in force on `day`. */
export function findOrganisationsInForceOn({
  deps,
  organisationId,
  day,
}: {
  deps: AppDeps;
  organisationId: string;
  day: string;
}) {
  return createOrganisationsRepository(deps).findInForceOn(organisationId, day);
}

/** Today's successor(s) of an organisation (itself while in force; none when it ended without one). */
export function findCurrentSuccessors({ deps, organisationId }: { deps: AppDeps; organisationId: string }) {
  return createOrganisationsRepository(deps).findCurrentSuccessors(organisationId, swedishToday(deps.now()));
}

/** Today's successors of many organisations: id → ids of the organisations in force today. */
export function mapToCurrentSuccessors({
  deps,
  organisationIds,
}: {
  deps: AppDeps;
  organisationIds: string[];
}) {
  return createOrganisationsRepository(deps).mapToCurrentSuccessors(
    organisationIds,
    swedishToday(deps.now()),
  );
}

/** The organisation responsible for an area on `day`, if any. */
export function findResponsibleOrganisation({
  deps,
  areaId,
  day,
}: {
  deps: AppDeps;
  areaId: string;
  day: string;
}) {
  return createOrganisationAreasRepository(deps).findResponsibleOn(areaId, day);
}
