import { useEffect, useState } from 'react';
import type {
  StatisticsCoverage,
  StatisticsImport,
  StatisticsImportKindName,
} from '../../../domain/api/statistics-imports.ts';
import { useFormat, useT } from '../../i18n/i18n-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { fetchStatisticsCoverage, listStatisticsImports } from './statistics-api.ts';

function useKindName() {
  const t = useT();
  return (kind: StatisticsImportKindName) => t(`statistics.kind.${kind}`);
}

/** Per kind: the first and last day covered, rows and the last import. */
export function StatisticsCoverageTable({ version }: { version: number }) {
  const t = useT();
  const format = useFormat();
  const kindName = useKindName();
  const coverage = useResource((signal) => fetchStatisticsCoverage(signal), `coverage-${version}`);
  if (coverage.status === 'error' && !coverage.data)
    return (
      <Alert tone="error">
        {t('statistics.loadFailed')} <Button onPress={coverage.reload}>{t('statistics.retry')}</Button>
      </Alert>
    );
  if (!coverage.data) return <p role="status">{t('statistics.loading')}</p>;
  const day = (d: string | null) => (d ? format.date(d) : '–');
  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="visually-hidden">{t('statistics.coverageCaption')}</caption>
        <thead>
          <tr>
            <th scope="col" className="table__column">
              {t('statistics.coverageKind')}
            </th>
            <th scope="col" className="table__column">
              {t('statistics.coverageFrom')}
            </th>
            <th scope="col" className="table__column">
              {t('statistics.coverageTo')}
            </th>
            <th scope="col" className="table__column">
              {t('statistics.coverageRows')}
            </th>
            <th scope="col" className="table__column">
              {t('statistics.coverageLast')}
            </th>
          </tr>
        </thead>
        <tbody>
          {coverage.data.items.map((c: StatisticsCoverage) => (
            <tr key={c.kind} className="table__row">
              <th scope="row" className="table__cell">
                {kindName(c.kind)}
              </th>
              <td className="table__cell">{day(c.from)}</td>
              <td className="table__cell">{day(c.to)}</td>
              <td className="table__cell">{format.number(c.rows)}</td>
              <td className="table__cell">
                {c.lastImport
                  ? `${format.dateTime(c.lastImport.importedAt)}${c.lastImport.fileName ? ` (${c.lastImport.fileName})` : ''}`
                  : t('statistics.coverageNone')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Every import of statistics, newest first; older ones a page at a time. */
export function StatisticsHistoryTable({ version }: { version: number }) {
  const t = useT();
  const format = useFormat();
  const kindName = useKindName();
  const first = useResource((signal) => listStatisticsImports(null, signal), `history-${version}`);
  const [older, setOlder] = useState<StatisticsImport[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  useEffect(() => {
    setOlder([]);
    setNext(first.data?.nextBefore ?? null);
  }, [first.data]);

  if (first.status === 'error' && !first.data)
    return (
      <Alert tone="error">
        {t('statistics.loadFailed')} <Button onPress={first.reload}>{t('statistics.retry')}</Button>
      </Alert>
    );
  if (!first.data) return <p role="status">{t('statistics.loading')}</p>;
  const items = [...first.data.items, ...older];
  if (items.length === 0)
    return (
      <EmptyState title={t('statistics.historyEmptyTitle')}>{t('statistics.historyEmptyBody')}</EmptyState>
    );

  const loadMore = async () => {
    if (!next) return;
    setLoadingMore(true);
    try {
      const page = await listStatisticsImports(next);
      setOlder((o) => [...o, ...page.items]);
      setNext(page.nextBefore);
    } finally {
      setLoadingMore(false);
    }
  };
  const day = (d: string | null) => (d ? format.date(d) : '–');
  const by = (i: StatisticsImport) =>
    i.importedBy?.name ?? (i.origin === 'feed' ? t('statistics.feed') : t('statistics.commandLine'));

  return (
    <>
      <div className="table-scroll">
        <table className="table" data-testid="statistics-history">
          <caption className="visually-hidden">{t('statistics.historyCaption')}</caption>
          <thead>
            <tr>
              <th scope="col" className="table__column">
                {t('statistics.historyWhen')}
              </th>
              <th scope="col" className="table__column">
                {t('statistics.historyKind')}
              </th>
              <th scope="col" className="table__column">
                {t('statistics.historyFile')}
              </th>
              <th scope="col" className="table__column">
                {t('statistics.historyBy')}
              </th>
              <th scope="col" className="table__column">
                {t('statistics.historyRows')}
              </th>
              <th scope="col" className="table__column">
                {t('statistics.historyChanges')}
              </th>
              <th scope="col" className="table__column">
                {t('statistics.historyCoverage')}
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id} className="table__row">
                <td className="table__cell">{format.dateTime(i.importedAt)}</td>
                <td className="table__cell">{kindName(i.kind)}</td>
                <td className="table__cell">{i.fileName ?? '–'}</td>
                <td className="table__cell">{by(i)}</td>
                <td className="table__cell">{format.number(i.rows)}</td>
                <td className="table__cell">
                  {format.number(i.created)} / {format.number(i.updated)} / {format.number(i.unchanged)}
                </td>
                <td className="table__cell">
                  {day(i.coverageFrom)} – {day(i.coverageTo)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {next ? (
        <Button onPress={() => void loadMore()} isDisabled={loadingMore}>
          {t('statistics.historyMore')}
        </Button>
      ) : null}
    </>
  );
}
