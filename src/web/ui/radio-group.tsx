import type { ReactNode } from 'react';
import {
  Radio as AriaRadio,
  RadioGroup as AriaRadioGroup,
  type RadioGroupProps as AriaRadioGroupProps,
  type RadioProps as AriaRadioProps,
} from 'react-aria-components';
import { withClass } from './class-names.ts';
import { type FieldBaseProps, FieldHelp, FieldLabel } from './field-parts.tsx';
import './choice.css';
import './field.css';

export interface RadioGroupProps extends Omit<AriaRadioGroupProps, 'children'>, FieldBaseProps {
  children: ReactNode;
}

/** A group of mutually exclusive options; its label names the group (role="radiogroup"). */
export function RadioGroup({
  label,
  description,
  errorMessage,
  children,
  className,
  ...props
}: RadioGroupProps) {
  return (
    <AriaRadioGroup {...props} className={withClass('field radio-group', className)}>
      <FieldLabel isRequired={props.isRequired}>{label}</FieldLabel>
      <div className="radio-group__options">{children}</div>
      <FieldHelp description={description} errorMessage={errorMessage} />
    </AriaRadioGroup>
  );
}

export interface RadioProps extends Omit<AriaRadioProps, 'children'> {
  children: ReactNode;
}

export function Radio({ children, className, ...props }: RadioProps) {
  return (
    <AriaRadio {...props} className={withClass('choice choice--radio', className)}>
      <span className="choice__box" aria-hidden="true" />
      <span className="choice__label">{children}</span>
    </AriaRadio>
  );
}
