import { useMemo } from 'react';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { INTL_LOCALE } from '../../i18n/locale.ts';

/** Formats a calendar day (`YYYY-MM-DD`) or an instant's day in the current language, with no time-zone shift for days. */
export function useFormatDay(): (day: string) => string {
  const { locale } = useI18n();
  return useMemo(() => {
    const days = new Intl.DateTimeFormat(INTL_LOCALE[locale], {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      timeZone: 'UTC',
    });
    const instants = new Intl.DateTimeFormat(INTL_LOCALE[locale], {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      timeZone: 'Europe/Stockholm',
    });
    return (value: string) =>
      value.length === 10 ? days.format(new Date(`${value}T00:00:00Z`)) : instants.format(new Date(value));
  }, [locale]);
}

/** A type's label in the current language. */
export function useTypeLabel(): (item: { typeLabelSv: string; typeLabelEn: string }) => string {
  const { locale } = useI18n();
  return (item) => (locale === 'sv' ? item.typeLabelSv : item.typeLabelEn);
}

/** A calendar day in Stockholm (`YYYY-MM-DD`) of an instant. */
export function stockholmDay(value: string | Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date(value));
}
