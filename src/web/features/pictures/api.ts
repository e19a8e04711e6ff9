import type { z } from 'zod';
import type {
  CreatePictureRequestSchema,
  Picture,
  PictureFigures,
  PictureFiguresQuery,
  PictureListResponseSchema,
  PictureScopesResponse,
  UpdatePictureRequestSchema,
} from '../../../domain/api/pictures.ts';
import { apiRequest, isApiError } from '../../api/client.ts';
import type { Translate } from '../../i18n/translate.ts';

export type PictureListResponse = z.infer<typeof PictureListResponseSchema>;
export type CreatePictureRequest = z.input<typeof CreatePictureRequestSchema>;
export type UpdatePictureRequest = z.input<typeof UpdatePictureRequestSchema>;

/** `GET /api/pictures/scopes`: what the caller may make pictures of. */
export type PictureScopes = PictureScopesResponse;

const picturePath = (id: string) => `/api/pictures/${encodeURIComponent(id)}`;

export function fetchScopes(signal?: AbortSignal): Promise<PictureScopes> {
  return apiRequest('/api/pictures/scopes', { signal });
}

export function fetchLiveFigures(query: PictureFiguresQuery, signal?: AbortSignal): Promise<PictureFigures> {
  return apiRequest('/api/pictures/figures', { query: { ...query }, signal });
}

export function listPictures(signal?: AbortSignal): Promise<PictureListResponse> {
  return apiRequest('/api/pictures', { signal });
}

export function createPicture(body: CreatePictureRequest): Promise<Picture> {
  return apiRequest('/api/pictures', { method: 'POST', body });
}

export function fetchPicture(id: string, signal?: AbortSignal): Promise<Picture> {
  return apiRequest(picturePath(id), { signal });
}

export function updatePicture(id: string, body: UpdatePictureRequest): Promise<Picture> {
  return apiRequest(picturePath(id), { method: 'PATCH', body });
}

export function fetchPictureFigures(id: string, signal?: AbortSignal): Promise<PictureFigures> {
  return apiRequest(`${picturePath(id)}/figures`, { signal });
}

/** A failed call in words for the user. */
export function failureText(t: Translate, error: unknown): string {
  if (!isApiError(error)) return t('pictures.error.other', { message: String(error) });
  if (error.status === 0) return t('pictures.error.network');
  if (error.status === 403) return t('pictures.error.forbidden');
  if (error.status === 404) return t('pictures.error.notFound');
  if (error.status === 400 || error.status === 422)
    return t('pictures.error.validation', { message: error.message });
  return t('pictures.error.other', { message: error.message });
}

export const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

export { addMonths } from '../../../domain/months.ts';
