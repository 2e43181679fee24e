import { describe, expect, it } from 'vitest';
import type { FeatureCollection, Geometry } from 'geojson';
import {
  PackedPolygonsError,
  packPolygons,
  packedPolygonsFromBuffers,
  packedPolygonsToBuffers,
  packedPolygonsTransferables,
  type PackedPolygonsBuffers,
} from '../../workers/geometry/packed_polygons.ts';
import {
  buildPolygonIndex,
  packPolygonLayer,
  polygonIndexFromBuffers,
  polygonIndexToBuffers,
  polygonLayerTransferables,
  type PolygonLayerBuffers,
} from '../../workers/geometry/polygon_index.ts';
import {
  fourSquares,
  multiPolygonWithIsland,
  squareWithHole,
} from '../fixtures/geometry/hand_drawn.ts';

describe('packPolygons', () => {
  it('lays out rings, parts and features as prefix offsets, rings closed', () => {
    const packed = packPolygons(multiPolygonWithIsland);
    // Feature M: part 1 (outer 5 + hole 5 vertices), part 2 (island 5); feature S: 5.
    expect(Array.from(packed.featureOffsets)).toEqual([0, 2, 3]);
    expect(Array.from(packed.polygonOffsets)).toEqual([0, 2, 3, 4]);
    expect(Array.from(packed.ringOffsets)).toEqual([0, 5, 10, 15, 20]);
    expect(packed.coords.length).toBe(40);
    expect(Array.from(packed.bboxes)).toEqual([0, 0, 4, 4, 6, 1, 7, 2]);
  });

  it('closes rings given open and drops rings that enclose nothing', () => {
    const open: FeatureCollection = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: {},
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [0, 0],
                [1, 0],
                [1, 1],
              ],
              [
                [0.2, 0.1],
                [0.3, 0.1],
                [0.2, 0.1],
              ], // two distinct positions: no area
            ],
          },
        },
      ],
    };
    const packed = packPolygons(open);
    expect(Array.from(packed.ringOffsets)).toEqual([0, 4]);
    expect(Array.from(packed.coords)).toEqual([0, 0, 1, 0, 1, 1, 0, 0]);
  });

  it('keeps a feature with null geometry as an empty feature with an empty box', () => {
    const withNull: FeatureCollection<Geometry | null> = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: {}, geometry: null }, ...fourSquares.features],
    };
    const packed = packPolygons(withNull);
    expect(packed.featureCount).toBe(5);
    expect(Array.from(packed.featureOffsets.slice(0, 3))).toEqual([0, 0, 1]);
    expect(Array.from(packed.bboxes.slice(0, 4))).toEqual([
      Infinity,
      Infinity,
      -Infinity,
      -Infinity,
    ]);
    // And it survives validation on the far side.
    expect(() =>
      polygonIndexFromBuffers(polygonIndexToBuffers(buildPolygonIndex(packed))),
    ).not.toThrow();
  });

  it('refuses geometry that is not polygonal, naming the feature', () => {
    const points: FeatureCollection = {
      type: 'FeatureCollection',
      features: [
        ...squareWithHole.features,
        { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [0, 0] } },
      ],
    };
    expect(() => packPolygons(points)).toThrow(/Feature 1 is a Point/);
  });
});

describe('round trip through buffers', () => {
  it('rebuilds identical arrays and the same tree', () => {
    const index = buildPolygonIndex(packPolygons(multiPolygonWithIsland));
    const buffers = polygonIndexToBuffers(index);
    // What a worker receives: a structured clone of plain ArrayBuffers.
    const received = structuredClone(buffers);
    const rebuilt = polygonIndexFromBuffers(received);
    expect(rebuilt.polygons).toEqual(index.polygons);
    expect(rebuilt.tree?.search(0, 0, 10, 10).sort()).toEqual([0, 1]);
  });

  it('transfers: the sender is left with detached buffers, the receiver with all the data', () => {
    const index = buildPolygonIndex(packPolygons(fourSquares));
    const buffers = polygonIndexToBuffers(index);
    const bytes = polygonLayerTransferables(buffers).reduce((n, b) => n + b.byteLength, 0);
    const received = structuredClone(buffers, { transfer: polygonLayerTransferables(buffers) });
    expect(buffers.coords.byteLength).toBe(0);
    expect(polygonLayerTransferables(received).reduce((n, b) => n + b.byteLength, 0)).toBe(bytes);
    expect(polygonIndexFromBuffers(received).polygons.featureCount).toBe(4);
  });

  it('packs GeoJSON straight to loadable buffers in one call', () => {
    const received = polygonIndexFromBuffers(packPolygonLayer(squareWithHole));
    expect(received.polygons).toEqual(packPolygons(squareWithHole));
    expect(received.tree?.numItems).toBe(1);
  });

  it('lists every buffer as transferable exactly once', () => {
    const buffers = packedPolygonsToBuffers(packPolygons(fourSquares));
    const list = packedPolygonsTransferables(buffers);
    expect(new Set(list).size).toBe(5);
  });
});

