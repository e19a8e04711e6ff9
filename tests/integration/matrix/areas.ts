import type { MatrixEntry } from '../route-matrix.ts';

/** Matrix entries for the areas routes (see route-matrix.ts for the shape). */
export const AREAS_MATRIX: Record<string, MatrixEntry> = {};
