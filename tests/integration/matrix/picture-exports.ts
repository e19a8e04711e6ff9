import type { MatrixEntry } from '../route-matrix.ts';

/** Matrix entries for the picture exports routes (see route-matrix.ts for the shape). */
export const PICTURE_EXPORTS_MATRIX: Record<string, MatrixEntry> = {};
