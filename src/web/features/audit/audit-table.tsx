import type { AuditEvent } from '../../../domain/api/audit.ts';
import { useFormat, useT } from '../../i18n/i18n-provider.tsx';
import { Table, TableBodyRows, TableCell, TableColumn, TableHead, TableRow } from '../../ui/table.tsx';

function Missing() {
  const t = useT();
  return (
    <>
      <span aria-hidden="true">–</span>
      <span className="visually-hidden">{t('audit.missing')}</span>
    </>
  );
}

export function AuditTable({ events }: { events: AuditEvent[] }) {
  const t = useT();
  const format = useFormat();
  return (
    <Table aria-label={t('audit.tableLabel')} className="audit-table">
      <TableHead>
        <TableColumn isRowHeader>{t('audit.colAt')}</TableColumn>
        <TableColumn>{t('audit.colActor')}</TableColumn>
        <TableColumn>{t('audit.colAction')}</TableColumn>
        <TableColumn>{t('audit.colTarget')}</TableColumn>
        <TableColumn>{t('audit.colFields')}</TableColumn>
        <TableColumn>{t('audit.colIp')}</TableColumn>
        <TableColumn>{t('audit.colRequest')}</TableColumn>
      </TableHead>
      <TableBodyRows items={events}>
        {(event) => (
          <TableRow id={event.id}>
            <TableCell>
              <time dateTime={event.at} className="audit-table__time">
                {format.dateTimeSeconds(event.at)}
              </time>
            </TableCell>
            <TableCell>
              {event.actorName ?? (event.actorId ? <code>{event.actorId}</code> : t('audit.system'))}
            </TableCell>
            <TableCell>
              <code className="audit-table__action">{event.action}</code>
            </TableCell>
            <TableCell>
              {event.targetType || event.targetId ? (
                <span className="audit-table__target">
                  {event.targetType ? <span>{event.targetType}</span> : null}
                  {event.targetId ? <code>{event.targetId}</code> : null}
                </span>
              ) : (
                <Missing />
              )}
            </TableCell>
            <TableCell>{event.fields.length > 0 ? event.fields.join(', ') : <Missing />}</TableCell>
            <TableCell>{event.ip ? <code>{event.ip}</code> : <Missing />}</TableCell>
            <TableCell>{event.requestId ? <code>{event.requestId}</code> : <Missing />}</TableCell>
          </TableRow>
        )}
      </TableBodyRows>
    </Table>
  );
}
