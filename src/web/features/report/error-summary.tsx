import type { Ref } from 'react';
import { useT } from '../../i18n/i18n-provider.tsx';

export interface FieldProblem {
  /** The id of the element wrapping the field (`report-field-…`). */
  target: string;
  message: string;
}

/** Moves focus to the first control inside the wrapper of a field. */
export function focusField(target: string): void {
  const wrapper = document.getElementById(target);
  if (!wrapper) return;
  const control = wrapper.matches('input, textarea, button, [tabindex]')
    ? wrapper
    : wrapper.querySelector<HTMLElement>(
        'input:not([type="hidden"]):not([disabled]), textarea, [role="spinbutton"], button:not([disabled]), [tabindex="0"]',
      );
  wrapper.scrollIntoView({ block: 'center' });
  (control ?? wrapper).focus();
}

/**
 * The problems that stop a form from being sent, at its top (WCAG 3.3.1): each links to its field.
 * It takes focus when it appears, so keyboard and screen-reader users land on it.
 */
export function ErrorSummary({
  problems,
  title,
  ref,
}: {
  problems: FieldProblem[];
  title?: string;
  ref?: Ref<HTMLDivElement>;
}) {
  const t = useT();
  return (
    <div ref={ref} tabIndex={-1} role="alert" className="alert alert--error report-error-summary">
      <span className="alert__icon" aria-hidden="true">
        !
      </span>
      <div className="alert__content">
        <h2 className="alert__title report-error-summary__title">{title ?? t('report.errors.title')}</h2>
        <ul className="report-error-summary__list">
          {problems.map((p) => (
            <li key={`${p.target}:${p.message}`}>
              <a
                href={`#${p.target}`}
                onClick={(event) => {
                  event.preventDefault();
                  focusField(p.target);
                }}
              >
                {p.message}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
