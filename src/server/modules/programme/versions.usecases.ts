import type {
  AdoptVersionRequest,
  CreateDraftRequest,
  CreateProgrammeRequest,
  RetireVersionRequest,
  UpdateVersionRequest,
  Version,
} from '../../../domain/api/programme.ts';
import { swedishDay } from '../areas/areas.usecases.ts';
import {
  adoptedBeforeCurrent,
  dateInFuture,
  draftExists,
  labelTaken,
  notAdopted,
  notDraft,
  notReady,
  organisationNotFound,
  programmeExists,
  retiredBeforeAdopted,
  versionNotFound,
} from './programme.errors.ts';
import { assertCanManage } from './programme.policy.ts';
import { createProgrammeRepository, type ProgrammeRepository } from './programme.repository.ts';
import { auditChange, type ChangeContext, inTransaction, loadVersion } from './programme.usecases.ts';

/** Today in Sweden, as YYYY-MM-DD: decisions are dated by the local calendar. */
function today(now: Date): string {
  return swedishDay(now);
}

/** Starts an organisation's programme with an empty first draft. */
export async function createProgramme(
  ctx: ChangeContext & { input: CreateProgrammeRequest; isDemo?: boolean },
): Promise<Version> {
  const { deps, caller, input } = ctx;
  assertCanManage(caller, input.organisationId);
  return inTransaction(deps.db, async (trx) => {
    const repo = createProgrammeRepository({ db: trx });
    if (!(await repo.organisationExists(input.organisationId))) throw organisationNotFound();
    const programmeId = await repo.createProgramme(input.organisationId);
    if (!programmeId) throw programmeExists();
    const versionId = await repo.insertVersion({
      programme_id: programmeId,
      label: input.label,
      title_sv: input.title.sv,
      title_en: input.title.en,
      summary_sv: input.summary?.sv ?? null,
      summary_en: input.summary?.en ?? null,
      is_demo: ctx.isDemo ?? false,
      copied_from_id: null,
    });
    const organisationId = input.organisationId;
    await auditChange(trx, ctx, {
      action: 'programme.created',
      organisationId,
      targetType: 'programme',
      targetId: programmeId,
      fields: ['organisation_id'],
    });
    await auditChange(trx, ctx, {
      action: 'programme.version_created',
      organisationId,
      targetType: 'programme_version',
      targetId: versionId,
      fields: ['label', 'title', ...(input.summary ? ['summary'] : [])],
    });
    return loadVersion(repo, caller, versionId);
  });
}

/** A new draft with a copy of another version's content (usually the one in force). */
export async function createDraft(ctx: ChangeContext & { input: CreateDraftRequest }): Promise<Version> {
  const { deps, caller, input } = ctx;
  const source = await createProgrammeRepository(deps).findVersion(input.copyOf);
  if (!source) throw versionNotFound();
  assertCanManage(caller, source.organisation_id);
  return inTransaction(deps.db, async (trx) => {
    const repo = createProgrammeRepository({ db: trx });
    await repo.lockProgramme(source.programme_id);
    if (await repo.findDraft(source.programme_id)) throw draftExists();
    if (await repo.isLabelTaken(source.programme_id, input.label)) throw labelTaken();
    const id = await repo.insertVersion({
      programme_id: source.programme_id,
      label: input.label,
      title_sv: input.title?.sv ?? source.title_sv,
      title_en: input.title?.en ?? source.title_en,
      summary_sv: source.summary_sv,
      summary_en: source.summary_en,
      is_demo: source.is_demo,
      copied_from_id: source.id,
    });
    await repo.copyParts(source.id, id);
    await auditChange(trx, ctx, {
      action: 'programme.version_created',
      organisationId: source.organisation_id,
      targetType: 'programme_version',
      targetId: id,
      fields: ['label', 'title', 'summary', 'copied_from', 'parts'],
    });
    return loadVersion(repo, caller, id);
  });
}

/**
 * Locks a version for a change, refusing unknown versions (404), callers who may not manage its
 * programme (403) and, unless `allow` says otherwise, versions that are no longer drafts (409).
 */
export async function lockForChange(
  repo: ProgrammeRepository,
  ctx: ChangeContext,
  id: string,
  allow: 'draft' | 'any' = 'draft',
) {
  const version = await repo.lockVersion(id);
  if (!version) throw versionNotFound();
  assertCanManage(ctx.caller, version.organisation_id);
  if (allow === 'draft' && version.status !== 'draft') throw notDraft();
  return version;
}

export async function updateVersion(
  ctx: ChangeContext & { id: string; input: UpdateVersionRequest },
): Promise<Version> {
  const { deps, caller, id, input } = ctx;
  return inTransaction(deps.db, async (trx) => {
    const repo = createProgrammeRepository({ db: trx });
    const version = await lockForChange(repo, ctx, id);
    if (input.label !== undefined && (await repo.isLabelTaken(version.programme_id, input.label, id)))
      throw labelTaken();
    await repo.updateVersion(
      id,
      {
        ...(input.label === undefined ? {} : { label: input.label }),
        ...(input.title === undefined ? {} : { title_sv: input.title.sv, title_en: input.title.en }),
        ...(input.summary === undefined
          ? {}
          : { summary_sv: input.summary?.sv ?? null, summary_en: input.summary?.en ?? null }),
      },
      deps.now(),
    );
    await auditChange(trx, ctx, {
      action: 'programme.version_updated',
      organisationId: version.organisation_id,
      targetType: 'programme_version',
      targetId: id,
      fields: Object.keys(input).filter((k) => input[k as keyof UpdateVersionRequest] !== undefined),
    });
    return loadVersion(repo, caller, id);
  });
}

