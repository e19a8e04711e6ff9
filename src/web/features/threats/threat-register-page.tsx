import { useState } from 'react';
import { type Key, Link } from 'react-aria-components';
import type { ThreatEntry } from '../../../domain/api/threat-register.ts';
import { PageHeading } from '../../app/page-heading.tsx';
import { useT } from '../../i18n/i18n-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { Checkbox } from '../../ui/checkbox.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ListBoxItem } from '../../ui/list-box.tsx';
import { ProgressBar } from '../../ui/progress-bar.tsx';
import { Select } from '../../ui/select.tsx';
import { Table, TableBodyRows, TableCell, TableColumn, TableHead, TableRow } from '../../ui/table.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { failureText, listEntries } from './api.ts';
import { useFormatDay, useTypeLabel } from './format.ts';
import {
  AddEntryDialog,
  EditEntryDialog,
  GrantAccessDialog,
  RemoveEntryDialog,
} from './threat-register-dialogs.tsx';
import './threats.css';

const ALL = 'all';

/**
 * `/threat-register`: the security coordinator reviews the known-threat register of their
 * organisations, corrects and deletes entries, adds one from a report, and grants a case worker
 * who follows the same case access to the report.
 */
export function ThreatRegisterPage() {
  const t = useT();
  const typeLabel = useTypeLabel();
  const [includeExpired, setIncludeExpired] = useState(false);
  const [organisationId, setOrganisationId] = useState<string>(ALL);
  const [typeId, setTypeId] = useState<string>(ALL);
  const [onlyMatched, setOnlyMatched] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const entries = useResource((signal) => listEntries(includeExpired, signal), String(includeExpired));
  const all = entries.data?.items ?? [];

  const organisations = uniqueBy(
    all,
    (e) => e.organisationId,
    (e) => e.organisationName,
  );
  const types = uniqueBy(all, (e) => e.typeId, typeLabel);
  const shown = all.filter(
    (e) =>
      (organisationId === ALL || e.organisationId === organisationId) &&
      (typeId === ALL || e.typeId === typeId) &&
      (!onlyMatched || e.matchedCases.length > 0),
  );
  const isFiltered = organisationId !== ALL || typeId !== ALL || onlyMatched;
  const changed = (message: string) => {
    setNotice(message);
    entries.reload();
  };
  const pick = (set: (v: string) => void) => (key: Key | null) => set(key === null ? ALL : String(key));

  return (
    <div className="threats-page">
      <div>
        <PageHeading title={t('threats.register.title')} />
        <p>{t('threats.register.intro')}</p>
      </div>

      <section className="threat-register-filters" aria-labelledby="threat-register-filter">
        <h2 id="threat-register-filter" className="threat-register-filters__heading">
          {t('threats.register.filterHeading')}
        </h2>
        <div className="threat-register-filters__fields">
          <Select
            label={t('threats.register.filterOrganisation')}
            selectedKey={organisationId}
            onSelectionChange={pick(setOrganisationId)}
          >
            {[{ id: ALL, name: t('threats.register.filterAll') }, ...organisations].map((o) => (
              <ListBoxItem key={o.id} id={o.id}>
                {o.name}
              </ListBoxItem>
            ))}
          </Select>
          <Select
            label={t('threats.register.filterType')}
            selectedKey={typeId}
            onSelectionChange={pick(setTypeId)}
          >
            {[{ id: ALL, name: t('threats.register.filterAll') }, ...types].map((o) => (
              <ListBoxItem key={o.id} id={o.id}>
                {o.name}
              </ListBoxItem>
            ))}
          </Select>
        </div>
        <Checkbox isSelected={onlyMatched} onChange={setOnlyMatched}>
          {t('threats.register.filterMatched')}
        </Checkbox>
        <Checkbox isSelected={includeExpired} onChange={setIncludeExpired}>
          {t('threats.register.filterExpired')}
        </Checkbox>
      </section>

      <div className="threats-actions">
        <AddEntryDialog onAdded={changed} />
      </div>
      {notice ? (
        <Alert tone="success" role="status">
          {notice}
        </Alert>
      ) : null}

      <section aria-labelledby="threat-register-results">
        <h2 id="threat-register-results">{t('threats.register.tableLabel')}</h2>
        <p role="status">
          {entries.status === 'loading'
            ? t('threats.register.loading')
            : entries.status === 'ready'
              ? t('threats.register.shown', { shown: shown.length, total: all.length })
              : ''}
        </p>
        {entries.status === 'loading' && !entries.data ? (
          <ProgressBar label={t('threats.register.loading')} hideLabel isIndeterminate />
        ) : null}
        {entries.status === 'error' ? (
          <Alert tone="error" title={t('threats.register.loadFailed')}>
            <p>{failureText(t, entries.error)}</p>
            <Button onPress={entries.reload}>{t('threats.register.retry')}</Button>
          </Alert>
        ) : null}
        {entries.status === 'ready' && shown.length === 0 ? (
          <EmptyState title={t('threats.register.emptyTitle')}>
            <p>{isFiltered ? t('threats.register.emptyFiltered') : t('threats.register.emptyAll')}</p>
          </EmptyState>
        ) : null}
        {shown.length > 0 ? <EntryTable items={shown} onChanged={changed} /> : null}
      </section>
    </div>
  );
}

