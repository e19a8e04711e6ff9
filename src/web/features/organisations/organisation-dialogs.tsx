import { useState } from 'react';
import type { Key } from 'react-aria-components';
import type { Organisation, UpdateOrganisationRequest } from '../../../domain/api/organisations.ts';
import {
  CHILD_KINDS,
  COMMITTEE_TYPES,
  type CommitteeType,
  type OrganisationKind,
} from '../../../domain/roles.ts';
import { useT } from '../../i18n/i18n-provider.tsx';
import { ListBoxItem } from '../../ui/list-box.tsx';
import { Select } from '../../ui/select.tsx';
import { TextField } from '../../ui/text-field.tsx';
import { createOrganisation, updateOrganisation } from './api.ts';
import { blankToNull, ChangeForm, DayField, endsBeforeStart, FormDialog } from './form-parts.tsx';
import type { OnChanged } from './organisations-page.tsx';

/** Name, committee type, code and dates: the fields a new organisation and an edit share. */
function CommonFields({
  submitted,
  name,
  setName,
  kind,
  committeeType,
  setCommitteeType,
  code,
  setCode,
  validFrom,
  setValidFrom,
  validTo,
  setValidTo,
}: {
  submitted: boolean;
  name: string;
  setName: (v: string) => void;
  kind: OrganisationKind | null;
  committeeType: CommitteeType | null;
  setCommitteeType: (v: CommitteeType | null) => void;
  code: string;
  setCode: (v: string) => void;
  validFrom: string | null;
  setValidFrom: (v: string | null) => void;
  validTo: string | null;
  setValidTo: (v: string | null) => void;
}) {
  const t = useT();
  return (
    <>
      <TextField
        label={t('organisations.form.name')}
        isRequired
        value={name}
        onChange={setName}
        isInvalid={submitted && name.trim() === ''}
        errorMessage={t('organisations.form.nameRequired')}
      />
      {kind === 'committee' ? (
        <Select
          label={t('organisations.form.committeeType')}
          isRequired
          selectedKey={committeeType}
          onSelectionChange={(key: Key | null) => setCommitteeType(key as CommitteeType | null)}
          isInvalid={submitted && !committeeType}
          errorMessage={t('organisations.form.committeeTypeRequired')}
        >
          {COMMITTEE_TYPES.map((type) => (
            <ListBoxItem key={type} id={type}>
              {t(`organisations.committeeType.${type}`)}
            </ListBoxItem>
          ))}
        </Select>
      ) : null}
      <TextField
        label={t('organisations.form.code')}
        description={t('organisations.form.codeHint')}
        value={code}
        onChange={setCode}
      />
      <DayField
        label={t('organisations.form.validFrom')}
        description={t('organisations.form.validFromHint')}
        value={validFrom}
        onChange={setValidFrom}
      />
      <DayField
        label={t('organisations.form.validTo')}
        description={t('organisations.form.validToHint')}
        value={validTo}
        onChange={setValidTo}
        isInvalid={endsBeforeStart(validFrom, validTo)}
        errorMessage={t('organisations.form.endBeforeStart')}
      />
    </>
  );
}

interface DialogProps {
  onChanged: OnChanged;
}

export function CreateDialog({
  parent,
  today,
  onChanged,
}: DialogProps & { parent: Organisation; today: string }) {
  const t = useT();
  return (
    <FormDialog
      trigger={t('organisations.action.create')}
      title={t('organisations.create.title', { parent: parent.name })}
    >
      {(close) => <CreateForm parent={parent} today={today} onChanged={onChanged} close={close} />}
    </FormDialog>
  );
}

