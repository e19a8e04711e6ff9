import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef } from 'react';
import './map.css';
import { geometryBounds } from './bounds.ts';
import type { MapViewProps } from './map-types.ts';

// The worker is its own file served from our origin (allowed by `worker-src 'self'`); without this
// MapLibre would look for it beside the bundle chunk, where Vite does not put it.
maplibregl.setWorkerUrl(workerUrl);

/** Fill colours by depth in the area tree (municipality, district area, neighbourhood, deeper). */
const DEPTH_FILL = ['#c6d9f0', '#9cc3e6', '#5b9bd5', '#2e75b6'];
const LINE = '#0b3a66';
const HOVER = '#ffd23f';
const SELECTED = '#b42318';
type SourceData = Parameters<maplibregl.GeoJSONSource['setData']>[0];
const EMPTY = { type: 'FeatureCollection', features: [] } as SourceData;

function style(tileUrl: string | null | undefined): maplibregl.StyleSpecification {
  return {
    version: 8,
    sources: tileUrl ? { base: { type: 'raster', tiles: [tileUrl], tileSize: 256 } } : {},
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#f4f6f8' } },
      ...(tileUrl ? [{ id: 'base', type: 'raster' as const, source: 'base' }] : []),
    ],
  };
}

function depthColor(): maplibregl.ExpressionSpecification {
  return ['match', ['get', 'depth'], 0, DEPTH_FILL[0]!, 1, DEPTH_FILL[1]!, 2, DEPTH_FILL[2]!, DEPTH_FILL[3]!];
}

function addLayers(map: maplibregl.Map) {
  map.addSource('areas', { type: 'geojson', data: EMPTY, promoteId: 'id' });
  map.addSource('points', { type: 'geojson', data: EMPTY, promoteId: 'id' });
  const state = (key: string) =>
    ['boolean', ['feature-state', key], false] as maplibregl.ExpressionSpecification;
  map.addLayer({
    id: 'area-fill',
    type: 'fill',
    source: 'areas',
    paint: {
      'fill-color': ['case', state('selected'), SELECTED, state('hover'), HOVER, depthColor()],
      'fill-opacity': ['case', state('selected'), 0.55, state('hover'), 0.7, 0.35],
    },
  });
  map.addLayer({
    id: 'area-line',
    type: 'line',
    source: 'areas',
    paint: {
      'line-color': ['case', state('selected'), SELECTED, LINE],
      // Upper levels (district areas) get the heavier line.
      'line-width': ['case', state('selected'), 3, ['<=', ['get', 'depth'], 1], 2, 0.75],
    },
  });
  map.addLayer({
    id: 'point-circle',
    type: 'circle',
    source: 'points',
    paint: {
      'circle-radius': ['case', state('hover'), 8, 6],
      'circle-color': ['coalesce', ['get', 'color'], '#0b5cad'],
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 2,
    },
  });
}

/** Runs `fn` now when the style has loaded, else once it has; returns a cleanup that drops it. */
function whenReady(
  loaded: { current: boolean },
  pending: { current: (() => void)[] },
  fn: () => void,
): () => void {
  if (loaded.current) fn();
  else pending.current.push(fn);
  return () => {
    pending.current = pending.current.filter((f) => f !== fn);
  };
}

/**
 * A MapLibre GL map of areas (polygons coloured by depth, names, hover highlight, a selected area)
 * and, optionally, points. No base map unless `tileUrl` is given. The canvas takes keyboard focus
 * (arrows pan, + and − zoom); the page must also offer the same content as a list or table.
 */
