import type { Transaction } from 'kysely';
import {
  COMPLIANCE_HORIZON_DAYS,
  COORDINATOR_FUNCTIONS,
  type ComplianceListResponse,
  type CoordinatorAssignment,
  type CoordinatorFunction,
  type CoordinatorRequirement,
  type CreateCoordinatorAssignmentRequest,
  type CreateCoordinatorRequirementRequest,
  type OrganisationCompliance,
  type OrganisationComplianceDetail,
  type UpdateCoordinatorAssignmentRequest,
} from '../../../domain/api/coordinators.ts';
import { scopeOf } from '../../../domain/permissions.ts';
import type { Database } from '../../db/types.ts';
import { type Caller, callerCan, callerId, SYSTEM } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppDeps } from '../../platform/context.ts';
import { forbidden } from '../../platform/errors.ts';
import type { RequestMeta } from '../auth/auth.usecases.ts';
import { createOrganisationsRepository } from '../organisations/organisations.repository.ts';
import { getUser } from '../users/users.usecases.ts';
import { compareStatus, evaluateSlot, worstStatus } from './compliance.ts';
import {
  assignmentNotFound,
  assignmentStarted,
  invalidDates,
  organisationNotFound,
  requirementExists,
  requirementNotFound,
  termOverlaps,
  userDisabled,
} from './coordinators.errors.ts';
import {
  presentAssignment,
  presentOrganisation,
  presentRequirement,
  presentSlot,
  type Term,
  toTerm,
} from './coordinators.presenter.ts';
import {
  type AssignmentRow,
  type ComplianceOrganisationRow,
  type CoordinatorsRepository,
  createCoordinatorsRepository,
} from './coordinators.repository.ts';
import { swedishDate } from './dates.ts';

const NO_META: RequestMeta = { ip: null, userAgent: null, requestId: null };

/** Where the caller may read compliance; undefined = everywhere (the command line). */
function readScope(caller: Caller): string[] | undefined {
  return caller === SYSTEM ? undefined : scopeOf(caller, 'compliance.read');
}

const canRead = (caller: Caller, organisationId: string) =>
  callerCan(caller, 'compliance.read', { organisationId });

/** Visible (else 404) and manageable (else 403): the order that keeps other organisations secret. */
function assertManages(caller: Caller, organisationId: string, notFound: () => Error): void {
  if (!canRead(caller, organisationId)) throw notFound();
  if (!callerCan(caller, 'coordinators.manage', { organisationId })) throw forbidden();
}

function pgCode(err: unknown): string | undefined {
  return (err as { code?: string } | null)?.code;
}

// --- Requirements -------------------------------------------------------------------------------

export async function listRequirements({
  deps,
  caller,
}: {
  deps: AppDeps;
  caller: Caller;
}): Promise<CoordinatorRequirement[]> {
  const rootId = await createOrganisationsRepository(deps).findRootId();
  const rows = await createCoordinatorsRepository(deps).listRequirements(readScope(caller));
  return rows.map((r) => presentRequirement(caller, r, rootId));
}

export async function createRequirement({
  deps,
  caller,
  input,
  meta = NO_META,
}: {
  deps: AppDeps;
  caller: Caller;
  input: Required<CreateCoordinatorRequirementRequest>;
  meta?: RequestMeta;
}): Promise<CoordinatorRequirement> {
  const rootId = await createOrganisationsRepository(deps).findRootId();
  // A rule of the whole municipality belongs to its administrators.
  const owner = input.organisationId ?? rootId;
  if (!owner) throw organisationNotFound();
  // The municipality's rules are shown to everyone who reads compliance, so refusing one is no secret.
  if (input.organisationId === null) {
    if (!callerCan(caller, 'coordinators.manage', { organisationId: owner })) throw forbidden();
  } else assertManages(caller, owner, organisationNotFound);
  return deps.db
    .transaction()
    .execute(async (trx) => {
      const repo = createCoordinatorsRepository({ db: trx });
      if (!(await repo.findOrganisation(owner))) throw organisationNotFound();
      const id = await repo.createRequirement({
        organisationId: input.organisationId,
        organisationKind: input.organisationKind,
        function: input.function,
        createdBy: callerId(caller),
      });
      await recordAudit(
        trx,
        {
          action: 'coordinator_requirement.created',
          actorId: callerId(caller),
          organisationId: owner,
          targetType: 'coordinator_requirement',
          targetId: id,
          fields: ['organisation_id', 'organisation_kind', 'function'],
          ...meta,
        },
        deps.now(),
      );
      return presentRequirement(caller, (await repo.findRequirement(id))!, rootId);
    })
    .catch((err: unknown) => {
      throw pgCode(err) === '23505' ? requirementExists() : err;
    });
}

