import type { Transaction } from 'kysely';
import type {
  CreateFocusAreaRequest,
  CreateGoalAreaRequest,
  CreateIndicatorRequest,
  CreateObjectiveRequest,
  FocusArea,
  GoalArea,
  Indicator,
  LocalizedText,
  Objective,
  UpdateFocusAreaRequest,
  UpdateGoalAreaRequest,
  UpdateIndicatorRequest,
  UpdateObjectiveRequest,
} from '../../../domain/api/programme.ts';
import type { Database } from '../../db/types.ts';
import { goalAreaUnknown, partNotFound } from './programme.errors.ts';
import {
  presentFocusArea,
  presentGoalArea,
  presentIndicator,
  presentObjective,
} from './programme.presenter.ts';
import {
  createProgrammeRepository,
  type PartTable,
  type ProgrammeRepository,
  type VersionWithOwner,
} from './programme.repository.ts';
import { auditChange, type ChangeContext, inTransaction } from './programme.usecases.ts';
import { lockForChange } from './versions.usecases.ts';

type Kind = 'goal_area' | 'focus_area' | 'objective' | 'indicator' | 'relation';

const TABLES: Record<Kind, PartTable | 'programme_relations'> = {
  goal_area: 'programme_goal_areas',
  focus_area: 'programme_focus_areas',
  objective: 'programme_objectives',
  indicator: 'programme_indicators',
  relation: 'programme_relations',
};

interface DraftChange {
  repo: ProgrammeRepository;
  trx: Transaction<Database>;
  version: VersionWithOwner;
  /** Audits `programme.<kind>_<verb>` on the part, with the fields that changed. */
  audit(verb: 'created' | 'updated' | 'deleted', partId: string, fields?: string[]): Promise<void>;
}

/** Runs a change to a draft's part in a transaction holding the draft's lock (see lockForChange). */
export function changeDraft<T>(
  ctx: ChangeContext,
  kind: Kind,
  at: { versionId: string } | { partId: string },
  fn: (change: DraftChange) => Promise<T>,
): Promise<T> {
  return inTransaction(ctx.deps.db, async (trx) => {
    const repo = createProgrammeRepository({ db: trx });
    let versionId: string | undefined;
    if ('versionId' in at) versionId = at.versionId;
    else {
      versionId = await repo.findPartVersionId(TABLES[kind], at.partId);
      if (!versionId) throw partNotFound();
    }
    const version = await lockForChange(repo, ctx, versionId);
    // Parts change only under their version's lock: check again that the part is still there.
    if ('partId' in at && (await repo.findPartVersionId(TABLES[kind], at.partId)) !== versionId)
      throw partNotFound();
    return fn({
      repo,
      trx,
      version,
      audit: (verb, partId, fields) =>
        auditChange(trx, ctx, {
          action: `programme.${kind}_${verb}`,
          organisationId: version.organisation_id,
          targetType: `programme_${kind}`,
          targetId: partId,
          ...(fields ? { fields } : {}),
        }),
    });
  });
}

/** The names of the fields present in a partial update, for the audit log. */
export function changedFields(input: object): string[] {
  return Object.entries(input)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k);
}

function columns<P extends string>(prefix: P, text: LocalizedText | undefined) {
  return text === undefined ? {} : ({ [`${prefix}_sv`]: text.sv, [`${prefix}_en`]: text.en } as const);
}

function optionalColumns<P extends string>(prefix: P, text: LocalizedText | null | undefined) {
  return text === undefined ? {} : { [`${prefix}_sv`]: text?.sv ?? null, [`${prefix}_en`]: text?.en ?? null };
}

// ---- goal areas ----

