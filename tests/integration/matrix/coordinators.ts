import type { MatrixEntry } from '../route-matrix.ts';

/** Matrix entries for the coordinators routes (see route-matrix.ts for the shape). */
export const COORDINATORS_MATRIX: Record<string, MatrixEntry> = {};