export async function deleteRequirement({
  deps,
  caller,
  id,
  meta = NO_META,
}: {
  deps: AppDeps;
  caller: Caller;
  id: string;
  meta?: RequestMeta;
}): Promise<void> {
  const rootId = await createOrganisationsRepository(deps).findRootId();
  const row = await createCoordinatorsRepository(deps).findRequirement(id);
  const owner = row?.organisation_id ?? rootId;
  // The municipality's rules are shown to every reader; others only within their reach.
  if (!row || !owner || (row.organisation_id !== null && !canRead(caller, owner)))
    throw requirementNotFound();
  if (!callerCan(caller, 'coordinators.manage', { organisationId: owner })) throw forbidden();
  await deps.db.transaction().execute(async (trx) => {
    await createCoordinatorsRepository({ db: trx }).deleteRequirement(id);
    await recordAudit(
      trx,
      {
        action: 'coordinator_requirement.deleted',
        actorId: callerId(caller),
        organisationId: owner,
        targetType: 'coordinator_requirement',
        targetId: id,
        fields: ['organisation_id', 'organisation_kind', 'function'],
        ...meta,
      },
      deps.now(),
    );
  });
}

// --- Compliance ---------------------------------------------------------------------------------

function evaluateOrganisation(
  caller: Caller,
  org: ComplianceOrganisationRow,
  required: ReadonlySet<CoordinatorFunction>,
  terms: readonly Term[],
  today: string,
): OrganisationCompliance {
  const functions = COORDINATOR_FUNCTIONS.filter((fn) => required.has(fn)).map((fn) =>
    presentSlot(
      caller,
      fn,
      evaluateSlot(
        terms.filter((t) => t.function === fn),
        today,
        COMPLIANCE_HORIZON_DAYS,
      ),
      today,
    ),
  );
  return {
    organisation: presentOrganisation(org),
    status: worstStatus(functions.map((f) => f.status)),
    functions,
    can: { assign: callerCan(caller, 'coordinators.manage', { organisationId: org.id }) },
  };
}

function groupByOrganisation(rows: readonly AssignmentRow[]): Map<string, Term[]> {
  const map = new Map<string, Term[]>();
  for (const row of rows) {
    const list = map.get(row.organisation_id) ?? [];
    list.push(toTerm(row));
    map.set(row.organisation_id, list);
  }
  return map;
}

/**
 * Every organisation in force within the caller's reach that must have a coordinator function,
 * with who holds each today and whether it is missing now or will be within the horizon.
 */
export async function getCompliance({
  deps,
  caller,
}: {
  deps: AppDeps;
  caller: Caller;
}): Promise<ComplianceListResponse> {
  const today = swedishDate(deps.now());
  const scope = readScope(caller);
  const repo = createCoordinatorsRepository(deps);
  const [organisations, required, assignments] = await Promise.all([
    repo.listOrganisations(scope, today),
    repo.requiredFunctions(scope),
    repo.listAssignments({ organisationIds: scope, runningFrom: today }),
  ]);
  const terms = groupByOrganisation(assignments);
  const items = organisations
    .filter((o) => (required.get(o.id)?.size ?? 0) > 0)
    .map((o) => evaluateOrganisation(caller, o, required.get(o.id)!, terms.get(o.id) ?? [], today))
    .sort(
      (a, b) =>
        compareStatus(a.status, b.status) || a.organisation.name.localeCompare(b.organisation.name, 'sv'),
    );
  const count = (status: string) => items.filter((i) => i.status === status).length;
  return {
    asOf: today,
    horizonDays: COMPLIANCE_HORIZON_DAYS,
    summary: {
      organisations: items.length,
      missing: count('missing'),
      ending: count('ending'),
      covered: count('covered'),
    },
    items,
  };
}

