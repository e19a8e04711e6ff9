import { Link } from 'react-aria-components';
import type { IncidentSummary } from '../../../domain/api/incidents.ts';
import { useFormat, useI18n, useT } from '../../i18n/i18n-provider.tsx';
import { Table, TableBodyRows, TableCell, TableColumn, TableHead, TableRow } from '../../ui/table.tsx';
import { NeedToKnowBadge, OverdueBadge, SeriousBadge, StateBadge } from './incident-parts.tsx';

/** The incidents as a table: reference (a link), type, state, when, who, where and markers. */
export function IncidentTable({ items }: { items: IncidentSummary[] }) {
  const t = useT();
  const format = useFormat();
  const { locale } = useI18n();
  return (
    <Table aria-label={t('incidents.list.tableLabel')}>
      <TableHead>
        <TableColumn isRowHeader>{t('incidents.list.colReference')}</TableColumn>
        <TableColumn>{t('incidents.list.colType')}</TableColumn>
        <TableColumn>{t('incidents.list.colState')}</TableColumn>
        <TableColumn>{t('incidents.list.colOccurred')}</TableColumn>
        <TableColumn>{t('incidents.list.colOrganisation')}</TableColumn>
        <TableColumn>{t('incidents.list.colPlace')}</TableColumn>
        <TableColumn>{t('incidents.list.colMarkers')}</TableColumn>
      </TableHead>
      <TableBodyRows items={items}>
        {(item) => {
          const place = [item.facilityName, item.areaName].filter(Boolean).join(', ');
          const markers = item.serious || item.authorityOverdue || item.needToKnow;
          return (
            <TableRow id={item.id}>
              <TableCell>
                <Link href={`/incidents/${item.id}`} className="incident-link">
                  {item.reference}
                </Link>
              </TableCell>
              <TableCell>
                <span className="incident-cell">
                  <span>{locale === 'sv' ? item.typeLabelSv : item.typeLabelEn}</span>
                  {item.excerpt ? <span className="incident-cell__muted">{item.excerpt}</span> : null}
                </span>
              </TableCell>
              <TableCell>
                <span className="incident-cell">
                  <StateBadge state={item.state} />
                  {item.assigneeName ? (
                    <span className="incident-cell__muted">
                      {t('incidents.list.assignee', { name: item.assigneeName })}
                    </span>
                  ) : null}
                </span>
              </TableCell>
              <TableCell>{format.dateTime(item.occurredAt)}</TableCell>
              <TableCell>
                <span className="incident-cell">
                  <span>{item.organisationName}</span>
                  {item.unitName ? <span className="incident-cell__muted">{item.unitName}</span> : null}
                </span>
              </TableCell>
              <TableCell>{place || t('incidents.list.noPlace')}</TableCell>
              <TableCell>
                {markers ? (
                  <span className="incident-markers">
                    {item.serious ? <SeriousBadge /> : null}
                    {item.authorityOverdue ? <OverdueBadge /> : null}
                    {item.needToKnow ? <NeedToKnowBadge /> : null}
                  </span>
                ) : (
                  <span className="visually-hidden">{t('incidents.list.noMarkers')}</span>
                )}
              </TableCell>
            </TableRow>
          );
        }}
      </TableBodyRows>
    </Table>
  );
}
