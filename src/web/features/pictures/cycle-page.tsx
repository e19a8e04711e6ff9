import { PageHeading } from '../../app/page-heading.tsx';
import { useT } from '../../i18n/i18n-provider.tsx';

/** /pictures/cycle: the executive board's view of the year's submissions (placeholder until built). */
export function CyclePage() {
  const t = useT();
  return <PageHeading title={t('snapshots.cycle.nav')} />;
}
