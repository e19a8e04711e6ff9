import { useState } from 'react';
import type { IncidentType, TaxonomyResponse } from '../../../domain/api/incidents.ts';
import { PageHeading } from '../../app/page-heading.tsx';
import { useT } from '../../i18n/i18n-provider.tsx';
import type { Translate } from '../../i18n/translate.ts';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ProgressBar } from '../../ui/progress-bar.tsx';
import { Table, TableBodyRows, TableCell, TableColumn, TableHead, TableRow } from '../../ui/table.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { failureText, fetchTaxonomy, updateIncidentType } from './api.ts';
import { AddTypeDialog, EditTypeDialog, VersionsDialog } from './incident-type-dialogs.tsx';
import './incident-types.css';
import { useLabel } from './labels.ts';

/** The type's properties in words, for the table. */
function traits(t: Translate, type: IncidentType): string[] {
  return [
    ...(type.serious ? [t('incidentTypes.trait.serious')] : []),
    ...(type.needToKnow ? [t('incidentTypes.trait.needToKnow')] : []),
    ...(type.anonymousAllowed ? [t('incidentTypes.trait.anonymous')] : []),
    ...(type.threatRegister ? [t('incidentTypes.trait.threatRegister')] : []),
    ...type.workEnvironmentKinds.map((k) => t(`incidentTypes.wek.${k}`)),
  ];
}

/**
 * `/incident-types`: the administrator's taxonomy — types in their groups, edited as new versions
 * (with the history and how many reports each version has), added, activated and deactivated.
 */
export function IncidentTypesPage() {
  const t = useT();
  const label = useLabel();
  const taxonomy = useResource(fetchTaxonomy, 'taxonomy');
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const data = taxonomy.data;
  const changed = (text: string) => {
    setNotice({ tone: 'success', text });
    taxonomy.reload();
  };
  const inactive = data?.types.filter((ty) => !ty.active).length ?? 0;

  return (
    <div className="incident-types-page">
      <div>
        <PageHeading title={t('incidentTypes.title')} />
        <p>{t('incidentTypes.intro')}</p>
        <p>{t('incidentTypes.versioning')}</p>
      </div>
      {data ? (
        <div className="incident-types-actions">
          <AddTypeDialog taxonomy={data} onAdded={changed} />
        </div>
      ) : null}
      {notice ? (
        <Alert tone={notice.tone} role={notice.tone === 'error' ? 'alert' : 'status'}>
          {notice.text}
        </Alert>
      ) : null}
      <p role="status">
        {taxonomy.status === 'loading'
          ? t('incidentTypes.loading')
          : data
            ? t('incidentTypes.count', { count: data.types.length, inactive })
            : ''}
      </p>
      {taxonomy.status === 'loading' && !data ? (
        <ProgressBar label={t('incidentTypes.loading')} hideLabel isIndeterminate />
      ) : null}
      {taxonomy.status === 'error' ? (
        <Alert tone="error" title={t('incidentTypes.loadFailed')}>
          <p>{failureText(t, taxonomy.error)}</p>
          <Button onPress={taxonomy.reload}>{t('incidentTypes.retry')}</Button>
        </Alert>
      ) : null}
      {data && data.types.length === 0 ? (
        <EmptyState title={t('incidentTypes.emptyTitle')}>
          <p>{t('incidentTypes.emptyBody')}</p>
        </EmptyState>
      ) : null}
      {data && data.types.length > 0
        ? [...data.groups]
            .sort((a, b) => a.sortOrder - b.sortOrder)
            .map((group) => {
              const id = `incident-types-group-${group.code}`;
              const types = data.types
                .filter((ty) => ty.groupCode === group.code)
                .sort((a, b) => a.sortOrder - b.sortOrder || label(a).localeCompare(label(b)));
              return (
                <section key={group.code} aria-labelledby={id}>
                  <h2 id={id}>{label(group)}</h2>
                  {types.length === 0 ? (
                    <p>{t('incidentTypes.emptyGroup')}</p>
                  ) : (
                    <TypeTable
                      name={label(group)}
                      types={types}
                      taxonomy={data}
                      onChanged={changed}
                      onFailed={(text) => setNotice({ tone: 'error', text })}
                    />
                  )}
                </section>
              );
            })
        : null}
    </div>
  );
}