function CreateForm({
  parent,
  today,
  onChanged,
  close,
}: DialogProps & { parent: Organisation; today: string; close: () => void }) {
  const t = useT();
  const kinds = CHILD_KINDS[parent.kind];
  const [name, setName] = useState('');
  const [kind, setKind] = useState<OrganisationKind | null>(kinds.length === 1 ? kinds[0]! : null);
  const [committeeType, setCommitteeType] = useState<CommitteeType | null>(null);
  const [code, setCode] = useState('');
  const [validFrom, setValidFrom] = useState<string | null>(
    parent.validFrom && parent.validFrom > today ? parent.validFrom : today,
  );
  const [validTo, setValidTo] = useState<string | null>(null);

  const submit = async () => {
    if (
      name.trim() === '' ||
      !kind ||
      (kind === 'committee' && !committeeType) ||
      endsBeforeStart(validFrom, validTo)
    )
      return false;
    const created = await createOrganisation({
      name: name.trim(),
      kind: kind as Exclude<OrganisationKind, 'municipality'>,
      parentId: parent.id,
      committeeType: kind === 'committee' ? committeeType : null,
      code: blankToNull(code),
      validFrom,
      validTo,
    });
    close();
    onChanged(t('organisations.create.done', { name: created.name }), created.id);
  };

  return (
    <ChangeForm onSubmit={submit} submitLabel={t('organisations.form.save')} close={close}>
      {(submitted) => (
        <>
          <Select
            label={t('organisations.form.kind')}
            isRequired
            selectedKey={kind}
            onSelectionChange={(key: Key | null) => setKind(key as OrganisationKind | null)}
            isInvalid={submitted && !kind}
            errorMessage={t('organisations.form.kindRequired')}
          >
            {kinds.map((k) => (
              <ListBoxItem key={k} id={k}>
                {t(`organisations.kind.${k}`)}
              </ListBoxItem>
            ))}
          </Select>
          <CommonFields
            {...{ submitted, name, setName, kind, committeeType, setCommitteeType, code, setCode }}
            {...{ validFrom, setValidFrom, validTo, setValidTo }}
          />
        </>
      )}
    </ChangeForm>
  );
}

export function EditDialog({ organisation, onChanged }: DialogProps & { organisation: Organisation }) {
  const t = useT();
  return (
    <FormDialog
      trigger={t('organisations.action.edit')}
      title={t('organisations.edit.title', { name: organisation.name })}
    >
      {(close) => <EditForm organisation={organisation} onChanged={onChanged} close={close} />}
    </FormDialog>
  );
}

function EditForm({
  organisation: o,
  onChanged,
  close,
}: DialogProps & { organisation: Organisation; close: () => void }) {
  const t = useT();
  const [name, setName] = useState(o.name);
  const [committeeType, setCommitteeType] = useState<CommitteeType | null>(o.committeeType);
  const [code, setCode] = useState(o.code ?? '');
  const [validFrom, setValidFrom] = useState<string | null>(o.validFrom);
  const [validTo, setValidTo] = useState<string | null>(o.validTo);

  const submit = async () => {
    if (
      name.trim() === '' ||
      (o.kind === 'committee' && !committeeType) ||
      endsBeforeStart(validFrom, validTo)
    )
      return false;
    const changes: UpdateOrganisationRequest = {};
    if (name.trim() !== o.name) changes.name = name.trim();
    if (blankToNull(code) !== o.code) changes.code = blankToNull(code);
    if (o.kind === 'committee' && committeeType !== o.committeeType) changes.committeeType = committeeType;
    if (validFrom !== o.validFrom) changes.validFrom = validFrom;
    if (validTo !== o.validTo) changes.validTo = validTo;
    if (Object.keys(changes).length === 0) {
      close();
      onChanged(t('organisations.edit.nothing'));
      return;
    }
    const updated = await updateOrganisation(o.id, changes);
    close();
    onChanged(t('organisations.edit.done', { name: updated.name }), updated.id);
  };

  return (
    <ChangeForm onSubmit={submit} submitLabel={t('organisations.form.save')} close={close}>
      {(submitted) => (
        <CommonFields
          {...{ submitted, name, setName, kind: o.kind, committeeType, setCommitteeType, code, setCode }}
          {...{ validFrom, setValidFrom, validTo, setValidTo }}
        />
      )}
    </ChangeForm>
  );
}
