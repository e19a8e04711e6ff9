import type { ReactNode } from 'react';
import {
  ComboBox as AriaComboBox,
  type ComboBoxProps as AriaComboBoxProps,
  Button,
  Input,
  ListBox,
  Popover,
} from 'react-aria-components';
import { withClass } from './class-names.ts';
import { type FieldBaseProps, FieldHelp, FieldLabel } from './field-parts.tsx';
import './field.css';
import './overlay.css';

export interface ComboBoxProps<T extends object>
  extends Omit<AriaComboBoxProps<T>, 'children'>,
    FieldBaseProps {
  placeholder?: string;
  children: ReactNode | ((item: T) => ReactNode);
}

/** A text input with a filtered list of suggestions; set `allowsCustomValue` to accept free text. */
export function ComboBox<T extends object>({
  label,
  description,
  errorMessage,
  placeholder,
  children,
  className,
  ...props
}: ComboBoxProps<T>) {
  return (
    <AriaComboBox {...props} className={withClass('field', className)}>
      <FieldLabel isRequired={props.isRequired}>{label}</FieldLabel>
      <div className="combobox__control">
        <Input className="field__input combobox__input" placeholder={placeholder} />
        {/* React Aria labels this button itself ("Visa förslag" / "Show suggestions"). */}
        <Button className="combobox__button">
          <span className="select__chevron" aria-hidden="true" />
        </Button>
      </div>
      <FieldHelp description={description} errorMessage={errorMessage} />
      <Popover className="popover">
        <ListBox className="listbox">{children}</ListBox>
      </Popover>
    </AriaComboBox>
  );
}
