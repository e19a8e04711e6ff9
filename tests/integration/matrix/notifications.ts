import type { MatrixEntry } from '../route-matrix.ts';

/** Matrix entries for the notifications routes (see route-matrix.ts for the shape). */
export const NOTIFICATIONS_MATRIX: Record<string, MatrixEntry> = {};