export function MapView({
  label,
  areas,
  points,
  selectedId,
  onSelect,
  tileUrl,
  labelMinZoom = 11.5,
}: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const loaded = useRef(false);
  const markers = useRef<{ marker: maplibregl.Marker; depth: number }[]>([]);
  const hovered = useRef<{ source: string; id: string | number } | null>(null);
  const selected = useRef<string | null>(null);
  /** Work waiting for the style to load. */
  const pending = useRef<(() => void)[]>([]);
  const showLabelsRef = useRef<() => void>(() => undefined);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;

  // Create the map once; later prop changes are applied by the effects below.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the map is made once, on mount
  useEffect(() => {
    if (!container.current) return;
    const map = new maplibregl.Map({
      container: container.current,
      style: style(tileUrl),
      center: [18.05, 59.33],
      zoom: 9.5,
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
      addLayers(map);
      loaded.current = true;
      for (const fn of pending.current.splice(0)) fn();
    });

    const setHover = (next: { source: string; id: string | number } | null) => {
      const prev = hovered.current;
      if (prev && (prev.source !== next?.source || prev.id !== next?.id))
        map.setFeatureState({ source: prev.source, id: prev.id }, { hover: false });
      if (next) map.setFeatureState({ source: next.source, id: next.id }, { hover: true });
      hovered.current = next;
      map.getCanvas().style.cursor = next ? 'pointer' : '';
    };
    /** The deepest area (or a point) under the pointer. */
    const pick = (e: maplibregl.MapMouseEvent) => {
      if (!loaded.current) return null;
      const hits = map.queryRenderedFeatures(e.point, { layers: ['point-circle', 'area-fill'] });
      const point = hits.find((f) => f.layer.id === 'point-circle');
      if (point?.id !== undefined) return { source: 'points', id: point.id };
      const area = hits
        .filter((f) => f.layer.id === 'area-fill' && f.id !== undefined)
        .sort((a, b) => Number(b.properties.depth) - Number(a.properties.depth))[0];
      return area ? { source: 'areas', id: area.id! } : null;
    };
    map.on('mousemove', (e) => setHover(pick(e)));
    map.on('mouseout', () => setHover(null));
    map.on('click', (e) => {
      const hit = pick(e);
      onSelectRef.current?.(hit ? String(hit.id) : null);
    });
    const showLabels = () => {
      const deep = map.getZoom() >= labelMinZoom;
      const maxDepth = Math.max(0, ...markers.current.map((m) => m.depth));
      for (const { marker, depth } of markers.current) {
        const visible = deep ? depth === maxDepth : depth === Math.min(maxDepth, 1) || maxDepth === 0;
        marker.getElement().style.display = visible ? '' : 'none';
      }
    };
    map.on('zoomend', showLabels);
    showLabelsRef.current = showLabels;
    return () => {
      for (const { marker } of markers.current) marker.remove();
      markers.current = [];
      loaded.current = false;
      map.remove();
      mapRef.current = null;
    };
  }, []);

  useEffect(() => {
    mapRef.current?.getCanvas().setAttribute('aria-label', label);
  }, [label]);

  // Areas: data, names and the view.
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const apply = () => {
      const source = map.getSource<maplibregl.GeoJSONSource>('areas');
      source?.setData((areas as SourceData | null | undefined) ?? EMPTY);
      for (const { marker } of markers.current) marker.remove();
      markers.current = (areas?.features ?? []).map((f) => {
        const element = document.createElement('div');
        element.className = `map-view__label map-view__label--depth-${Math.min(f.properties.depth, 3)}`;
        element.textContent = f.properties.name;
        // The names are in the list beside the map; here they are only drawn.
        element.setAttribute('aria-hidden', 'true');
        const marker = new maplibregl.Marker({ element }).setLngLat(f.properties.labelPoint).addTo(map);
        return { marker, depth: f.properties.depth };
      });
      showLabelsRef.current();
      const box = areas?.bbox;
      if (box) map.fitBounds([box[0], box[1], box[2], box[3]], { padding: 24, animate: false });
    };
    return whenReady(loaded, pending, apply);
  }, [areas]);

  // Points (facilities and the like).
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const apply = () =>
      map
        .getSource<maplibregl.GeoJSONSource>('points')
        ?.setData((points as SourceData | null | undefined) ?? EMPTY);
    return whenReady(loaded, pending, apply);
  }, [points]);

  // The selected area: highlighted and brought into view.
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const apply = () => {
      if (selected.current)
        map.setFeatureState({ source: 'areas', id: selected.current }, { selected: false });
      selected.current = selectedId ?? null;
      if (!selectedId) return;
      map.setFeatureState({ source: 'areas', id: selectedId }, { selected: true });
      const feature = areas?.features.find((f) => f.id === selectedId);
      const box = feature ? geometryBounds([feature.geometry]) : null;
      if (box) map.fitBounds(box, { padding: 48, maxZoom: 14, duration: 300 });
    };
    return whenReady(loaded, pending, apply);
  }, [selectedId, areas]);

  return <div ref={container} className="map-view" data-testid="map-view" />;
}