/** One organisation: its required functions today and everyone who has held a function there. */
export async function getOrganisationCompliance({
  deps,
  caller,
  id,
}: {
  deps: AppDeps;
  caller: Caller;
  id: string;
}): Promise<OrganisationComplianceDetail> {
  if (!canRead(caller, id)) throw organisationNotFound();
  const today = swedishDate(deps.now());
  const repo = createCoordinatorsRepository(deps);
  const org = await repo.findOrganisation(id);
  if (!org) throw organisationNotFound();
  const [required, history] = await Promise.all([
    repo.requiredFunctions([id]),
    repo.listAssignments({ organisationIds: [id] }),
  ]);
  const evaluated = evaluateOrganisation(
    caller,
    org,
    required.get(id) ?? new Set(),
    history.map(toTerm),
    today,
  );
  return {
    asOf: today,
    horizonDays: COMPLIANCE_HORIZON_DAYS,
    ...evaluated,
    history: history.map((a) => presentAssignment(caller, a, today)),
  };
}

// --- Assignments --------------------------------------------------------------------------------

async function auditRoleChange(
  trx: Transaction<Database>,
  deps: AppDeps,
  change: 'granted' | 'revoked' | null,
  key: { userId: string; organisationId: string },
  actorId: string | null,
  meta: RequestMeta,
): Promise<void> {
  if (!change) return;
  await recordAudit(
    trx,
    {
      action: change === 'granted' ? 'user.role_granted' : 'user.role_revoked',
      actorId,
      organisationId: key.organisationId,
      targetType: 'user',
      targetId: key.userId,
      fields: ['roles'],
      ...meta,
    },
    deps.now(),
  );
}

/** Finds an assignment the caller may see (else 404) and manage (else 403). */
async function findManageable(deps: AppDeps, caller: Caller, id: string): Promise<AssignmentRow> {
  const row = await createCoordinatorsRepository(deps).findAssignment(id);
  if (!row) throw assignmentNotFound();
  assertManages(caller, row.organisation_id, assignmentNotFound);
  return row;
}

async function syncAndAudit(
  trx: Transaction<Database>,
  deps: AppDeps,
  repo: CoordinatorsRepository,
  row: Pick<AssignmentRow, 'user_id' | 'organisation_id' | 'function'>,
  caller: Caller,
  meta: RequestMeta,
): Promise<void> {
  const key = { userId: row.user_id, organisationId: row.organisation_id, function: row.function };
  const change = await repo.syncRole(key, swedishDate(deps.now()));
  await auditRoleChange(trx, deps, change, key, callerId(caller), meta);
}

/**
 * Assigns a user to a coordinator function in an organisation for a term. While the term runs the
 * user holds the function's role there (see `syncCoordinatorRoles`).
 */
export async function createAssignment({
  deps,
  caller,
  input,
  meta = NO_META,
}: {
  deps: AppDeps;
  caller: Caller;
  input: Required<CreateCoordinatorAssignmentRequest>;
  meta?: RequestMeta;
}): Promise<CoordinatorAssignment> {
  assertManages(caller, input.organisationId, organisationNotFound);
  if (!(await createCoordinatorsRepository(deps).findOrganisation(input.organisationId)))
    throw organisationNotFound();
  // Only people the caller can see; a 404 from here keeps the others secret.
  const user = await getUser({ deps, caller, id: input.userId });
  if (user.disabled) throw userDisabled();
  return deps.db
    .transaction()
    .execute(async (trx) => {
      const repo = createCoordinatorsRepository({ db: trx });
      const id = await repo.createAssignment({
        organisationId: input.organisationId,
        function: input.function,
        userId: input.userId,
        deputy: input.deputy,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        createdBy: callerId(caller),
      });
      await recordAudit(
        trx,
        {
          action: 'coordinator_assignment.created',
          actorId: callerId(caller),
          organisationId: input.organisationId,
          targetType: 'coordinator_assignment',
          targetId: id,
          fields: ['organisation_id', 'function', 'user_id', 'is_deputy', 'starts_on', 'ends_on'],
          ...meta,
        },
        deps.now(),
      );
      const row = (await repo.findAssignment(id))!;
      await syncAndAudit(trx, deps, repo, row, caller, meta);
      return presentAssignment(caller, row, swedishDate(deps.now()));
    })
    .catch((err: unknown) => {
      throw pgCode(err) === '23P01' ? termOverlaps() : err;
    });
}

