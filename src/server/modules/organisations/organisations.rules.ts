import { CHILD_KINDS, type CommitteeType, type OrganisationKind } from '../../../domain/roles.ts';
import {
  childrenOutsideValidity,
  invalidCommitteeType,
  invalidDates,
  invalidParent,
  outsideParentValidity,
} from './organisations.errors.ts';

/**
 * Validity is a pair of whole days, `from` and `to` both inclusive (`to` is the last day in force).
 * A missing `from` means no recorded start; a missing `to` means no end. Days are `YYYY-MM-DD`
 * strings, which compare correctly as text.
 */
export interface Validity {
  valid_from: string | null;
  valid_to: string | null;
}

const SWEDISH_DAY = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The day it is in Sweden at `now` (every Swedish municipality keeps Swedish time). */
export function swedishToday(now: Date): string {
  return SWEDISH_DAY.format(now);
}

/** `day` plus `days` (negative to go back). */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function isInForce(v: Validity, day: string): boolean {
  return (v.valid_from === null || v.valid_from <= day) && (v.valid_to === null || v.valid_to >= day);
}

export function checkDateOrder(v: Validity): void {
  if (v.valid_from !== null && v.valid_to !== null && v.valid_to < v.valid_from) throw invalidDates();
}

/**
 * Whether `inner` lies within `outer`. An open end must sit inside an open end (nothing continues
 * past its parent's end), but a missing start only means no start was recorded, so it is not
 * compared.
 */
export function liesWithin(inner: Validity, outer: Validity): boolean {
  if (outer.valid_from !== null && inner.valid_from !== null && inner.valid_from < outer.valid_from)
    return false;
  if (outer.valid_to !== null && (inner.valid_to === null || inner.valid_to > outer.valid_to)) return false;
  return true;
}

/** Whether two validities share at least one day. */
export function overlaps(a: Validity, b: Validity): boolean {
  const startsBeforeBEnds = a.valid_from === null || b.valid_to === null || a.valid_from <= b.valid_to;
  const endsAfterBStarts = a.valid_to === null || b.valid_from === null || a.valid_to >= b.valid_from;
  return startsBeforeBEnds && endsAfterBStarts;
}

export function checkParentKind(kind: OrganisationKind, parentKind: OrganisationKind): void {
  if (!CHILD_KINDS[parentKind].includes(kind)) throw invalidParent();
}

export function checkCommitteeType(
  kind: OrganisationKind,
  committeeType: CommitteeType | null | undefined,
): void {
  if (kind === 'committee' ? !committeeType : committeeType) throw invalidCommitteeType();
}

export function checkWithinParent(v: Validity, parent: Validity): void {
  if (!liesWithin(v, parent)) throw outsideParentValidity();
}

export function checkChildrenWithin(v: Validity, children: readonly Validity[]): void {
  if (children.some((c) => !liesWithin(c, v))) throw childrenOutsideValidity();
}
