import type { MatrixEntry } from '../route-matrix.ts';

/** Matrix entries for the organisation-structure routes (see route-matrix.ts for the shape). */
export const ORGANISATION_STRUCTURE_MATRIX: Record<string, MatrixEntry> = {};