/** Changes a term's dates; ending an assignment is giving it an end date. */
export async function updateAssignment({
  deps,
  caller,
  id,
  input,
  meta = NO_META,
}: {
  deps: AppDeps;
  caller: Caller;
  id: string;
  input: UpdateCoordinatorAssignmentRequest;
  meta?: RequestMeta;
}): Promise<CoordinatorAssignment> {
  const current = await findManageable(deps, caller, id);
  const startsOn = input.startsOn ?? current.starts_on;
  const endsOn = input.endsOn === undefined ? current.ends_on : input.endsOn;
  if (endsOn !== null && endsOn < startsOn)
    throw invalidDates([{ path: 'body.endsOn', message: 'The end date cannot be before the start date' }]);
  const set: { starts_on?: string; ends_on?: string | null } = {};
  if (startsOn !== current.starts_on) set.starts_on = startsOn;
  if (endsOn !== current.ends_on) set.ends_on = endsOn;
  const today = swedishDate(deps.now());
  if (Object.keys(set).length === 0) return presentAssignment(caller, current, today);
  return deps.db
    .transaction()
    .execute(async (trx) => {
      const repo = createCoordinatorsRepository({ db: trx });
      await repo.updateAssignment(id, set, deps.now());
      await recordAudit(
        trx,
        {
          action: 'coordinator_assignment.updated',
          actorId: callerId(caller),
          organisationId: current.organisation_id,
          targetType: 'coordinator_assignment',
          targetId: id,
          fields: Object.keys(set),
          ...meta,
        },
        deps.now(),
      );
      await syncAndAudit(trx, deps, repo, current, caller, meta);
      return presentAssignment(caller, (await repo.findAssignment(id))!, today);
    })
    .catch((err: unknown) => {
      throw pgCode(err) === '23P01' ? termOverlaps() : err;
    });
}

/** Removes an assignment entered by mistake; only before its term starts, so history is never lost. */
export async function deleteAssignment({
  deps,
  caller,
  id,
  meta = NO_META,
}: {
  deps: AppDeps;
  caller: Caller;
  id: string;
  meta?: RequestMeta;
}): Promise<void> {
  const current = await findManageable(deps, caller, id);
  if (current.starts_on <= swedishDate(deps.now())) throw assignmentStarted();
  await deps.db.transaction().execute(async (trx) => {
    const repo = createCoordinatorsRepository({ db: trx });
    await repo.deleteAssignment(id);
    await recordAudit(
      trx,
      {
        action: 'coordinator_assignment.deleted',
        actorId: callerId(caller),
        organisationId: current.organisation_id,
        targetType: 'coordinator_assignment',
        targetId: id,
        fields: ['organisation_id', 'function', 'user_id', 'is_deputy', 'starts_on', 'ends_on'],
        ...meta,
      },
      deps.now(),
    );
    await syncAndAudit(trx, deps, repo, current, caller, meta);
  });
}

/**
 * Brings every coordinator role in line with the assignments running today: terms that started
 * since the last run grant their role, terms that ended take it away (only a role that an
 * assignment granted). Changes are audited as the system's. Runs at start and every hour while
 * the server listens; idempotent.
 */
export async function syncCoordinatorRoles({
  deps,
}: {
  deps: AppDeps;
}): Promise<{ granted: number; revoked: number }> {
  return deps.db.transaction().execute(async (trx) => {
    const { granted, revoked } = await createCoordinatorsRepository({ db: trx }).syncAllRoles(
      swedishDate(deps.now()),
    );
    for (const [change, rows] of [
      ['granted', granted],
      ['revoked', revoked],
    ] as const) {
      for (const r of rows) {
        await auditRoleChange(
          trx,
          deps,
          change,
          { userId: r.user_id, organisationId: r.organisation_id },
          null,
          NO_META,
        );
      }
    }
    return { granted: granted.length, revoked: revoked.length };
  });
}
