import type { ComplianceStatus } from '../../../domain/api/coordinators.ts';
import { useT } from '../../i18n/i18n-provider.tsx';
import { statusKey } from './format.ts';

const ICONS: Record<ComplianceStatus, string> = { missing: '✕', ending: '!', covered: '✓' };

/** A status in words, with colour and a symbol as extra cues only. */
export function StatusBadge({ status }: { status: ComplianceStatus }) {
  const t = useT();
  return (
    <span className={`status-badge status-badge--${status}`}>
      <span className="status-badge__icon" aria-hidden="true">
        {ICONS[status]}
      </span>
      {t(statusKey(status))}
    </span>
  );
}
