import type { MatrixEntry } from '../route-matrix.ts';

/** Matrix entries for the incident-lists routes (see route-matrix.ts for the shape). */
export const INCIDENT_LISTS_MATRIX: Record<string, MatrixEntry> = {};
