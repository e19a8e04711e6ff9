import { type FormEvent, useEffect, useState } from 'react';
import { Form, type Key } from 'react-aria-components';
import { COORDINATOR_FUNCTIONS, type CoordinatorRequirement } from '../../../domain/api/coordinators.ts';
import { useT } from '../../i18n/i18n-provider.tsx';
import { hasPermission, useSession } from '../../session/session-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { Dialog, DialogTrigger } from '../../ui/dialog.tsx';
import { ListBoxItem } from '../../ui/list-box.tsx';
import { Select } from '../../ui/select.tsx';
import { Table, TableBodyRows, TableCell, TableColumn, TableHead, TableRow } from '../../ui/table.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { createRequirement, deleteRequirement, fetchOrganisationOptions, fetchRequirements } from './api.ts';
import { errorMessage, functionKey, kindLabel } from './format.ts';

const KINDS = ['executive_board', 'office', 'committee', 'company', 'unit'] as const;
const CITY = 'city';

/**
 * Which functions each kind of organisation must have: the city's rules and any an organisation
 * adds for its own subtree. Administrators add and remove rules here.
 */
export function RequirementsSection({ onChanged }: { onChanged: () => void }) {
  const t = useT();
  const { user } = useSession();
  const requirements = useResource(fetchRequirements, 'requirements');
  const [notice, setNotice] = useState<string | null>(null);
  const changed = (message: string) => {
    setNotice(message);
    requirements.reload();
    onChanged();
  };
  const items = requirements.data?.items ?? [];
  const manages = items.some((r) => r.can.delete);

  return (
    <section aria-labelledby="compliance-requirements">
      <h2 id="compliance-requirements">{t('compliance.requirementsHeading')}</h2>
      <p>{t('compliance.requirementsIntro')}</p>
      {notice ? (
        <Alert tone="success" role="status">
          {notice}
        </Alert>
      ) : null}
      {requirements.status === 'error' ? (
        <Alert tone="error">{errorMessage(t, requirements.error)}</Alert>
      ) : null}
      {items.length > 0 ? (
        <Table aria-label={t('compliance.requirementsTable')}>
          <TableHead>
            <TableColumn isRowHeader>{t('compliance.colKind')}</TableColumn>
            <TableColumn>{t('compliance.colFunction')}</TableColumn>
            <TableColumn>{t('compliance.colScope')}</TableColumn>
            {manages ? <TableColumn>{t('compliance.colActions')}</TableColumn> : null}
          </TableHead>
          <TableBodyRows items={items}>
            {(r) => (
              <TableRow id={r.id}>
                <TableCell>{kindLabel(t, r.organisationKind)}</TableCell>
                <TableCell>{t(functionKey(r.function))}</TableCell>
                <TableCell>{r.organisationName ?? t('compliance.scopeCity')}</TableCell>
                {manages ? (
                  <TableCell>
                    {r.can.delete ? <RemoveRequirement requirement={r} onRemoved={changed} /> : '–'}
                  </TableCell>
                ) : null}
              </TableRow>
            )}
          </TableBodyRows>
        </Table>
      ) : null}
      {user && hasPermission(user, 'coordinators.manage') ? (
        <div className="compliance-actions">
          <DialogTrigger>
            <Button>{t('compliance.requirementAdd')}</Button>
            <Dialog title={t('compliance.requirementAdd')}>
              {(close) => <AddRequirementForm close={close} onAdded={changed} />}
            </Dialog>
          </DialogTrigger>
        </div>
      ) : null}
    </section>
  );
}

function RemoveRequirement({
  requirement,
  onRemoved,
}: {
  requirement: CoordinatorRequirement;
  onRemoved: (message: string) => void;
}) {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const label = t('compliance.requirementRemoveLabel', {
    function: t(functionKey(requirement.function)),
    kind: kindLabel(t, requirement.organisationKind),
  });
  const remove = async () => {
    try {
      await deleteRequirement(requirement.id);
      onRemoved(t('compliance.requirementRemoved'));
    } catch (e) {
      setError(errorMessage(t, e));
    }
  };
  return (
    <span className="compliance-actions">
      <Button variant="danger" aria-label={label} onPress={remove}>
        {t('compliance.remove')}
      </Button>
      {error ? <Alert tone="error">{error}</Alert> : null}
    </span>
  );
}

function AddRequirementForm({ close, onAdded }: { close: () => void; onAdded: (message: string) => void }) {
  const t = useT();
  const [organisations, setOrganisations] = useState<{ id: string; name: string }[]>([]);
  const [scope, setScope] = useState<string>(CITY);
  const [kind, setKind] = useState<string | null>(null);
  const [fn, setFn] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    fetchOrganisationOptions(controller.signal).then(setOrganisations, () => undefined);
    return () => controller.abort();
  }, []);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (!kind || !fn) return;
    try {
      await createRequirement({
        organisationId: scope === CITY ? null : scope,
        organisationKind: kind as (typeof KINDS)[number],
        function: fn as (typeof COORDINATOR_FUNCTIONS)[number],
      });
      onAdded(t('compliance.requirementAdded'));
      close();
    } catch (e) {
      setError(
        (e as { code?: string }).code === 'coordinators.requirement_exists'
          ? t('compliance.requirementExists')
          : errorMessage(t, e),
      );
    }
  };
  const key = (set: (v: string | null) => void) => (k: Key | null) => set(k === null ? null : String(k));

  return (
    <Form className="compliance-form" onSubmit={onSubmit} validationBehavior="aria">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Select
        label={t('compliance.requirementKind')}
        isRequired
        selectedKey={kind}
        onSelectionChange={key(setKind)}
        isInvalid={submitted && !kind}
        errorMessage={t('compliance.requirementKindRequired')}
      >
        {KINDS.map((k) => (
          <ListBoxItem key={k} id={k}>
            {kindLabel(t, k)}
          </ListBoxItem>
        ))}
      </Select>
      <Select
        label={t('compliance.assignFunction')}
        isRequired
        selectedKey={fn}
        onSelectionChange={key(setFn)}
        isInvalid={submitted && !fn}
        errorMessage={t('compliance.assignFunctionRequired')}
      >
        {COORDINATOR_FUNCTIONS.map((f) => (
          <ListBoxItem key={f} id={f}>
            {t(functionKey(f))}
          </ListBoxItem>
        ))}
      </Select>
      <Select
        label={t('compliance.requirementScope')}
        description={t('compliance.requirementScopeHint')}
        selectedKey={scope}
        onSelectionChange={(k: Key | null) => setScope(k === null ? CITY : String(k))}
      >
        {[{ id: CITY, name: t('compliance.scopeCity') }, ...organisations].map((o) => (
          <ListBoxItem key={o.id} id={o.id}>
            {o.name}
          </ListBoxItem>
        ))}
      </Select>
      <div className="compliance-actions">
        <Button type="submit" variant="primary">
          {t('compliance.requirementSave')}
        </Button>
        <Button onPress={close}>{t('compliance.cancel')}</Button>
      </div>
    </Form>
  );
}
