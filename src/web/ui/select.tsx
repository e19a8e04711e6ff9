import type { ReactNode } from 'react';
import {
  Select as AriaSelect,
  type SelectProps as AriaSelectProps,
  Button,
  ListBox,
  Popover,
  SelectValue,
} from 'react-aria-components';
import { useT } from '../i18n/i18n-provider.tsx';
import { withClass } from './class-names.ts';
import { type FieldBaseProps, FieldHelp, FieldLabel } from './field-parts.tsx';
import './field.css';
import './overlay.css';

export interface SelectProps<T extends object> extends Omit<AriaSelectProps<T>, 'children'>, FieldBaseProps {
  items?: Iterable<T>;
  /** `ListBoxItem`s, or a function rendering one per item of `items`. */
  children: ReactNode | ((item: T) => ReactNode);
}

/** A single choice from a short list (use ComboBox when the list is long or searchable). */
export function Select<T extends object>({
  label,
  description,
  errorMessage,
  items,
  children,
  className,
  placeholder,
  ...props
}: SelectProps<T>) {
  const t = useT();
  return (
    <AriaSelect
      {...props}
      placeholder={placeholder ?? t('ui.selectPlaceholder')}
      className={withClass('field', className)}
    >
      <FieldLabel isRequired={props.isRequired}>{label}</FieldLabel>
      <Button className="field__input select__button">
        <SelectValue className="select__value" />
        <span className="select__chevron" aria-hidden="true" />
      </Button>
      <FieldHelp description={description} errorMessage={errorMessage} />
      <Popover className="popover">
        <ListBox items={items} className="listbox">
          {children}
        </ListBox>
      </Popover>
    </AriaSelect>
  );
}
