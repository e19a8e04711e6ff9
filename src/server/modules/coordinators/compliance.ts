import type { ComplianceStatus } from '../../../domain/api/coordinators.ts';
import { addDays } from './dates.ts';

/** What the evaluation needs of an assignment. */
export interface TermLike {
  deputy: boolean;
  userDisabled: boolean;
  startsOn: string;
  endsOn: string | null;
}

export interface SlotEvaluation<T extends TermLike> {
  status: ComplianceStatus;
  holder: T | null;
  deputies: T[];
  gapFrom: string | null;
  next: T | null;
}

export const runsOn = (term: TermLike, day: string) =>
  term.startsOn <= day && (term.endsOn === null || term.endsOn >= day);

/**
 * Whether one required function of one organisation is held today and over the next `horizonDays`:
 * follows the chain of principal terms (a successor starting the day after a term ends continues
 * it) to the first day no one holds the function. Deputies never fill a gap, and neither does an
 * account that has been disabled.
 */
export function evaluateSlot<T extends TermLike>(
  terms: readonly T[],
  today: string,
  horizonDays: number,
): SlotEvaluation<T> {
  const principals = terms
    .filter((t) => !t.deputy && !t.userDisabled)
    .sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  const holder = principals.find((t) => runsOn(t, today)) ?? null;
  let gapFrom: string | null = null;
  let day = today;
  for (let step = 0; step <= principals.length; step++) {
    const covering = principals.find((t) => runsOn(t, day));
    if (!covering) {
      gapFrom = day;
      break;
    }
    if (covering.endsOn === null) break;
    day = addDays(covering.endsOn, 1);
  }
  const horizonEnd = addDays(today, horizonDays);
  const status: ComplianceStatus = !holder
    ? 'missing'
    : gapFrom !== null && gapFrom <= horizonEnd
      ? 'ending'
      : 'covered';
  return {
    status,
    holder,
    deputies: terms.filter((t) => t.deputy && runsOn(t, today)),
    gapFrom,
    next: principals.find((t) => t.startsOn > today) ?? null,
  };
}

const SEVERITY: Record<ComplianceStatus, number> = { missing: 0, ending: 1, covered: 2 };

/** The worst of several statuses (`covered` for none). */
export function worstStatus(statuses: readonly ComplianceStatus[]): ComplianceStatus {
  return statuses.reduce<ComplianceStatus>(
    (worst, s) => (SEVERITY[s] < SEVERITY[worst] ? s : worst),
    'covered',
  );
}

export function compareStatus(a: ComplianceStatus, b: ComplianceStatus): number {
  return SEVERITY[a] - SEVERITY[b];
}
