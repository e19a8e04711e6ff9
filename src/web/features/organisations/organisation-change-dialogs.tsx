import { useState } from 'react';
import { CheckboxGroup, type Key, Label } from 'react-aria-components';
import type { Organisation } from '../../../domain/api/organisations.ts';
import { useT } from '../../i18n/i18n-provider.tsx';
import { Button } from '../../ui/button.tsx';
import { Checkbox } from '../../ui/checkbox.tsx';
import { ListBoxItem } from '../../ui/list-box.tsx';
import { Select } from '../../ui/select.tsx';
import { TextField } from '../../ui/text-field.tsx';
import { endOrganisation, mergeOrganisations, splitOrganisation } from './api.ts';
import { blankToNull, ChangeForm, DayField, endsBeforeStart, FormDialog } from './form-parts.tsx';
import { phaseOf, useFormatDay } from './format.ts';
import type { OnChanged } from './organisations-page.tsx';

// Ending, merging and splitting: the changes that write history.

interface DialogProps {
  onChanged: OnChanged;
}

export function EndDialog({
  organisation,
  today,
  onChanged,
}: DialogProps & { organisation: Organisation; today: string }) {
  const t = useT();
  return (
    <FormDialog
      trigger={t('organisations.action.end')}
      title={t('organisations.end.title', { name: organisation.name })}
    >
      {(close) => <EndForm organisation={organisation} today={today} onChanged={onChanged} close={close} />}
    </FormDialog>
  );
}

function EndForm({
  organisation: o,
  today,
  onChanged,
  close,
}: DialogProps & { organisation: Organisation; today: string; close: () => void }) {
  const t = useT();
  const formatDay = useFormatDay();
  const [date, setDate] = useState<string | null>(today);
  const submit = async () => {
    if (!date || endsBeforeStart(o.validFrom, date)) return false;
    await endOrganisation(o.id, date);
    close();
    onChanged(t('organisations.end.done', { name: o.name, date: formatDay(date) }), o.id);
  };
  return (
    <ChangeForm
      onSubmit={submit}
      submitLabel={t('organisations.end.submit')}
      close={close}
      submitVariant="danger"
    >
      {(submitted) => (
        <>
          <p>{t('organisations.end.intro')}</p>
          <DayField
            label={t('organisations.end.date')}
            isRequired
            value={date}
            onChange={setDate}
            isInvalid={(submitted && !date) || endsBeforeStart(o.validFrom, date)}
            errorMessage={date ? t('organisations.form.endBeforeStart') : t('organisations.end.dateRequired')}
          />
        </>
      )}
    </ChangeForm>
  );
}

export function MergeDialog({
  organisation,
  all,
  today,
  onChanged,
}: DialogProps & { organisation: Organisation; all: readonly Organisation[]; today: string }) {
  const t = useT();
  return (
    <FormDialog
      trigger={t('organisations.action.merge')}
      title={t('organisations.merge.title', { name: organisation.name })}
    >
      {(close) => (
        <MergeForm organisation={organisation} all={all} today={today} onChanged={onChanged} close={close} />
      )}
    </FormDialog>
  );
}

function MergeForm({
  organisation: o,
  all,
  today,
  onChanged,
  close,
}: DialogProps & {
  organisation: Organisation;
  all: readonly Organisation[];
  today: string;
  close: () => void;
}) {
  const t = useT();
  // Only what the server would accept: same parent, kind and committee type, not ended or succeeded.
  const candidates = all.filter(
    (x) =>
      x.id !== o.id &&
      x.parentId === o.parentId &&
      x.kind === o.kind &&
      x.committeeType === o.committeeType &&
      x.successors.length === 0 &&
      phaseOf(x, today) !== 'ended' &&
      x.can.merge === true,
  );
  const [others, setOthers] = useState<string[]>([]);
  const [date, setDate] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [code, setCode] = useState('');

  const submit = async () => {
    if (others.length === 0 || !date || name.trim() === '') return false;
    const successor = await mergeOrganisations({
      organisationIds: [o.id, ...others],
      date,
      name: name.trim(),
      code: blankToNull(code),
    });
    close();
    onChanged(t('organisations.merge.done', { name: successor.name }), successor.id);
  };

  if (candidates.length === 0)
    return (
      <>
        <p>{t('organisations.merge.noCandidates')}</p>
        <Button onPress={close}>{t('organisations.form.cancel')}</Button>
      </>
    );
  return (
    <ChangeForm onSubmit={submit} submitLabel={t('organisations.merge.submit')} close={close}>
      {(submitted) => (
        <>
          <p>{t('organisations.merge.intro', { name: o.name })}</p>
          <CheckboxGroup
            className="field"
            value={others}
            onChange={setOthers}
            isRequired
            isInvalid={submitted && others.length === 0}
          >
            <Label className="field__label">{t('organisations.merge.with')}</Label>
            <div className="org-choices">
              {candidates.map((c) => (
                <Checkbox key={c.id} value={c.id}>
                  {c.name}
                </Checkbox>
              ))}
            </div>
            {submitted && others.length === 0 ? (
              <p className="field__error" role="alert">
                {t('organisations.merge.withRequired')}
              </p>
            ) : null}
          </CheckboxGroup>
          <DayField
            label={t('organisations.merge.date')}
            isRequired
            value={date}
            onChange={setDate}
            isInvalid={submitted && !date}
            errorMessage={t('organisations.form.required')}
          />
          <TextField
            label={t('organisations.merge.name')}
            isRequired
            value={name}
            onChange={setName}
            isInvalid={submitted && name.trim() === ''}
            errorMessage={t('organisations.form.nameRequired')}
          />
          <TextField
            label={t('organisations.form.code')}
            description={t('organisations.form.codeHint')}
            value={code}
            onChange={setCode}
          />
        </>
      )}
    </ChangeForm>
  );
}

