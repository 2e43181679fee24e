import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { point } from '@turf/helpers';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { packPolygons } from '../../workers/geometry/packed_polygons.ts';
import { featureContainsPoint } from '../../workers/geometry/point_in_polygon.ts';
import { buildPolygonIndex, locatePoints } from '../../workers/geometry/polygon_index.ts';
import {
  fourSquares,
  multiPolygonWithIsland,
  splitSquare,
  squareWithHole,
  type PolygonCollection,
} from '../fixtures/geometry/hand_drawn.ts';

/** Feature index containing each [x, y], via the whole engine (index + crossing test). */
function locate(layer: PolygonCollection, points: [number, number][]): number[] {
  const index = buildPolygonIndex(packPolygons(layer));
  return Array.from(locatePoints(index, new Float64Array(points.flat())));
}

describe('square with a hole', () => {
  it('is inside in the ring and outside in the hole and beyond', () => {
    expect(
      locate(squareWithHole, [
        [0.5, 0.5],
        [3.5, 2],
        [2, 3.5],
        [2, 2],
        [1.5, 2.5],
        [5, 2],
        [-1, 2],
      ]),
    ).toEqual([0, 0, 0, -1, -1, -1, -1]);
  });

  it('applies the half-open rule on its edges: left and bottom in, right and top out', () => {
    // Outer left edge x=0 and bottom edge y=0 are in; outer right x=4 and top y=4 are out.
    expect(
      locate(squareWithHole, [
        [0, 2],
        [2, 0],
        [4, 2],
        [2, 4],
      ]),
    ).toEqual([0, 0, -1, -1]);
    // The hole's edges mirror that: its left edge x=1 belongs to the hole, its right edge
    // x=3 to the ring (the point counts as just to its right).
    expect(
      locate(squareWithHole, [
        [1, 2],
        [3, 2],
        [2, 1],
        [2, 3],
      ]),
    ).toEqual([-1, 0, -1, 0]);
  });
});

describe('four squares sharing edges and a vertex', () => {
  const [A, B, C, D] = [0, 1, 2, 3];

  it('puts interior points in their own square', () => {
    expect(
      locate(fourSquares, [
        [0.5, 0.5],
        [1.5, 0.5],
        [0.5, 1.5],
        [1.5, 1.5],
      ]),
    ).toEqual([A, B, C, D]);
  });

  it('gives a point on a shared edge to exactly one square, the one up and to the right', () => {
    // Vertical edge x=1 between A|B and C|D; horizontal edge y=1 between A/C and B/D.
    expect(
      locate(fourSquares, [
        [1, 0.5],
        [1, 1.5],
        [0.5, 1],
        [1.5, 1],
      ]),
    ).toEqual([B, D, C, D]);
  });

  it('gives the vertex all four share to exactly one square', () => {
    expect(locate(fourSquares, [[1, 1]])).toEqual([D]);
    const packed = packPolygons(fourSquares);
    const owners = [A, B, C, D].filter((f) => featureContainsPoint(packed, f, 1, 1));
    expect(owners).toEqual([D]);
  });

  it('leaves outer-boundary corners that no square owns outside', () => {
    expect(
      locate(fourSquares, [
        [2, 2],
        [0, 2],
        [2, 0],
      ]),
    ).toEqual([-1, -1, -1]);
    expect(locate(fourSquares, [[0, 0]])).toEqual([A]);
  });
});

describe('a slanted shared edge', () => {
  it('gives every point on the diagonal to exactly one triangle', () => {
    const packed = packPolygons(splitSquare);
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 0.999, noNaN: true }), (t) => {
        const owners = [0, 1].filter((f) => featureContainsPoint(packed, f, t, t));
        return owners.length === 1;
      }),
      { seed: 20250601, numRuns: 2000 },
    );
  });

  it('gives points on a random shared edge of two random triangles to exactly one', () => {
    // Four points at increasing angles round a centre, split along the diagonal p0-p2.
    // Points on the diagonal, rounded as they may be, lie inside the union of the two
    // triangles, so exactly one triangle must own each.
    const angle = fc.double({ min: 0, max: Math.PI / 2 - 0.1, noNaN: true });
    const radius = fc.double({ min: 0.1, max: 10, noNaN: true });
    fc.assert(
      fc.property(
        fc.tuple(angle, angle, angle, angle),
        fc.tuple(radius, radius, radius, radius),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        (angles, radii, t) => {
          const p = angles.map((a, k): [number, number] => {
            const theta = a + (k * Math.PI) / 2;
            const r = radii[k] ?? 1;
            return [-2.9 + r * Math.cos(theta), 53.5 + r * Math.sin(theta)];
          });
          const [p0 = [0, 0], p1 = [0, 0], p2 = [0, 0], p3 = [0, 0]] = p;
          // p1 and p3 clearly on opposite sides of the diagonal: two real triangles that
          // share only that edge (a generated p1 can fall exactly on it: a zero-area T1).
          const s1 = side(p0, p2, p1);
          const s3 = side(p0, p2, p3);
          fc.pre(s1 * s3 < 0 && Math.min(Math.abs(s1), Math.abs(s3)) > 1e-6);
          const packed = packPolygons({
            type: 'FeatureCollection',
            features: [triangle(p0, p1, p2), triangle(p0, p2, p3)],
          });
          const x = (p0[0] ?? 0) + t * ((p2[0] ?? 0) - (p0[0] ?? 0));
          const y = (p0[1] ?? 0) + t * ((p2[1] ?? 0) - (p0[1] ?? 0));
          const owners = [0, 1].filter((f) => featureContainsPoint(packed, f, x, y));
          return owners.length === 1;
        },
      ),
      { seed: 7, numRuns: 3000 },
    );
  });
});

