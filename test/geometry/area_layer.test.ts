/**
 * Decoded areas crossing threads as packed arrays (workers/geometry/area_layer.ts): the GeoJSON
 * comes back as decoded, after a real structured-clone transfer, and the sender's own index
 * keeps working because the layer carries copies of its buffers.
 *
 *   A: Polygon [0,2]x[0,2] with the hole [0.5,1]x[0.5,1]
 *   B: MultiPolygon of [2,4]x[0,2] and [5,6]x[0,1]
 *   C: no geometry
 *   D: Polygon [0,1]x[3,4] plus a degenerate hole (two distinct points), which has no area
 */
import type { Feature, FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  areaCollectionOf,
  areaCollectionsOf,
  areaLayerTransferables,
  packAreaLayer,
  type AreaLayer,
} from '../../workers/geometry/area_layer.ts';
import type { AreaCollection } from '../../workers/geometry/decode_areas.ts';
import { PackedPolygonsError } from '../../workers/geometry/packed_polygons.ts';
import { locatePoints, polygonIndexFromBuffers } from '../../workers/geometry/polygon_index.ts';

const box = (x0: number, y0: number, x1: number, y1: number) => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];
const area = (code: string, geometry: Feature['geometry'] | null): Feature =>
  ({
    type: 'Feature',
    properties: { code, name: `Area ${code}`, district: 'D' },
    geometry,
  }) as Feature;

const areas = {
  type: 'FeatureCollection',
  features: [
    area('A', { type: 'Polygon', coordinates: [box(0, 0, 2, 2), box(0.5, 0.5, 1, 1)] }),
    area('B', { type: 'MultiPolygon', coordinates: [[box(2, 0, 4, 2)], [box(5, 0, 6, 1)]] }),
    area('C', null),
    area('D', {
      type: 'Polygon',
      coordinates: [
        box(0, 3, 1, 4),
        [
          [0.2, 3.2],
          [0.3, 3.3],
          [0.2, 3.2],
        ],
      ],
    }),
  ],
} as FeatureCollection as AreaCollection;

/** What crosses the thread boundary: a real structured clone with the buffers transferred. */
function send(layer: AreaLayer): AreaLayer {
  return structuredClone(layer, { transfer: areaLayerTransferables(layer) });
}

const XY = new Float64Array([0.25, 0.25, 0.75, 0.75, 5.5, 0.5, 0.5, 3.5, 9, 9]);

describe('area layers', () => {
  it('rebuild the decoded GeoJSON after a transfer, degenerate rings left out', () => {
    const { layer } = packAreaLayer(areas);
    const received = send(layer);
    expect(layer.polygons.coords.byteLength).toBe(0); // detached: it moved, not copied
    const back = areaCollectionOf(received);
    const withoutDegenerateHole = structuredClone(areas);
    const d = withoutDegenerateHole.features[3]?.geometry;
    if (d?.type === 'Polygon') d.coordinates.pop();
    expect(back).toEqual(withoutDegenerateHole);
    expect(areaCollectionsOf({ lsoa21: received, ward: undefined })).toEqual({ lsoa21: back });
  });

  it("keep the sender's index working and carry a tree the receiver can use as it is", () => {
    const { layer, index } = packAreaLayer(areas);
    const received = send(layer);
    expect(Array.from(locatePoints(index, XY))).toEqual([0, -1, 1, 3, -1]);
    const theirs = polygonIndexFromBuffers(received.polygons);
    expect(Array.from(locatePoints(theirs, XY))).toEqual([0, -1, 1, 3, -1]);
  });

  it('refuse a layer whose parts do not fit together', () => {
    const { layer } = packAreaLayer(areas);
    expect(() => areaCollectionOf({ ...layer, names: ['only one'] })).toThrow(PackedPolygonsError);
    expect(() => areaCollectionOf({ ...layer, geometryTypes: new Uint8Array(1) })).toThrow(
      PackedPolygonsError,
    );
    const coords = layer.polygons.coords.slice(8);
    expect(() => areaCollectionOf({ ...layer, polygons: { ...layer.polygons, coords } })).toThrow(
      PackedPolygonsError,
    );
  });
});
