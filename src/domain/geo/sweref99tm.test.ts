import { describe, expect, it } from 'vitest';
import { fromSweref99tm, toSweref99tm } from './sweref99tm.ts';

const dms = (d: number, m: number, s: number) => d + m / 60 + s / 3600;

/**
 * Lantmäteriet's published control points ("Kontrollpunkter", the SWEREF 99 / RT 90 relation
 * document): geodetic SWEREF 99 coordinates and their SWEREF 99 TM grid coordinates to the millimetre.
 */
const CONTROL_POINTS = [
  { lat: dms(67, 5, 26.452769), lon: dms(21, 2, 5.101575), north: 7_454_204.638, east: 761_811.242 },
  { lat: dms(63, 32, 14.761735), lon: dms(16, 14, 59.594626), north: 7_046_077.605, east: 562_140.337 },
  { lat: dms(60, 9, 33.882413), lon: dms(14, 45, 28.167152), north: 6_669_189.376, east: 486_557.055 },
  { lat: dms(56, 21, 17.199245), lon: dms(13, 52, 23.754022), north: 6_246_136.458, east: 430_374.835 },
];

/** Metres on the ground per degree, roughly: enough to turn an angular error into a distance. */
const metresNorth = (dLat: number) => dLat * 111_320;
const metresEast = (dLon: number, lat: number) => dLon * 111_320 * Math.cos((lat * Math.PI) / 180);

describe('the SWEREF 99 TM projection', () => {
  it.each(CONTROL_POINTS)(
    'projects Lantmäteriet control point $north N $east E to within a millimetre',
    (p) => {
      const grid = toSweref99tm(p.lat, p.lon);
      expect(Math.abs(grid.north - p.north)).toBeLessThan(0.001);
      expect(Math.abs(grid.east - p.east)).toBeLessThan(0.001);
    },
  );

  it.each(CONTROL_POINTS)(
    'brings control point $north N $east E back to its latitude and longitude within a millimetre',
    (p) => {
      const geo = fromSweref99tm(p.north, p.east);
      expect(Math.abs(metresNorth(geo.lat - p.lat))).toBeLessThan(0.001);
      expect(Math.abs(metresEast(geo.lon - p.lon, p.lat))).toBeLessThan(0.001);
    },
  );

  it('puts the central meridian at easting 500 000 m and the equator at northing 0', () => {
    const onMeridian = toSweref99tm(59, 15);
    expect(onMeridian.east).toBeCloseTo(500_000, 6);
    expect(toSweref99tm(0, 15).north).toBeCloseTo(0, 6);
  });

  it('round-trips points all over Sweden to well below a millimetre', () => {
    for (let lat = 55; lat <= 69.5; lat += 0.5) {
      for (let lon = 10.5; lon <= 24.5; lon += 0.5) {
        const grid = toSweref99tm(lat, lon);
        const back = fromSweref99tm(grid.north, grid.east);
        expect(Math.abs(metresNorth(back.lat - lat))).toBeLessThan(0.0001);
        expect(Math.abs(metresEast(back.lon - lon, lat))).toBeLessThan(0.0001);
      }
    }
  });

  it('places Stockholm Central Station where the city’s maps do (to the metre)', () => {
    // Published to whole metres: 59.330231 N 18.059196 E ↔ 6 580 822 N 674 032 E.
    const grid = toSweref99tm(59.330231, 18.059196);
    expect(Math.abs(grid.north - 6_580_822)).toBeLessThan(0.5);
    expect(Math.abs(grid.east - 674_032)).toBeLessThan(0.5);
  });
});
