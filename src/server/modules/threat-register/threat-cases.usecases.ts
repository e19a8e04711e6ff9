import type {
  CaseReferenceRequest,
  ThreatCase,
  ThreatCaseListResponse,
  ThreatLookupRequest,
  ThreatLookupResponse,
} from '../../../domain/api/threat-register.ts';
import { type Actor, can, ROLE_PERMISSIONS } from '../../../domain/permissions.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppDeps } from '../../platform/context.ts';
import { forbidden } from '../../platform/errors.ts';
import type { RequestMeta } from '../auth/auth.usecases.ts';
import { caseNotFound, invalidThreatRequest } from './threat-register.errors.ts';
import { presentCase, presentWarning } from './threat-register.presenter.ts';
import {
  type CaseRow,
  createThreatRegisterRepository,
  type ThreatRegisterRepository,
  type WarningRow,
} from './threat-register.repository.ts';
import { auditLookup, hashOrRefuse, NO_META } from './threat-register.usecases.ts';

/**
 * A case worker's side of the register: they say which cases (by case reference) they handle and
 * see a warning when threats against staff were recorded for the same reference in the same
 * committee or company — the date and type, nothing more unless access is granted.
 */

/** The committees and companies the caller handles cases in (from their case worker grants). */
async function caseOrganisations(repo: ThreatRegisterRepository, caller: Actor): Promise<string[]> {
  const granted = caller.grants
    .filter((g) => ROLE_PERMISSIONS[g.role].includes('threat_register.lookup'))
    .map((g) => g.organisationId);
  const boundaries = await repo.secrecyBoundaries([...new Set(granted)]);
  return [...new Set(granted.map((id) => boundaries.get(id) ?? id))];
}

/**
 * The organisation a case belongs to: the one asked for (when the caller handles cases there, or
 * in an organisation inside it), as its committee or company; else the caller's only one.
 */
async function resolveOrganisation(
  repo: ThreatRegisterRepository,
  caller: Actor,
  requested: string | undefined,
): Promise<string> {
  const mine = await caseOrganisations(repo, caller);
  if (requested === undefined) {
    if (mine.length === 1) return mine[0]!;
    throw invalidThreatRequest([
      { path: 'body.organisationId', message: 'You handle cases in several organisations; choose one' },
    ]);
  }
  if (!mine.includes(requested) && !can(caller, 'threat_register.lookup', { organisationId: requested }))
    throw forbidden();
  return (await repo.secrecyBoundaries([requested])).get(requested) ?? requested;
}

function byCase(rows: readonly WarningRow[]): Map<string, WarningRow[]> {
  const out = new Map<string, WarningRow[]>();
  for (const r of rows) {
    if (!r.case_id) continue;
    out.set(r.case_id, [...(out.get(r.case_id) ?? []), r]);
  }
  return out;
}

/**
 * Registers that the caller handles a case and answers with its current warnings (an existing
 * registration of the same reference is returned, its label and organisation updated). The
 * registration, the look-up and every match are audited.
 */
export async function registerCase({
  deps,
  caller,
  input,
  meta = NO_META,
}: {
  deps: AppDeps;
  caller: Actor;
  input: CaseReferenceRequest;
  meta?: RequestMeta;
}): Promise<{ case: ThreatCase; created: boolean }> {
  const hmac = hashOrRefuse(deps, input.caseReference, 'body.caseReference');
  const organisationId = await resolveOrganisation(
    createThreatRegisterRepository(deps),
    caller,
    input.organisationId,
  );
  return deps.db.transaction().execute(async (trx) => {
    const repo = createThreatRegisterRepository({ db: trx });
    const now = deps.now();
    const existing = await repo.findCaseOf(caller.userId, hmac);
    const label = input.label === undefined ? (existing?.label ?? null) : input.label || null;
    let id: string;
    if (existing) {
      id = existing.id;
      await repo.updateCase(id, { organisation_id: organisationId, label });
    } else {
      id = await repo.insertCase({
        user_id: caller.userId,
        organisation_id: organisationId,
        case_ref_hmac: hmac,
        label,
        created_at: now,
      });
    }
    await recordAudit(
      trx,
      {
        action: existing ? 'threat_register.case_updated' : 'threat_register.case_registered',
        actorId: caller.userId,
        organisationId,
        targetType: 'threat_register_case',
        targetId: id,
        fields: ['case_ref_hmac', 'organisation_id', 'label'],
        ip: meta.ip,
        requestId: meta.requestId,
      },
      now,
    );
    const warnings = await repo.findWarnings({ caseIds: [id] }, caller.userId, now);
    await auditLookup(
      trx,
      now,
      { actorId: caller.userId, organisationId, targetType: 'threat_register_case', targetId: id },
      warnings,
      meta,
    );
    const row = (await repo.findCase(id)) as CaseRow;
    return { case: presentCase(row, warnings), created: !existing };
  });
}

