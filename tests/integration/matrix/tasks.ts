import type { MatrixEntry } from '../route-matrix.ts';

/** Matrix entries for the background tasks (lead) routes (see route-matrix.ts for the shape). */
export const TASKS_MATRIX: Record<string, MatrixEntry> = {};
