import type { CommitteeType, OrganisationKind } from '../../../domain/roles.ts';
import { type Caller, callerCan, callerId } from '../../platform/actor.ts';
import type { AppDeps } from '../../platform/context.ts';
import { forbidden } from '../../platform/errors.ts';
import type { RequestMeta } from '../auth/auth.usecases.ts';
import { createOrganisationAreasRepository } from './organisation-areas.repository.ts';
import {
  codeTaken,
  descendantStartsLater,
  duplicateName,
  organisationNotFound,
} from './organisations.errors.ts';
import { createOrganisationsRepository } from './organisations.repository.ts';
import {
  addDays,
  checkCommitteeType,
  checkDateOrder,
  checkParentKind,
  checkWithinParent,
  overlaps,
  type Validity,
} from './organisations.rules.ts';
import { audit, type OrganisationRecord, type StructureTrx, structureDb } from './organisations.tables.ts';

/**
 * The steps shared by the use cases (create, update, end, merge, split, import): each runs inside the
 * caller's transaction and writes its own audit entries, so a use case composes them and commits
 * once. Access to the organisations named by the request is checked by the use case first.
 */
export interface Work {
  trx: StructureTrx;
  deps: AppDeps;
  caller: Caller;
  meta?: Partial<RequestMeta>;
}

export function transact<T>(deps: AppDeps, fn: (trx: StructureTrx) => Promise<T>): Promise<T> {
  return structureDb(deps.db).transaction().execute(fn);
}

export function repositories(w: Pick<Work, 'trx'>) {
  return {
    organisations: createOrganisationsRepository({ db: w.trx }),
    areas: createOrganisationAreasRepository({ db: w.trx }),
  };
}

export function record(
  w: Work,
  entry: { action: string; organisationId: string; targetType: string; targetId: string; fields: string[] },
): Promise<void> {
  return audit(
    w.trx,
    { ...entry, actorId: callerId(w.caller), ip: w.meta?.ip ?? null, requestId: w.meta?.requestId ?? null },
    w.deps.now(),
  );
}

/** Changing, ending, merging or splitting an organisation is managing its parent (403 otherwise). */
export function requireManageParent(caller: Caller, o: OrganisationRecord): void {
  if (o.parent_id === null || !callerCan(caller, 'organisations.manage', { organisationId: o.parent_id }))
    throw forbidden();
}

/** Unique-index violations that a concurrent request can still cause after the checks, as our errors. */
export async function mapConstraintErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const e = err as { code?: string; constraint?: string };
    if (e.code === '23505' && e.constraint === 'organisations_code_key') throw codeTaken();
    throw err;
  }
}

export async function checkCodeFree(w: Work, code: string, exceptId?: string): Promise<void> {
  const holder = await repositories(w).organisations.findByCode(code);
  if (holder && holder.id !== exceptId) throw codeTaken();
}

/** No two organisations under one parent share a name on any day. */
export async function checkNameFree(
  w: Work,
  parentId: string,
  name: string,
  validity: Validity,
  exceptId?: string,
): Promise<void> {
  const same = await repositories(w).organisations.listSiblingsNamed(parentId, name);
  if (same.some((o) => o.id !== exceptId && overlaps(o, validity))) throw duplicateName();
}

export interface NewOrganisationInput {
  name: string;
  kind: Exclude<OrganisationKind, 'municipality'>;
  committeeType?: CommitteeType | null;
  code?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
}

/** Checks every rule for a new organisation under `parent`, creates it and audits it. */
export async function insertOrganisation(
  w: Work,
  parent: OrganisationRecord,
  input: NewOrganisationInput,
  action = 'organisation.created',
  extraFields: string[] = [],
): Promise<OrganisationRecord> {
  const { organisations } = repositories(w);
  checkParentKind(input.kind, parent.kind);
  checkCommitteeType(input.kind, input.committeeType);
  const validity = { valid_from: input.validFrom ?? null, valid_to: input.validTo ?? null };
  checkDateOrder(validity);
  checkWithinParent(validity, parent);
  await checkNameFree(w, parent.id, input.name, validity);
  if (input.code) await checkCodeFree(w, input.code);
  const id = await mapConstraintErrors(() =>
    organisations.createOrganisation({ ...input, parentId: parent.id }),
  );
  const fields = ['name', 'kind', 'parent_id'];
  if (input.committeeType) fields.push('committee_type');
  if (input.code) fields.push('code');
  if (validity.valid_from) fields.push('valid_from');
  if (validity.valid_to) fields.push('valid_to');
  await record(w, {
    action,
    organisationId: id,
    targetType: 'organisation',
    targetId: id,
    fields: [...fields, ...extraFields],
  });
  const created = await organisations.findById(id);
  if (!created) throw organisationNotFound();
  return created;
}

/** An area responsibility handed on by an organisation that ended: the days it still had to run. */
export interface ReleasedArea {
  areaId: string;
  validFrom: string;
  validTo: string | null;
}

/**
 * Ends an organisation's area responsibility after `lastDay`: running ones end that day, ones that
 * would only start later are removed. Returns what was released, for a successor to take over.
 */
export async function closeAreasAfter(
  w: Work,
  organisationId: string,
  lastDay: string,
): Promise<ReleasedArea[]> {
  const { areas } = repositories(w);
  const released: ReleasedArea[] = [];
  const firstDayAfter = addDays(lastDay, 1);
  for (const r of await areas.listOpenOn(organisationId, firstDayAfter)) {
    const target = { organisationId, targetType: 'organisation_area', targetId: r.id };
    if (r.valid_from !== null && r.valid_from > lastDay) {
      await areas.delete(r.id);
      await record(w, {
        ...target,
        action: 'organisation_area.deleted',
        fields: ['area_id', 'valid_from', 'valid_to'],
      });
      released.push({ areaId: r.area_id, validFrom: r.valid_from, validTo: r.valid_to });
    } else {
      await areas.update(r.id, { valid_to: lastDay }, w.deps.now());
      await record(w, { ...target, action: 'organisation_area.ended', fields: ['valid_to'] });
      released.push({ areaId: r.area_id, validFrom: firstDayAfter, validTo: r.valid_to });
    }
  }
  return released;
}

/**
 * Ends `o` on `lastDay` (its last day in force) together with every unit beneath it that would
 * run longer, and their area responsibility. Refused when a unit beneath starts after that day.
 * Returns the areas `o` itself released.
 */
export async function endWithSubtree(
  w: Work,
  o: OrganisationRecord,
  lastDay: string,
  extraFields: string[] = [],
): Promise<ReleasedArea[]> {
  const { organisations } = repositories(w);
  const descendants = await organisations.listDescendants(o.id);
  if (descendants.some((d) => d.valid_from !== null && d.valid_from > lastDay)) throw descendantStartsLater();
  let released: ReleasedArea[] = [];
  for (const x of [o, ...descendants]) {
    const isSelf = x.id === o.id;
    const runsLonger = x.valid_to === null || x.valid_to > lastDay;
    if (runsLonger) await organisations.updateOrganisation(x.id, { valid_to: lastDay }, w.deps.now());
    if (runsLonger || (isSelf && extraFields.length > 0))
      await record(w, {
        action: 'organisation.ended',
        organisationId: x.id,
        targetType: 'organisation',
        targetId: x.id,
        fields: [...(runsLonger ? ['valid_to'] : []), ...(isSelf ? extraFields : [])],
      });
    const closed = await closeAreasAfter(w, x.id, lastDay);
    if (isSelf) released = closed;
  }
  return released;
}
