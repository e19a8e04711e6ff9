import { PageHeading } from '../../app/page-heading.tsx';
import { useT } from '../../i18n/i18n-provider.tsx';

/** /pictures/snapshots/:id: one frozen snapshot (placeholder until built). */
export function SnapshotPage() {
  const t = useT();
  return <PageHeading title={t('snapshots.cycle.nav')} />;
}
