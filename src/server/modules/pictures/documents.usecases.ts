import type { Transaction } from 'kysely';
import type { z } from 'zod';
import {
  ANALYSIS_KEYS,
  type CreatePictureRequestSchema,
  type Picture,
  type PictureFigures,
  type PictureListResponseSchema,
  type UpdatePictureRequestSchema,
} from '../../../domain/api/pictures.ts';
import {
  dateToMonth,
  defaultComparison,
  type MonthRange,
  firstDay as monthToDate,
  rangeProblem,
} from '../../../domain/months.ts';
import type { Actor } from '../../../domain/permissions.ts';
import { scopeOf } from '../../../domain/permissions.ts';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/types.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppDeps } from '../../platform/context.ts';
import { forbidden } from '../../platform/errors.ts';
import type { RequestMeta } from '../auth/auth.usecases.ts';
import {
  areasOfMunicipality,
  findOrganisation,
  findPicture,
  listPictures,
  type PictureRecord,
  snapshotsOfPictures,
} from './documents.repository.ts';
import { computePictureFigures } from './figures.usecases.ts';
import {
  extremismForbidden,
  invalidField,
  organisationKindNotAllowed,
  organisationNotFound,
  pictureNotFound,
  staleRevision,
} from './pictures.errors.ts';
import { canManagePicture, canReadPicture, canSeeExtremism } from './pictures.policy.ts';
import { presentPicture, presentPictureListItem } from './pictures.presenter.ts';
import type { PictureTables } from './pictures.tables.ts';

export type CreatePictureInput = z.infer<typeof CreatePictureRequestSchema>;
export type UpdatePictureInput = z.infer<typeof UpdatePictureRequestSchema>;
type PictureListResponse = z.infer<typeof PictureListResponseSchema>;

/** What every use case of this module gets. */
export interface PictureContext {
  deps: AppDeps;
  actor: Actor;
  meta: RequestMeta;
}

/** No request behind it (the demo data). */
export const NO_REQUEST: RequestMeta = { ip: null, userAgent: null, requestId: null };

/** Runs `fn` in a transaction, or in the caller's when `db` already is one. */
export function inTransaction<T>(db: Db, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db as Transaction<Database>) : db.transaction().execute(fn);
}

export function auditEntry(
  ctx: PictureContext,
  entry: { action: string; organisationId: string; targetType: string; targetId: string; fields?: string[] },
) {
  return { ...entry, actorId: ctx.actor.userId, ip: ctx.meta.ip, requestId: ctx.meta.requestId };
}

function checkRange(path: string, r: MonthRange) {
  const problem = rangeProblem(r);
  if (problem) throw invalidField(path, problem);
}

async function checkAreas(db: Db, municipalityId: string, areaIds: string[]) {
  const unique = [...new Set(areaIds)];
  const known = await areasOfMunicipality(db, municipalityId, unique);
  const unknown = unique.findIndex((id) => !known.has(id));
  if (unknown >= 0) throw invalidField(`areaIds.${unknown}`, 'not an area of the municipality');
  return unique;
}

/** Loads a picture the actor may read (404 for one they may not, so its existence is not revealed). */
async function readablePicture(db: Db, actor: Actor, id: string, forUpdate = false): Promise<PictureRecord> {
  const row = await findPicture(db, id, forUpdate);
  if (!row) throw pictureNotFound();
  if (!canReadPicture(actor, { organisationId: row.organisation_id, municipalityId: row.municipality_id }))
    throw pictureNotFound();
  return row;
}

export async function loadPicture(db: Db, actor: Actor, id: string): Promise<Picture> {
  const row = await readablePicture(db, actor, id);
  return presentPicture(actor, row, await snapshotsOfPictures(db, [row.id]));
}

