import {
  ProgressBar as AriaProgressBar,
  type ProgressBarProps as AriaProgressBarProps,
  Label,
} from 'react-aria-components';
import { cx, withClass } from './class-names.ts';
import './content.css';

export interface ProgressBarProps extends AriaProgressBarProps {
  label: string;
  /** Hide the label visually (it stays the accessible name). */
  hideLabel?: boolean;
}

/** Progress of long work; leave out `value` (or set `isIndeterminate`) when the end is unknown. */
export function ProgressBar({ label, hideLabel, className, ...props }: ProgressBarProps) {
  return (
    <AriaProgressBar {...props} className={withClass('progress', className)}>
      {({ percentage, valueText, isIndeterminate }) => (
        <>
          <div className={cx('progress__label', hideLabel && 'visually-hidden')}>
            <Label>{label}</Label>
            {isIndeterminate ? null : <span className="progress__value">{valueText}</span>}
          </div>
          <div className="progress__track">
            <div
              className={cx('progress__fill', isIndeterminate && 'progress__fill--indeterminate')}
              style={isIndeterminate ? undefined : { width: `${percentage ?? 0}%` }}
            />
          </div>
        </>
      )}
    </AriaProgressBar>
  );
}
