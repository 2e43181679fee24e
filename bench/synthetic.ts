/**
 * Seeded inputs for the geometry benchmarks: random points, and an England-sized polygon
 * layer made by tiling the real Liverpool City Region LSOAs. Node only (reads files).
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';

/** The shared raw data folder, beside the repository (never copied into it). */
export const RAW_DATA_DIR = fileURLToPath(new URL('../../shared/data/raw/', import.meta.url));

export const LCR_LSOA11_PATH = `${RAW_DATA_DIR}boundaries/lcr_lsoa11_bgc.geojson`;
export const SEFTON_LSOA11_PATH = `${RAW_DATA_DIR}boundaries/sefton_lsoa11_bgc.geojson`;

export type BBox = [minX: number, minY: number, maxX: number, maxY: number];
type PolygonFeature = Feature<Polygon | MultiPolygon>;

/** mulberry32: a small, fast, seeded generator (flatbush's bench.js uses it too). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` points uniformly inside `bbox`, x and y interleaved. */
export function randomPointsInBBox(count: number, bbox: BBox, seed: number): Float64Array {
  const random = mulberry32(seed);
  const [minX, minY, maxX, maxY] = bbox;
  const xy = new Float64Array(count * 2);
  for (let i = 0; i < count; i++) {
    xy[2 * i] = minX + random() * (maxX - minX);
    xy[2 * i + 1] = minY + random() * (maxY - minY);
  }
  return xy;
}

/**
 * `count` points, each uniform in the bbox of a feature picked at random: dense where the
 * polygons are small and dense, as people (and so assets and addresses) are. Most land in
 * a polygon, unlike points uniform over the whole layer's bbox.
 */
export function randomPointsInFeatureBoxes(
  count: number,
  bboxes: Float64Array,
  seed: number,
): Float64Array {
  const random = mulberry32(seed);
  const features = bboxes.length / 4;
  const xy = new Float64Array(count * 2);
  for (let i = 0; i < count; i++) {
    const b = 4 * Math.floor(random() * features);
    const [minX = NaN, minY = NaN, maxX = NaN, maxY = NaN] = bboxes.subarray(b, b + 4);
    xy[2 * i] = minX + random() * (maxX - minX);
    xy[2 * i + 1] = minY + random() * (maxY - minY);
  }
  return xy;
}

export async function readPolygonLayer(
  path: string,
): Promise<FeatureCollection<Polygon | MultiPolygon>> {
  const parsed = JSON.parse(await readFile(path, 'utf8')) as FeatureCollection;
  const features = parsed.features.filter(
    (f): f is PolygonFeature =>
      f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon',
  );
  return { type: 'FeatureCollection', features };
}

export function bboxOfLayer(layer: FeatureCollection<Polygon | MultiPolygon>): BBox {
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const feature of layer.features) {
    for (const ring of ringsOf(feature.geometry)) {
      for (const [x = NaN, y = NaN] of ring) {
        box[0] = Math.min(box[0], x);
        box[1] = Math.min(box[1], y);
        box[2] = Math.max(box[2], x);
        box[3] = Math.max(box[3], y);
      }
    }
  }
  return box;
}

/**
 * `tiles` copies of a layer side by side, `columns` to a row, each shifted by the layer's
 * own width/height so copies never overlap. Feature order: tile by tile.
 */
export function tileLayer(
  layer: FeatureCollection<Polygon | MultiPolygon>,
  tiles: number,
  columns: number,
): FeatureCollection<Polygon | MultiPolygon> {
  const [minX, minY, maxX, maxY] = bboxOfLayer(layer);
  const features: PolygonFeature[] = [];
  for (let t = 0; t < tiles; t++) {
    const dx = (t % columns) * (maxX - minX);
    const dy = Math.floor(t / columns) * (maxY - minY);
    const shift = (p: Position): Position => [(p[0] ?? NaN) + dx, (p[1] ?? NaN) + dy];
    for (const feature of layer.features) {
      const g = feature.geometry;
      const geometry: Polygon | MultiPolygon =
        g.type === 'Polygon'
          ? { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(shift)) }
          : {
              type: 'MultiPolygon',
              coordinates: g.coordinates.map((p) => p.map((r) => r.map(shift))),
            };
      features.push({ type: 'Feature', properties: { tile: t }, geometry });
    }
  }
  return { type: 'FeatureCollection', features };
}

/** 33 tiles of the 989 LCR LSOAs (2011): 32,637 polygons, close to England's 32,844 LSOAs. */
export async function englandSizedLayer(): Promise<FeatureCollection<Polygon | MultiPolygon>> {
  return tileLayer(await readPolygonLayer(LCR_LSOA11_PATH), 33, 6);
}

function ringsOf(geometry: Polygon | MultiPolygon): Position[][] {
  return geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
}