describe('validation of received buffers', () => {
  const good = (): PolygonLayerBuffers =>
    polygonIndexToBuffers(buildPolygonIndex(packPolygons(multiPolygonWithIsland)));

  function corrupt<K extends keyof PackedPolygonsBuffers>(
    key: K,
    edit: (view: K extends 'coords' | 'bboxes' ? Float64Array : Uint32Array) => void,
  ): PolygonLayerBuffers {
    const buffers = good();
    const view =
      key === 'coords' || key === 'bboxes'
        ? new Float64Array(buffers[key])
        : new Uint32Array(buffers[key]);
    edit(view as K extends 'coords' | 'bboxes' ? Float64Array : Uint32Array);
    return buffers;
  }

  const cases: [string, () => PolygonLayerBuffers, RegExp][] = [
    [
      'coords of odd length',
      () => ({ ...good(), coords: good().coords.slice(0, 8 * 39) }),
      /coords has an odd length/,
    ],
    [
      'a buffer cut mid-element',
      () => ({ ...good(), ringOffsets: good().ringOffsets.slice(0, 7) }),
      /not a multiple of 4/,
    ],
    [
      'featureOffsets not starting at 0',
      () => corrupt('featureOffsets', (v) => (v[0] = 1)),
      /featureOffsets does not start at 0/,
    ],
    [
      'a polygon with no ring',
      () => corrupt('polygonOffsets', (v) => (v[1] = 0)),
      /polygonOffsets\[1\] = 0 after 0/,
    ],
    [
      'a ring shorter than a triangle',
      () => corrupt('ringOffsets', (v) => (v[1] = 3)),
      /ringOffsets\[1\] = 3/,
    ],
    [
      'offsets running past the data',
      () => corrupt('ringOffsets', (v) => (v[4] = 21)),
      /ringOffsets ends at 21, expected 20/,
    ],
    ['an open ring', () => corrupt('coords', (v) => (v[8] = 0.5)), /ring 0 is not closed/],
    [
      'a NaN coordinate',
      () => corrupt('coords', (v) => (v[2] = NaN)),
      /vertex 1 of feature 0 is not a finite number/,
    ],
    [
      'a bbox that is not the extent',
      () => corrupt('bboxes', (v) => (v[6] = 8)),
      /bbox of feature 1 does not match/,
    ],
    [
      'too few bboxes',
      () => ({ ...good(), bboxes: good().bboxes.slice(0, 32 - 8) }),
      /bboxes has 3 values for 2 features/,
    ],
  ];

  it.each(cases)('rejects %s', (_name, make, message) => {
    expect(() => polygonIndexFromBuffers(make())).toThrow(PackedPolygonsError);
    expect(() => polygonIndexFromBuffers(make())).toThrow(message);
  });

  it('accepts the uncorrupted buffers (so the cases above fail for their own reason)', () => {
    expect(() => polygonIndexFromBuffers(good())).not.toThrow();
    expect(() => packedPolygonsFromBuffers(good())).not.toThrow();
  });

  it('rejects a tree that is not flatbush data', () => {
    const buffers = { ...good(), index: new ArrayBuffer(64) };
    expect(() => polygonIndexFromBuffers(buffers)).toThrow(
      /Invalid polygon index: .*Flatbush format/,
    );
  });

  it('rejects a tree built for another layer with the same number of features', () => {
    const other = polygonIndexToBuffers(
      buildPolygonIndex(
        packPolygons({ type: 'FeatureCollection', features: fourSquares.features.slice(0, 2) }),
      ),
    );
    expect(() => polygonIndexFromBuffers({ ...good(), index: other.index })).toThrow(
      /the box of leaf 0 is not the bbox of feature/,
    );
  });

  it('rejects a tree with a different number of items', () => {
    const other = polygonIndexToBuffers(buildPolygonIndex(packPolygons(fourSquares)));
    expect(() => polygonIndexFromBuffers({ ...good(), index: other.index })).toThrow(
      /holds 4 items for 2 features/,
    );
  });

  it('rejects a missing buffer', () => {
    const buffers: Partial<PolygonLayerBuffers> = good();
    delete buffers.bboxes;
    expect(() => polygonIndexFromBuffers(buffers as PolygonLayerBuffers)).toThrow(
      /bboxes is not an ArrayBuffer/,
    );
  });
});
