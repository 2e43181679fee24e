import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import type { FeatureCollection } from 'geojson';
import { packPolygons } from '../../workers/geometry/packed_polygons.ts';
import { featureContainsPoint } from '../../workers/geometry/point_in_polygon.ts';
import {
  buildPolygonIndex,
  locatePointRange,
  locatePoints,
  polygonIndexFromBuffers,
  polygonIndexToBuffers,
  SORT_POINTS_MIN_VERTICES,
  sortsPoints,
} from '../../workers/geometry/polygon_index.ts';
import { fourSquares, overlappingSquares } from '../fixtures/geometry/hand_drawn.ts';

const SEFTON_LSOA11 = new URL(
  '../../../shared/data/raw/boundaries/sefton_lsoa11_bgc.geojson',
  import.meta.url,
);
const sefton = JSON.parse(readFileSync(SEFTON_LSOA11, 'utf8')) as FeatureCollection;

/** The answer without any index: every feature tested, lowest index wins. */
function bruteForce(layer: FeatureCollection, x: number, y: number): number {
  const packed = packPolygons(layer);
  for (let f = 0; f < packed.featureCount; f++) if (featureContainsPoint(packed, f, x, y)) return f;
  return -1;
}

describe('locatePoints', () => {
  const seftonIndex = buildPolygonIndex(packPolygons(sefton));
  const [minX = 0, minY = 0, maxX = 0, maxY = 0] = [
    Math.min(...seftonIndex.polygons.bboxes.filter((_, i) => i % 4 === 0)),
    Math.min(...seftonIndex.polygons.bboxes.filter((_, i) => i % 4 === 1)),
    Math.max(...seftonIndex.polygons.bboxes.filter((_, i) => i % 4 === 2)),
    Math.max(...seftonIndex.polygons.bboxes.filter((_, i) => i % 4 === 3)),
  ];
  const packedSefton = seftonIndex.polygons;

  it('agrees with testing every feature, sorted or not, on random points over Sefton', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: 0, max: 1, noNaN: true }),
            fc.double({ min: 0, max: 1, noNaN: true }),
          ),
          {
            minLength: 1,
            maxLength: 300,
          },
        ),
        (unit) => {
          const xy = new Float64Array(
            unit.flatMap(([u, v]) => [minX + u * (maxX - minX), minY + v * (maxY - minY)]),
          );
          const sorted = locatePoints(seftonIndex, xy, { spatialSort: true });
          const unsorted = locatePoints(seftonIndex, xy, { spatialSort: false });
          for (let i = 0; i < unit.length; i++) {
            let expected = -1;
            for (let f = 0; f < packedSefton.featureCount && expected < 0; f++) {
              if (featureContainsPoint(packedSefton, f, xy[2 * i] ?? NaN, xy[2 * i + 1] ?? NaN))
                expected = f;
            }
            if (sorted[i] !== expected || unsorted[i] !== expected) return false;
          }
          return true;
        },
      ),
      { seed: 11, numRuns: 60 },
    );
  });

  it('finds some points inside and some outside (so the agreement above means something)', () => {
    const xy = new Float64Array(2000);
    for (let i = 0; i < 1000; i++) {
      xy[2 * i] = minX + ((i * 0.618034) % 1) * (maxX - minX);
      xy[2 * i + 1] = minY + ((i * 0.7548777) % 1) * (maxY - minY);
    }
    const found = locatePoints(seftonIndex, xy);
    const inside = found.filter((f) => f >= 0).length;
    expect(inside).toBeGreaterThan(100);
    expect(inside).toBeLessThan(900);
    expect(new Set(found).size).toBeGreaterThan(50);
  });

  it('gives overlapping polygons to the lowest index, whatever the visiting order', () => {
    const index = buildPolygonIndex(packPolygons(overlappingSquares));
    const xy = new Float64Array([1.5, 1.5, 0.5, 0.5, 2.5, 2.5, 2.5, 0.5]);
    expect(Array.from(locatePoints(index, xy, { spatialSort: true }))).toEqual([0, 0, 1, -1]);
    expect(Array.from(locatePoints(index, xy, { spatialSort: false }))).toEqual([0, 0, 1, -1]);
    expect(bruteForce(overlappingSquares, 1.5, 1.5)).toBe(0);
  });

  it('locates nothing for NaN or infinite points and for a layer with no features', () => {
    const index = buildPolygonIndex(packPolygons(fourSquares));
    const xy = new Float64Array([NaN, 0.5, 0.5, NaN, Infinity, 0.5, 0.5, 0.5]);
    expect(Array.from(locatePoints(index, xy, { spatialSort: true }))).toEqual([-1, -1, -1, 0]);
    expect(Array.from(locatePoints(index, xy, { spatialSort: false }))).toEqual([-1, -1, -1, 0]);
    const empty = polygonIndexFromBuffers(
      polygonIndexToBuffers(
        buildPolygonIndex(packPolygons({ type: 'FeatureCollection', features: [] })),
      ),
    );
    expect(empty.tree).toBeNull();
    expect(Array.from(locatePoints(empty, new Float64Array([0.5, 0.5])))).toEqual([-1]);
  });

  it('locates a range of a Hilbert order into the right output slots', () => {
    const index = buildPolygonIndex(packPolygons(fourSquares));
    const xy = new Float64Array([0.5, 0.5, 1.5, 0.5, 0.5, 1.5, 1.5, 1.5]);
    const order = new Uint32Array([3, 1, 2, 0]);
    const out = new Int32Array(4).fill(-7);
    locatePointRange(index, xy, order, 0, 2, out);
    expect(Array.from(out)).toEqual([-7, 1, -7, 3]);
    locatePointRange(index, xy, order, 2, 4, out);
    expect(Array.from(out)).toEqual([0, 1, 2, 3]);
  });

  it('gives the same answers on a partition layer with its shortcuts as without them', () => {
    const partition = buildPolygonIndex(packPolygons(sefton), { partition: true });
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: 0, max: 1, noNaN: true }),
            fc.double({ min: 0, max: 1, noNaN: true }),
          ),
          { minLength: 1, maxLength: 500 },
        ),
        fc.boolean(),
        (unit, spatialSort) => {
          // Clustered points, so consecutive points often share a polygon (the shortcut).
          const xy = new Float64Array(
            unit.flatMap(([u, v]) => [
              minX + (0.4 + 0.1 * u) * (maxX - minX),
              minY + (0.2 + 0.1 * v) * (maxY - minY),
            ]),
          );
          const exact = locatePoints(seftonIndex, xy, { spatialSort });
          const fast = locatePoints(partition, xy, { spatialSort });
          return exact.every((f, i) => f === fast[i]);
        },
      ),
      { seed: 5, numRuns: 100 },
    );
  });

  it("on a partition, does not keep a point on a shared edge in the previous point's polygon", () => {
    const index = buildPolygonIndex(packPolygons(fourSquares), { partition: true });
    // A, then the A|B edge (belongs to B), then A, then the shared corner (belongs to D).
    const xy = new Float64Array([0.5, 0.5, 1, 0.5, 0.5, 0.5, 1, 1, 0.2, 0.2, 0, 0]);
    expect(Array.from(locatePoints(index, xy, { spatialSort: false }))).toEqual([0, 1, 0, 3, 0, 0]);
  });

  it('on overlapping features declared a partition, still gives each point one of its polygons', () => {
    const index = buildPolygonIndex(packPolygons(overlappingSquares), { partition: true });
    const xy = new Float64Array([0.5, 0.5, 1.5, 1.5, 2.5, 2.5, 1.6, 1.6]);
    const found = Array.from(locatePoints(index, xy, { spatialSort: false }));
    expect(found[0]).toBe(0);
    expect([0, 1]).toContain(found[1]);
    expect(found[2]).toBe(1);
    expect([0, 1]).toContain(found[3]);
  });

  it('sorts points only for layers big enough to gain from it', () => {
    expect(sortsPoints(seftonIndex)).toBe(false);
    const big = {
      ...seftonIndex,
      polygons: { ...packedSefton, coords: new Float64Array(2 * SORT_POINTS_MIN_VERTICES) },
    };
    expect(sortsPoints(big)).toBe(true);
  });

  it('works the same on a tree received as buffers as on the one built here', () => {
    const received = polygonIndexFromBuffers(structuredClone(polygonIndexToBuffers(seftonIndex)));
    const xy = new Float64Array(4000);
    for (let i = 0; i < 2000; i++) {
      xy[2 * i] = minX + ((i * 0.3819660113) % 1) * (maxX - minX);
      xy[2 * i + 1] = minY + ((i * 0.569840291) % 1) * (maxY - minY);
    }
    expect(locatePoints(received, xy)).toEqual(locatePoints(seftonIndex, xy));
  });
});