describe('multipolygon with an island in its hole', () => {
  it('counts any part, with holes by even-odd within each part', () => {
    const points: [number, number][] = [
      [0.5, 0.5], // outer ring of part 1
      [1.2, 2], // in the hole
      [2, 2], // on the island (part 2)
      [6.5, 1.5], // square S
      [5, 1.5], // between
    ];
    expect(locate(multiPolygonWithIsland, points)).toEqual([0, -1, 0, 1, -1]);
  });
});

describe('agreement with turf booleanPointInPolygon', () => {
  // Random star-shaped polygons with a square hole, alone or as a two-part multipolygon.
  const star = fc.record({
    cx: fc.double({ min: -3.2, max: -2.8, noNaN: true }),
    cy: fc.double({ min: 53.4, max: 53.7, noNaN: true }),
    radii: fc.array(fc.double({ min: 0.002, max: 0.02, noNaN: true }), {
      minLength: 6,
      maxLength: 40,
    }),
    jitter: fc.double({ min: -0.45, max: 0.45, noNaN: true }),
    withHole: fc.boolean(),
  });

  it('matches turf for points not within 1e-9 of an edge', () => {
    fc.assert(
      fc.property(
        fc.array(star, { minLength: 1, maxLength: 2 }),
        fc.array(
          fc.tuple(
            fc.double({ min: 0, max: 1, noNaN: true }),
            fc.double({ min: 0, max: 1, noNaN: true }),
          ),
          {
            minLength: 1,
            maxLength: 50,
          },
        ),
        (stars, unitPoints) => {
          const parts = stars.map(starPolygon);
          const feature: Feature<Polygon | MultiPolygon> =
            parts.length === 1
              ? {
                  type: 'Feature',
                  properties: {},
                  geometry: { type: 'Polygon', coordinates: parts[0] ?? [] },
                }
              : {
                  type: 'Feature',
                  properties: {},
                  geometry: { type: 'MultiPolygon', coordinates: parts },
                };
          const packed = packPolygons({ type: 'FeatureCollection', features: [feature] });
          const [minX = 0, minY = 0, maxX = 0, maxY = 0] = packed.bboxes;
          for (const [u, v] of unitPoints) {
            // Points over a box a little bigger than the feature, so some fall outside.
            const x = minX - 0.01 + u * (maxX - minX + 0.02);
            const y = minY - 0.01 + v * (maxY - minY + 0.02);
            if (distanceToNearestEdge(parts.flat(), x, y) < 1e-9) continue;
            const ours = featureContainsPoint(packed, 0, x, y);
            const turfs = booleanPointInPolygon(point([x, y]), feature);
            if (ours !== turfs) return false;
          }
          return true;
        },
      ),
      { seed: 42, numRuns: 500 },
    );
  });
});

/** Signed distance of c from the line a->b: positive on the left. */
function side(a: Position, b: Position, c: Position): number {
  const [ax = 0, ay = 0] = a;
  const [bx = 0, by = 0] = b;
  const [cx = 0, cy = 0] = c;
  return ((bx - ax) * (cy - ay) - (by - ay) * (cx - ax)) / Math.hypot(bx - ax, by - ay);
}

function triangle(a: Position, b: Position, c: Position): Feature<Polygon> {
  return {
    type: 'Feature',
    properties: {},
    geometry: { type: 'Polygon', coordinates: [[a, b, c, a]] },
  };
}

function starPolygon(s: {
  cx: number;
  cy: number;
  radii: number[];
  jitter: number;
  withHole: boolean;
}): Position[][] {
  const n = s.radii.length;
  const outer: Position[] = s.radii.map((r, k) => {
    // Evenly spaced angles, each nudged by less than half a step: the ring stays simple.
    const theta = ((k + s.jitter) * 2 * Math.PI) / n;
    return [s.cx + r * Math.cos(theta), s.cy + r * Math.sin(theta)];
  });
  outer.push(outer[0] ?? [s.cx, s.cy]);
  if (!s.withHole) return [outer];
  // A square hole well inside the smallest radius (its half-diagonal < r·cos(step)).
  const h = 0.3 * Math.min(...s.radii);
  const hole: Position[] = [
    [s.cx - h, s.cy - h],
    [s.cx - h, s.cy + h],
    [s.cx + h, s.cy + h],
    [s.cx + h, s.cy - h],
    [s.cx - h, s.cy - h],
  ];
  return [outer, hole];
}

function distanceToNearestEdge(rings: Position[][], x: number, y: number): number {
  let best = Infinity;
  for (const ring of rings) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const [ax = 0, ay = 0] = ring[i] ?? [];
      const [bx = 0, by = 0] = ring[i + 1] ?? [];
      const dx = bx - ax;
      const dy = by - ay;
      const len2 = dx * dx + dy * dy;
      const t = len2 > 0 ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2)) : 0;
      best = Math.min(best, Math.hypot(x - (ax + t * dx), y - (ay + t * dy)));
    }
  }
  return best;
}
