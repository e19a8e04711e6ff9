import { PageHeading } from '../../app/page-heading.tsx';
import { useT } from '../../i18n/i18n-provider.tsx';

export function MyReportsPage() {
  const t = useT();
  return <PageHeading title={t('report.mine.title')} />;
}
