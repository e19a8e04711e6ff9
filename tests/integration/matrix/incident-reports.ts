import type { MatrixEntry } from '../route-matrix.ts';

/** Matrix entries for the incident-reports routes (see route-matrix.ts for the shape). */
export const INCIDENT_REPORTS_MATRIX: Record<string, MatrixEntry> = {};