export function createGoalArea(
  ctx: ChangeContext & { versionId: string; input: CreateGoalAreaRequest },
): Promise<GoalArea> {
  return changeDraft(ctx, 'goal_area', { versionId: ctx.versionId }, async ({ repo, version, audit }) => {
    const row = await repo.insertGoalArea({
      version_id: version.id,
      position: await repo.nextPosition('programme_goal_areas', { version_id: version.id }),
      title_sv: ctx.input.title.sv,
      title_en: ctx.input.title.en,
      description_sv: ctx.input.description.sv,
      description_en: ctx.input.description.en,
    });
    await audit('created', row.id, ['title', 'description']);
    return presentGoalArea(row);
  });
}

export function updateGoalArea(
  ctx: ChangeContext & { id: string; input: UpdateGoalAreaRequest },
): Promise<GoalArea> {
  return changeDraft(ctx, 'goal_area', { partId: ctx.id }, async ({ repo, audit }) => {
    const row = await repo.updateGoalArea(ctx.id, {
      ...columns('title', ctx.input.title),
      ...columns('description', ctx.input.description),
    });
    await audit('updated', ctx.id, changedFields(ctx.input));
    return presentGoalArea(row);
  });
}

// ---- focus areas ----

async function checkGoalAreas(repo: ProgrammeRepository, versionId: string, ids: string[]): Promise<void> {
  const known = await repo.goalAreasOf(versionId, ids);
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) throw goalAreaUnknown(unknown.map((id) => ({ path: 'body.goalAreaIds', id })));
}

async function loadFocusArea(repo: ProgrammeRepository, versionId: string, id: string): Promise<FocusArea> {
  const parts = await repo.loadParts(versionId);
  const row = parts.focusAreas.find((f) => f.id === id);
  if (!row) throw partNotFound();
  return presentFocusArea(
    row,
    await repo.goalAreaIdsOf(id),
    parts.objectives.filter((o) => o.focus_area_id === id),
    parts.indicators.filter((i) => i.focus_area_id === id),
  );
}

export function createFocusArea(
  ctx: ChangeContext & { versionId: string; input: CreateFocusAreaRequest },
): Promise<FocusArea> {
  const { input } = ctx;
  return changeDraft(ctx, 'focus_area', { versionId: ctx.versionId }, async ({ repo, version, audit }) => {
    await checkGoalAreas(repo, version.id, input.goalAreaIds);
    const row = await repo.insertFocusArea({
      version_id: version.id,
      position: await repo.nextPosition('programme_focus_areas', { version_id: version.id }),
      title_sv: input.title.sv,
      title_en: input.title.en,
      description_sv: input.description.sv,
      description_en: input.description.en,
      communication_sv: input.communication.sv,
      communication_en: input.communication.en,
    });
    await repo.setFocusAreaGoals(version.id, row.id, input.goalAreaIds);
    await audit('created', row.id, ['title', 'description', 'communication', 'goalAreaIds']);
    return loadFocusArea(repo, version.id, row.id);
  });
}

export function updateFocusArea(
  ctx: ChangeContext & { id: string; input: UpdateFocusAreaRequest },
): Promise<FocusArea> {
  const { input } = ctx;
  return changeDraft(ctx, 'focus_area', { partId: ctx.id }, async ({ repo, version, audit }) => {
    if (input.goalAreaIds) await checkGoalAreas(repo, version.id, input.goalAreaIds);
    const texts = {
      ...columns('title', input.title),
      ...columns('description', input.description),
      ...columns('communication', input.communication),
    };
    if (Object.keys(texts).length > 0) await repo.updateFocusArea(ctx.id, texts);
    if (input.goalAreaIds) await repo.setFocusAreaGoals(version.id, ctx.id, input.goalAreaIds);
    await audit('updated', ctx.id, changedFields(input));
    return loadFocusArea(repo, version.id, ctx.id);
  });
}

// ---- objectives and indicators, per focus area ----

/** The focus area a new objective or indicator goes into; its version is the one locked. */
async function focusAreaVersion(ctx: ChangeContext, focusAreaId: string): Promise<string> {
  const focusArea = await createProgrammeRepository(ctx.deps).findFocusArea(focusAreaId);
  if (!focusArea) throw partNotFound();
  return focusArea.version_id;
}

