import { useState } from 'react';
import { Link } from 'react-aria-components';
import { useParams } from 'react-router';
import type { FunctionCompliance, OrganisationComplianceDetail } from '../../../domain/api/coordinators.ts';
import { isApiError } from '../../api/client.ts';
import { PageHeading } from '../../app/page-heading.tsx';
import { useT } from '../../i18n/i18n-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ProgressBar } from '../../ui/progress-bar.tsx';
import { Table, TableBodyRows, TableCell, TableColumn, TableHead, TableRow } from '../../ui/table.tsx';
import { fetchOrganisationCompliance } from './api.ts';
import { AssignDialog } from './assign-dialog.tsx';
import { AssignmentActions } from './assignment-actions.tsx';
import { HolderText } from './compliance-page.tsx';
import './compliance.css';
import { useResource } from '../../ui/use-resource.ts';
import { errorMessage, functionKey, kindLabel, useFormatDay } from './format.ts';
import { StatusBadge } from './status-badge.tsx';

/** One organisation's coordinators: each required function today, the history, and (for administrators) changes. */
export function OrganisationCoordinatorsPage() {
  const t = useT();
  const { id = '' } = useParams();
  const resource = useResource((signal) => fetchOrganisationCompliance(id, signal), id);
  const [notice, setNotice] = useState<string | null>(null);
  const data = resource.data?.organisation.id === id ? resource.data : null;

  const changed = (message: string) => {
    setNotice(message);
    resource.reload();
  };

  if (resource.status === 'error' && isApiError(resource.error) && resource.error.status === 404) {
    return (
      <>
        <PageHeading title={t('compliance.title')} />
        <p>{t('compliance.notFound')}</p>
        <Link href="/compliance">{t('compliance.backToList')}</Link>
      </>
    );
  }

  return (
    <div className="compliance-page">
      <div>
        <Link href="/compliance">{t('compliance.backToList')}</Link>
        <PageHeading title={data?.organisation.name ?? t('compliance.title')} />
        {data ? (
          <p>
            {data.organisation.parentName
              ? t('compliance.detailIntro', {
                  kind: kindLabel(t, data.organisation.kind),
                  parent: data.organisation.parentName,
                })
              : t('compliance.detailIntroRoot', { kind: kindLabel(t, data.organisation.kind) })}
          </p>
        ) : null}
      </div>

      {notice ? (
        <Alert tone="success" role="status">
          {notice}
        </Alert>
      ) : null}
      {resource.status === 'loading' && !data ? (
        <ProgressBar label={t('compliance.loading')} hideLabel isIndeterminate />
      ) : null}
      {resource.status === 'error' ? (
        <Alert tone="error" title={t('compliance.loadFailed')}>
          <p>{errorMessage(t, resource.error)}</p>
          <Button onPress={resource.reload}>{t('compliance.retry')}</Button>
        </Alert>
      ) : null}

      {data ? <Detail data={data} onChanged={changed} /> : null}
    </div>
  );
}

function Detail({ data, onChanged }: { data: OrganisationComplianceDetail; onChanged: (m: string) => void }) {
  const t = useT();
  return (
    <>
      {data.functions.length === 0 ? (
        <p>{t('compliance.noRequirements')}</p>
      ) : (
        <ul className="compliance-functions">
          {data.functions.map((f) => (
            <FunctionCard key={f.function} f={f} />
          ))}
        </ul>
      )}
      {data.can.assign ? (
        <div className="compliance-actions">
          <AssignDialog
            organisationId={data.organisation.id}
            organisationName={data.organisation.name}
            today={data.asOf}
            onAssigned={onChanged}
          />
        </div>
      ) : null}
      <History data={data} onChanged={onChanged} />
    </>
  );
}

function FunctionCard({ f }: { f: FunctionCompliance }) {
  const t = useT();
  const formatDay = useFormatDay();
  const headingId = `function-${f.function}`;
  return (
    <li className="compliance-function">
      <h2 id={headingId} className="compliance-function__title">
        {t(functionKey(f.function))}
      </h2>
      <span>
        <StatusBadge status={f.status} />
      </span>
      <dl>
        <dt>{t('compliance.holderLabel')}</dt>
        <dd>
          <HolderText holder={f.holder} />
        </dd>
        <dt>{t('compliance.deputiesLabel')}</dt>
        <dd>{f.deputies.length > 0 ? f.deputies.map((d) => d.userName).join(', ') : t('compliance.none')}</dd>
        {f.gapFrom && f.status !== 'covered' ? (
          <>
            <dt>{t('compliance.gapLabel')}</dt>
            <dd>{formatDay(f.gapFrom)}</dd>
          </>
        ) : null}
        {f.next ? (
          <>
            <dt>{t('compliance.nextLabel')}</dt>
            <dd>{t('compliance.nextFrom', { name: f.next.userName, date: formatDay(f.next.startsOn) })}</dd>
          </>
        ) : null}
      </dl>
    </li>
  );
}

function History({
  data,
  onChanged,
}: {
  data: OrganisationComplianceDetail;
  onChanged: (m: string) => void;
}) {
  const t = useT();
  const formatDay = useFormatDay();
  const manages = data.can.assign;
  return (
    <section aria-labelledby="compliance-history">
      <h2 id="compliance-history">{t('compliance.historyHeading')}</h2>
      {data.history.length === 0 ? (
        <EmptyState title={t('compliance.historyEmpty')} />
      ) : (
        <Table aria-label={t('compliance.historyTable')}>
          <TableHead>
            <TableColumn isRowHeader>{t('compliance.colPerson')}</TableColumn>
            <TableColumn>{t('compliance.colFunction')}</TableColumn>
            <TableColumn>{t('compliance.colType')}</TableColumn>
            <TableColumn>{t('compliance.colFrom')}</TableColumn>
            <TableColumn>{t('compliance.colTo')}</TableColumn>
            <TableColumn>{t('compliance.colState')}</TableColumn>
            {manages ? <TableColumn>{t('compliance.colActions')}</TableColumn> : null}
          </TableHead>
          <TableBodyRows items={data.history}>
            {(a) => (
              <TableRow id={a.id}>
                <TableCell>
                  {a.userDisabled ? t('compliance.disabledAccount', { name: a.userName }) : a.userName}
                </TableCell>
                <TableCell>{t(functionKey(a.function))}</TableCell>
                <TableCell>{a.deputy ? t('compliance.deputy') : t('compliance.principal')}</TableCell>
                <TableCell>{formatDay(a.startsOn)}</TableCell>
                <TableCell>{a.endsOn ? formatDay(a.endsOn) : t('compliance.untilFurtherNotice')}</TableCell>
                <TableCell>{t(`compliance.state.${a.state}`)}</TableCell>
                {manages ? (
                  <TableCell>
                    <AssignmentActions assignment={a} today={data.asOf} onChanged={onChanged} />
                  </TableCell>
                ) : null}
              </TableRow>
            )}
          </TableBodyRows>
        </Table>
      )}
    </section>
  );
}
