/**
 * WGS84 (≈ SWEREF 99, the difference is below a metre and ignored here, as everyone does) ↔ SWEREF 99 TM
 * (EPSG:3006): the Gauss–Krüger (transverse Mercator) projection on the GRS 80 ellipsoid with central
 * meridian 15° E, scale 0.9996 on it and false easting 500 000 m, using Krüger's series to the fourth
 * order in n as Lantmäteriet publishes them (accurate to well below a millimetre within Sweden).
 *
 * Northing/easting in metres; in geometry code x = easting and y = northing.
 */

const A_AXIS = 6_378_137;
const FLATTENING = 1 / 298.257222101;
const CENTRAL_MERIDIAN = 15;
const SCALE = 0.9996;
const FALSE_NORTHING = 0;
const FALSE_EASTING = 500_000;

const DEG = Math.PI / 180;
const e2 = FLATTENING * (2 - FLATTENING);
const e4 = e2 * e2;
const e6 = e4 * e2;
const e8 = e6 * e2;
const n = FLATTENING / (2 - FLATTENING);
const n2 = n * n;
const n3 = n2 * n;
const n4 = n3 * n;
/** The rectifying radius â, times the scale on the central meridian. */
const K_A = (SCALE * A_AXIS * (1 + n2 / 4 + n4 / 64)) / (1 + n);
const LAMBDA0 = CENTRAL_MERIDIAN * DEG;

// Geodetic → conformal latitude.
const FA = e2;
const FB = (5 * e4 - e6) / 6;
const FC = (104 * e6 - 45 * e8) / 120;
const FD = (1237 * e8) / 1260;
// Forward series (β) and inverse series (δ).
const B1 = n / 2 - (2 * n2) / 3 + (5 * n3) / 16 + (41 * n4) / 180;
const B2 = (13 * n2) / 48 - (3 * n3) / 5 + (557 * n4) / 1440;
const B3 = (61 * n3) / 240 - (103 * n4) / 140;
const B4 = (49561 * n4) / 161280;
const D1 = n / 2 - (2 * n2) / 3 + (37 * n3) / 96 - n4 / 360;
const D2 = n2 / 48 + n3 / 15 - (437 * n4) / 1440;
const D3 = (17 * n3) / 480 - (37 * n4) / 840;
const D4 = (4397 * n4) / 161280;
// Conformal → geodetic latitude.
const IA = e2 + e4 + e6 + e8;
const IB = -(7 * e4 + 17 * e6 + 30 * e8) / 6;
const IC = (224 * e6 + 889 * e8) / 120;
const ID = -(4279 * e8) / 1260;

export interface Sweref99tm {
  /** Metres north of the equator. */
  north: number;
  /** Metres, 500 000 on the central meridian 15° E. */
  east: number;
}

export interface LatLon {
  lat: number;
  lon: number;
}

/** Degrees east of the central meridian within which the projection is used at all (Sweden spans ±9°). */
export const SWEREF99TM_MAX_LONGITUDE_OFFSET = 40;

/** WGS84 latitude/longitude in degrees → SWEREF 99 TM metres. */
export function toSweref99tm(lat: number, lon: number): Sweref99tm {
  const phi = lat * DEG;
  const sin = Math.sin(phi);
  const s2 = sin * sin;
  const phiStar = phi - sin * Math.cos(phi) * (FA + s2 * (FB + s2 * (FC + s2 * FD)));
  const dLambda = lon * DEG - LAMBDA0;
  const xiP = Math.atan2(Math.tan(phiStar), Math.cos(dLambda));
  const etaP = Math.atanh(Math.cos(phiStar) * Math.sin(dLambda));
  const north =
    K_A *
      (xiP +
        B1 * Math.sin(2 * xiP) * Math.cosh(2 * etaP) +
        B2 * Math.sin(4 * xiP) * Math.cosh(4 * etaP) +
        B3 * Math.sin(6 * xiP) * Math.cosh(6 * etaP) +
        B4 * Math.sin(8 * xiP) * Math.cosh(8 * etaP)) +
    FALSE_NORTHING;
  const east =
    K_A *
      (etaP +
        B1 * Math.cos(2 * xiP) * Math.sinh(2 * etaP) +
        B2 * Math.cos(4 * xiP) * Math.sinh(4 * etaP) +
        B3 * Math.cos(6 * xiP) * Math.sinh(6 * etaP) +
        B4 * Math.cos(8 * xiP) * Math.sinh(8 * etaP)) +
    FALSE_EASTING;
  return { north, east };
}

/** SWEREF 99 TM metres → WGS84 latitude/longitude in degrees. */
export function fromSweref99tm(north: number, east: number): LatLon {
  const xi = (north - FALSE_NORTHING) / K_A;
  const eta = (east - FALSE_EASTING) / K_A;
  const xiP =
    xi -
    D1 * Math.sin(2 * xi) * Math.cosh(2 * eta) -
    D2 * Math.sin(4 * xi) * Math.cosh(4 * eta) -
    D3 * Math.sin(6 * xi) * Math.cosh(6 * eta) -
    D4 * Math.sin(8 * xi) * Math.cosh(8 * eta);
  const etaP =
    eta -
    D1 * Math.cos(2 * xi) * Math.sinh(2 * eta) -
    D2 * Math.cos(4 * xi) * Math.sinh(4 * eta) -
    D3 * Math.cos(6 * xi) * Math.sinh(6 * eta) -
    D4 * Math.cos(8 * xi) * Math.sinh(8 * eta);
  const phiStar = Math.asin(Math.sin(xiP) / Math.cosh(etaP));
  const dLambda = Math.atan2(Math.sinh(etaP), Math.cos(xiP));
  const sin = Math.sin(phiStar);
  const s2 = sin * sin;
  const phi = phiStar + sin * Math.cos(phiStar) * (IA + s2 * (IB + s2 * (IC + s2 * ID)));
  return { lat: phi / DEG, lon: (LAMBDA0 + dLambda) / DEG };
}
