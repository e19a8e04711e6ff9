import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { I18nProvider as AriaI18nProvider } from 'react-aria-components';
import { createFormatters, type Formatters } from './format.ts';
import { INTL_LOCALE, type Locale, readStoredLocale, storeLocale } from './locale.ts';
import { createTranslator, type Translate } from './translate.ts';

interface I18nContextValue {
  locale: Locale;
  /** Switches the language and remembers it on this device. Saving it to the account is the caller's job. */
  setLocale: (locale: Locale) => void;
  t: Translate;
  format: Formatters;
}

const I18nContext = createContext<I18nContextValue | null>(null);

export function I18nProvider({ children, initialLocale }: { children: ReactNode; initialLocale?: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(() => initialLocale ?? readStoredLocale());

  const setLocale = useCallback((next: Locale) => {
    storeLocale(next);
    setLocaleState(next);
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const value = useMemo<I18nContextValue>(
    () => ({ locale, setLocale, t: createTranslator(locale), format: createFormatters(locale) }),
    [locale, setLocale],
  );

  return (
    <I18nContext.Provider value={value}>
      <AriaI18nProvider locale={INTL_LOCALE[locale]}>{children}</AriaI18nProvider>
    </I18nContext.Provider>
  );
}

export function useI18n(): I18nContextValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}

/** The translate function for the current language. */
export function useT(): Translate {
  return useI18n().t;
}

/** Date and number formatting for the current language. */
export function useFormat(): Formatters {
  return useI18n().format;
}
