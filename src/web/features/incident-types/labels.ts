import { useI18n } from '../../i18n/i18n-provider.tsx';

/** A label in the current language. */
export function useLabel(): (item: { labelSv: string; labelEn: string }) => string {
  const { locale } = useI18n();
  return (item) => (locale === 'sv' ? item.labelSv : item.labelEn);
}