export function SplitDialog({
  organisation,
  today,
  onChanged,
}: DialogProps & { organisation: Organisation; today: string }) {
  const t = useT();
  return (
    <FormDialog
      trigger={t('organisations.action.split')}
      title={t('organisations.split.title', { name: organisation.name })}
    >
      {(close) => <SplitForm organisation={organisation} today={today} onChanged={onChanged} close={close} />}
    </FormDialog>
  );
}

function SplitForm({
  organisation: o,
  today,
  onChanged,
  close,
}: DialogProps & { organisation: Organisation; today: string; close: () => void }) {
  const t = useT();
  const [date, setDate] = useState<string | null>(null);
  const [names, setNames] = useState<string[]>(['', '']);
  /** Area id → index of the successor taking it over ('none' when no one does). */
  const [areaTo, setAreaTo] = useState<Record<string, string>>({});
  const openAreas = o.areas.filter((a) => a.validTo === null || a.validTo >= (date ?? today));

  const submit = async () => {
    if (!date || names.some((n) => n.trim() === '')) return false;
    const items = await splitOrganisation(o.id, {
      date,
      successors: names.map((n, i) => ({
        name: n.trim(),
        areaIds: openAreas.filter((a) => areaTo[a.areaId] === String(i)).map((a) => a.areaId),
      })),
    });
    close();
    onChanged(t('organisations.split.done', { name: o.name }), items[0]?.id);
  };

  return (
    <ChangeForm onSubmit={submit} submitLabel={t('organisations.split.submit')} close={close}>
      {(submitted) => (
        <>
          <p>{t('organisations.split.intro', { name: o.name })}</p>
          <DayField
            label={t('organisations.split.date')}
            isRequired
            value={date}
            onChange={setDate}
            isInvalid={submitted && !date}
            errorMessage={t('organisations.form.required')}
          />
          {names.map((value, i) => (
            <div className="org-split__row" key={`successor-${i.toString()}`}>
              <TextField
                label={t('organisations.split.successor', { number: i + 1 })}
                isRequired
                value={value}
                onChange={(v) => setNames((list) => list.map((x, j) => (j === i ? v : x)))}
                isInvalid={submitted && value.trim() === ''}
                errorMessage={t('organisations.form.nameRequired')}
              />
              {names.length > 2 ? (
                <Button variant="quiet" onPress={() => setNames((list) => list.filter((_, j) => j !== i))}>
                  {t('organisations.split.remove', { number: i + 1 })}
                </Button>
              ) : null}
            </div>
          ))}
          <div>
            <Button onPress={() => setNames((list) => [...list, ''])}>{t('organisations.split.add')}</Button>
          </div>
          {openAreas.length > 0 ? (
            <fieldset className="org-fieldset">
              <legend>{t('organisations.split.areasHeading')}</legend>
              {openAreas.map((a) => (
                <Select
                  key={a.id}
                  label={t('organisations.split.areaTo', { area: a.areaName })}
                  selectedKey={areaTo[a.areaId] ?? 'none'}
                  onSelectionChange={(key: Key | null) =>
                    setAreaTo((m) => ({ ...m, [a.areaId]: key === null ? 'none' : String(key) }))
                  }
                >
                  {[
                    <ListBoxItem key="none" id="none">
                      {t('organisations.split.areaNone')}
                    </ListBoxItem>,
                    ...names.map((n, i) => (
                      <ListBoxItem key={`s${i.toString()}`} id={String(i)}>
                        {n.trim() || t('organisations.split.areaSuccessor', { number: i + 1 })}
                      </ListBoxItem>
                    )),
                  ]}
                </Select>
              ))}
            </fieldset>
          ) : null}
        </>
      )}
    </ChangeForm>
  );
}
