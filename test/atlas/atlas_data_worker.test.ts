/**
 * The atlas-data worker in-process, with a stub fetch: point location now runs on the
 * engine's flatbush + crossing-test path and must give the answers of the turf scan it
 * replaced (first feature in collection order whose polygon holds the point, -1 for none).
 *
 *   lsoa21:  A = [0,2]x[0,2] with a hole [0.5,1]x[0.5,1]
 *            B = [2,4]x[0,2] plus a second part [5,6]x[0,1]
 *            C = [1,3]x[1,3] overlaps A and B (not a partition: the lower index must win)
 */
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { topology } from 'topojson-server';
import { describe, expect, it } from 'vitest';
import { createAtlasDataWorker } from '../../workers/atlas/atlas_data.worker.ts';
import { areaCollectionOf } from '../../workers/geometry/area_layer.ts';
import { decodeAreas } from '../../workers/geometry/decode_areas.ts';
import { mulberry32 } from '../../workers/stats/random.ts';

const box = (x0: number, y0: number, x1: number, y1: number) => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];
const area = (code: string, geometry: Polygon | MultiPolygon): Feature =>
  ({ type: 'Feature', properties: { code, name: code, district: 'Test' }, geometry }) as Feature;

const areas: FeatureCollection = {
  type: 'FeatureCollection',
  features: [
    area('A', { type: 'Polygon', coordinates: [box(0, 0, 2, 2), box(0.5, 0.5, 1, 1)] }),
    area('B', { type: 'MultiPolygon', coordinates: [[box(2, 0, 4, 2)], [box(5, 0, 6, 1)]] }),
    area('C', { type: 'Polygon', coordinates: [box(1, 1, 3, 3)] }),
  ],
};
const URL_TOPO = 'http://test/geometry.topo.json';

async function loadedWorker() {
  const topo = topology({ lsoa21: areas });
  const worker = createAtlasDataWorker({
    fetchJson: async (url) => {
      if (url !== URL_TOPO) throw new Error(`unexpected ${url}`);
      return JSON.parse(JSON.stringify(topo)) as unknown;
    },
  });
  const layers = await worker.loadAreas(URL_TOPO, ['lsoa21']);
  const layer = layers.lsoa21;
  if (!layer) throw new Error('no lsoa21 layer');
  return { worker, layer, decoded: decodeAreas(topo, ['lsoa21']).lsoa21 };
}

/** The scan the worker used before: bbox check, then turf, first hit in feature order. */
function turfScan(fc: FeatureCollection<Polygon | MultiPolygon>, xy: Float64Array): number[] {
  const out: number[] = [];
  for (let p = 0; p < xy.length / 2; p++) {
    const pt = [xy[2 * p] ?? NaN, xy[2 * p + 1] ?? NaN];
    out.push(fc.features.findIndex((f) => booleanPointInPolygon(pt, f)));
  }
  return out;
}

describe('atlas-data worker: loadAreas', () => {
  it('sends the decoded areas as packed arrays that rebuild the same GeoJSON', async () => {
    const { layer, decoded } = await loadedWorker();
    expect(layer.codes).toEqual(['A', 'B', 'C']);
    expect(areaCollectionOf(layer)).toEqual(decoded);
  });
});

describe('atlas-data worker: locatePoints', () => {
  it('answers as the turf scan did on 5,000 seeded points, holes, parts and overlaps included', async () => {
    const { worker, decoded } = await loadedWorker();
    expect(decoded?.features).toHaveLength(3);
    const random = mulberry32(20261206);
    const xy = Float64Array.from({ length: 10_000 }, (_, i) =>
      i % 2 === 0 ? -0.5 + 7 * random() : -0.5 + 4 * random(),
    );
    const got = Array.from(await worker.locatePoints('lsoa21', xy));
    expect(got).toEqual(turfScan(decoded as FeatureCollection<Polygon | MultiPolygon>, xy));
    // Every case occurs: each area, and none.
    expect(new Set(got)).toEqual(new Set([-1, 0, 1, 2]));
  });

  it('places hand-picked points: hole, second part, overlap, outside, NaN', async () => {
    const { worker } = await loadedWorker();
    const xy = new Float64Array([
      0.75,
      0.75,
      0.25,
      0.25,
      5.5,
      0.5,
      1.5,
      1.5,
      2.5,
      2.5,
      9,
      9,
      NaN,
      1,
    ]);
    expect(Array.from(await worker.locatePoints('lsoa21', xy))).toEqual([-1, 0, 1, 0, 2, -1, -1]);
  });

  it('refuses geographies not loaded and odd-length point arrays', async () => {
    const { worker } = await loadedWorker();
    await expect(worker.locatePoints('ward', new Float64Array(2))).rejects.toThrow(/no ward areas/);
    await expect(worker.locatePoints('lsoa21', new Float64Array(3))).rejects.toThrow(/even/);
  });
});
