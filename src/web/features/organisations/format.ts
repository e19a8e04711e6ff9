import { useMemo } from 'react';
import type { Organisation } from '../../../domain/api/organisations.ts';
import { isApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { INTL_LOCALE } from '../../i18n/locale.ts';
import type { Translate } from '../../i18n/translate.ts';

/** Today in Sweden as `YYYY-MM-DD` (the server counts validity in Swedish days). */
export function swedishToday(now = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** Formats a calendar day (`YYYY-MM-DD`) in the current language, with no time-zone shift. */
export function useFormatDay(): (day: string) => string {
  const { locale } = useI18n();
  return useMemo(() => {
    const f = new Intl.DateTimeFormat(INTL_LOCALE[locale], {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      timeZone: 'UTC',
    });
    return (day: string) => f.format(new Date(`${day}T00:00:00Z`));
  }, [locale]);
}

/** The kind in words, a committee by its type ("Stadsdelsnämnd"). */
export function kindLabel(t: Translate, o: Pick<Organisation, 'kind' | 'committeeType'>): string {
  if (o.kind === 'committee' && o.committeeType) return t(`organisations.committeeType.${o.committeeType}`);
  return t(`organisations.kind.${o.kind}`);
}

/** "2007-01-01 – tills vidare". */
export function validityLabel(
  t: Translate,
  formatDay: (day: string) => string,
  v: { validFrom: string | null; validTo: string | null },
): string {
  return t('organisations.validity.range', {
    from: v.validFrom ? formatDay(v.validFrom) : t('organisations.validity.noStart'),
    to: v.validTo ? formatDay(v.validTo) : t('organisations.validity.open'),
  });
}

export type Phase = 'inForce' | 'ended' | 'future';

export function phaseOf(o: Pick<Organisation, 'validFrom' | 'validTo'>, today: string): Phase {
  if (o.validTo !== null && o.validTo < today) return 'ended';
  if (o.validFrom !== null && o.validFrom > today) return 'future';
  return 'inForce';
}

const ERROR_CODES = [
  'not_found',
  'invalid_dates',
  'invalid_parent',
  'invalid_committee_type',
  'outside_parent_validity',
  'children_outside_validity',
  'areas_outside_validity',
  'duplicate_name',
  'code_taken',
  'root_locked',
  'cycle',
  'already_ended',
  'not_in_force',
  'history_locked',
  'already_succeeded',
  'merge_mismatch',
  'descendant_starts_later',
  'not_district_committee',
  'has_areas',
  'area_overlap',
  'split_area_not_held',
  'split_area_twice',
] as const;

/** A message for a failed change, in the user's language. */
export function errorMessage(t: Translate, error: unknown): string {
  if (!isApiError(error)) return t('organisations.error.generic');
  const [module, code] = error.code.split('.');
  if (module === 'organisations' && (ERROR_CODES as readonly string[]).includes(code ?? ''))
    return t(`organisations.error.${code}` as 'organisations.error.generic');
  if (error.code === 'network') return t('error.network');
  if (error.status === 403) return t('error.forbidden');
  if (error.status === 400) return t('error.invalidRequest');
  return t('organisations.error.generic');
}
