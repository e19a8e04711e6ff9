import { PageHeading } from '../../app/page-heading.tsx';
import { useT } from '../../i18n/i18n-provider.tsx';

/** /pictures/explore: a live picture for chosen areas or an organisation and a period (placeholder until built). */
export function PictureExplorePage() {
  const t = useT();
  return <PageHeading title={t('pictures.nav')} />;
}
