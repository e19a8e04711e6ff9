import type { WorkEnvironmentKind } from './incidents.tables.ts';

/**
 * The rules a new report follows, whichever way it comes (the form or the batch API). Pure
 * functions, so they are tested without a database.
 */

/** A phone's clock may run a little ahead of ours. */
export const CLOCK_SKEW_MS = 5 * 60_000;
/** Older than this is a typing mistake, not an incident to act on. */
export const MAX_AGE_YEARS = 10;
/** Serious events must reach the Work Environment Authority within a day. */
export const AUTHORITY_DEADLINE_MS = 24 * 3_600_000;
/** Uploads not taken by a report within a day are swept. */
export const UPLOAD_TTL_MS = 24 * 3_600_000;

/** Groups where an injury makes the event serious (violence causing injury). */
const VIOLENCE_GROUPS = new Set(['threat_violence', 'undue_influence']);

/** Why a time cannot be when the incident happened, or null when it can. */
export function occurredAtProblem(occurredAt: Date, now: Date): string | null {
  if (occurredAt.getTime() > now.getTime() + CLOCK_SKEW_MS) return 'The time is in the future';
  const oldest = new Date(now);
  oldest.setUTCFullYear(oldest.getUTCFullYear() - MAX_AGE_YEARS);
  if (occurredAt < oldest) return `The time is more than ${MAX_AGE_YEARS} years ago`;
  return null;
}

/**
 * A serious event (to be reported to the Work Environment Authority within 24 hours): a type marked
 * serious, a serious injury, or violence or undue influence that caused an injury.
 */
export function isSeriousEvent(e: {
  typeSerious: boolean;
  groupCode: string;
  injury: boolean;
  injurySeverity: 'minor' | 'serious' | null | undefined;
}): boolean {
  return (
    e.typeSerious ||
    (e.injury && e.injurySeverity === 'serious') ||
    (e.injury && VIOLENCE_GROUPS.has(e.groupCode))
  );
}

export function authorityDeadline(occurredAt: Date): Date {
  return new Date(occurredAt.getTime() + AUTHORITY_DEADLINE_MS);
}

/**
 * The work-environment report kind: the one chosen if the type offers it, else a work injury when
 * someone was injured and the type offers that; `problem` when the choice is not the type's.
 */
export function workEnvironmentKindFor(opts: {
  chosen: WorkEnvironmentKind | null | undefined;
  injury: boolean;
  typeKinds: readonly string[];
}): { kind: WorkEnvironmentKind | null; problem?: string } {
  if (opts.chosen) {
    if (!opts.typeKinds.includes(opts.chosen))
      return {
        kind: null,
        problem:
          opts.typeKinds.length === 0
            ? 'This type is not a work-environment report'
            : `This type allows ${opts.typeKinds.join(', ')}`,
      };
    return { kind: opts.chosen };
  }
  return { kind: opts.injury && opts.typeKinds.includes('work_injury') ? 'work_injury' : null };
}

/**
 * Anonymous reports keep their times only to the hour, so that they cannot be matched with a
 * session's activity, a log line or an audit entry made at the same moment.
 */
export function truncateToHour(d: Date): Date {
  const t = new Date(d);
  t.setUTCMinutes(0, 0, 0);
  return t;
}

/** The year in Sweden at `now`, for references. */
// One formatter, made once: building an Intl.DateTimeFormat costs far more than formatting with it.
const STOCKHOLM_YEAR = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric' });

export function swedishYear(now: Date): string {
  return STOCKHOLM_YEAR.format(now);
}
