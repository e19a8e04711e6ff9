import type { Transaction } from 'kysely';
import type {
  ExternalDocument,
  ProgrammeOverview,
  Version,
  VersionSummary,
} from '../../../domain/api/programme.ts';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/types.ts';
import { type Caller, callerId } from '../../platform/actor.ts';
import { type AuditEntry, recordAudit } from '../../platform/audit.ts';
import type { AppDeps } from '../../platform/context.ts';
import type { RequestMeta } from '../auth/auth.usecases.ts';
import { organisationNotFound, versionNotFound } from './programme.errors.ts';
import { canManage } from './programme.policy.ts';
import { presentExternalDocument, presentVersion, presentVersionSummary } from './programme.presenter.ts';
import {
  createProgrammeRepository,
  type ProgrammeRepository,
  type VersionWithOwner,
} from './programme.repository.ts';

/** All the programme needs of the app: the database (or a transaction) and the clock. */
export type ProgrammeDeps = Pick<AppDeps, 'db' | 'now'>;

/** What every changing use case gets: who calls, from where. */
export interface ChangeContext {
  deps: ProgrammeDeps;
  caller: Caller;
  meta: RequestMeta;
}

/** No request behind it (the command line, the demo data). */
export const NO_REQUEST: RequestMeta = { ip: null, userAgent: null, requestId: null };

/**
 * Runs `fn` in a transaction, or in the caller's when `db` already is one: the demo data runs many use
 * cases in one transaction, so it is written whole or not at all.
 */
export function inTransaction<T>(db: Db, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db as Transaction<Database>) : db.transaction().execute(fn);
}

/** Appends an audit entry for a change to the programme owned by `organisationId`. */
export function auditChange(
  trx: Transaction<Database>,
  ctx: ChangeContext,
  entry: Omit<AuditEntry, 'actorId' | 'ip' | 'requestId'> & { organisationId: string },
): Promise<void> {
  return recordAudit(
    trx,
    { ...entry, actorId: callerId(ctx.caller), ip: ctx.meta.ip, requestId: ctx.meta.requestId },
    ctx.deps.now(),
  );
}

/** The labels of the versions a version links to (what it replaced, what retired it, its source). */
export function linkedLabels(repo: ProgrammeRepository, versions: VersionWithOwner[]) {
  return repo.labelsOf(versions.flatMap((v) => [v.replaces_id, v.retired_by_id, v.copied_from_id]));
}

/** One version with all its parts, as the caller sees it. */
export async function loadVersion(repo: ProgrammeRepository, caller: Caller, id: string): Promise<Version> {
  const row = await repo.findVersion(id);
  if (!row) throw versionNotFound();
  const [labels, parts] = await Promise.all([linkedLabels(repo, [row]), repo.loadParts(id)]);
  return presentVersion(caller, row, labels, parts);
}

async function organisationOrRoot(repo: ProgrammeRepository, organisationId?: string): Promise<string> {
  const id = organisationId ?? (await repo.findRootOrganisationId());
  if (!id || !(await repo.organisationExists(id))) throw organisationNotFound();
  return id;
}

/** The programme in force of an organisation (by default the municipality's), with its version history. */
export async function getProgrammeOverview({
  deps,
  caller,
  organisationId,
}: {
  deps: ProgrammeDeps;
  caller: Caller;
  organisationId?: string;
}): Promise<ProgrammeOverview> {
  const repo = createProgrammeRepository(deps);
  const orgId = await organisationOrRoot(repo, organisationId);
  const manage = canManage(caller, orgId);
  const programme = await repo.findProgrammeByOrganisation(orgId);
  if (!programme) {
    return {
      organisationId: orgId,
      programmeId: null,
      inForce: null,
      versions: [],
      can: { createProgramme: manage, createDraft: false },
    };
  }
  const rows = await repo.listVersions(programme.id);
  const labels = await linkedLabels(repo, rows);
  const inForceRow = rows.find((v) => v.status === 'adopted');
  const inForce = inForceRow
    ? presentVersion(caller, inForceRow, labels, await repo.loadParts(inForceRow.id))
    : null;
  const hasDraft = rows.some((v) => v.status === 'draft');
  return {
    organisationId: orgId,
    programmeId: programme.id,
    inForce,
    versions: rows.map((v) => presentVersionSummary(caller, v, labels)),
    can: { createProgramme: false, createDraft: manage && !hasDraft && rows.length > 0 },
  };
}

/** Every version of an organisation's programme (by default the municipality's), draft first, then newest. */
export async function listVersions({
  deps,
  caller,
  organisationId,
}: {
  deps: ProgrammeDeps;
  caller: Caller;
  organisationId?: string;
}): Promise<VersionSummary[]> {
  const repo = createProgrammeRepository(deps);
  const orgId = await organisationOrRoot(repo, organisationId);
  const programme = await repo.findProgrammeByOrganisation(orgId);
  if (!programme) return [];
  const rows = await repo.listVersions(programme.id);
  const labels = await linkedLabels(repo, rows);
  return rows.map((v) => presentVersionSummary(caller, v, labels));
}

export async function getVersion({
  deps,
  caller,
  id,
}: {
  deps: ProgrammeDeps;
  caller: Caller;
  id: string;
}): Promise<Version> {
  return loadVersion(createProgrammeRepository(deps), caller, id);
}

export async function listExternalDocuments({ deps }: { deps: ProgrammeDeps }): Promise<ExternalDocument[]> {
  const rows = await createProgrammeRepository(deps).listExternalDocuments();
  return rows.map(presentExternalDocument);
}
