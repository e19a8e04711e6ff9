import type { z } from 'zod';
import type {
  CycleResponseSchema,
  Picture,
  Snapshot,
  SnapshotSummarySchema,
} from '../../../domain/api/pictures.ts';
import { apiRequest, isApiError } from '../../api/client.ts';
import type { Translate } from '../../i18n/translate.ts';

export type SnapshotSummary = z.infer<typeof SnapshotSummarySchema>;
export type CycleResponse = z.infer<typeof CycleResponseSchema>;
export type CycleOrganisation = CycleResponse['organisations'][number];

const enc = encodeURIComponent;

/** The picture with its snapshots and what the viewer may do (freeze, sign, submit). */
export function fetchPictureForSnapshots(id: string, signal?: AbortSignal): Promise<Picture> {
  return apiRequest(`/api/pictures/${enc(id)}`, { signal });
}

export function freezePicture(pictureId: string): Promise<SnapshotSummary> {
  return apiRequest(`/api/pictures/${enc(pictureId)}/snapshots`, { method: 'POST' });
}

export function signSnapshot(id: string): Promise<SnapshotSummary> {
  return apiRequest(`/api/pictures/snapshots/${enc(id)}/sign`, { method: 'POST' });
}

export function submitSnapshot(id: string): Promise<SnapshotSummary> {
  return apiRequest(`/api/pictures/snapshots/${enc(id)}/submit`, { method: 'POST' });
}

export function fetchSnapshot(id: string, signal?: AbortSignal): Promise<Snapshot> {
  return apiRequest(`/api/pictures/snapshots/${enc(id)}`, { signal });
}

/** One year's cycle; without a year, the server's current year. */
export function fetchCycle(year: number | null, signal?: AbortSignal): Promise<CycleResponse> {
  return apiRequest('/api/pictures/cycle', { query: { year: year ?? undefined }, signal });
}

export function setCycleDeadline(year: number, deadline: string): Promise<CycleResponse> {
  return apiRequest(`/api/pictures/cycle/${year}/deadline`, { method: 'PUT', body: { deadline } });
}

/** A failed call in words for the user. */
export function snapshotFailureText(t: Translate, error: unknown): string {
  if (!isApiError(error)) return t('snapshots.error.generic');
  if (error.status === 0) return t('snapshots.error.network');
  if (error.status === 403) return t('snapshots.error.forbidden');
  if (error.status === 404) return t('snapshots.error.notFound');
  if (error.code === 'pictures.snapshot_not_frozen') return t('snapshots.error.notFrozen');
  if (error.code === 'pictures.snapshot_not_signed') return t('snapshots.error.notSigned');
  if (error.code === 'pictures.snapshot_already_submitted') return t('snapshots.error.alreadySubmitted');
  if (error.status === 400) return t('snapshots.error.invalid');
  return t('snapshots.error.generic');
}
