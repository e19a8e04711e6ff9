import type { MatrixEntry } from '../route-matrix.ts';

/** Matrix entries for the threat-register routes (see route-matrix.ts for the shape). */
export const THREAT_REGISTER_MATRIX: Record<string, MatrixEntry> = {};
