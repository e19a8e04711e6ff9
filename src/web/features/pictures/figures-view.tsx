import type { PictureFigures } from '../../../domain/api/pictures.ts';

/**
 * Renders a picture's figures (live or frozen): the three §4 parts, sources and coverage, and — when
 * present — the violent-extremism section. Used by the picture page, the explore page and snapshots.
 * (Placeholder until built.)
 */
export function PictureFiguresView(_props: { figures: PictureFigures }) {
  return null;
}
