import {
  TextField as AriaTextField,
  type TextFieldProps as AriaTextFieldProps,
  TextArea,
} from 'react-aria-components';
import { withClass } from './class-names.ts';
import { type FieldBaseProps, FieldHelp, FieldLabel } from './field-parts.tsx';
import './field.css';

export interface TextAreaFieldProps extends Omit<AriaTextFieldProps, 'children'>, FieldBaseProps {
  rows?: number;
}

/** A multi-line text field in the kit's style, growing downwards when the user drags it. */
export function TextAreaField({
  label,
  description,
  errorMessage,
  rows = 4,
  className,
  ...props
}: TextAreaFieldProps) {
  return (
    <AriaTextField {...props} className={withClass('field', className)}>
      <FieldLabel isRequired={props.isRequired}>{label}</FieldLabel>
      <TextArea className="field__input field__input--multiline" rows={rows} />
      <FieldHelp description={description} errorMessage={errorMessage} />
    </AriaTextField>
  );
}
