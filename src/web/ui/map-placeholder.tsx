import { useT } from '../i18n/i18n-provider.tsx';
import { VisualFrame, type VisualProps } from './visual-frame.tsx';

/** Stands in for the MapLibre map until it is built; loaded in its own chunk by `LazyMap`. */
export function MapPlaceholder(props: VisualProps) {
  const t = useT();
  return <VisualFrame {...props} kind="map" placeholder={t('ui.map.placeholder')} />;
}
