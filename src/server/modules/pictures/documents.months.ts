/** Months as 'YYYY-MM' (the API) and as first-of-month dates 'YYYY-MM-01' (the database). */

export const MAX_PERIOD_MONTHS = 36;

export interface MonthRange {
  from: string;
  to: string;
}

export const monthToDate = (month: string) => `${month}-01`;
export const dateToMonth = (date: string) => date.slice(0, 7);

/** Months since year 0: differences of two are month counts. */
export function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

export function monthFromIndex(index: number): string {
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** How many months a range covers, both ends included. */
export const monthsIn = (r: MonthRange) => monthIndex(r.to) - monthIndex(r.from) + 1;

/** The default comparison: the same months one year earlier. */
export function defaultComparison(period: MonthRange): MonthRange {
  return {
    from: monthFromIndex(monthIndex(period.from) - 12),
    to: monthFromIndex(monthIndex(period.to) - 12),
  };
}

/** Why a range is not acceptable, or null: from must not be after to, and it covers at most 36 months. */
export function rangeProblem(r: MonthRange): string | null {
  if (monthIndex(r.from) > monthIndex(r.to)) return 'the first month must not be after the last';
  if (monthsIn(r) > MAX_PERIOD_MONTHS) return `a period covers at most ${MAX_PERIOD_MONTHS} months`;
  return null;
}
