/**
 * Crossing-number (even-odd) point-in-polygon test read straight from packed typed arrays.
 * Pure: runs on any thread. This is the hot loop of point location: no allocation, no
 * objects, one pass over the edges of the candidate feature.
 *
 * Boundary rule (half-open, as in W. R. Franklin's PNPOLY): a point is treated as if moved
 * an infinitesimal step up and to the right. So a point on an edge shared by two polygons
 * belongs to exactly one of them (the one to its right, or above for a horizontal edge),
 * and a vertex shared by several belongs to exactly one. That only holds if both
 * neighbours compute the same crossing for the shared edge, so the crossing is always
 * computed from the edge's lower end, whichever way the ring runs.
 */
import type { PackedPolygons } from './packed_polygons.ts';

/** True when the point lies in any polygon (part) of the feature. */
export function featureContainsPoint(
  packed: PackedPolygons,
  feature: number,
  x: number,
  y: number,
): boolean {
  const { coords, ringOffsets, polygonOffsets, featureOffsets } = packed;
  const polygonEnd = featureOffsets[feature + 1] ?? 0;
  for (let polygon = featureOffsets[feature] ?? 0; polygon < polygonEnd; polygon++) {
    // Even-odd over all rings of one polygon: a point in a hole crosses the hole's ring too.
    let inside = false;
    const ringEnd = polygonOffsets[polygon + 1] ?? 0;
    for (let ring = polygonOffsets[polygon] ?? 0; ring < ringEnd; ring++) {
      // Rings are stored closed, so edges are the consecutive pairs (i, i + 1).
      const last = 2 * ((ringOffsets[ring + 1] ?? 0) - 1);
      let i = 2 * (ringOffsets[ring] ?? 0);
      let ax = coords[i] ?? NaN;
      let ay = coords[i + 1] ?? NaN;
      for (; i < last; i += 2) {
        const bx = coords[i + 2] ?? NaN;
        const by = coords[i + 3] ?? NaN;
        if (ay > y !== by > y) {
          const crossX =
            ay < by
              ? ax + ((y - ay) * (bx - ax)) / (by - ay)
              : bx + ((y - by) * (ax - bx)) / (ay - by);
          if (x < crossX) inside = !inside;
        }
        ax = bx;
        ay = by;
      }
    }
    if (inside) return true;
  }
  return false;
}
