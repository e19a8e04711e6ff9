import { lazy, Suspense, useId, useState } from 'react';
import { useFormat, useI18n } from '../../i18n/i18n-provider.tsx';
import type { Translate } from '../../i18n/translate.ts';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { useResource } from '../../ui/use-resource.ts';
import { fetchMapBackground } from './api.ts';
import type { LocationSource } from './draft.ts';

// MapLibre is large: loaded only when the user opens the map.
const PinMap = lazy(() => import('./pin-map.tsx').then((m) => ({ default: m.PinMap })));

export interface PinnedLocation {
  lat: number;
  lon: number;
  source: LocationSource;
  accuracy?: number | null;
}

type PositionState = { status: 'idle' } | { status: 'locating' } | { status: 'failed'; message: string };

function positionError(t: Translate, error: GeolocationPositionError | null): string {
  if (!error) return t('report.position.unsupported');
  if (error.code === error.PERMISSION_DENIED) return t('report.position.denied');
  if (error.code === error.TIMEOUT) return t('report.position.timeout');
  return t('report.position.unavailable');
}

/**
 * The pin: "use my position" (when the browser allows it) or a place chosen on the map; the
 * position is always written out in words too, and can be removed.
 */
export function PositionField({
  value,
  onChange,
  error,
}: {
  value: PinnedLocation | null;
  onChange: (value: PinnedLocation | null) => void;
  error?: string;
}) {
  const { t } = useI18n();
  const format = useFormat();
  const [position, setPosition] = useState<PositionState>({ status: 'idle' });
  const [mapOpen, setMapOpen] = useState(false);
  const mapId = useId();
  const canLocate = typeof navigator !== 'undefined' && 'geolocation' in navigator;

  const locate = () => {
    if (!canLocate) {
      setPosition({ status: 'failed', message: positionError(t, null) });
      return;
    }
    setPosition({ status: 'locating' });
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setPosition({ status: 'idle' });
        onChange({
          lat: Math.round(pos.coords.latitude * 1e6) / 1e6,
          lon: Math.round(pos.coords.longitude * 1e6) / 1e6,
          source: 'device',
          accuracy: Number.isFinite(pos.coords.accuracy) ? Math.round(pos.coords.accuracy) : null,
        });
      },
      (err) => setPosition({ status: 'failed', message: positionError(t, err) }),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  const coordinates = value
    ? `${format.number(value.lat, { maximumFractionDigits: 5 })}, ${format.number(value.lon, { maximumFractionDigits: 5 })}`
    : '';

  return (
    <div className="report-position" id="report-field-location">
      <div className="report-actions">
        {canLocate ? (
          <Button onPress={locate} isDisabled={position.status === 'locating'}>
            {position.status === 'locating' ? t('report.position.locating') : t('report.position.use')}
          </Button>
        ) : null}
        <Button onPress={() => setMapOpen((open) => !open)} aria-expanded={mapOpen} aria-controls={mapId}>
          {mapOpen ? t('report.map.close') : t('report.map.open')}
        </Button>
      </div>
      <div role="status" className="report-position__status">
        {position.status === 'failed' ? (
          <Alert tone="warning" role="none">
            {position.message}
          </Alert>
        ) : null}
        {value ? (
          <p>
            {value.source === 'device'
              ? value.accuracy
                ? t('report.position.fromDeviceAccuracy', { coordinates, metres: value.accuracy })
                : t('report.position.fromDevice', { coordinates })
              : t('report.position.fromMap', { coordinates })}
          </p>
        ) : null}
      </div>
      {error ? <p className="field__error">{error}</p> : null}
      {value ? (
        <Button variant="quiet" onPress={() => onChange(null)}>
          {t('report.position.remove')}
        </Button>
      ) : null}
      <div id={mapId} hidden={!mapOpen}>
        {mapOpen ? (
          <MapSection
            value={value}
            onChange={(next) => onChange({ ...next, source: 'map', accuracy: null })}
          />
        ) : null}
      </div>
    </div>
  );
}

function MapSection({
  value,
  onChange,
}: {
  value: PinnedLocation | null;
  onChange: (value: { lat: number; lon: number }) => void;
}) {
  const { t } = useI18n();
  const background = useResource(fetchMapBackground, 'map');
  if (background.status === 'loading' && !background.data)
    return <p role="status">{t('report.map.loading')}</p>;
  return (
    <Suspense fallback={<p role="status">{t('report.map.loading')}</p>}>
      <PinMap
        label={t('report.map.label')}
        value={value}
        onChange={onChange}
        areas={background.data?.areas ?? null}
        tileUrl={background.data?.tileUrl ?? null}
      />
    </Suspense>
  );
}
