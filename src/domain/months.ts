/**
 * Whole months as 'YYYY-MM' (situational pictures cover whole Europe/Stockholm calendar months) and
 * their first-of-month dates 'YYYY-MM-01' (how the database stores them). Shared by server and web.
 */

/** At most this many months in a picture's period (and the trend's length). */
export const MAX_PERIOD_MONTHS = 36;

export interface MonthRange {
  from: string;
  to: string;
}

/** Months since year 0: differences of two are month counts. */
export function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

export function monthFromIndex(index: number): string {
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The month `n` months after (or, negative, before) 'YYYY-MM'. */
export const addMonths = (month: string, n: number) => monthFromIndex(monthIndex(month) + n);

/** How many months a range covers, both ends included. */
export const monthsIn = (r: MonthRange) => monthIndex(r.to) - monthIndex(r.from) + 1;

/** Every month from `from` to `to`, inclusive. */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i++) out.push(monthFromIndex(i));
  return out;
}

/** The first day of the month, 'YYYY-MM-01'. */
export const firstDay = (month: string) => `${month}-01`;

/** The last day of the month, 'YYYY-MM-DD'. */
export function lastDay(month: string): string {
  return new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0))
    .toISOString()
    .slice(0, 10);
}

export const dateToMonth = (date: string) => date.slice(0, 7);

/** The default comparison: the same months one year earlier. */
export function defaultComparison(period: MonthRange): MonthRange {
  return { from: addMonths(period.from, -12), to: addMonths(period.to, -12) };
}

/** Why a range is not acceptable, or null: from must not be after to, and it covers at most 36 months. */
export function rangeProblem(r: MonthRange): string | null {
  if (monthIndex(r.from) > monthIndex(r.to)) return 'the first month must not be after the last';
  if (monthsIn(r) > MAX_PERIOD_MONTHS) return `a period covers at most ${MAX_PERIOD_MONTHS} months`;
  return null;
}
