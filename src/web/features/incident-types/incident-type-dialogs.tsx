import { type FormEvent, useState } from 'react';
import { CheckboxGroup, Form, type Key } from 'react-aria-components';
import type { IncidentType, TaxonomyResponse, WorkEnvironmentKind } from '../../../domain/api/incidents.ts';
import { useFormat, useI18n, useT } from '../../i18n/i18n-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { Checkbox } from '../../ui/checkbox.tsx';
import { Dialog, DialogTrigger } from '../../ui/dialog.tsx';
import { FieldHelp, FieldLabel } from '../../ui/field-parts.tsx';
import { ListBoxItem } from '../../ui/list-box.tsx';
import { ProgressBar } from '../../ui/progress-bar.tsx';
import { Radio, RadioGroup } from '../../ui/radio-group.tsx';
import { Select } from '../../ui/select.tsx';
import { Table, TableBodyRows, TableCell, TableColumn, TableHead, TableRow } from '../../ui/table.tsx';
import { TextField } from '../../ui/text-field.tsx';
import { useResource } from '../../ui/use-resource.ts';
import {
  createIncidentType,
  failureText,
  listVersions,
  type UpdateIncidentTypeRequest,
  updateIncidentType,
} from './api.ts';
import { useLabel } from './labels.ts';

const WORK_ENVIRONMENT_KINDS: WorkEnvironmentKind[] = ['work_injury', 'near_miss', 'risk_observation'];
const CODE = /^[a-z][a-z0-9_]{0,59}$/;

interface Draft {
  code: string;
  groupCode: string | null;
  labelSv: string;
  labelEn: string;
  descriptionSv: string;
  descriptionEn: string;
  focusAreas: string[];
  workEnvironmentKinds: string[];
  serious: boolean;
  needToKnow: boolean;
  anonymousAllowed: boolean;
  threatRegister: boolean;
  retentionMonths: string;
  retentionAction: 'anonymise' | 'delete';
}

const EMPTY: Draft = {
  code: '',
  groupCode: null,
  labelSv: '',
  labelEn: '',
  descriptionSv: '',
  descriptionEn: '',
  focusAreas: [],
  workEnvironmentKinds: [],
  serious: false,
  needToKnow: false,
  anonymousAllowed: false,
  threatRegister: false,
  retentionMonths: '',
  retentionAction: 'anonymise',
};

function draftOf(type: IncidentType): Draft {
  return {
    code: type.code,
    groupCode: type.groupCode,
    labelSv: type.labelSv,
    labelEn: type.labelEn,
    descriptionSv: type.descriptionSv ?? '',
    descriptionEn: type.descriptionEn ?? '',
    focusAreas: [...type.focusAreas],
    workEnvironmentKinds: [...type.workEnvironmentKinds],
    serious: type.serious,
    needToKnow: type.needToKnow,
    anonymousAllowed: type.anonymousAllowed,
    threatRegister: type.threatRegister,
    retentionMonths: type.retentionMonths === null ? '' : String(type.retentionMonths),
    retentionAction: type.retentionAction,
  };
}

/** A whole number 1–1200, null when empty, undefined when it is not one. */
function parseMonths(text: string): number | null | undefined {
  const v = text.trim();
  if (v === '') return null;
  if (!/^\d{1,4}$/.test(v)) return undefined;
  const n = Number(v);
  return n >= 1 && n <= 1200 ? n : undefined;
}

/** What a type means, from the draft (the API's definition fields). */
function definitionOf(d: Draft) {
  return {
    labelSv: d.labelSv.trim(),
    labelEn: d.labelEn.trim(),
    descriptionSv: d.descriptionSv.trim() || null,
    descriptionEn: d.descriptionEn.trim() || null,
    focusAreas: d.focusAreas,
    workEnvironmentKinds: d.workEnvironmentKinds as WorkEnvironmentKind[],
    serious: d.serious,
    needToKnow: d.needToKnow,
    anonymousAllowed: d.anonymousAllowed,
    threatRegister: d.threatRegister,
    retentionMonths: parseMonths(d.retentionMonths) ?? null,
    retentionAction: d.retentionAction,
  };
}
type Definition = ReturnType<typeof definitionOf>;