/**
 * The caller's cases with their current warnings, and the organisations they may register cases
 * in with whom to ask for more. Each case's look-up and match is audited.
 */
export async function listMyCases({
  deps,
  caller,
  meta = NO_META,
}: {
  deps: AppDeps;
  caller: Actor;
  meta?: RequestMeta;
}): Promise<ThreatCaseListResponse> {
  return deps.db.transaction().execute(async (trx) => {
    const repo = createThreatRegisterRepository({ db: trx });
    const now = deps.now();
    const cases = await repo.listCasesOf(caller.userId);
    const mine = await caseOrganisations(repo, caller);
    // A case in an organisation the caller no longer works for is listed, but matched no more.
    const current = cases.filter(
      (c) =>
        mine.includes(c.organisation_id) ||
        can(caller, 'threat_register.lookup', { organisationId: c.organisation_id }),
    );
    const warnings = byCase(
      await repo.findWarnings({ caseIds: current.map((c) => c.id) }, caller.userId, now),
    );
    for (const c of current) {
      await auditLookup(
        trx,
        now,
        {
          actorId: caller.userId,
          organisationId: c.organisation_id,
          targetType: 'threat_register_case',
          targetId: c.id,
        },
        warnings.get(c.id) ?? [],
        meta,
      );
    }
    const organisationIds = [...new Set([...mine, ...cases.map((c) => c.organisation_id)])];
    const [names, coordinators] = await Promise.all([
      repo.organisationNames(organisationIds),
      repo.securityCoordinators(organisationIds),
    ]);
    return {
      items: cases.map((c) => presentCase(c, warnings.get(c.id) ?? [])),
      organisations: organisationIds
        .map((id) => ({
          id,
          name: names.get(id) ?? '',
          securityCoordinators: coordinators.get(id) ?? [],
        }))
        .sort((a, b) => a.name.localeCompare(b.name, 'sv')),
    };
  });
}

/** Removes one of the caller's own cases (another's is answered 404: its existence is not theirs to know). */
export async function deleteMyCase({
  deps,
  caller,
  id,
  meta = NO_META,
}: {
  deps: AppDeps;
  caller: Actor;
  id: string;
  meta?: RequestMeta;
}): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const repo = createThreatRegisterRepository({ db: trx });
    const row = await repo.findCase(id);
    if (!row || row.user_id !== caller.userId) throw caseNotFound();
    await repo.deleteCase(id);
    await recordAudit(
      trx,
      {
        action: 'threat_register.case_deleted',
        actorId: caller.userId,
        organisationId: row.organisation_id,
        targetType: 'threat_register_case',
        targetId: id,
        fields: ['case_ref_hmac', 'organisation_id', 'label'],
        ip: meta.ip,
        requestId: meta.requestId,
      },
      deps.now(),
    );
  });
}

/** A one-off look-up of a case reference, storing nothing but the audit entries. */
export async function lookupCaseReference({
  deps,
  caller,
  input,
  meta = NO_META,
}: {
  deps: AppDeps;
  caller: Actor;
  input: ThreatLookupRequest;
  meta?: RequestMeta;
}): Promise<ThreatLookupResponse> {
  const hmac = hashOrRefuse(deps, input.caseReference, 'body.caseReference');
  const organisationId = await resolveOrganisation(
    createThreatRegisterRepository(deps),
    caller,
    input.organisationId,
  );
  return deps.db.transaction().execute(async (trx) => {
    const repo = createThreatRegisterRepository({ db: trx });
    const now = deps.now();
    const warnings = await repo.findWarnings({ hmac, organisationIds: [organisationId] }, caller.userId, now);
    await auditLookup(
      trx,
      now,
      { actorId: caller.userId, organisationId, targetType: null, targetId: null },
      warnings,
      meta,
    );
    return { warnings: warnings.map(presentWarning) };
  });
}
