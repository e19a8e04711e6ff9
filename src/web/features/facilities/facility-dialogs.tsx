import { type FormEvent, useState } from 'react';
import { Form, type Key } from 'react-aria-components';
import type { Facility, FacilityType } from '../../../domain/api/facilities.ts';
import { isApiError } from '../../api/client.ts';
import { useT } from '../../i18n/i18n-provider.tsx';
import type { Translate } from '../../i18n/translate.ts';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { Dialog, DialogTrigger } from '../../ui/dialog.tsx';
import { ListBoxItem } from '../../ui/list-box.tsx';
import { Select } from '../../ui/select.tsx';
import { TextField } from '../../ui/text-field.tsx';
import { createFacility, deleteFacility } from './api.ts';

export function failureText(t: Translate, error: unknown): string {
  if (!isApiError(error)) return t('error.generic');
  if (error.code === 'facilities.code_taken') return t('facilities.codeTaken');
  if (error.status === 0) return t('error.network');
  if (error.status === 403) return t('error.forbidden');
  if (error.status === 400) return t('error.invalidRequest');
  return t('error.generic');
}

/** A decimal number as people type it (comma or point); undefined when it is not one. */
function parseCoordinate(text: string): number | null | undefined {
  const v = text.trim();
  if (v === '') return null;
  if (!/^-?\d+([.,]\d+)?$/.test(v)) return undefined;
  return Number(v.replace(',', '.'));
}

interface AddProps {
  types: FacilityType[];
  organisations: { id: string; name: string }[];
  typeLabel: (type: FacilityType) => string;
  onAdded: (message: string) => void;
}

/** "Lägg till anläggning": the essentials; the area is found from the coordinates by the server. */
export function AddFacilityDialog(props: AddProps) {
  const t = useT();
  return (
    <DialogTrigger>
      <Button variant="primary">{t('facilities.add')}</Button>
      <Dialog title={t('facilities.addTitle')}>{(close) => <AddForm {...props} close={close} />}</Dialog>
    </DialogTrigger>
  );
}

