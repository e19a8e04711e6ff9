import { useState } from 'react';
import { Link } from 'react-aria-components';
import { STATISTICS_CSV_KINDS } from '../../../domain/api/statistics-imports.ts';
import { PageHeading } from '../../app/page-heading.tsx';
import { useT } from '../../i18n/i18n-provider.tsx';
import { StatisticsCoverageTable, StatisticsHistoryTable } from './statistics-history.tsx';
import { StatisticsImportCard } from './statistics-import-card.tsx';
import '../../ui/table.css';
import './statistics.css';

/** /statistics: imports of survey results, population and reported crime; coverage and history. */
export function StatisticsPage() {
  const t = useT();
  // Bumped after every import, so coverage and history are fetched again.
  const [version, setVersion] = useState(0);
  const bump = () => setVersion((v) => v + 1);
  return (
    <div className="statistics-page">
      <PageHeading title={t('statistics.title')} />
      <p>{t('statistics.intro')}</p>
      <p>
        <Link href="/statistics/police">{t('statistics.policeLink')}</Link>
      </p>
      <section aria-labelledby="statistics-imports-heading">
        <h2 id="statistics-imports-heading">{t('statistics.importsHeading')}</h2>
        <p>{t('statistics.formatCommon')}</p>
        <div className="statistics-cards">
          {STATISTICS_CSV_KINDS.map((kind) => (
            <StatisticsImportCard key={kind} kind={kind} onImported={bump} />
          ))}
        </div>
      </section>
      <section aria-labelledby="statistics-coverage-heading">
        <h2 id="statistics-coverage-heading">{t('statistics.coverageHeading')}</h2>
        <StatisticsCoverageTable version={version} />
      </section>
      <section aria-labelledby="statistics-history-heading">
        <h2 id="statistics-history-heading">{t('statistics.historyHeading')}</h2>
        <StatisticsHistoryTable version={version} />
      </section>
    </div>
  );
}
