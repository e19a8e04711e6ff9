import { useEffect, useState } from 'react';
import type { Key } from 'react-aria-components';
import type { AreaListResponse } from '../../../domain/api/areas.ts';
import type { AreaResponsibility, Organisation } from '../../../domain/api/organisations.ts';
import { useT } from '../../i18n/i18n-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { ComboBox } from '../../ui/combo-box.tsx';
import { ListBoxItem } from '../../ui/list-box.tsx';
import { assignArea, deleteAreaResponsibility, fetchAreas, updateAreaResponsibility } from './api.ts';
import { ChangeForm, DayField, FormDialog } from './form-parts.tsx';
import { errorMessage, useFormatDay } from './format.ts';
import type { OnChanged } from './organisations-page.tsx';

type Area = AreaListResponse['items'][number];

interface Props {
  organisation: Organisation;
  onChanged: OnChanged;
}

export function AssignAreaDialog({ organisation, today, onChanged }: Props & { today: string }) {
  const t = useT();
  return (
    <FormDialog
      trigger={t('organisations.action.assignArea')}
      title={t('organisations.area.title', { name: organisation.name })}
    >
      {(close) => (
        <AssignForm organisation={organisation} today={today} onChanged={onChanged} close={close} />
      )}
    </FormDialog>
  );
}

function AssignForm({
  organisation: o,
  today,
  onChanged,
  close,
}: Props & { today: string; close: () => void }) {
  const t = useT();
  const [areas, setAreas] = useState<Area[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [areaId, setAreaId] = useState<string | null>(null);
  const [validFrom, setValidFrom] = useState<string | null>(
    o.validFrom && o.validFrom > today ? o.validFrom : today,
  );
  const [validTo, setValidTo] = useState<string | null>(o.validTo);

  useEffect(() => {
    const controller = new AbortController();
    fetchAreas(controller.signal).then(
      // The municipality's own root area is the whole city, not a district's.
      (items) => setAreas(items.filter((a) => a.parentId !== null)),
      (e: unknown) => {
        if (!controller.signal.aborted) setLoadError(errorMessage(t, e));
      },
    );
    return () => controller.abort();
  }, [t]);

  const endBeforeStart = validFrom !== null && validTo !== null && validTo < validFrom;
  const submit = async () => {
    if (!areaId || endBeforeStart) return false;
    const created = await assignArea(o.id, { areaId, validFrom, validTo });
    close();
    onChanged(t('organisations.area.done', { name: o.name, area: created.areaName }), o.id);
  };

  if (loadError) return <Alert tone="error">{loadError}</Alert>;
  if (areas && areas.length === 0) return <p>{t('organisations.area.noAreas')}</p>;
  return (
    <ChangeForm onSubmit={submit} submitLabel={t('organisations.form.save')} close={close}>
      {(submitted) => (
        <>
          <ComboBox
            label={t('organisations.area.area')}
            isRequired
            defaultItems={areas ?? []}
            selectedKey={areaId}
            onSelectionChange={(key: Key | null) => setAreaId(key === null ? null : String(key))}
            isInvalid={submitted && !areaId}
            errorMessage={t('organisations.area.areaRequired')}
          >
            {(area: Area) => (
              <ListBoxItem id={area.id} textValue={area.name}>
                {area.code ? `${area.name} (${area.code})` : area.name}
              </ListBoxItem>
            )}
          </ComboBox>
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
            isInvalid={endBeforeStart}
            errorMessage={t('organisations.form.endBeforeStart')}
          />
        </>
      )}
    </ChangeForm>
  );
}

export function EndAreaDialog({
  organisation: o,
  responsibility: r,
  today,
  onChanged,
}: Props & { responsibility: AreaResponsibility; today: string }) {
  const t = useT();
  const formatDay = useFormatDay();
  return (
    <FormDialog
      trigger={t('organisations.action.endArea', { area: r.areaName })}
      title={t('organisations.area.endTitle', { area: r.areaName })}
    >
      {(close) => <EndAreaForm {...{ o, r, today, onChanged, close, formatDay }} />}
    </FormDialog>
  );
}

function EndAreaForm({
  o,
  r,
  today,
  onChanged,
  close,
  formatDay,
}: {
  o: Organisation;
  r: AreaResponsibility;
  today: string;
  onChanged: OnChanged;
  close: () => void;
  formatDay: (day: string) => string;
}) {
  const t = useT();
  const [date, setDate] = useState<string | null>(r.validFrom && r.validFrom > today ? r.validFrom : today);
  const beforeStart = date !== null && r.validFrom !== null && date < r.validFrom;
  const submit = async () => {
    if (!date || beforeStart) return false;
    await updateAreaResponsibility(o.id, r.id, { validTo: date });
    close();
    onChanged(t('organisations.area.endDone', { area: r.areaName, date: formatDay(date) }), o.id);
  };
  return (
    <ChangeForm onSubmit={submit} submitLabel={t('organisations.form.save')} close={close}>
      {(submitted) => (
        <DayField
          label={t('organisations.area.endDate')}
          isRequired
          value={date}
          onChange={setDate}
          isInvalid={(submitted && !date) || beforeStart}
          errorMessage={date ? t('organisations.form.endBeforeStart') : t('organisations.form.required')}
        />
      )}
    </ChangeForm>
  );
}

export function RemoveAreaDialog({
  organisation: o,
  responsibility: r,
  onChanged,
}: Props & { responsibility: AreaResponsibility }) {
  const t = useT();
  return (
    <FormDialog
      trigger={t('organisations.action.removeArea', { area: r.areaName })}
      title={t('organisations.area.removeTitle', { area: r.areaName })}
      role="alertdialog"
    >
      {(close) => (
        <ChangeForm
          submitVariant="danger"
          submitLabel={t('organisations.area.removeSubmit')}
          close={close}
          onSubmit={async () => {
            await deleteAreaResponsibility(o.id, r.id);
            close();
            onChanged(t('organisations.area.removeDone', { area: r.areaName }), o.id);
          }}
        >
          {() => <p>{t('organisations.area.removeBody')}</p>}
        </ChangeForm>
      )}
    </FormDialog>
  );
}
