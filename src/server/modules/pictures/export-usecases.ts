import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { LocaleSchema } from '../../../domain/api/common.ts';
import {
  type Analysis,
  ExportFormatSchema,
  type ExtremismSection,
  type PictureFigures,
  PictureFiguresQuerySchema,
} from '../../../domain/api/pictures.ts';
import { type Actor, can } from '../../../domain/permissions.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppDeps } from '../../platform/context.ts';
import { createError } from '../../platform/errors.ts';
import { registerTaskHandler, startTask, type TaskContext, type TaskOutcome } from '../../platform/tasks.ts';
import type { AreaGeometry } from '../areas/areas.tables.ts';
import type { RequestMeta } from '../auth/auth.usecases.ts';
import { findPicture, findSnapshot } from './documents.repository.ts';
import { defaultTitle, type ExportTexts, fileStem } from './export-common.ts';
import { buildPictureCsv } from './export-csv.ts';
import { buildPictureGeoJson } from './export-geojson.ts';
import { buildOpenDataZip, OpenDataNotSuppressedError } from './export-open-data.ts';
import { buildPicturePdf } from './export-pdf.ts';
import { buildPictureXlsx } from './export-xlsx.ts';
import { computePictureFigures } from './figures.usecases.ts';
import { pictureNotFound, snapshotNotFound } from './pictures.errors.ts';
import { canReadPicture, canReadSnapshot, canSeeExtremism } from './pictures.policy.ts';

/**
 * Exports of a picture document, a frozen snapshot or a live query (issue 5, part 7). The request
 * checks access and reads the figures — exactly what the viewer would see: live figures through
 * `computePictureFigures` (its own checks; suppression 'viewer'), a snapshot's as frozen; open data
 * always suppressed ('always') and never with the violent-extremism section — records the audit
 * entry `picture.export` and starts a background task that writes the file (202 + Task).
 */

export const PictureExportRequestSchema = z.object({
  target: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('picture'), id: z.uuid() }),
    z.object({ kind: z.literal('snapshot'), id: z.uuid() }),
    z.object({ kind: z.literal('live'), query: PictureFiguresQuerySchema }),
  ]),
  format: ExportFormatSchema,
  locale: LocaleSchema.default('sv'),
});
export type PictureExportRequest = z.infer<typeof PictureExportRequestSchema>;
export type ExportFormat = PictureExportRequest['format'];

export const EXPORT_TASK_KINDS: Record<ExportFormat, string> = {
  pdf: 'export.picture_pdf',
  xlsx: 'export.picture_xlsx',
  csv: 'export.picture_csv',
  geojson: 'export.picture_geojson',
  open_data: 'export.picture_open_data',
};

const MEDIA_TYPES: Record<ExportFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  geojson: 'application/geo+json',
  open_data: 'application/zip',
};

const EXTENSIONS: Record<ExportFormat, string> = {
  pdf: '.pdf',
  xlsx: '.xlsx',
  csv: '.csv',
  geojson: '.geojson',
  open_data: '-oppna-data.zip',
};

export const exportExpired = createError({
  code: 'pictures.export_expired',
  status: 410,
  message: 'The export was prepared by a server that has since restarted; start it again',
});
export const exportNotSuppressed = createError({
  code: 'pictures.export_not_suppressed',
  status: 500,
  message: 'Open data can only hold protected figures; nothing was written',
});

/** What the task writes: figures as the viewer may see them, and the texts. */
interface Prepared {
  format: ExportFormat;
  locale: 'sv' | 'en';
  figures: PictureFigures;
  texts: ExportTexts;
}

/** Prepared exports waiting for their task (in this process; a restart fails the task anyway). */
const prepared = new Map<string, Prepared>();

