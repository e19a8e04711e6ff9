import { PageHeading } from '../../app/page-heading.tsx';
import { useT } from '../../i18n/i18n-provider.tsx';

/**
 * The accessibility statement that lag (2018:1937) requires of public-sector digital services.
 * Readable without signing in.
 */
export function AccessibilityPage() {
  const t = useT();
  return (
    <>
      <PageHeading title={t('a11y.title')} />
      <p>{t('a11y.intro')}</p>
      <h2>{t('a11y.statusHeading')}</h2>
      <p>{t('a11y.status')}</p>
      <h2>{t('a11y.howHeading')}</h2>
      <ul>
        <li>{t('a11y.howKeyboard')}</li>
        <li>{t('a11y.howScreenReader')}</li>
        <li>{t('a11y.howZoom')}</li>
        <li>{t('a11y.howLanguage')}</li>
      </ul>
      <h2>{t('a11y.testedHeading')}</h2>
      <p>{t('a11y.tested')}</p>
      <h2>{t('a11y.reportHeading')}</h2>
      <p>{t('a11y.report')}</p>
      <h2>{t('a11y.supervisionHeading')}</h2>
      <p>{t('a11y.supervision')}</p>
    </>
  );
}
