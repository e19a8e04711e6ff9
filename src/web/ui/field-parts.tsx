import type { ReactNode } from 'react';
import { FieldError, Label, Text, type ValidationResult } from 'react-aria-components';

export type ErrorMessage = string | ((validation: ValidationResult) => string);

export interface FieldBaseProps {
  /** The visible label; every field has one. */
  label: string;
  /** Help shown under the label, linked to the control with aria-describedby. */
  description?: string;
  /** Shown when the field is invalid (`isInvalid`, or a failed `validate`). */
  errorMessage?: ErrorMessage;
}

/**
 * A field's label. Required fields get a visual asterisk; screen readers hear "required" from the
 * control's aria-required instead, so the accessible name stays exactly the label text.
 */
export function FieldLabel({ children, isRequired }: { children: ReactNode; isRequired?: boolean }) {
  return (
    <Label className="field__label">
      {children}
      {isRequired ? (
        <span className="field__required" aria-hidden="true">
          {' *'}
        </span>
      ) : null}
    </Label>
  );
}

export function FieldHelp({
  description,
  errorMessage,
}: Pick<FieldBaseProps, 'description' | 'errorMessage'>) {
  return (
    <>
      {description ? (
        <Text slot="description" className="field__description">
          {description}
        </Text>
      ) : null}
      <FieldError className="field__error">{errorMessage}</FieldError>
    </>
  );
}