/** The definition fields that differ from the type's current version. */
function changes(type: IncidentType, next: Definition): UpdateIncidentTypeRequest {
  const same = (a: unknown, b: unknown) =>
    Array.isArray(a) && Array.isArray(b) ? [...a].sort().join() === [...b].sort().join() : a === b;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof Definition)[]) {
    if (!same(next[key], type[key])) out[key] = next[key];
  }
  return out as UpdateIncidentTypeRequest;
}

export function AddTypeDialog({
  taxonomy,
  onAdded,
}: {
  taxonomy: TaxonomyResponse;
  onAdded: (m: string) => void;
}) {
  const t = useT();
  return (
    <DialogTrigger>
      <Button variant="primary">{t('incidentTypes.add')}</Button>
      <Dialog title={t('incidentTypes.addTitle')}>
        {(close) => <TypeForm taxonomy={taxonomy} onDone={onAdded} close={close} />}
      </Dialog>
    </DialogTrigger>
  );
}

export function EditTypeDialog({
  type,
  taxonomy,
  onEdited,
}: {
  type: IncidentType;
  taxonomy: TaxonomyResponse;
  onEdited: (m: string) => void;
}) {
  const t = useT();
  const label = useLabel();
  const name = label(type);
  return (
    <DialogTrigger>
      <Button aria-label={t('incidentTypes.editLabel', { name })}>{t('incidentTypes.edit')}</Button>
      <Dialog title={t('incidentTypes.editTitle', { name })}>
        {(close) => <TypeForm type={type} taxonomy={taxonomy} onDone={onEdited} close={close} />}
      </Dialog>
    </DialogTrigger>
  );
}

