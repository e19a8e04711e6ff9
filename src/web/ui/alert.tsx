import type { ReactNode, Ref } from 'react';
import { cx } from './class-names.ts';
import './content.css';

export type AlertTone = 'info' | 'success' | 'warning' | 'error';

export interface AlertProps {
  tone?: AlertTone;
  title?: string;
  children?: ReactNode;
  /**
   * `alert` interrupts the screen reader (errors that need attention now); `status` waits politely
   * (confirmations, progress). Defaults to `alert` for errors and `status` otherwise.
   */
  role?: 'alert' | 'status' | 'none';
  id?: string;
  className?: string;
  ref?: Ref<HTMLDivElement>;
  tabIndex?: number;
}

const ICONS: Record<AlertTone, string> = { info: 'i', success: '✓', warning: '!', error: '!' };

/** A message box. Mount it with its content so live-region announcements are reliable. */
export function Alert({ tone = 'info', title, children, role, id, className, ref, tabIndex }: AlertProps) {
  const liveRole = role ?? (tone === 'error' ? 'alert' : 'status');
  return (
    <div
      ref={ref}
      id={id}
      tabIndex={tabIndex}
      role={liveRole === 'none' ? undefined : liveRole}
      className={cx('alert', `alert--${tone}`, className)}
    >
      <span className="alert__icon" aria-hidden="true">
        {ICONS[tone]}
      </span>
      <div className="alert__content">
        {title ? <p className="alert__title">{title}</p> : null}
        {children ? <div className="alert__body">{children}</div> : null}
      </div>
    </div>
  );
}
