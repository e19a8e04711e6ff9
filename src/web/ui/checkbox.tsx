import type { ReactNode } from 'react';
import { Checkbox as AriaCheckbox, type CheckboxProps as AriaCheckboxProps } from 'react-aria-components';
import { withClass } from './class-names.ts';
import './choice.css';

export interface CheckboxProps extends Omit<AriaCheckboxProps, 'children'> {
  children: ReactNode;
}

export function Checkbox({ children, className, ...props }: CheckboxProps) {
  return (
    <AriaCheckbox {...props} className={withClass('choice', className)}>
      {({ isSelected, isIndeterminate }) => (
        <>
          <span className="choice__box" aria-hidden="true">
            {isIndeterminate ? (
              <svg aria-hidden="true" viewBox="0 0 16 16" focusable="false">
                <path d="M3.5 8h9" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
              </svg>
            ) : isSelected ? (
              <svg aria-hidden="true" viewBox="0 0 16 16" focusable="false">
                <path
                  d="M3 8.5l3.2 3L13 4.5"
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="2.2"
                  strokeLinecap="round"
                  strokeLinejoin="round"
                />
              </svg>
            ) : null}
          </span>
          <span className="choice__label">{children}</span>
        </>
      )}
    </AriaCheckbox>
  );
}
