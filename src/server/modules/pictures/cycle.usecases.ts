import { sql } from 'kysely';
import type { z } from 'zod';
import type { CycleResponseSchema } from '../../../domain/api/pictures.ts';
import { recordAudit } from '../../platform/audit.ts';
import { forbidden } from '../../platform/errors.ts';
import { swedishDate } from '../coordinators/dates.ts';
import { findMunicipalityId } from './documents.repository.ts';
import { auditEntry, inTransaction, type PictureContext } from './documents.usecases.ts';
import { invalidField, organisationNotFound } from './pictures.errors.ts';
import { canFollowCycle } from './pictures.policy.ts';
import type { PictureTables } from './pictures.tables.ts';

type CycleResponse = z.infer<typeof CycleResponseSchema>;
type CycleStatus = CycleResponse['organisations'][number]['status'];

/** The year it is in Sweden now. */
export const currentCycleYear = (now: Date) => Number(swedishDate(now).slice(0, 4));

async function municipalityFor(ctx: Omit<PictureContext, 'meta'>): Promise<string> {
  const id = await findMunicipalityId(ctx.deps.db);
  if (!id) throw organisationNotFound();
  if (!canFollowCycle(ctx.actor, id)) throw forbidden();
  return id;
}

interface OrgRow {
  id: string;
  name: string;
  kind: string;
  picture_id: string | null;
  has_picture: boolean;
  frozen: boolean;
  signed: boolean;
  submitted_id: string | null;
  submitted_at: Date | null;
}

/**
 * One year's cycle as the executive board follows it: every committee and company in force some day of
 * the year, each with the furthest its pictures of that year have come (submitted > signed > frozen >
 * draft > not started), the newest submission (a later one supersedes), and whether it is late — not
 * submitted and the deadline has passed (Swedish date of deps.now()), or submitted after the deadline.
 */
export async function getCycle(ctx: Omit<PictureContext, 'meta'>, year: number): Promise<CycleResponse> {
  const municipalityId = await municipalityFor(ctx);
  const { deadline, isDefault } = await deadlineOf(ctx, municipalityId, year);
  const today = swedishDate(ctx.deps.now());
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const result = await sql<OrgRow>`
    WITH RECURSIVE tree AS (
      SELECT id FROM organisations WHERE id = ${municipalityId}
      UNION ALL
      SELECT o.id FROM organisations o JOIN tree t ON o.parent_id = t.id
    )
    SELECT o.id, o.name, o.kind,
      (SELECT p.id FROM pictures p WHERE p.organisation_id = o.id AND p.cycle_year = ${year}
        ORDER BY p.updated_at DESC LIMIT 1) AS picture_id,
      EXISTS (SELECT 1 FROM pictures p WHERE p.organisation_id = o.id AND p.cycle_year = ${year}) AS has_picture,
      EXISTS (SELECT 1 FROM picture_snapshots s WHERE s.organisation_id = o.id AND s.cycle_year = ${year}) AS frozen,
      EXISTS (SELECT 1 FROM picture_snapshots s WHERE s.organisation_id = o.id AND s.cycle_year = ${year}
        AND s.status IN ('signed', 'submitted')) AS signed,
      sub.id AS submitted_id, sub.submitted_at
    FROM organisations o
    JOIN tree t ON t.id = o.id
    LEFT JOIN LATERAL (
      SELECT s.id, s.submitted_at FROM picture_snapshots s
      WHERE s.organisation_id = o.id AND s.cycle_year = ${year} AND s.status = 'submitted'
      ORDER BY s.submitted_at DESC, s.version DESC LIMIT 1
    ) sub ON true
    WHERE o.kind IN ('committee', 'company')
      AND (o.valid_from IS NULL OR o.valid_from <= ${last}::date)
      AND (o.valid_to IS NULL OR o.valid_to >= ${first}::date)
    ORDER BY o.name, o.id`.execute(ctx.deps.db);

  const organisations = result.rows.map((r) => {
    const status: CycleStatus = r.submitted_id
      ? 'submitted'
      : r.signed
        ? 'signed'
        : r.frozen
          ? 'frozen'
          : r.has_picture
            ? 'draft'
            : 'not_started';
    const submittedAt = r.submitted_at ? new Date(r.submitted_at) : null;
    const late = submittedAt ? swedishDate(submittedAt) > deadline : today > deadline;
    return {
      organisation: { id: r.id, name: r.name, kind: r.kind },
      status,
      late,
      submittedAt: submittedAt?.toISOString() ?? null,
      snapshotId: r.submitted_id,
      pictureId: r.picture_id,
    };
  });
  return {
    year,
    deadline,
    deadlineIsDefault: isDefault,
    organisations,
    counts: {
      submitted: organisations.filter((o) => o.status === 'submitted').length,
      late: organisations.filter((o) => o.late).length,
      total: organisations.length,
    },
  };
}

async function deadlineOf(ctx: Omit<PictureContext, 'meta'>, municipalityId: string, year: number) {
  const row = await ctx.deps.db
    .withTables<PictureTables>()
    .selectFrom('picture_cycles')
    .select('deadline')
    .where('municipality_id', '=', municipalityId)
    .where('year', '=', year)
    .executeTakeFirst();
  if (row) return { deadline: row.deadline, isDefault: false };
  return { deadline: `${year}-${ctx.deps.config.pictureDeadline}`, isDefault: true };
}

/** The executive board sets a year's deadline (audited). It must fall in that year or the next. */
export async function setCycleDeadline(
  ctx: PictureContext,
  year: number,
  deadline: string,
): Promise<CycleResponse> {
  const municipalityId = await municipalityFor(ctx);
  const deadlineYear = Number(deadline.slice(0, 4));
  if (deadlineYear < year || deadlineYear > year + 1)
    throw invalidField('deadline', "the deadline must fall in the cycle's year or the next");
  const now = ctx.deps.now();
  await inTransaction(ctx.deps.db, async (trx) => {
    await trx
      .withTables<PictureTables>()
      .insertInto('picture_cycles')
      .values({
        municipality_id: municipalityId,
        year,
        deadline,
        updated_by: ctx.actor.userId,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc
          .columns(['municipality_id', 'year'])
          .doUpdateSet({ deadline, updated_by: ctx.actor.userId, updated_at: now }),
      )
      .execute();
    await recordAudit(
      trx,
      auditEntry(ctx, {
        action: 'picture_cycle.deadline_set',
        organisationId: municipalityId,
        targetType: 'picture_cycle',
        targetId: `${municipalityId}:${year}`,
        fields: ['deadline'],
      }),
      now,
    );
  });
  return getCycle(ctx, year);
}