function TypeTable({
  name,
  types,
  taxonomy,
  onChanged,
  onFailed,
}: {
  name: string;
  types: IncidentType[];
  taxonomy: TaxonomyResponse;
  onChanged: (message: string) => void;
  onFailed: (message: string) => void;
}) {
  const t = useT();
  const label = useLabel();
  const focus = new Map(taxonomy.focusAreas.map((f) => [f.code, f]));
  return (
    <Table aria-label={name}>
      <TableHead>
        <TableColumn isRowHeader>{t('incidentTypes.colType')}</TableColumn>
        <TableColumn>{t('incidentTypes.colFocus')}</TableColumn>
        <TableColumn>{t('incidentTypes.colTraits')}</TableColumn>
        <TableColumn>{t('incidentTypes.colVersion')}</TableColumn>
        <TableColumn>{t('incidentTypes.colStatus')}</TableColumn>
        <TableColumn>{t('incidentTypes.colActions')}</TableColumn>
      </TableHead>
      <TableBodyRows items={types}>
        {(type) => {
          const list = traits(t, type);
          return (
            <TableRow id={type.id} className={type.active ? undefined : 'incident-types-row--inactive'}>
              <TableCell>
                <span className="incident-types-cell">
                  <span>{label(type)}</span>
                  <span className="incident-types-code">{type.code}</span>
                </span>
              </TableCell>
              <TableCell>
                {type.focusAreas.map((code) => (focus.has(code) ? label(focus.get(code)!) : code)).join(', ')}
              </TableCell>
              <TableCell>
                {list.length === 0 ? (
                  t('incidentTypes.noTraits')
                ) : (
                  <ul className="incident-types-traits">
                    {list.map((item) => (
                      <li key={item}>{item}</li>
                    ))}
                  </ul>
                )}
              </TableCell>
              <TableCell>{type.version}</TableCell>
              <TableCell>
                <span
                  className={
                    type.active ? 'incident-types-status' : 'incident-types-status incident-types-status--off'
                  }
                >
                  {type.active ? t('incidentTypes.active') : t('incidentTypes.inactive')}
                </span>
              </TableCell>
              <TableCell>
                <span className="incident-types-actions">
                  <EditTypeDialog type={type} taxonomy={taxonomy} onEdited={onChanged} />
                  <VersionsDialog type={type} />
                  <ActiveToggle type={type} onChanged={onChanged} onFailed={onFailed} />
                </span>
              </TableCell>
            </TableRow>
          );
        }}
      </TableBodyRows>
    </Table>
  );
}

function ActiveToggle({
  type,
  onChanged,
  onFailed,
}: {
  type: IncidentType;
  onChanged: (message: string) => void;
  onFailed: (message: string) => void;
}) {
  const t = useT();
  const label = useLabel();
  const name = label(type);
  const [isSaving, setSaving] = useState(false);
  const toggle = async () => {
    setSaving(true);
    try {
      await updateIncidentType(type.id, { active: !type.active });
      onChanged(
        type.active ? t('incidentTypes.deactivated', { name }) : t('incidentTypes.activated', { name }),
      );
    } catch (e) {
      onFailed(failureText(t, e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Button
      onPress={toggle}
      isDisabled={isSaving}
      aria-label={
        type.active
          ? t('incidentTypes.deactivateLabel', { name })
          : t('incidentTypes.activateLabel', { name })
      }
    >
      {type.active ? t('incidentTypes.deactivate') : t('incidentTypes.activate')}
    </Button>
  );
}
