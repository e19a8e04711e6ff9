import type { Translate } from '../../i18n/translate.ts';

const MINUTE = 60_000;

/** "3 timmar och 5 minuter" — a duration in words, to the minute (at least one minute). */
export function durationWords(t: Translate, ms: number): string {
  const total = Math.max(1, Math.round(Math.abs(ms) / MINUTE));
  const days = Math.floor(total / (24 * 60));
  const hours = Math.floor((total % (24 * 60)) / 60);
  const minutes = total % 60;
  const parts: string[] = [];
  if (days > 0) parts.push(days === 1 ? t('incidents.time.day') : t('incidents.time.days', { n: days }));
  if (hours > 0) parts.push(hours === 1 ? t('incidents.time.hour') : t('incidents.time.hours', { n: hours }));
  // Minutes matter only while the deadline is less than a day away.
  if (minutes > 0 && days === 0)
    parts.push(minutes === 1 ? t('incidents.time.minute') : t('incidents.time.minutes', { n: minutes }));
  if (parts.length === 1) return parts[0]!;
  return t('incidents.time.and', { first: parts.slice(0, -1).join(', '), last: parts[parts.length - 1]! });
}

/**
 * The 24-hour deadline in words: "12 timmar och 5 minuter kvar", or how long ago it ran out.
 * The server's `overdue` wins over the browser's clock (they can differ).
 */
export function deadlineWords(
  t: Translate,
  deadline: { deadlineAt: string; reportedAt: string | null; overdue: boolean },
  now: number,
): string {
  if (deadline.reportedAt) return t('incidents.deadline.reported');
  const left = new Date(deadline.deadlineAt).getTime() - now;
  if (deadline.overdue || left <= 0) {
    return left < 0
      ? t('incidents.deadline.overdueBy', { duration: durationWords(t, left) })
      : t('incidents.deadline.overdue');
  }
  return t('incidents.deadline.left', { duration: durationWords(t, left) });
}
