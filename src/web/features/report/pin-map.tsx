import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef } from 'react';
import type { AreaFeatureCollection } from '../../../domain/api/areas.ts';
import { useT } from '../../i18n/i18n-provider.tsx';
import { Button } from '../../ui/button.tsx';
import '../../ui/map/map.css';
import './report.css';

maplibregl.setWorkerUrl(workerUrl);

type SourceData = Parameters<maplibregl.GeoJSONSource['setData']>[0];

export interface PinMapProps {
  label: string;
  value: { lat: number; lon: number } | null;
  onChange: (value: { lat: number; lon: number }) => void;
  areas: AreaFeatureCollection | null;
  tileUrl: string | null;
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * A map to place one pin: click or tap where it happened, or (by keyboard) move the map with the
 * arrow keys until the cross in the middle is on the place and press "Put the pin in the middle".
 */
export function PinMap({ label, value, onChange, areas, tileUrl }: PinMapProps) {
  const t = useT();
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const markerRef = useRef<maplibregl.Marker | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the map is made once, on mount
  useEffect(() => {
    if (!container.current) return;
    const map = new maplibregl.Map({
      container: container.current,
      style: {
        version: 8,
        sources: tileUrl ? { base: { type: 'raster', tiles: [tileUrl], tileSize: 256 } } : {},
        layers: [
          { id: 'background', type: 'background', paint: { 'background-color': '#f4f6f8' } },
          ...(tileUrl ? [{ id: 'base', type: 'raster' as const, source: 'base' }] : []),
        ],
      },
      center: value ? [value.lon, value.lat] : [18.05, 59.33],
      zoom: value ? 14 : 10,
      attributionControl: tileUrl ? {} : false,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
    });
    mapRef.current = map;
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    const canvas = map.getCanvas();
    canvas.setAttribute('aria-label', label);
    canvas.setAttribute('role', 'img');
    map.on('load', () => {
      if (areas) {
        map.addSource('areas', { type: 'geojson', data: areas as unknown as SourceData });
        map.addLayer({
          id: 'area-fill',
          type: 'fill',
          source: 'areas',
          paint: { 'fill-color': '#9cc3e6', 'fill-opacity': 0.25 },
        });
        map.addLayer({
          id: 'area-line',
          type: 'line',
          source: 'areas',
          paint: { 'line-color': '#0b3a66', 'line-width': ['case', ['<=', ['get', 'depth'], 1], 2, 0.75] },
        });
        const box = areas.bbox;
        if (box && !value) map.fitBounds([box[0], box[1], box[2], box[3]], { padding: 16, animate: false });
      }
    });
    map.on('click', (e) => onChangeRef.current({ lat: round(e.lngLat.lat), lon: round(e.lngLat.lng) }));
    return () => {
      markerRef.current?.remove();
      markerRef.current = null;
      map.remove();
      mapRef.current = null;
    };
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    if (!value) {
      markerRef.current?.remove();
      markerRef.current = null;
      return;
    }
    if (!markerRef.current) {
      const element = document.createElement('div');
      element.className = 'report-pin';
      element.setAttribute('aria-hidden', 'true');
      markerRef.current = new maplibregl.Marker({ element, anchor: 'bottom' });
      markerRef.current.setLngLat([value.lon, value.lat]).addTo(map);
      // The marker's wrapper must not be a tab stop or announced: the position is told in text.
      markerRef.current.getElement().removeAttribute('tabindex');
      markerRef.current.getElement().setAttribute('aria-hidden', 'true');
    } else {
      markerRef.current.setLngLat([value.lon, value.lat]);
    }
  }, [value]);

  const pinAtCentre = () => {
    const map = mapRef.current;
    if (!map) return;
    const c = map.getCenter();
    onChange({ lat: round(c.lat), lon: round(c.lng) });
  };

  return (
    <div className="report-pin-map">
      <p className="report-muted">{t('report.map.howTo')}</p>
      <div className="report-pin-map__frame">
        <div ref={container} className="map-view report-pin-map__map" />
        <span className="report-pin-map__cross" aria-hidden="true" />
      </div>
      <Button onPress={pinAtCentre}>{t('report.map.pinCentre')}</Button>
    </div>
  );
}
