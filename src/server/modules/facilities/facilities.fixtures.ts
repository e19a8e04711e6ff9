/** Test data for facilities: a tiny area tree to derive areas from, and points in and outside it. */

/** Two neighbourhoods side by side in central Stockholm, under one district area. */
const square = (lon: number, lat: number, size: number) => [
  [
    [lon, lat],
    [lon + size, lat],
    [lon + size, lat + size],
    [lon, lat + size],
    [lon, lat],
  ],
];
export const TEST_AREAS = {
  fileName: 'test.geo.json',
  geojson: JSON.stringify({
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { name: 'Norrdal' },
        geometry: { type: 'Polygon', coordinates: square(18.0, 59.35, 0.05) },
      },
      {
        type: 'Feature',
        properties: { name: 'Söderdal' },
        geometry: { type: 'Polygon', coordinates: square(18.0, 59.3, 0.05) },
      },
    ],
  }),
  level: 'neighbourhood',
  nameProperty: 'name',
  parentCsv: 'stadsdel,stadsdelsomrade\nNorrdal,Mittdistriktet\nSöderdal,Mittdistriktet\n',
  parentFileName: 'test.csv',
  parentLevel: 'district_area',
};
export const IN_NORRDAL = { lat: 59.37, lon: 18.02 };
export const IN_SODERDAL = { lat: 59.32, lon: 18.02 };
export const OUTSIDE = { lat: 57.7, lon: 11.97 };
