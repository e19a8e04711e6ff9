import type { AreaFeatureCollection } from '../../../domain/api/areas.ts';

/** Points drawn over the areas: each with an id (for hover and selection), a name and an optional colour. */
export interface PointFeatureCollection {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    id?: string | number;
    properties: { id: string; name: string; color?: string };
    geometry: { type: 'Point'; coordinates: [number, number] };
  }[];
}

export interface MapViewProps {
  /** The map's accessible name (on its canvas), e.g. "Karta över stadens områden". */
  label: string;
  /** Areas as `GET /api/areas/geojson` gives them. */
  areas?: AreaFeatureCollection | null;
  /** An optional layer of points (facilities, events, …). */
  points?: PointFeatureCollection | null;
  /** The id of the area to highlight and bring into view. */
  selectedId?: string | null;
  /** Called with the id of the area or point clicked, or null for a click beside them. */
  onSelect?: (id: string | null) => void;
  /** A raster tile URL template for a base map (`GET /api/areas/map-config`); none when null. */
  tileUrl?: string | null;
  /** From this zoom the deepest level's names show; below it, the level under the root. */
  labelMinZoom?: number;
}
