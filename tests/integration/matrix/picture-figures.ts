import type { MatrixEntry } from '../route-matrix.ts';

/** Matrix entries for the live picture figures routes (see route-matrix.ts for the shape). */
export const PICTURE_FIGURES_MATRIX: Record<string, MatrixEntry> = {};
