import { Link } from 'react-aria-components';
import { PageHeading } from '../../app/page-heading.tsx';
import { useFormat, useI18n, useT } from '../../i18n/i18n-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ProgressBar } from '../../ui/progress-bar.tsx';
import { Table, TableBodyRows, TableCell, TableColumn, TableHead, TableRow } from '../../ui/table.tsx';
import { type AuthorityDeadlinesResponse, listAuthorityDeadlines } from './api.ts';
import { deadlineWords } from './deadline.ts';
import { failureText, OverdueBadge, useNow } from './incident-parts.tsx';
import './incidents.css';
import { useResource } from '../../ui/use-resource.ts';

type Deadline = AuthorityDeadlinesResponse['items'][number];

/** Overdue and not yet reported first, then the nearest deadline; reported ones last. */
function byUrgency(a: Deadline, b: Deadline): number {
  const rank = (d: Deadline) => (d.reportedAt ? 2 : d.overdue ? 0 : 1);
  return rank(a) - rank(b) || a.deadlineAt.localeCompare(b.deadlineAt);
}

/** Serious events and their 24-hour deadline for the report to the Work Environment Authority. */
export function DeadlinesPage() {
  const t = useT();
  const format = useFormat();
  const { locale } = useI18n();
  const current = useNow();
  const deadlines = useResource(listAuthorityDeadlines, 'deadlines');
  const items = [...(deadlines.data?.items ?? [])].sort(byUrgency);
  const overdue = items.filter((d) => d.overdue && !d.reportedAt).length;

  return (
    <div className="incidents-page">
      <div>
        <Link href="/incidents" className="incident-back">
          {t('incidents.detail.back')}
        </Link>
        <PageHeading title={t('incidents.deadlines.title')} />
        <p>{t('incidents.deadlines.intro')}</p>
      </div>
      <section aria-labelledby="deadlines-heading" className="incident-section">
        <h2 id="deadlines-heading">{t('incidents.deadlines.heading')}</h2>
        <p role="status">
          {deadlines.status === 'loading'
            ? t('incidents.deadlines.loading')
            : deadlines.status === 'ready'
              ? t('incidents.deadlines.summary', {
                  count: format.number(items.length),
                  overdue: format.number(overdue),
                })
              : ''}
        </p>
        {deadlines.status === 'loading' && !deadlines.data ? (
          <ProgressBar label={t('incidents.deadlines.loading')} hideLabel isIndeterminate />
        ) : null}
        {deadlines.status === 'error' ? (
          <Alert tone="error" title={t('incidents.deadlines.failed')}>
            <p>{failureText(t, deadlines.error)}</p>
            <Button onPress={deadlines.reload}>{t('incidents.retry')}</Button>
          </Alert>
        ) : null}
        {deadlines.status === 'ready' && items.length === 0 ? (
          <EmptyState title={t('incidents.deadlines.empty')}>
            <p>{t('incidents.deadlines.emptyBody')}</p>
          </EmptyState>
        ) : null}
        {items.length > 0 ? (
          <Table aria-label={t('incidents.deadlines.tableLabel')}>
            <TableHead>
              <TableColumn isRowHeader>{t('incidents.list.colReference')}</TableColumn>
              <TableColumn>{t('incidents.list.colType')}</TableColumn>
              <TableColumn>{t('incidents.list.colOrganisation')}</TableColumn>
              <TableColumn>{t('incidents.list.colOccurred')}</TableColumn>
              <TableColumn>{t('incidents.deadlines.colDeadline')}</TableColumn>
              <TableColumn>{t('incidents.deadlines.colStatus')}</TableColumn>
            </TableHead>
            <TableBodyRows items={items}>
              {(d) => (
                <TableRow id={d.id}>
                  <TableCell>
                    <Link href={`/incidents/${d.id}`} className="incident-link">
                      {d.reference}
                    </Link>
                  </TableCell>
                  <TableCell>{locale === 'sv' ? d.typeLabelSv : d.typeLabelEn}</TableCell>
                  <TableCell>{d.organisationName}</TableCell>
                  <TableCell>{format.dateTime(d.occurredAt)}</TableCell>
                  <TableCell>{format.dateTime(d.deadlineAt)}</TableCell>
                  <TableCell>
                    <span className="incident-cell">
                      {d.overdue && !d.reportedAt ? <OverdueBadge /> : null}
                      <span>
                        {d.reportedAt
                          ? t('incidents.deadlines.reportedOn', { date: format.dateTime(d.reportedAt) })
                          : deadlineWords(t, d, current)}
                      </span>
                    </span>
                  </TableCell>
                </TableRow>
              )}
            </TableBodyRows>
          </Table>
        ) : null}
      </section>
    </div>
  );
}
