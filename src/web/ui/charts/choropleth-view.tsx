import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef } from 'react';
import { geometryBounds } from '../map/bounds.ts';
import type { ChoroplethFeatureCollection } from './choropleth-types.ts';

maplibregl.setWorkerUrl(workerUrl);

type SourceData = Parameters<maplibregl.GeoJSONSource['setData']>[0];

/**
 * A MapLibre map of areas filled by each feature's `fill` colour (a choropleth), with the areas' names.
 * No base map. The figure around it gives the legend and the table alternative.
 */
export function ChoroplethView({ label, data }: { label: string; data: ChoroplethFeatureCollection }) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const loaded = useRef(false);
  const dataRef = useRef(data);
  dataRef.current = data;

  const apply = () => {
    const map = mapRef.current;
    if (!map || !loaded.current) return;
    map.getSource<maplibregl.GeoJSONSource>('areas')?.setData(dataRef.current as unknown as SourceData);
    const box = geometryBounds(dataRef.current.features.map((f) => f.geometry as { coordinates: unknown }));
    if (box) map.fitBounds(box, { padding: 24, animate: false });
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: the map is made once, on mount
  useEffect(() => {
    if (!container.current) return;
    const map = new maplibregl.Map({
      container: container.current,
      style: {
        version: 8,
        sources: {},
        layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#f4f6f8' } }],
      },
      center: [18.05, 59.33],
      zoom: 9.5,
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      fadeDuration: 0,
    });
    mapRef.current = map;
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    const canvas = map.getCanvas();
    canvas.setAttribute('aria-label', label);
    canvas.setAttribute('role', 'img');
    map.on('load', () => {
      map.addSource('areas', {
        type: 'geojson',
        data: { type: 'FeatureCollection', features: [] },
      });
      map.addLayer({
        id: 'area-fill',
        type: 'fill',
        source: 'areas',
        paint: { 'fill-color': ['get', 'fill'], 'fill-opacity': 0.85 },
      });
      map.addLayer({
        id: 'area-line',
        type: 'line',
        source: 'areas',
        paint: { 'line-color': '#1b1f24', 'line-width': 1 },
      });
      loaded.current = true;
      apply();
    });
    return () => {
      loaded.current = false;
      map.remove();
      mapRef.current = null;
    };
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `apply` reads the latest data from a ref
  useEffect(() => {
    apply();
  }, [data]);

  useEffect(() => {
    mapRef.current?.getCanvas().setAttribute('aria-label', label);
  }, [label]);

  return <div ref={container} className="choropleth" data-testid="choropleth-map" />;
}