/** A new picture document for an organisation (a committee or company) where the actor holds pictures.manage. */
export async function createPicture(ctx: PictureContext, input: CreatePictureInput): Promise<Picture> {
  const { deps, actor } = ctx;
  if (!canManagePicture(actor, { organisationId: input.organisationId })) {
    // Say "no such organisation" only to someone who may not manage any picture: no existence oracle.
    throw forbidden();
  }
  const org = await findOrganisation(deps.db, input.organisationId);
  if (!org) throw organisationNotFound();
  if (org.kind !== 'committee' && org.kind !== 'company') throw organisationKindNotAllowed();
  checkRange('period', input.period);
  const comparison = input.comparison ?? defaultComparison(input.period);
  checkRange('comparison', comparison);
  const areaIds = await checkAreas(deps.db, org.municipalityId, input.areaIds);
  const now = deps.now();
  const id = await inTransaction(deps.db, async (trx) => {
    const row = await trx
      .withTables<PictureTables>()
      .insertInto('pictures')
      .values({
        municipality_id: org.municipalityId,
        organisation_id: org.id,
        title: input.title,
        cycle_year: input.cycleYear,
        area_ids: areaIds,
        period_from: monthToDate(input.period.from),
        period_to: monthToDate(input.period.to),
        compare_from: monthToDate(comparison.from),
        compare_to: monthToDate(comparison.to),
        analysis: JSON.stringify({}),
        created_by: actor.userId,
        created_at: now,
        updated_by: actor.userId,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(
      trx,
      auditEntry(ctx, {
        action: 'picture.create',
        organisationId: org.id,
        targetType: 'picture',
        targetId: row.id,
        fields: ['title', 'cycleYear', 'areaIds', 'period', 'comparison'],
      }),
      now,
    );
    return row.id;
  });
  return loadPicture(deps.db, actor, id);
}

export async function getPicture(ctx: Omit<PictureContext, 'meta'>, id: string): Promise<Picture> {
  return loadPicture(ctx.deps.db, ctx.actor, id);
}

/** The pictures of the organisations where the actor holds pictures.read, newest cycle first. */
export async function listPicturesFor(
  ctx: Omit<PictureContext, 'meta'>,
  filter: { year?: number; organisationId?: string },
): Promise<PictureListResponse> {
  const rows = await listPictures(ctx.deps.db, {
    organisationIds: scopeOf(ctx.actor, 'pictures.read'),
    ...filter,
  });
  const snapshots = await snapshotsOfPictures(
    ctx.deps.db,
    rows.map((r) => r.id),
  );
  return { pictures: rows.map((r) => presentPictureListItem(r, snapshots)) };
}

const sameRange = (a: MonthRange, b: MonthRange) => a.from === b.from && a.to === b.to;

/**
 * Saves text and settings with an optimistic revision: 409 `pictures.stale_revision` (details carry the
 * current revision) when someone saved in between. Changing the period without a comparison resets the
 * comparison to the same months a year earlier. Audited with the names of the fields that changed.
 */
export async function updatePicture(
  ctx: PictureContext,
  id: string,
  input: UpdatePictureInput,
): Promise<Picture> {
  const { deps, actor } = ctx;
  const now = deps.now();
  await inTransaction(deps.db, async (trx) => {
    const row = await readablePicture(trx, actor, id, true);
    const organisationId = row.organisation_id;
    if (!canManagePicture(actor, { organisationId })) throw forbidden();
    if (input.extremismAnalysis !== undefined && !canSeeExtremism(actor, { organisationId }))
      throw extremismForbidden();
    if (input.revision !== row.revision) throw staleRevision({ currentRevision: row.revision });

    const current = {
      period: { from: dateToMonth(row.period_from), to: dateToMonth(row.period_to) },
      comparison: { from: dateToMonth(row.compare_from), to: dateToMonth(row.compare_to) },
    };
    const changed: string[] = [];
    const values: Record<string, unknown> = {};
    if (input.title !== undefined && input.title !== row.title) {
      changed.push('title');
      values.title = input.title;
    }
    if (input.areaIds !== undefined) {
      const areaIds = await checkAreas(trx, row.municipality_id, input.areaIds);
      if (JSON.stringify([...areaIds].sort()) !== JSON.stringify([...row.area_ids].sort())) {
        changed.push('areaIds');
        values.area_ids = areaIds;
      }
    }
    const period = input.period ?? current.period;
    if (input.period) checkRange('period', input.period);
    const comparison =
      input.comparison ?? (input.period ? defaultComparison(input.period) : current.comparison);
    if (input.comparison) checkRange('comparison', input.comparison);
    if (!sameRange(period, current.period)) {
      changed.push('period');
      values.period_from = monthToDate(period.from);
      values.period_to = monthToDate(period.to);
    }
    if (!sameRange(comparison, current.comparison)) {
      changed.push('comparison');
      values.compare_from = monthToDate(comparison.from);
      values.compare_to = monthToDate(comparison.to);
    }
    if (input.analysis) {
      const analysis = { ...row.analysis };
      for (const key of ANALYSIS_KEYS) {
        const text = input.analysis[key];
        if (text !== undefined && text !== (row.analysis[key] ?? '')) {
          analysis[key] = text;
          changed.push(`analysis.${key}`);
        }
      }
      if (changed.some((f) => f.startsWith('analysis.'))) values.analysis = JSON.stringify(analysis);
    }
    if (input.notes !== undefined && input.notes !== row.notes) {
      changed.push('notes');
      values.notes = input.notes;
    }
    if (input.extremismAnalysis !== undefined && input.extremismAnalysis !== row.extremism_analysis) {
      changed.push('extremismAnalysis');
      values.extremism_analysis = input.extremismAnalysis;
    }
    if (changed.length === 0) return;
    await trx
      .withTables<PictureTables>()
      .updateTable('pictures')
      .set({ ...values, revision: row.revision + 1, updated_at: now, updated_by: actor.userId })
      .where('id', '=', id)
      .execute();
    await recordAudit(
      trx,
      auditEntry(ctx, {
        action: 'picture.update',
        organisationId,
        targetType: 'picture',
        targetId: id,
        fields: changed,
      }),
      now,
    );
  });
  return loadPicture(deps.db, actor, id);
}

/** The figures request of a picture document: its organisation and areas, its periods. */
export function figuresQueryOf(row: PictureRecord) {
  return {
    organisation: row.organisation_id,
    ...(row.area_ids.length > 0 ? { areas: row.area_ids.join(',') } : {}),
    from: dateToMonth(row.period_from),
    to: dateToMonth(row.period_to),
    compareFrom: dateToMonth(row.compare_from),
    compareTo: dateToMonth(row.compare_to),
  };
}

/** The document's live figures, suppressed as the viewer must see them, with the extremism analysis text. */
export async function getPictureFigures(
  ctx: Omit<PictureContext, 'meta'>,
  id: string,
): Promise<PictureFigures> {
  const { deps, actor } = ctx;
  const row = await readablePicture(deps.db, actor, id);
  const includeExtremism = canSeeExtremism(actor, { organisationId: row.organisation_id });
  const figures = await computePictureFigures(deps, {
    actor,
    query: figuresQueryOf(row),
    suppression: 'viewer',
    includeExtremism,
  });
  if (!includeExtremism) return { ...figures, extremism: null };
  return {
    ...figures,
    extremism: figures.extremism ? { ...figures.extremism, analysis: row.extremism_analysis } : null,
  };
}