function TypeForm({
  type,
  taxonomy,
  onDone,
  close,
}: {
  /** The type to edit; absent when adding one. */
  type?: IncidentType;
  taxonomy: TaxonomyResponse;
  onDone: (message: string) => void;
  close: () => void;
}) {
  const t = useT();
  const label = useLabel();
  const { locale } = useI18n();
  const [d, setDraft] = useState<Draft>(type ? draftOf(type) : EMPTY);
  const [submitted, setSubmitted] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) =>
      setDraft((old) => ({ ...old, [key]: value }));

  const problems = {
    code: !type && !CODE.test(d.code),
    groupCode: !type && !d.groupCode,
    labelSv: d.labelSv.trim() === '',
    labelEn: d.labelEn.trim() === '',
    focusAreas: d.focusAreas.length === 0,
    retentionMonths: parseMonths(d.retentionMonths) === undefined,
  };
  const invalid = Object.values(problems).some(Boolean);
  const show = (key: keyof typeof problems) => submitted && problems[key];

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (invalid) return;
    setSaving(true);
    setError(null);
    const definition = definitionOf(d);
    try {
      if (type) {
        const changed = changes(type, definition);
        if (Object.keys(changed).length === 0) {
          close();
          onDone(t('incidentTypes.unchanged'));
          return;
        }
        const saved = await updateIncidentType(type.id, changed);
        close();
        onDone(t('incidentTypes.edited', { name: label(saved), version: saved.version }));
      } else {
        const saved = await createIncidentType({ ...definition, code: d.code, groupCode: d.groupCode! });
        close();
        onDone(t('incidentTypes.added', { name: label(saved) }));
      }
    } catch (e) {
      setError(failureText(t, e));
      setSaving(false);
    }
  };

  const groups = [...taxonomy.groups].sort((a, b) => a.sortOrder - b.sortOrder);
  const focusAreas = [...taxonomy.focusAreas].sort((a, b) => a.position - b.position);
  return (
    <Form className="incident-types-form" onSubmit={onSubmit} validationBehavior="aria">
      {error ? <Alert tone="error">{error}</Alert> : null}
      {type ? (
        <p>{t('incidentTypes.editVersion', { next: type.version + 1, current: type.version })}</p>
      ) : (
        <>
          <TextField
            label={t('incidentTypes.field.code')}
            description={t('incidentTypes.field.codeHint')}
            isRequired
            value={d.code}
            onChange={set('code')}
            maxLength={60}
            autoComplete="off"
            spellCheck="false"
            isInvalid={show('code')}
            errorMessage={t('incidentTypes.field.codeInvalid')}
          />
          <Select
            label={t('incidentTypes.field.group')}
            isRequired
            selectedKey={d.groupCode}
            onSelectionChange={(key: Key | null) => set('groupCode')(key === null ? null : String(key))}
            isInvalid={show('groupCode')}
            errorMessage={t('incidentTypes.field.groupRequired')}
          >
            {groups.map((g) => (
              <ListBoxItem key={g.code} id={g.code}>
                {label(g)}
              </ListBoxItem>
            ))}
          </Select>
        </>
      )}
      <div className="incident-types-form__pair">
        <TextField
          label={t('incidentTypes.field.labelSv')}
          isRequired
          value={d.labelSv}
          onChange={set('labelSv')}
          maxLength={200}
          lang="sv"
          isInvalid={show('labelSv')}
          errorMessage={t('incidentTypes.field.labelRequired')}
        />
        <TextField
          label={t('incidentTypes.field.labelEn')}
          isRequired
          value={d.labelEn}
          onChange={set('labelEn')}
          maxLength={200}
          lang="en"
          isInvalid={show('labelEn')}
          errorMessage={t('incidentTypes.field.labelRequired')}
        />
      </div>
      <div className="incident-types-form__pair">
        <TextField
          label={t('incidentTypes.field.descriptionSv')}
          description={t('incidentTypes.field.descriptionHint')}
          value={d.descriptionSv}
          onChange={set('descriptionSv')}
          maxLength={2000}
          lang="sv"
        />
        <TextField
          label={t('incidentTypes.field.descriptionEn')}
          description={t('incidentTypes.field.descriptionHint')}
          value={d.descriptionEn}
          onChange={set('descriptionEn')}
          maxLength={2000}
          lang="en"
        />
      </div>
      <CheckboxGroup
        className="field"
        value={d.focusAreas}
        onChange={set('focusAreas')}
        isRequired
        isInvalid={show('focusAreas')}
      >
        <FieldLabel isRequired>{t('incidentTypes.field.focusAreas')}</FieldLabel>
        <div className="incident-types-choices">
          {focusAreas.map((f) => (
            <Checkbox key={f.code} value={f.code}>
              {locale === 'sv' ? f.labelSv : f.labelEn}
            </Checkbox>
          ))}
        </div>
        <FieldHelp errorMessage={t('incidentTypes.field.focusAreasRequired')} />
      </CheckboxGroup>
      <CheckboxGroup className="field" value={d.workEnvironmentKinds} onChange={set('workEnvironmentKinds')}>
        <FieldLabel>{t('incidentTypes.field.wek')}</FieldLabel>
        <div className="incident-types-choices">
          {WORK_ENVIRONMENT_KINDS.map((k) => (
            <Checkbox key={k} value={k}>
              {t(`incidentTypes.wek.${k}`)}
            </Checkbox>
          ))}
        </div>
      </CheckboxGroup>
      <fieldset className="incident-types-fieldset">
        <legend className="field__label">{t('incidentTypes.field.traits')}</legend>
        <div className="incident-types-choices">
          <Checkbox isSelected={d.serious} onChange={set('serious')}>
            {t('incidentTypes.field.serious')}
          </Checkbox>
          <Checkbox isSelected={d.needToKnow} onChange={set('needToKnow')}>
            {t('incidentTypes.field.needToKnow')}
          </Checkbox>
          <Checkbox isSelected={d.anonymousAllowed} onChange={set('anonymousAllowed')}>
            {t('incidentTypes.field.anonymous')}
          </Checkbox>
          <Checkbox isSelected={d.threatRegister} onChange={set('threatRegister')}>
            {t('incidentTypes.field.threatRegister')}
          </Checkbox>
        </div>
      </fieldset>
      <TextField
        label={t('incidentTypes.field.retentionMonths')}
        description={t('incidentTypes.field.retentionMonthsHint')}
        value={d.retentionMonths}
        onChange={set('retentionMonths')}
        inputMode="numeric"
        maxLength={4}
        isInvalid={show('retentionMonths')}
        errorMessage={t('incidentTypes.field.retentionMonthsInvalid')}
      />
      <RadioGroup
        label={t('incidentTypes.field.retentionAction')}
        value={d.retentionAction}
        onChange={(v) => set('retentionAction')(v === 'delete' ? 'delete' : 'anonymise')}
      >
        <Radio value="anonymise">{t('incidentTypes.field.retentionAnonymise')}</Radio>
        <Radio value="delete">{t('incidentTypes.field.retentionDelete')}</Radio>
      </RadioGroup>
      <div className="incident-types-actions">
        <Button type="submit" variant="primary" isDisabled={isSaving}>
          {isSaving ? t('incidentTypes.saving') : t('incidentTypes.save')}
        </Button>
        <Button onPress={close}>{t('incidentTypes.cancel')}</Button>
      </div>
    </Form>
  );
}

