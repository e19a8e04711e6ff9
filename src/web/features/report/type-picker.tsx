import type { IncidentType, TaxonomyResponse } from '../../../domain/api/incidents.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { Radio, RadioGroup } from '../../ui/radio-group.tsx';
import { localLabel } from './labels.ts';

/** The types a reporter can choose from: active ones, in their group's order. */
export function activeTypes(taxonomy: TaxonomyResponse, groupCode?: string): IncidentType[] {
  return taxonomy.types
    .filter((type) => type.active && (groupCode === undefined || type.groupCode === groupCode))
    .sort((a, b) => a.sortOrder - b.sortOrder);
}

interface TypePickerProps {
  taxonomy: TaxonomyResponse;
  groupCode: string | null;
  typeId: string | null;
  onChange: (groupCode: string | null, typeId: string | null) => void;
  groupError?: string;
  typeError?: string;
}

/**
 * Two steps, both plain radio groups (quick with a thumb, with arrow keys, and with a screen
 * reader): first the kind of event, then the type within it.
 */
export function TypePicker({
  taxonomy,
  groupCode,
  typeId,
  onChange,
  groupError,
  typeError,
}: TypePickerProps) {
  const { t, locale } = useI18n();
  const types = activeTypes(taxonomy);
  const groups = [...taxonomy.groups]
    .filter((g) => types.some((type) => type.groupCode === g.code))
    .sort((a, b) => a.sortOrder - b.sortOrder);
  const inGroup = groupCode ? types.filter((type) => type.groupCode === groupCode) : [];
  const selected = types.find((type) => type.id === typeId) ?? null;
  const description = selected ? (locale === 'sv' ? selected.descriptionSv : selected.descriptionEn) : null;

  return (
    <div className="report-type-picker">
      <div id="report-field-group">
        <RadioGroup
          label={t('report.field.group')}
          isRequired
          value={groupCode}
          onChange={(code) => {
            const keep = types.some((type) => type.id === typeId && type.groupCode === code);
            onChange(code, keep ? typeId : null);
          }}
          isInvalid={Boolean(groupError)}
          errorMessage={groupError}
        >
          {groups.map((group) => (
            <Radio key={group.code} value={group.code}>
              {localLabel(locale, group)}
            </Radio>
          ))}
        </RadioGroup>
      </div>
      {groupCode ? (
        <div id="report-field-type">
          <TypeRadios
            types={inGroup}
            typeId={typeId}
            onChange={(id) => onChange(groupCode, id)}
            error={typeError}
            description={description ?? undefined}
          />
        </div>
      ) : null}
    </div>
  );
}

export function TypeRadios({
  types,
  typeId,
  onChange,
  error,
  description,
  label,
}: {
  types: IncidentType[];
  typeId: string | null;
  onChange: (typeId: string) => void;
  error?: string;
  description?: string;
  label?: string;
}) {
  const { t, locale } = useI18n();
  return (
    <RadioGroup
      label={label ?? t('report.field.type')}
      isRequired
      value={typeId}
      onChange={onChange}
      isInvalid={Boolean(error)}
      errorMessage={error}
      description={description}
    >
      {types.map((type) => (
        <Radio key={type.id} value={type.id}>
          {localLabel(locale, type)}
        </Radio>
      ))}
    </RadioGroup>
  );
}
