import type { MatrixEntry } from '../route-matrix.ts';

/** Matrix entries for the police events routes (see route-matrix.ts for the shape). */
export const POLICE_MATRIX: Record<string, MatrixEntry> = {};
