import { Link } from 'react-aria-components';
import type {
  ComplianceListResponse,
  CoordinatorAssignment,
  FunctionCompliance,
  OrganisationCompliance,
} from '../../../domain/api/coordinators.ts';
import { PageHeading } from '../../app/page-heading.tsx';
import { useFormat, useT } from '../../i18n/i18n-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ProgressBar } from '../../ui/progress-bar.tsx';
import { Table, TableBodyRows, TableCell, TableColumn, TableHead, TableRow } from '../../ui/table.tsx';
import { fetchCompliance } from './api.ts';
import './compliance.css';
import { useResource } from '../../ui/use-resource.ts';
import { errorMessage, functionKey, kindLabel, useFormatDay } from './format.ts';
import { RequirementsSection } from './requirements-section.tsx';
import { StatusBadge } from './status-badge.tsx';

/**
 * Required coordinators (permission `compliance.read`): which organisations lack a security or
 * crime-prevention coordinator today, which will within the horizon, and all of them.
 */
export function CompliancePage() {
  const t = useT();
  const format = useFormat();
  const formatDay = useFormatDay();
  const resource = useResource(fetchCompliance, 'compliance');
  const data = resource.data;
  const days = data?.horizonDays ?? 30;

  return (
    <div className="compliance-page">
      <div>
        <PageHeading title={t('compliance.title')} />
        <p>{t('compliance.intro', { days })}</p>
        {data ? <p>{t('compliance.asOf', { date: formatDay(data.asOf) })}</p> : null}
      </div>

      <p className="visually-hidden" role="status">
        {resource.status === 'loading' ? t('compliance.loading') : ''}
      </p>
      {resource.status === 'loading' && !data ? (
        <ProgressBar label={t('compliance.loading')} hideLabel isIndeterminate />
      ) : null}
      {resource.status === 'error' ? (
        <Alert tone="error" title={t('compliance.loadFailed')}>
          <p>{errorMessage(t, resource.error)}</p>
          <Button onPress={resource.reload}>{t('compliance.retry')}</Button>
        </Alert>
      ) : null}

      {data ? (
        data.items.length === 0 ? (
          <EmptyState title={t('compliance.noOrganisations')} headingLevel={2} />
        ) : (
          <>
            <section aria-labelledby="compliance-summary">
              <h2 id="compliance-summary" className="visually-hidden">
                {t('compliance.summaryHeading')}
              </h2>
              <ul className="compliance-summary">
                <SummaryItem status="missing" count={format.number(data.summary.missing)}>
                  {t('compliance.summaryMissing')}
                </SummaryItem>
                <SummaryItem status="ending" count={format.number(data.summary.ending)}>
                  {t('compliance.summaryEnding', { days })}
                </SummaryItem>
                <SummaryItem status="covered" count={format.number(data.summary.covered)}>
                  {t('compliance.summaryCovered')}
                </SummaryItem>
              </ul>
            </section>
            <MissingSection data={data} />
            <EndingSection data={data} />
            <AllSection data={data} />
          </>
        )
      ) : null}
      {data ? <RequirementsSection onChanged={resource.reload} /> : null}
    </div>
  );
}

function SummaryItem({
  status,
  count,
  children,
}: {
  status: 'missing' | 'ending' | 'covered';
  count: string;
  children: string;
}) {
  return (
    <li className={`compliance-summary__item compliance-summary__item--${status}`}>
      <span>{children}</span>
      <span className="compliance-summary__count">{count}</span>
    </li>
  );
}

function OrganisationLink({ item }: { item: OrganisationCompliance }) {
  const t = useT();
  return (
    <span className="compliance-cell">
      <Link href={`/compliance/${item.organisation.id}`}>{item.organisation.name}</Link>
      <span>
        {kindLabel(t, item.organisation.kind)}
        {item.organisation.parentName ? ` · ${item.organisation.parentName}` : ''}
      </span>
    </span>
  );
}

/** "Name, since …" / "Name, until …" / "None". */
export function HolderText({ holder }: { holder: CoordinatorAssignment | null }) {
  const t = useT();
  const formatDay = useFormatDay();
  if (!holder) return <>{t('compliance.none')}</>;
  const name = holder.userDisabled
    ? t('compliance.disabledAccount', { name: holder.userName })
    : holder.userName;
  return (
    <>
      {holder.endsOn
        ? t('compliance.holderUntil', { name, date: formatDay(holder.endsOn) })
        : t('compliance.holderSince', { name, date: formatDay(holder.startsOn) })}
    </>
  );
}

