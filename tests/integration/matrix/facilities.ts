import type { MatrixEntry } from '../route-matrix.ts';

/** Matrix entries for the facilities routes (see route-matrix.ts for the shape). */
export const FACILITIES_MATRIX: Record<string, MatrixEntry> = {};
