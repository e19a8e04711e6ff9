import type { z } from 'zod';
import {
  ANALYSIS_KEYS,
  type Analysis,
  type ExtremismSection,
  type Picture,
  type PictureFigures,
  type PictureListItemSchema,
  type Snapshot,
  type SnapshotSummarySchema,
} from '../../../domain/api/pictures.ts';
import { dateToMonth } from '../../../domain/months.ts';
import type { Actor } from '../../../domain/permissions.ts';
import type { PictureRecord, SnapshotFullRecord, SnapshotRecord } from './documents.repository.ts';
import { canManagePicture, canSeeExtremism } from './pictures.policy.ts';

type SnapshotSummary = z.infer<typeof SnapshotSummarySchema>;
type PictureListItem = z.infer<typeof PictureListItemSchema>;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** The five guided questions, every one present (missing ones empty). */
export function presentAnalysis(raw: Record<string, string> | null | undefined): Analysis {
  const out = {} as Analysis;
  for (const key of ANALYSIS_KEYS) out[key] = typeof raw?.[key] === 'string' ? raw[key] : '';
  return out;
}

export function presentSnapshotSummary(s: SnapshotRecord): SnapshotSummary {
  return {
    id: s.id,
    pictureId: s.picture_id,
    version: s.version,
    status: s.status,
    frozenAt: new Date(s.frozen_at).toISOString(),
    frozenBy: s.frozen_by_name,
    signedAt: iso(s.signed_at),
    signedBy: s.signed_by_name,
    submittedAt: iso(s.submitted_at),
    submittedBy: s.submitted_by_name,
  };
}

export function presentPicture(actor: Actor, p: PictureRecord, snapshots: SnapshotRecord[]): Picture {
  const manage = canManagePicture(actor, { organisationId: p.organisation_id });
  const mine = snapshots.filter((s) => s.picture_id === p.id).sort((a, b) => b.version - a.version);
  return {
    id: p.id,
    organisation: { id: p.organisation_id, name: p.organisation_name },
    title: p.title,
    cycleYear: p.cycle_year,
    areaIds: p.area_ids,
    period: { from: dateToMonth(p.period_from), to: dateToMonth(p.period_to) },
    comparison: { from: dateToMonth(p.compare_from), to: dateToMonth(p.compare_to) },
    analysis: presentAnalysis(p.analysis),
    notes: p.notes,
    extremismAnalysis: canSeeExtremism(actor, { organisationId: p.organisation_id })
      ? p.extremism_analysis
      : null,
    revision: p.revision,
    updatedAt: new Date(p.updated_at).toISOString(),
    updatedBy: p.updated_by_name,
    snapshots: mine.map(presentSnapshotSummary),
    can: {
      edit: manage,
      freeze: manage,
      sign: manage && mine.some((s) => s.status === 'frozen'),
      submit: manage && mine.some((s) => s.status === 'signed'),
    },
  };
}

export function presentPictureListItem(p: PictureRecord, snapshots: SnapshotRecord[]): PictureListItem {
  const latest = snapshots.filter((s) => s.picture_id === p.id).sort((a, b) => b.version - a.version)[0];
  return {
    id: p.id,
    organisation: { id: p.organisation_id, name: p.organisation_name },
    title: p.title,
    cycleYear: p.cycle_year,
    period: { from: dateToMonth(p.period_from), to: dateToMonth(p.period_to) },
    updatedAt: new Date(p.updated_at).toISOString(),
    latestSnapshot: latest ? presentSnapshotSummary(latest) : null,
  };
}

/** A snapshot as stored: figures never recomputed; the extremism section only for holders of extremism.read. */
export function presentSnapshot(actor: Actor, s: SnapshotFullRecord): Snapshot {
  const extremism = canSeeExtremism(actor, { organisationId: s.organisation_id })
    ? ((s.extremism as ExtremismSection | null) ?? null)
    : null;
  return {
    ...presentSnapshotSummary(s),
    organisation: { id: s.organisation_id, name: s.organisation_name },
    cycleYear: s.cycle_year,
    title: s.title,
    figures: { ...(s.figures as PictureFigures), extremism: null },
    analysis: presentAnalysis(s.analysis),
    notes: s.notes,
    extremism,
  };
}
