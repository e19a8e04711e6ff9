import type { ReactNode } from 'react';
import './content.css';

export interface EmptyStateProps {
  title: string;
  children?: ReactNode;
  /** A next step, e.g. a button that clears the filter. */
  action?: ReactNode;
  headingLevel?: 2 | 3 | 4;
}

/** What to show instead of an empty list: say that it is empty and what to do next. */
export function EmptyState({ title, children, action, headingLevel = 3 }: EmptyStateProps) {
  const Heading = `h${headingLevel}` as const;
  return (
    <div className="empty-state">
      <Heading className="empty-state__title">{title}</Heading>
      {children ? <div className="empty-state__body">{children}</div> : null}
      {action ? <div className="empty-state__action">{action}</div> : null}
    </div>
  );
}
