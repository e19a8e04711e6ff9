import type { Count, GenderCounts } from '../../../domain/api/pictures.ts';
import type { Formatters } from '../../i18n/format.ts';
import { INTL_LOCALE, type Locale } from '../../i18n/locale.ts';
import type { MessageKey, Translate } from '../../i18n/translate.ts';

/** The number of a count, or null when it is suppressed ('small' or 'hidden'). */
export const num = (c: Count): number | null => (typeof c === 'number' ? c : null);

/** Sum of numbers, or null when any is suppressed. */
export function sumCounts(counts: Count[]): number | null {
  let total = 0;
  for (const c of counts) {
    if (typeof c !== 'number') return null;
    total += c;
  }
  return total;
}

/** A count as text: numbers with Swedish/English grouping, 'small' as "<5", 'hidden' as "•". */
export function countText(c: Count, threshold: number, format: Formatters): string {
  if (c === 'small') return `<${threshold}`;
  if (c === 'hidden') return '•';
  return format.number(c);
}

/** A count in a table cell: "•" gets a spoken word too. */
export function CountValue({
  value,
  threshold,
  format,
  t,
}: {
  value: Count;
  threshold: number;
  format: Formatters;
  t: Translate;
}) {
  if (value === 'hidden')
    return (
      <>
        <span aria-hidden="true">•</span>
        <span className="visually-hidden">{t('pictures.fig.hidden')}</span>
      </>
    );
  return <>{countText(value, threshold, format)}</>;
}

/** Difference current − comparison, only when both are numbers. */
export function change(current: Count, comparison: Count): number | null {
  const a = num(current);
  const b = num(comparison);
  return a === null || b === null ? null : a - b;
}

export function changePercent(current: Count, comparison: Count): number | null {
  const a = num(current);
  const b = num(comparison);
  return a === null || b === null || b === 0 ? null : ((a - b) / b) * 100;
}

/** Women − men, only when both are numbers. */
export const genderGap = (g: GenderCounts): number | null => change(g.woman, g.man);

/** Women / men, only when both are numbers and men > 0. */
export function genderRatio(g: GenderCounts): number | null {
  const w = num(g.woman);
  const m = num(g.man);
  return w === null || m === null || m === 0 ? null : w / m;
}

export function signed(value: number | null, format: Formatters, digits = 0, dash = '–'): string {
  if (value === null) return dash;
  const text = format.number(Math.abs(value), { maximumFractionDigits: digits });
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}

export function decimal(value: number | null, format: Formatters, digits = 1, dash = '–'): string {
  return value === null
    ? dash
    : format.number(value, { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** 'YYYY-MM' as "jan. 2026" / "Jan 2026". */
export function monthText(month: string, locale: Locale): string {
  const [y, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y ?? 2000, (m ?? 1) - 1, 1)));
}

export function rangeText(range: { from: string; to: string }, locale: Locale, t: Translate): string {
  return range.from === range.to
    ? monthText(range.from, locale)
    : t('pictures.period.range', { from: monthText(range.from, locale), to: monthText(range.to, locale) });
}

/** A message key coming from the server: translated when known, else a neutral text with the key. */
export function noteText(
  t: Translate,
  known: Record<string, string>,
  key: string,
  params: Record<string, string | number>,
  format: Formatters,
): string {
  if (!(key in known)) return t('pictures.fig.unknownNote', { key });
  const formatted: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params)) formatted[k] = typeof v === 'number' ? format.number(v) : v;
  return (t as unknown as (k: MessageKey, p: Record<string, string | number>) => string)(
    key as MessageKey,
    formatted,
  );
}
