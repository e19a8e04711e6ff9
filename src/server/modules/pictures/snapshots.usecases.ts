import type { z } from 'zod';
import type { Snapshot, SnapshotSummarySchema } from '../../../domain/api/pictures.ts';
import { recordAudit, recordAuditNow } from '../../platform/audit.ts';
import { forbidden } from '../../platform/errors.ts';
import {
  findPicture,
  findSnapshot,
  nextSnapshotVersion,
  snapshotsOfPictures,
} from './documents.repository.ts';
import { auditEntry, figuresQueryOf, inTransaction, type PictureContext } from './documents.usecases.ts';
import { computePictureFigures } from './figures.usecases.ts';
import {
  pictureNotFound,
  snapshotAlreadySubmitted,
  snapshotNotFound,
  snapshotNotFrozen,
  snapshotNotSigned,
  staleRevision,
} from './pictures.errors.ts';
import { canManagePicture, canReadPicture, canReadSnapshot, canSeeExtremism } from './pictures.policy.ts';
import { presentSnapshot, presentSnapshotSummary } from './pictures.presenter.ts';
import type { PictureTables } from './pictures.tables.ts';

type SnapshotSummary = z.infer<typeof SnapshotSummarySchema>;

async function summaryOf(
  ctx: PictureContext,
  pictureId: string,
  snapshotId: string,
): Promise<SnapshotSummary> {
  const all = await snapshotsOfPictures(ctx.deps.db, [pictureId]);
  const row = all.find((s) => s.id === snapshotId);
  if (!row) throw snapshotNotFound();
  return presentSnapshotSummary(row);
}

/**
 * Freezes the picture as a new version: the figures computed now with suppression 'always' (a snapshot
 * leaves the need-to-know circle: it goes to the executive board) and stored — never recomputed. The
 * extremism section (with its analysis) is kept apart from the figures, for holders of extremism.read.
 */
export async function freezePicture(ctx: PictureContext, pictureId: string): Promise<SnapshotSummary> {
  const { deps, actor } = ctx;
  const picture = await findPicture(deps.db, pictureId);
  if (
    !picture ||
    !canReadPicture(actor, {
      organisationId: picture.organisation_id,
      municipalityId: picture.municipality_id,
    })
  )
    throw pictureNotFound();
  if (!canManagePicture(actor, { organisationId: picture.organisation_id })) throw forbidden();
  const includeExtremism = canSeeExtremism(actor, { organisationId: picture.organisation_id });
  const now = deps.now();
  // The figures are computed before the transaction: they read on connections of their own, and a
  // transaction held open meanwhile could wait for a connection forever when the pool is small.
  const query = figuresQueryOf(picture);
  const figures = await computePictureFigures(deps, {
    actor,
    query,
    suppression: 'always',
    includeExtremism,
  });
  const id = await inTransaction(deps.db, async (trx) => {
    // Lock the document so the text frozen is the text the figures go with, and versions do not collide.
    const row = await findPicture(trx, pictureId, true);
    if (!row) throw pictureNotFound();
    // Someone changed the areas or periods while the figures were computed: they no longer match.
    if (JSON.stringify(figuresQueryOf(row)) !== JSON.stringify(query))
      throw staleRevision({ currentRevision: row.revision });
    const extremism =
      includeExtremism && figures.extremism
        ? { ...figures.extremism, analysis: row.extremism_analysis }
        : null;
    const version = await nextSnapshotVersion(trx, pictureId);
    const inserted = await trx
      .withTables<PictureTables>()
      .insertInto('picture_snapshots')
      .values({
        picture_id: row.id,
        organisation_id: row.organisation_id,
        cycle_year: row.cycle_year,
        version,
        title: row.title,
        figures: JSON.stringify({ ...figures, extremism: null }),
        analysis: JSON.stringify(row.analysis),
        notes: row.notes,
        extremism: extremism ? JSON.stringify(extremism) : null,
        status: 'frozen',
        frozen_at: now,
        frozen_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(
      trx,
      auditEntry(ctx, {
        action: 'picture_snapshot.freeze',
        organisationId: row.organisation_id,
        targetType: 'picture_snapshot',
        targetId: inserted.id,
      }),
      now,
    );
    return inserted.id;
  });
  return summaryOf(ctx, pictureId, id);
}

/** Loads a snapshot the actor may read; 404 otherwise. */
async function readableSnapshot(ctx: Omit<PictureContext, 'meta'>, id: string, forUpdate = false) {
  const row = await findSnapshot(ctx.deps.db, id, forUpdate);
  if (!row) throw snapshotNotFound();
  const facts = {
    organisationId: row.organisation_id,
    municipalityId: row.municipality_id,
    status: row.status,
  };
  if (!canReadSnapshot(ctx.actor, facts)) throw snapshotNotFound();
  return row;
}

/** A snapshot as frozen; every read is audited. */
export async function getSnapshot(ctx: PictureContext, id: string): Promise<Snapshot> {
  const row = await readableSnapshot(ctx, id);
  await recordAuditNow(
    ctx.deps.db,
    auditEntry(ctx, {
      action: 'picture_snapshot.read',
      organisationId: row.organisation_id,
      targetType: 'picture_snapshot',
      targetId: row.id,
    }),
    ctx.deps.now(),
  );
  return presentSnapshot(ctx.actor, row);
}

async function transition(
  ctx: PictureContext,
  id: string,
  step: 'sign' | 'submit',
): Promise<SnapshotSummary> {
  const { deps, actor } = ctx;
  const now = deps.now();
  const pictureId = await inTransaction(deps.db, async (trx) => {
    const row = await readableSnapshot({ deps: { ...deps, db: trx }, actor }, id, true);
    if (!canManagePicture(actor, { organisationId: row.organisation_id })) throw forbidden();
    if (step === 'sign') {
      if (row.status !== 'frozen') throw snapshotNotFrozen({ status: row.status });
    } else if (row.status === 'submitted') {
      throw snapshotAlreadySubmitted({ status: row.status });
    } else if (row.status !== 'signed') {
      throw snapshotNotSigned({ status: row.status });
    }
    const set =
      step === 'sign'
        ? { status: 'signed' as const, signed_at: now, signed_by: actor.userId }
        : { status: 'submitted' as const, submitted_at: now, submitted_by: actor.userId };
    await trx
      .withTables<PictureTables>()
      .updateTable('picture_snapshots')
      .set(set)
      .where('id', '=', id)
      .execute();
    await recordAudit(
      trx,
      auditEntry(ctx, {
        action: step === 'sign' ? 'picture_snapshot.sign' : 'picture_snapshot.submit',
        organisationId: row.organisation_id,
        targetType: 'picture_snapshot',
        targetId: id,
        fields: ['status'],
      }),
      now,
    );
    return row.picture_id;
  });
  return summaryOf(ctx, pictureId, id);
}

/** The coordinator signs off a frozen snapshot (a request of its own, after freezing). */
export const signSnapshot = (ctx: PictureContext, id: string) => transition(ctx, id, 'sign');

/**
 * Submits a signed snapshot to the executive board: it becomes the organisation's yearly risk and
 * situational picture for its cycle year (a later submission supersedes it in the cycle).
 */
export const submitSnapshot = (ctx: PictureContext, id: string) => transition(ctx, id, 'submit');
