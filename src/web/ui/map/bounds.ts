/** [west, south, east, north] of the positions of GeoJSON geometries; null when there are none. */
export function geometryBounds(
  geometries: readonly { coordinates: unknown }[],
): [number, number, number, number] | null {
  let w = Number.POSITIVE_INFINITY;
  let s = Number.POSITIVE_INFINITY;
  let e = Number.NEGATIVE_INFINITY;
  let n = Number.NEGATIVE_INFINITY;
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const [x, y] = c as [number, number];
      w = Math.min(w, x);
      e = Math.max(e, x);
      s = Math.min(s, y);
      n = Math.max(n, y);
    } else if (Array.isArray(c)) for (const child of c) visit(child);
  };
  for (const g of geometries) visit(g.coordinates);
  return Number.isFinite(w) ? [w, s, e, n] : null;
}
