/**
 * Calendar days as `YYYY-MM-DD` strings, which compare correctly as text. Terms start and end on
 * whole days in Swedish time (Europe/Stockholm is the time zone of every Swedish municipality).
 */
const SWEDISH_DAY = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The day it is in Sweden at `now`. */
export function swedishDate(now: Date): string {
  return SWEDISH_DAY.format(now);
}

/** `date` plus `days` (negative to go back). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
