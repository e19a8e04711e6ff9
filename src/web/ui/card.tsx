import type { ReactNode } from 'react';
import { cx } from './class-names.ts';
import './content.css';

export interface CardProps {
  title: string;
  /** Heading level of the title in the page's outline (default 2). */
  headingLevel?: 2 | 3 | 4;
  children?: ReactNode;
  /** Actions or links at the bottom of the card. */
  footer?: ReactNode;
  className?: string;
  /** Rendered as this element: `article` for self-contained items, `section` otherwise. */
  as?: 'article' | 'section' | 'div' | 'li';
}

export function Card({
  title,
  headingLevel = 2,
  children,
  footer,
  className,
  as: Element = 'section',
}: CardProps) {
  const Heading = `h${headingLevel}` as const;
  return (
    <Element className={cx('card', className)}>
      <Heading className="card__title">{title}</Heading>
      {children ? <div className="card__body">{children}</div> : null}
      {footer ? <div className="card__footer">{footer}</div> : null}
    </Element>
  );
}
