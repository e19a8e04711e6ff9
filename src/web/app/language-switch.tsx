import { savePreferences } from '../api/auth.ts';
import { useI18n } from '../i18n/i18n-provider.tsx';
import { useSession } from '../session/session-provider.tsx';
import { Button } from '../ui/button.tsx';

/**
 * Offers the other language, named in that language ("English" while the page is Swedish,
 * "Svenska" while it is English) with a matching `lang` so screen readers pronounce it right.
 */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  const { user } = useSession();
  const next = locale === 'sv' ? 'en' : 'sv';

  const onPress = () => {
    setLocale(next);
    // Remembered on the account too, so it follows the user to other devices. Locally it is already
    // remembered; a failure to save there is not worth interrupting the user for.
    if (user) savePreferences({ locale: next }).catch(() => undefined);
  };

  return (
    <Button variant="quiet" className="language-switch" onPress={onPress}>
      <span lang={t('language.switchLang')}>{t('language.switchLabel')}</span>
    </Button>
  );
}
