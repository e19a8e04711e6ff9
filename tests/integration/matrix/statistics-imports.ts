import type { MatrixEntry } from '../route-matrix.ts';

/** Matrix entries for the CSV statistics imports routes (see route-matrix.ts for the shape). */
export const STATISTICS_IMPORTS_MATRIX: Record<string, MatrixEntry> = {};
