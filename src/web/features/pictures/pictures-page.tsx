import { PageHeading } from '../../app/page-heading.tsx';
import { useT } from '../../i18n/i18n-provider.tsx';

/** /pictures: the pictures I work on, and a new one (placeholder until built). */
export function PicturesPage() {
  const t = useT();
  return <PageHeading title={t('pictures.nav')} />;
}
