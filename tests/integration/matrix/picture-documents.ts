import type { MatrixEntry } from '../route-matrix.ts';

/** Matrix entries for the picture documents, snapshots and the cycle routes (see route-matrix.ts for the shape). */
export const PICTURE_DOCUMENTS_MATRIX: Record<string, MatrixEntry> = {};
