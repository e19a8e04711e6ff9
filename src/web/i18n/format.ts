import { INTL_LOCALE, type Locale } from './locale.ts';

export interface Formatters {
  /** 2025-03-14 in Swedish, 14/03/2025 in English. */
  date(value: Date | string): string;
  /** Date and time to the minute, e.g. 2025-03-14 09:05. */
  dateTime(value: Date | string): string;
  /** Date and time to the second: for logs, where order within a minute matters. */
  dateTimeSeconds(value: Date | string): string;
  /** Grouped digits: 12 345 in Swedish, 12,345 in English. */
  number(value: number, options?: Intl.NumberFormatOptions): string;
}

function toDate(value: Date | string): Date {
  return typeof value === 'string' ? new Date(value) : value;
}

/** Formatters for one language; `Intl` objects are built once per language. */
export function createFormatters(locale: Locale): Formatters {
  const tag = INTL_LOCALE[locale];
  const date = new Intl.DateTimeFormat(tag, { year: 'numeric', month: '2-digit', day: '2-digit' });
  const dateTime = new Intl.DateTimeFormat(tag, { dateStyle: 'short', timeStyle: 'short' });
  const dateTimeSeconds = new Intl.DateTimeFormat(tag, { dateStyle: 'short', timeStyle: 'medium' });
  const number = new Intl.NumberFormat(tag);
  return {
    date: (value) => date.format(toDate(value)),
    dateTime: (value) => dateTime.format(toDate(value)),
    dateTimeSeconds: (value) => dateTimeSeconds.format(toDate(value)),
    number: (value, options) => (options ? new Intl.NumberFormat(tag, options) : number).format(value),
  };
}
