import { PageHeading } from '../../app/page-heading.tsx';
import { useT } from '../../i18n/i18n-provider.tsx';

/** /statistics: imports of survey results, population and reported crime (placeholder until built). */
export function StatisticsPage() {
  const t = useT();
  return <PageHeading title={t('statistics.nav')} />;
}