async function figuresOfPicture(
  deps: AppDeps,
  actor: Actor,
  id: string,
  format: ExportFormat,
  meta: RequestMeta,
): Promise<{ figures: PictureFigures; texts: ExportTexts; organisationId: string }> {
  const row = await findPicture(deps.db, id);
  if (
    !row ||
    !canReadPicture(actor, { organisationId: row.organisation_id, municipalityId: row.municipality_id })
  )
    throw pictureNotFound();
  const openData = format === 'open_data';
  const includeExtremism = !openData && canSeeExtremism(actor, { organisationId: row.organisation_id });
  const figures = await computePictureFigures(deps, {
    actor,
    meta,
    query: {
      organisation: row.organisation_id,
      ...(row.area_ids.length > 0 ? { areas: row.area_ids.join(',') } : {}),
      from: row.period_from.slice(0, 7),
      to: row.period_to.slice(0, 7),
      compareFrom: row.compare_from.slice(0, 7),
      compareTo: row.compare_to.slice(0, 7),
    },
    suppression: openData ? 'always' : 'viewer',
    includeExtremism,
  });
  const extremism: ExtremismSection | null =
    includeExtremism && figures.extremism ? { ...figures.extremism, analysis: row.extremism_analysis } : null;
  return {
    figures: { ...figures, extremism },
    texts: { title: row.title, analysis: row.analysis as Analysis, notes: row.notes, snapshot: null },
    organisationId: row.organisation_id,
  };
}

async function figuresOfSnapshot(
  deps: AppDeps,
  actor: Actor,
  id: string,
  format: ExportFormat,
): Promise<{ figures: PictureFigures; texts: ExportTexts; organisationId: string }> {
  const row = await findSnapshot(deps.db, id);
  if (
    !row ||
    !canReadSnapshot(actor, {
      organisationId: row.organisation_id,
      municipalityId: row.municipality_id,
      status: row.status,
    })
  )
    throw snapshotNotFound();
  const stored = row.figures as PictureFigures;
  const includeExtremism =
    format !== 'open_data' && canSeeExtremism(actor, { organisationId: row.organisation_id });
  const extremism = includeExtremism ? ((row.extremism as ExtremismSection | null) ?? null) : null;
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    figures: { ...stored, extremism },
    texts: {
      title: row.title,
      analysis: row.analysis as Analysis,
      notes: row.notes,
      snapshot: {
        version: row.version,
        status: row.status,
        frozenAt: new Date(row.frozen_at).toISOString(),
        signedAt: iso(row.signed_at),
        signedBy: row.signed_by_name,
        submittedAt: iso(row.submitted_at),
      },
    },
    organisationId: row.organisation_id,
  };
}

async function figuresOfQuery(
  deps: AppDeps,
  actor: Actor,
  query: z.infer<typeof PictureFiguresQuerySchema>,
  format: ExportFormat,
  locale: 'sv' | 'en',
  meta: RequestMeta,
): Promise<{ figures: PictureFigures; texts: ExportTexts; organisationId: string | null }> {
  const openData = format === 'open_data';
  const includeExtremism =
    !openData &&
    (query.organisation
      ? can(actor, 'extremism.read', { organisationId: query.organisation })
      : can(actor, 'extremism.read'));
  const figures = await computePictureFigures(deps, {
    actor,
    meta,
    query,
    suppression: openData ? 'always' : 'viewer',
    includeExtremism,
  });
  return {
    figures: includeExtremism ? figures : { ...figures, extremism: null },
    texts: { title: defaultTitle(figures, locale), analysis: null, notes: '', snapshot: null },
    organisationId: figures.scope.organisation?.id ?? query.organisation ?? null,
  };
}

/**
 * Checks access, reads the figures and starts the export task; answers with the task's id.
 * The audit entry (`picture.export`, with the format) is written before the task starts.
 */
