import { PageHeading } from '../../app/page-heading.tsx';
import { useT } from '../../i18n/i18n-provider.tsx';

/** /pictures/:id: one picture document with its live figures, analysis and snapshots (placeholder until built). */
export function PicturePage() {
  const t = useT();
  return <PageHeading title={t('pictures.nav')} />;
}
