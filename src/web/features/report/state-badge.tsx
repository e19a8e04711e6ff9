import type { IncidentState } from '../../../domain/api/incidents.ts';
import { useT } from '../../i18n/i18n-provider.tsx';
import '../../ui/content.css';
import { stateLabel } from './labels.ts';
import './report.css';

/** The state in words (never colour alone), with a symbol for a quick look. */
export function StateBadge({ state }: { state: IncidentState }) {
  const t = useT();
  return <span className={`badge report-state report-state--${state}`}>{stateLabel(t, state)}</span>;
}
