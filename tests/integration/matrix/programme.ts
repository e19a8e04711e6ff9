import type { MatrixEntry } from '../route-matrix.ts';

/** Matrix entries for the programme routes (see route-matrix.ts for the shape). */
export const PROGRAMME_MATRIX: Record<string, MatrixEntry> = {};