/** Discards a draft and everything in it. */
export async function deleteDraft(ctx: ChangeContext & { id: string }): Promise<void> {
  await inTransaction(ctx.deps.db, async (trx) => {
    const repo = createProgrammeRepository({ db: trx });
    const version = await lockForChange(repo, ctx, ctx.id);
    await repo.deleteVersion(ctx.id);
    await auditChange(trx, ctx, {
      action: 'programme.version_deleted',
      organisationId: version.organisation_id,
      targetType: 'programme_version',
      targetId: ctx.id,
    });
  });
}

/** What keeps a draft from being adopted: a programme needs goal areas, and focus areas serving them. */
async function adoptionProblems(
  repo: ProgrammeRepository,
  id: string,
): Promise<{ path: string; message: string }[]> {
  const parts = await repo.loadParts(id);
  const problems: { path: string; message: string }[] = [];
  if (parts.goalAreas.length === 0)
    problems.push({ path: 'goalAreas', message: 'The version has no goal areas' });
  if (parts.focusAreas.length === 0)
    problems.push({ path: 'focusAreas', message: 'The version has no focus areas' });
  for (const f of parts.focusAreas) {
    if (!parts.links.some((l) => l.focus_area_id === f.id))
      problems.push({
        path: `focusAreas.${f.id}`,
        message: `The focus area "${f.title_en}" serves no goal area`,
      });
  }
  return problems;
}

/**
 * Adopts a draft: it comes into force and the version in force until now is retired on the same
 * date by the same decision. Both records say so (`replaces` on the new one, `retiredBy` on the old).
 */
export async function adoptVersion(
  ctx: ChangeContext & { id: string; input: AdoptVersionRequest },
): Promise<Version> {
  const { deps, caller, id, input } = ctx;
  if (input.adoptedOn > today(deps.now())) throw dateInFuture();
  const found = await createProgrammeRepository(deps).findVersion(id);
  if (!found) throw versionNotFound();
  assertCanManage(caller, found.organisation_id);
  return inTransaction(deps.db, async (trx) => {
    const repo = createProgrammeRepository({ db: trx });
    await repo.lockProgramme(found.programme_id);
    const version = await lockForChange(repo, ctx, id);
    const problems = await adoptionProblems(repo, id);
    if (problems.length > 0) throw notReady(problems);
    const current = await repo.findInForce(version.programme_id);
    const now = deps.now();
    if (current) {
      if (input.adoptedOn < current.adopted_on!) throw adoptedBeforeCurrent();
      // The old version leaves force first: only one version of a programme may be in force.
      await repo.updateVersion(
        current.id,
        {
          status: 'retired',
          retired_on: input.adoptedOn,
          retirement_reference: input.decisionReference,
          retired_by_id: id,
        },
        now,
      );
      await auditChange(trx, ctx, {
        action: 'programme.version_retired',
        organisationId: version.organisation_id,
        targetType: 'programme_version',
        targetId: current.id,
        fields: ['status', 'retired_on', 'retirement_reference', 'retired_by'],
      });
    }
    await repo.updateVersion(
      id,
      {
        status: 'adopted',
        adopted_on: input.adoptedOn,
        decision_reference: input.decisionReference,
        replaces_id: current?.id ?? null,
      },
      now,
    );
    await auditChange(trx, ctx, {
      action: 'programme.version_adopted',
      organisationId: version.organisation_id,
      targetType: 'programme_version',
      targetId: id,
      fields: ['status', 'adopted_on', 'decision_reference', ...(current ? ['replaces'] : [])],
    });
    return loadVersion(repo, caller, id);
  });
}

/** Takes the version in force out of force without a successor: the programme then has none in force. */
export async function retireVersion(
  ctx: ChangeContext & { id: string; input: RetireVersionRequest },
): Promise<Version> {
  const { deps, caller, id, input } = ctx;
  if (input.retiredOn > today(deps.now())) throw dateInFuture();
  return inTransaction(deps.db, async (trx) => {
    const repo = createProgrammeRepository({ db: trx });
    const version = await lockForChange(repo, ctx, id, 'any');
    if (version.status !== 'adopted') throw notAdopted();
    if (input.retiredOn < version.adopted_on!) throw retiredBeforeAdopted();
    await repo.updateVersion(
      id,
      { status: 'retired', retired_on: input.retiredOn, retirement_reference: input.decisionReference },
      deps.now(),
    );
    await auditChange(trx, ctx, {
      action: 'programme.version_retired',
      organisationId: version.organisation_id,
      targetType: 'programme_version',
      targetId: id,
      fields: ['status', 'retired_on', 'retirement_reference'],
    });
    return loadVersion(repo, caller, id);
  });
}