export async function createObjective(
  ctx: ChangeContext & { focusAreaId: string; input: CreateObjectiveRequest },
): Promise<Objective> {
  const { input, focusAreaId } = ctx;
  const versionId = await focusAreaVersion(ctx, focusAreaId);
  return changeDraft(ctx, 'objective', { versionId }, async ({ repo, version, audit }) => {
    if ((await repo.findPartVersionId('programme_focus_areas', focusAreaId)) !== version.id)
      throw partNotFound();
    const row = await repo.insertObjective({
      version_id: version.id,
      focus_area_id: focusAreaId,
      position: await repo.nextPosition('programme_objectives', { focus_area_id: focusAreaId }),
      title_sv: input.title.sv,
      title_en: input.title.en,
      description_sv: input.description?.sv ?? null,
      description_en: input.description?.en ?? null,
    });
    await audit('created', row.id, ['title', ...(input.description ? ['description'] : [])]);
    return presentObjective(row);
  });
}

export function updateObjective(
  ctx: ChangeContext & { id: string; input: UpdateObjectiveRequest },
): Promise<Objective> {
  return changeDraft(ctx, 'objective', { partId: ctx.id }, async ({ repo, audit }) => {
    const row = await repo.updateObjective(ctx.id, {
      ...columns('title', ctx.input.title),
      ...optionalColumns('description', ctx.input.description),
    });
    await audit('updated', ctx.id, changedFields(ctx.input));
    return presentObjective(row);
  });
}

function measurement(prefix: 'baseline' | 'target', m: { value: number; year: number } | null | undefined) {
  return m === undefined
    ? {}
    : { [`${prefix}_value`]: m?.value ?? null, [`${prefix}_year`]: m?.year ?? null };
}

export async function createIndicator(
  ctx: ChangeContext & { focusAreaId: string; input: CreateIndicatorRequest },
): Promise<Indicator> {
  const { input, focusAreaId } = ctx;
  const versionId = await focusAreaVersion(ctx, focusAreaId);
  return changeDraft(ctx, 'indicator', { versionId }, async ({ repo, version, audit }) => {
    if ((await repo.findPartVersionId('programme_focus_areas', focusAreaId)) !== version.id)
      throw partNotFound();
    const row = await repo.insertIndicator({
      version_id: version.id,
      focus_area_id: focusAreaId,
      position: await repo.nextPosition('programme_indicators', { focus_area_id: focusAreaId }),
      name_sv: input.name.sv,
      name_en: input.name.en,
      unit_sv: input.unit.sv,
      unit_en: input.unit.en,
      direction: input.direction,
      baseline_value: input.baseline?.value ?? null,
      baseline_year: input.baseline?.year ?? null,
      target_value: input.target?.value ?? null,
      target_year: input.target?.year ?? null,
    });
    await audit('created', row.id, changedFields(input));
    return presentIndicator(row);
  });
}

export function updateIndicator(
  ctx: ChangeContext & { id: string; input: UpdateIndicatorRequest },
): Promise<Indicator> {
  const { input } = ctx;
  return changeDraft(ctx, 'indicator', { partId: ctx.id }, async ({ repo, audit }) => {
    const row = await repo.updateIndicator(ctx.id, {
      ...columns('name', input.name),
      ...columns('unit', input.unit),
      ...(input.direction === undefined ? {} : { direction: input.direction }),
      ...measurement('baseline', input.baseline),
      ...measurement('target', input.target),
    });
    await audit('updated', ctx.id, changedFields(input));
    return presentIndicator(row);
  });
}

/** Removes a part of a draft (a goal area or focus area takes its links, objectives and indicators along). */
export function deletePart(
  ctx: ChangeContext & { kind: Exclude<Kind, 'relation'>; id: string },
): Promise<void> {
  return changeDraft(ctx, ctx.kind, { partId: ctx.id }, async ({ repo, audit }) => {
    await repo.deletePart(TABLES[ctx.kind], ctx.id);
    await audit('deleted', ctx.id);
  });
}