function AddForm({ types, organisations, typeLabel, onAdded, close }: AddProps & { close: () => void }) {
  const t = useT();
  const [draft, setDraft] = useState({
    name: '',
    code: '',
    streetAddress: '',
    postalCode: '',
    city: '',
    lat: '',
    lon: '',
  });
  const [type, setType] = useState<string | null>(null);
  const [organisationId, setOrganisationId] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const set = (key: keyof typeof draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));

  const lat = parseCoordinate(draft.lat);
  const lon = parseCoordinate(draft.lon);
  const halfPosition = lat !== undefined && lon !== undefined && (lat === null) !== (lon === null);
  const invalid =
    !draft.name.trim() || !type || !organisationId || lat === undefined || lon === undefined || halfPosition;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (invalid) return;
    setSaving(true);
    setError(null);
    try {
      const created = await createFacility({
        name: draft.name.trim(),
        code: draft.code.trim() || null,
        type: type!,
        organisationId: organisationId!,
        streetAddress: draft.streetAddress.trim() || null,
        postalCode: draft.postalCode.trim() || null,
        city: draft.city.trim() || null,
        lat: lat ?? null,
        lon: lon ?? null,
      });
      onAdded(t('facilities.added', { name: created.name }));
      close();
    } catch (e) {
      setError(failureText(t, e));
      setSaving(false);
    }
  };

  return (
    <Form className="facilities-form" onSubmit={onSubmit} validationBehavior="aria">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <TextField
        label={t('facilities.fieldName')}
        isRequired
        value={draft.name}
        onChange={set('name')}
        maxLength={200}
        isInvalid={submitted && !draft.name.trim()}
        errorMessage={t('facilities.nameRequired')}
      />
      <Select
        label={t('facilities.fieldType')}
        isRequired
        selectedKey={type}
        onSelectionChange={(key: Key | null) => setType(key === null ? null : String(key))}
        isInvalid={submitted && !type}
        errorMessage={t('facilities.typeRequired')}
      >
        {types.map((ft) => (
          <ListBoxItem key={ft.code} id={ft.code}>
            {typeLabel(ft)}
          </ListBoxItem>
        ))}
      </Select>
      <Select
        label={t('facilities.fieldOrganisation')}
        isRequired
        selectedKey={organisationId}
        onSelectionChange={(key: Key | null) => setOrganisationId(key === null ? null : String(key))}
        isInvalid={submitted && !organisationId}
        errorMessage={t('facilities.organisationRequired')}
      >
        {organisations.map((o) => (
          <ListBoxItem key={o.id} id={o.id}>
            {o.name}
          </ListBoxItem>
        ))}
      </Select>
      <TextField
        label={t('facilities.fieldCode')}
        value={draft.code}
        onChange={set('code')}
        maxLength={100}
      />
      <TextField
        label={t('facilities.fieldAddress')}
        value={draft.streetAddress}
        onChange={set('streetAddress')}
        maxLength={200}
        autoComplete="street-address"
      />
      <div className="facilities-form__pair">
        <TextField
          label={t('facilities.fieldPostalCode')}
          value={draft.postalCode}
          onChange={set('postalCode')}
          maxLength={20}
          autoComplete="postal-code"
        />
        <TextField
          label={t('facilities.fieldCity')}
          value={draft.city}
          onChange={set('city')}
          maxLength={100}
        />
      </div>
      <div className="facilities-form__pair">
        <TextField
          label={t('facilities.fieldLat')}
          description={t('facilities.fieldCoordinatesHint')}
          value={draft.lat}
          onChange={set('lat')}
          inputMode="decimal"
          isInvalid={submitted && (lat === undefined || halfPosition)}
          errorMessage={
            lat === undefined ? t('facilities.coordinateInvalid') : t('facilities.coordinatesTogether')
          }
        />
        <TextField
          label={t('facilities.fieldLon')}
          value={draft.lon}
          onChange={set('lon')}
          inputMode="decimal"
          isInvalid={submitted && (lon === undefined || halfPosition)}
          errorMessage={
            lon === undefined ? t('facilities.coordinateInvalid') : t('facilities.coordinatesTogether')
          }
        />
      </div>
      <div className="facilities-actions">
        <Button type="submit" variant="primary" isDisabled={isSaving}>
          {isSaving ? t('facilities.saving') : t('facilities.save')}
        </Button>
        <Button onPress={close}>{t('facilities.cancel')}</Button>
      </div>
    </Form>
  );
}

/** "Ta bort", confirmed in an alert dialog. */
export function RemoveFacilityButton({
  facility,
  onRemoved,
}: {
  facility: Facility;
  onRemoved: (m: string) => void;
}) {
  const t = useT();
  return (
    <DialogTrigger>
      <Button variant="danger" aria-label={t('facilities.removeLabel', { name: facility.name })}>
        {t('facilities.remove')}
      </Button>
      <Dialog title={t('facilities.removeTitle', { name: facility.name })} role="alertdialog">
        {(close) => <RemoveBody facility={facility} onRemoved={onRemoved} close={close} />}
      </Dialog>
    </DialogTrigger>
  );
}

function RemoveBody({
  facility,
  onRemoved,
  close,
}: {
  facility: Facility;
  onRemoved: (m: string) => void;
  close: () => void;
}) {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const remove = async () => {
    setSaving(true);
    try {
      await deleteFacility(facility.id);
      onRemoved(t('facilities.removed', { name: facility.name }));
      close();
    } catch (e) {
      setError(failureText(t, e));
      setSaving(false);
    }
  };
  return (
    <div className="facilities-form">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <p>{t('facilities.removeBody')}</p>
      <div className="facilities-actions">
        <Button variant="danger" onPress={remove} isDisabled={isSaving}>
          {t('facilities.remove')}
        </Button>
        <Button onPress={close}>{t('facilities.cancel')}</Button>
      </div>
    </div>
  );
}
