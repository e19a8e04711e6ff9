import { PageHeading } from '../../app/page-heading.tsx';
import { useT } from '../../i18n/i18n-provider.tsx';

/** /statistics/police: police events, their mapping and attribution (placeholder until built). */
export function PolicePage() {
  const t = useT();
  return <PageHeading title={t('police.nav')} />;
}
