import { type ReactNode, useId } from 'react';
import { useT } from '../i18n/i18n-provider.tsx';
import './visual.css';

export interface VisualProps {
  /** What the map or chart shows; becomes the figure's caption and accessible name. */
  title: string;
  /** A sentence or two with the main finding, for everyone (not only screen-reader users). */
  description?: string;
  /** The same data as a table: the accessible alternative, shown on request. */
  tableAlternative?: ReactNode;
}

/** The frame every map and chart sits in: caption, the visual, and its table alternative. */
export function VisualFrame({
  title,
  description,
  tableAlternative,
  placeholder,
  kind,
}: VisualProps & { placeholder: string; kind: 'map' | 'chart' }) {
  const t = useT();
  const captionId = useId();
  return (
    <figure className={`visual visual--${kind}`} aria-labelledby={captionId}>
      <figcaption id={captionId} className="visual__caption">
        <span className="visual__title">{title}</span>
        {description ? <span className="visual__description">{description}</span> : null}
      </figcaption>
      <div className="visual__canvas">
        <p className="visual__placeholder">{placeholder}</p>
      </div>
      {tableAlternative ? (
        <details className="visual__alternative">
          <summary>{t('ui.tableAlternative')}</summary>
          {tableAlternative}
        </details>
      ) : null}
    </figure>
  );
}
