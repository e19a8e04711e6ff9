import crypto from 'node:crypto';
import type {
  MergeOrganisationsRequest,
  Organisation,
  SplitOrganisationRequest,
} from '../../../domain/api/organisations.ts';
import type { Caller } from '../../platform/actor.ts';
import type { AppDeps } from '../../platform/context.ts';
import type { RequestMeta } from '../auth/auth.usecases.ts';
import {
  alreadySucceeded,
  duplicateIds,
  mergeMismatch,
  notDistrictCommittee,
  notInForce,
  organisationNotFound,
  rootLocked,
  splitAreaNotHeld,
  splitAreaTwice,
} from './organisations.errors.ts';
import { requireVisible, withNewOrganisations } from './organisations.policy.ts';
import { addDays, swedishToday } from './organisations.rules.ts';
import {
  endWithSubtree,
  insertOrganisation,
  type ReleasedArea,
  record,
  repositories,
  requireManageParent,
  transact,
  type Work,
} from './organisations.steps.ts';
import type { OrganisationRecord } from './organisations.tables.ts';
import { presentAll } from './organisations.usecases.ts';

interface Args {
  deps: AppDeps;
  caller: Caller;
  meta?: Partial<RequestMeta>;
}

/** A merge or split on `date` needs each predecessor in force the day before and not yet succeeded. */
async function checkCanBeSucceeded(w: Work, o: OrganisationRecord, date: string): Promise<void> {
  if (o.parent_id === null) throw rootLocked();
  if (await repositories(w).organisations.hasSuccessors(o.id)) throw alreadySucceeded();
  const lastDay = addDays(date, -1);
  if ((o.valid_from !== null && o.valid_from > lastDay) || (o.valid_to !== null && o.valid_to < lastDay))
    throw notInForce();
}

/** Hands released area responsibility to a successor, each for the days it still had to run. */
async function takeOver(w: Work, successorId: string, released: readonly ReleasedArea[]): Promise<void> {
  const { areas } = repositories(w);
  for (const r of released) {
    const id = await areas.insert({ organisationId: successorId, ...r });
    await record(w, {
      action: 'organisation_area.created',
      organisationId: successorId,
      targetType: 'organisation_area',
      targetId: id,
      fields: ['area_id', 'valid_from', 'valid_to'],
    });
  }
}

/**
 * Merges two or more organisations of one kind (and committee type) under one parent into a new
 * one starting on `date`: the predecessors (and their units) end the day before, the successor
 * takes over their area responsibility, and the successions are recorded.
 */
export async function mergeOrganisations({
  deps,
  caller,
  input,
  meta,
}: Args & { input: MergeOrganisationsRequest }): Promise<Organisation> {
  const ids = input.organisationIds;
  if (new Set(ids).size !== ids.length) throw duplicateIds();
  for (const id of ids) requireVisible(caller, id);
  const { successor, parentId } = await transact(deps, async (trx) => {
    const w: Work = { trx, deps, caller, meta };
    const { organisations } = repositories(w);
    const rows = await organisations.lockByIds(ids);
    if (rows.length !== ids.length) throw organisationNotFound();
    const first = rows[0]!;
    if (rows.some((o) => o.parent_id === null)) throw rootLocked();
    requireManageParent(caller, first);
    if (
      rows.some(
        (o) =>
          o.parent_id !== first.parent_id ||
          o.kind !== first.kind ||
          o.committee_type !== first.committee_type,
      )
    )
      throw mergeMismatch();
    for (const o of rows) await checkCanBeSucceeded(w, o, input.date);
    const parent = await organisations.findById(first.parent_id!);
    if (!parent) throw organisationNotFound();

    const lastDay = addDays(input.date, -1);
    const released: ReleasedArea[] = [];
    for (const o of rows) released.push(...(await endWithSubtree(w, o, lastDay, ['successors'])));
    const created = await insertOrganisation(
      w,
      parent,
      {
        name: input.name,
        kind: first.kind as Exclude<OrganisationRecord['kind'], 'municipality'>,
        committeeType: first.committee_type,
        code: input.code ?? null,
        validFrom: input.date,
      },
      'organisation.merged',
      ['predecessors'],
    );
    const changeId = crypto.randomUUID();
    await organisations.insertSuccessions(
      rows.map((o) => ({
        predecessorId: o.id,
        successorId: created.id,
        kind: 'merge',
        changeId,
        date: input.date,
      })),
    );
    await takeOver(w, created.id, released);
    return { successor: created, parentId: parent.id };
  });
  const [presented] = await presentAll(
    deps.db,
    withNewOrganisations(caller, parentId, [successor.id]),
    [successor],
    swedishToday(deps.now()),
  );
  return presented!;
}

/**
 * Splits an organisation into two or more new ones of the same kind under the same parent,
 * starting on `date`: it (and its units) end the day before. Each successor may take over some of
 * the areas it answered for; areas no successor takes end with it.
 */
export async function splitOrganisation({
  deps,
  caller,
  id,
  input,
  meta,
}: Args & { id: string; input: SplitOrganisationRequest }): Promise<Organisation[]> {
  requireVisible(caller, id);
  const wanted = input.successors.flatMap((s) => s.areaIds ?? []);
  if (new Set(wanted).size !== wanted.length) throw splitAreaTwice();
  const { created, parentId } = await transact(deps, async (trx) => {
    const w: Work = { trx, deps, caller, meta };
    const { organisations } = repositories(w);
    const [o] = await organisations.lockByIds([id]);
    if (!o) throw organisationNotFound();
    if (o.parent_id === null) throw rootLocked();
    requireManageParent(caller, o);
    await checkCanBeSucceeded(w, o, input.date);
    if (wanted.length > 0 && !(o.kind === 'committee' && o.committee_type === 'district'))
      throw notDistrictCommittee();
    const parent = await organisations.findById(o.parent_id);
    if (!parent) throw organisationNotFound();

    const released = await endWithSubtree(w, o, addDays(input.date, -1), ['successors']);
    const byArea = new Map(released.map((r) => [r.areaId, r]));
    if (wanted.some((areaId) => !byArea.has(areaId))) throw splitAreaNotHeld();
    const made: OrganisationRecord[] = [];
    for (const s of input.successors) {
      const successor = await insertOrganisation(
        w,
        parent,
        {
          name: s.name,
          kind: o.kind as Exclude<OrganisationRecord['kind'], 'municipality'>,
          committeeType: o.committee_type,
          code: s.code ?? null,
          validFrom: input.date,
        },
        'organisation.split',
        ['predecessors'],
      );
      await takeOver(
        w,
        successor.id,
        (s.areaIds ?? []).map((areaId) => byArea.get(areaId)!),
      );
      made.push(successor);
    }
    const changeId = crypto.randomUUID();
    await organisations.insertSuccessions(
      made.map((s) => ({
        predecessorId: o.id,
        successorId: s.id,
        kind: 'split',
        changeId,
        date: input.date,
      })),
    );
    return { created: made, parentId: parent.id };
  });
  return presentAll(
    deps.db,
    withNewOrganisations(
      caller,
      parentId,
      created.map((c) => c.id),
    ),
    created,
    swedishToday(deps.now()),
  );
}
