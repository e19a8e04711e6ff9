import type { PictureFigures, PictureFiguresQuery } from '../../../domain/api/pictures.ts';
import type { Actor } from '../../../domain/permissions.ts';
import type { AppDeps } from '../../platform/context.ts';

export interface FiguresRequest {
  actor: Actor;
  query: PictureFiguresQuery;
  /**
   * 'viewer': suppress unless the actor has need-to-know of every figure (sensitive.read in the
   * organisation); 'always': suppress (snapshots, open data).
   */
  suppression: 'viewer' | 'always';
  /** Include the violent-extremism section (only when the actor holds extremism.read; else null). */
  includeExtremism: boolean;
}

/** Computes a picture's figures from the rollups (never from raw incident rows). */
export async function computePictureFigures(_deps: AppDeps, _req: FiguresRequest): Promise<PictureFigures> {
  throw new Error('computePictureFigures: not implemented yet');
}
