import {
  TextField as AriaTextField,
  type TextFieldProps as AriaTextFieldProps,
  TextArea,
} from 'react-aria-components';
import { withClass } from '../../ui/class-names.ts';
import { type FieldBaseProps, FieldHelp, FieldLabel } from '../../ui/field-parts.tsx';
import '../../ui/field.css';
import './incidents.css';

export interface TextAreaFieldProps extends Omit<AriaTextFieldProps, 'children'>, FieldBaseProps {
  rows?: number;
}

/** A multi-line text field in the kit's style (the kit has single-line fields only). */
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
      <TextArea className="field__input incident-textarea" rows={rows} />
      <FieldHelp description={description} errorMessage={errorMessage} />
    </AriaTextField>
  );
}