export async function startPictureExport(
  deps: AppDeps,
  actor: Actor,
  meta: RequestMeta,
  input: PictureExportRequest,
): Promise<string> {
  const { target, format, locale } = input;
  const resolved =
    target.kind === 'picture'
      ? await figuresOfPicture(deps, actor, target.id, format, meta)
      : target.kind === 'snapshot'
        ? await figuresOfSnapshot(deps, actor, target.id, format)
        : await figuresOfQuery(deps, actor, target.query, format, locale, meta);
  if (format === 'open_data') resolved.figures = { ...resolved.figures, extremism: null };
  const key = crypto.randomUUID();
  await deps.db.transaction().execute((trx) =>
    recordAudit(
      trx,
      {
        action: 'picture.export',
        actorId: actor.userId,
        organisationId: resolved.organisationId,
        targetType:
          target.kind === 'picture'
            ? 'picture'
            : target.kind === 'snapshot'
              ? 'picture_snapshot'
              : 'picture_query',
        targetId: target.kind === 'live' ? null : target.id,
        fields: [format, locale],
        ip: meta.ip,
        requestId: meta.requestId,
      },
      deps.now(),
    ),
  );
  prepared.set(key, { format, locale, figures: resolved.figures, texts: resolved.texts });
  try {
    return await startTask(deps, {
      kind: EXPORT_TASK_KINDS[format],
      createdBy: actor.userId,
      organisationId: resolved.organisationId,
      params: { key, format, locale, target: target.kind === 'live' ? { kind: 'live' } : target },
    });
  } catch (err) {
    prepared.delete(key);
    throw err;
  }
}

/** The areas' geometries (WGS84 GeoJSON) for the map and the GeoJSON export. */
async function geometriesOf(deps: AppDeps, figures: PictureFigures): Promise<Map<string, AreaGeometry>> {
  const ids = figures.areas.map((a) => a.areaId);
  if (ids.length === 0) return new Map();
  const rows = await deps.db
    .withTables<{ areas: { id: string; geojson: AreaGeometry | null } }>()
    .selectFrom('areas')
    .select(['id', 'geojson'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.flatMap((r) => (r.geojson ? [[r.id, r.geojson] as const] : [])));
}

/** Builds the file of one prepared export; `progress` reports by section. */
export async function writeExport(
  deps: AppDeps,
  job: Prepared,
  dir: string,
  progress: (done: number, total: number, stage: string) => Promise<void>,
): Promise<NonNullable<TaskOutcome['file']>> {
  const { figures, texts, format, locale } = job;
  let bytes: Uint8Array;
  switch (format) {
    case 'pdf': {
      const geometries = await geometriesOf(deps, figures);
      bytes = await buildPicturePdf(figures, texts, locale, { geometries, progress });
      break;
    }
    case 'xlsx':
      await progress(0, 2, 'tables');
      bytes = buildPictureXlsx(figures, texts, locale);
      break;
    case 'csv':
      await progress(0, 2, 'tables');
      bytes = buildPictureCsv(figures, locale);
      break;
    case 'geojson': {
      await progress(0, 2, 'areas');
      bytes = buildPictureGeoJson(figures, await geometriesOf(deps, figures));
      break;
    }
    case 'open_data': {
      await progress(0, 2, 'aggregates');
      try {
        bytes = buildOpenDataZip(figures, await geometriesOf(deps, figures), deps.now());
      } catch (err) {
        if (err instanceof OpenDataNotSuppressedError) throw exportNotSuppressed();
        throw err;
      }
      break;
    }
  }
  const name = `${fileStem(texts.title)}${texts.snapshot ? `-v${texts.snapshot.version}` : ''}${EXTENSIONS[format]}`;
  const file = path.join(dir, name);
  await fs.promises.writeFile(file, bytes, { mode: 0o600 });
  if (format !== 'pdf') await progress(2, 2, 'done');
  return { path: file, name, mediaType: MEDIA_TYPES[format] };
}

async function runExport(ctx: TaskContext): Promise<TaskOutcome> {
  const params = ctx.task.params as { key?: string };
  const job = params.key ? prepared.get(params.key) : undefined;
  if (!job || !params.key) throw exportExpired();
  prepared.delete(params.key);
  const file = await writeExport(ctx.deps, job, ctx.outputDir(), (done, total, stage) =>
    ctx.progress(done, total, stage),
  );
  return { file, result: { format: job.format, locale: job.locale } };
}

/** Registers the five export task kinds (idempotent). */
export function registerPictureExportTasks(): void {
  for (const kind of Object.values(EXPORT_TASK_KINDS)) registerTaskHandler(kind, runExport);
}