function uniqueBy<T>(items: T[], id: (item: T) => string, name: (item: T) => string) {
  const seen = new Map<string, string>();
  for (const item of items) if (!seen.has(id(item))) seen.set(id(item), name(item));
  return [...seen]
    .map(([key, value]) => ({ id: key, name: value }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function EntryTable({ items, onChanged }: { items: ThreatEntry[]; onChanged: (message: string) => void }) {
  const t = useT();
  const day = useFormatDay();
  const typeLabel = useTypeLabel();
  return (
    <Table aria-label={t('threats.register.tableLabel')}>
      <TableHead>
        <TableColumn isRowHeader>{t('threats.register.colDate')}</TableColumn>
        <TableColumn>{t('threats.register.colType')}</TableColumn>
        <TableColumn>{t('threats.register.colOrganisation')}</TableColumn>
        <TableColumn>{t('threats.register.colReport')}</TableColumn>
        <TableColumn>{t('threats.register.colExpires')}</TableColumn>
        <TableColumn>{t('threats.register.colNote')}</TableColumn>
        <TableColumn>{t('threats.register.colMatched')}</TableColumn>
        <TableColumn>{t('threats.register.colActions')}</TableColumn>
      </TableHead>
      <TableBodyRows items={items}>
        {(e) => (
          <TableRow id={e.id}>
            <TableCell>{day(e.occurredOn)}</TableCell>
            <TableCell>{typeLabel(e)}</TableCell>
            <TableCell>{e.organisationName}</TableCell>
            <TableCell>
              {e.incidentId ? (
                <Link href={`/incidents/${e.incidentId}`} className="threats-link">
                  {e.incidentReference}
                </Link>
              ) : (
                t('threats.register.noReport')
              )}
            </TableCell>
            <TableCell>
              <span className="threat-register-cell">
                <span>{day(e.expiresAt)}</span>
                {e.expired ? (
                  <span className="threat-register-tag">{t('threats.register.expired')}</span>
                ) : null}
              </span>
            </TableCell>
            <TableCell>{e.note ?? '–'}</TableCell>
            <TableCell>
              {e.matchedCases.length === 0 ? (
                t('threats.register.noMatches')
              ) : (
                <ul className="threat-register-matches">
                  {e.matchedCases.map((m) => (
                    <li key={m.caseId}>
                      {m.granted || !e.incidentId ? (
                        m.granted ? (
                          t('threats.register.hasAccess', { name: m.userName })
                        ) : (
                          m.userName
                        )
                      ) : (
                        <span className="threat-register-cell">
                          <span>{m.userName}</span>
                          <GrantAccessDialog entry={e} match={m} onGranted={onChanged} />
                        </span>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </TableCell>
            <TableCell>
              <span className="threats-actions">
                <EditEntryDialog entry={e} onEdited={onChanged} />
                <RemoveEntryDialog entry={e} onRemoved={onChanged} />
              </span>
            </TableCell>
          </TableRow>
        )}
      </TableBodyRows>
    </Table>
  );
}