function MissingSection({ data }: { data: ComplianceListResponse }) {
  const t = useT();
  const formatDay = useFormatDay();
  const rows = data.items.flatMap((item) =>
    item.functions
      .filter((f) => f.status === 'missing')
      .map((f) => ({ id: `${item.organisation.id}:${f.function}`, item, f })),
  );
  return (
    <section aria-labelledby="compliance-missing">
      <h2 id="compliance-missing">{t('compliance.missingHeading')}</h2>
      {rows.length === 0 ? (
        <p>{t('compliance.missingEmpty')}</p>
      ) : (
        <Table aria-label={t('compliance.missingTable')}>
          <TableHead>
            <TableColumn isRowHeader>{t('compliance.colOrganisation')}</TableColumn>
            <TableColumn>{t('compliance.colFunction')}</TableColumn>
            <TableColumn>{t('compliance.colStatus')}</TableColumn>
            <TableColumn>{t('compliance.colDeputies')}</TableColumn>
            <TableColumn>{t('compliance.colNext')}</TableColumn>
          </TableHead>
          <TableBodyRows items={rows}>
            {({ id, item, f }) => (
              <TableRow id={id}>
                <TableCell>
                  <OrganisationLink item={item} />
                </TableCell>
                <TableCell>{t(functionKey(f.function))}</TableCell>
                <TableCell>
                  <StatusBadge status={f.status} />
                </TableCell>
                <TableCell>{deputyNames(t, f)}</TableCell>
                <TableCell>
                  {f.next
                    ? t('compliance.nextFrom', { name: f.next.userName, date: formatDay(f.next.startsOn) })
                    : t('compliance.none')}
                </TableCell>
              </TableRow>
            )}
          </TableBodyRows>
        </Table>
      )}
    </section>
  );
}

function deputyNames(t: ReturnType<typeof useT>, f: FunctionCompliance): string {
  return f.deputies.length > 0 ? f.deputies.map((d) => d.userName).join(', ') : t('compliance.none');
}

function EndingSection({ data }: { data: ComplianceListResponse }) {
  const t = useT();
  const formatDay = useFormatDay();
  const days = data.horizonDays;
  const rows = data.items.flatMap((item) =>
    item.functions
      .filter((f) => f.status === 'ending')
      .map((f) => ({ id: `${item.organisation.id}:${f.function}`, item, f })),
  );
  return (
    <section aria-labelledby="compliance-ending">
      <h2 id="compliance-ending">{t('compliance.endingHeading', { days })}</h2>
      {rows.length === 0 ? (
        <p>{t('compliance.endingEmpty', { days })}</p>
      ) : (
        <Table aria-label={t('compliance.endingTable')}>
          <TableHead>
            <TableColumn isRowHeader>{t('compliance.colOrganisation')}</TableColumn>
            <TableColumn>{t('compliance.colFunction')}</TableColumn>
            <TableColumn>{t('compliance.colStatus')}</TableColumn>
            <TableColumn>{t('compliance.colHolder')}</TableColumn>
            <TableColumn>{t('compliance.colGapFrom')}</TableColumn>
          </TableHead>
          <TableBodyRows items={rows}>
            {({ id, item, f }) => (
              <TableRow id={id}>
                <TableCell>
                  <OrganisationLink item={item} />
                </TableCell>
                <TableCell>{t(functionKey(f.function))}</TableCell>
                <TableCell>
                  <StatusBadge status={f.status} />
                </TableCell>
                <TableCell>
                  <HolderText holder={f.holder} />
                </TableCell>
                <TableCell>{f.gapFrom ? formatDay(f.gapFrom) : t('compliance.none')}</TableCell>
              </TableRow>
            )}
          </TableBodyRows>
        </Table>
      )}
    </section>
  );
}

function AllSection({ data }: { data: ComplianceListResponse }) {
  const t = useT();
  const cell = (item: OrganisationCompliance, fn: FunctionCompliance['function']) => {
    const f = item.functions.find((x) => x.function === fn);
    if (!f) return <span>–</span>;
    return (
      <span className="compliance-cell">
        <StatusBadge status={f.status} />
        <span>
          <HolderText holder={f.holder} />
        </span>
      </span>
    );
  };
  return (
    <section aria-labelledby="compliance-all">
      <h2 id="compliance-all">{t('compliance.allHeading')}</h2>
      <Table aria-label={t('compliance.allTable')}>
        <TableHead>
          <TableColumn isRowHeader>{t('compliance.colOrganisation')}</TableColumn>
          <TableColumn>{t('compliance.colStatus')}</TableColumn>
          <TableColumn>{t('compliance.function.security_coordinator')}</TableColumn>
          <TableColumn>{t('compliance.function.crime_prevention_coordinator')}</TableColumn>
        </TableHead>
        <TableBodyRows items={data.items.map((item) => ({ id: item.organisation.id, item }))}>
          {({ id, item }) => (
            <TableRow id={id}>
              <TableCell>
                <OrganisationLink item={item} />
              </TableCell>
              <TableCell>
                <StatusBadge status={item.status} />
              </TableCell>
              <TableCell>{cell(item, 'security_coordinator')}</TableCell>
              <TableCell>{cell(item, 'crime_prevention_coordinator')}</TableCell>
            </TableRow>
          )}
        </TableBodyRows>
      </Table>
    </section>
  );
}
