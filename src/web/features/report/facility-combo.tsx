import { useEffect, useRef, useState } from 'react';
import { Text } from 'react-aria-components';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { ComboBox } from '../../ui/combo-box.tsx';
import { ListBoxItem } from '../../ui/list-box.tsx';
import { type FacilityOption, searchFacilities } from './api.ts';

interface FacilityComboProps {
  label: string;
  description?: string;
  value: { id: string; name: string } | null;
  onChange: (facility: FacilityOption | null) => void;
  isRequired?: boolean;
  error?: string;
}

/** Pick a facility by typing part of its name or address; suggestions come from the server. */
export function FacilityCombo({
  label,
  description,
  value,
  onChange,
  isRequired,
  error,
}: FacilityComboProps) {
  const { t } = useI18n();
  const [input, setInput] = useState(value?.name ?? '');
  const [items, setItems] = useState<FacilityOption[]>([]);
  const [status, setStatus] = useState<'idle' | 'loading' | 'failed'>('idle');
  const latest = useRef(0);

  // A restored draft or a reset changes the value from outside: show its name.
  useEffect(() => {
    setInput(value?.name ?? '');
  }, [value?.name]);

  useEffect(() => {
    const query = input.trim();
    const request = ++latest.current;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      setStatus('loading');
      searchFacilities(query, controller.signal).then(
        (found) => {
          if (request !== latest.current) return;
          setItems(found);
          setStatus('idle');
        },
        () => {
          if (request === latest.current && !controller.signal.aborted) setStatus('failed');
        },
      );
    }, 250);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [input]);

  const help = status === 'failed' ? t('report.facility.searchFailed') : undefined;

  return (
    <ComboBox<FacilityOption>
      label={label}
      description={help ?? description}
      items={items}
      inputValue={input}
      onInputChange={(text) => {
        setInput(text);
        if (value && text !== value.name) onChange(null);
      }}
      selectedKey={value?.id ?? null}
      onSelectionChange={(key) => {
        const found = items.find((f) => f.id === key) ?? null;
        if (found) {
          setInput(found.name);
          onChange(found);
        } else if (key === null && value) {
          onChange(null);
        }
      }}
      allowsEmptyCollection
      isRequired={isRequired}
      isInvalid={Boolean(error)}
      errorMessage={error}
    >
      {(facility) => (
        <ListBoxItem id={facility.id} textValue={facility.name}>
          <Text slot="label">{facility.name}</Text>
          {facility.address ? (
            <Text slot="description" className="report-option__detail">
              {facility.address}
            </Text>
          ) : null}
        </ListBoxItem>
      )}
    </ComboBox>
  );
}
