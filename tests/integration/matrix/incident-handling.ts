import type { MatrixEntry } from '../route-matrix.ts';

/** Matrix entries for the incident-handling routes (see route-matrix.ts for the shape). */
export const INCIDENT_HANDLING_MATRIX: Record<string, MatrixEntry> = {};
