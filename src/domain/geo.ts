/** Plain planar geometry on WGS84 lon/lat, good enough to place an area inside a district. */

export type Position = [number, number];
export interface MultiPolygon {
  type: 'MultiPolygon' | 'Polygon';
  coordinates: unknown;
}

const polygonsOf = (g: MultiPolygon): Position[][][] =>
  g.type === 'Polygon' ? [g.coordinates as Position[][]] : (g.coordinates as Position[][][]);

/** Ray casting on one ring. */
function inRing(p: Position, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** R18 — whether a point lies inside a (multi)polygon, holes respected. */
export function containsPoint(g: MultiPolygon, p: Position): boolean {
  return polygonsOf(g).some(([outer, ...holes]) => !!outer && inRing(p, outer) && !holes.some((h) => inRing(p, h)));
}

/** The area-weighted centroid of the largest polygon's outer ring (shoelace formula). */
export function centroid(g: MultiPolygon): Position {
  let best: { area: number; c: Position } = { area: -1, c: [0, 0] };
  for (const [outer] of polygonsOf(g)) {
    if (!outer) continue;
    let a = 0;
    let cx = 0;
    let cy = 0;
    for (let i = 0, j = outer.length - 1; i < outer.length; j = i++) {
      const [x0, y0] = outer[j]!;
      const [x1, y1] = outer[i]!;
      const f = x0 * y1 - x1 * y0;
      a += f;
      cx += (x0 + x1) * f;
      cy += (y0 + y1) * f;
    }
    const area = Math.abs(a / 2);
    if (area > best.area && a !== 0) best = { area, c: [cx / (3 * a), cy / (3 * a)] };
  }
  return best.c;
}

/** The bounding box [minLon, minLat, maxLon, maxLat] of geometries. */
export function bbox(geoms: MultiPolygon[]): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const g of geoms)
    for (const poly of polygonsOf(g))
      for (const ring of poly)
        for (const [x, y] of ring) {
          b[0] = Math.min(b[0], x);
          b[1] = Math.min(b[1], y);
          b[2] = Math.max(b[2], x);
          b[3] = Math.max(b[3], y);
        }
  return b;
}