/** "Versioner": every version of a type, newest first, with how many reports were made under it. */
export function VersionsDialog({ type }: { type: IncidentType }) {
  const t = useT();
  const label = useLabel();
  const name = label(type);
  return (
    <DialogTrigger>
      <Button aria-label={t('incidentTypes.historyLabel', { name })}>{t('incidentTypes.history')}</Button>
      <Dialog title={t('incidentTypes.historyTitle', { name })}>
        <Versions type={type} name={name} />
      </Dialog>
    </DialogTrigger>
  );
}

function Versions({ type, name }: { type: IncidentType; name: string }) {
  const t = useT();
  const label = useLabel();
  const format = useFormat();
  const versions = useResource((signal) => listVersions(type.id, signal), type.id);
  if (versions.status === 'loading' && !versions.data)
    return <ProgressBar label={t('incidentTypes.historyLoading')} isIndeterminate />;
  if (versions.status === 'error')
    return (
      <Alert tone="error">
        <p>{failureText(t, versions.error)}</p>
        <Button onPress={versions.reload}>{t('incidentTypes.retry')}</Button>
      </Alert>
    );
  return (
    <Table aria-label={t('incidentTypes.historyTable', { name })}>
      <TableHead>
        <TableColumn isRowHeader>{t('incidentTypes.colVersion')}</TableColumn>
        <TableColumn>{t('incidentTypes.colLabels')}</TableColumn>
        <TableColumn>{t('incidentTypes.colCreated')}</TableColumn>
        <TableColumn>{t('incidentTypes.colReports')}</TableColumn>
      </TableHead>
      <TableBodyRows items={versions.data?.items ?? []}>
        {(v) => (
          <TableRow id={v.id}>
            <TableCell>{v.version}</TableCell>
            <TableCell>{label(v)}</TableCell>
            <TableCell>
              {v.createdBy
                ? t('incidentTypes.createdBy', { date: format.date(v.createdAt), name: v.createdBy })
                : t('incidentTypes.createdBySystem', { date: format.date(v.createdAt) })}
            </TableCell>
            <TableCell>{format.number(v.reportCount)}</TableCell>
          </TableRow>
        )}
      </TableBodyRows>
    </Table>
  );
}
