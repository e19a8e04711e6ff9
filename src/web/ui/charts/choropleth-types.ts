/** Areas to draw, each with its fill colour already chosen (by the legend's classes). */
export interface ChoroplethFeatureCollection {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    id: string;
    properties: { id: string; name: string; fill: string };
    geometry: unknown;
  }[];
}
