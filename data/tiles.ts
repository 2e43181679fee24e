import { GeoJSONVT } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { StagedOutput, WrittenFile } from './output.ts';

/**
 * National LSOA geometry as a plain `{z}/{x}/{y}.pbf` directory of Mapbox vector tiles
 * (MapLibre reads it natively from any static host): geojson-vt cuts and simplifies,
 * @maplibre/vt-pbf encodes. Each feature carries its GSS code and the national indicator
 * values as properties, so the map restyles by property with no join on the main thread.
 */
export interface TileOptions {
  /** Lowest zoom written; below it the England overview uses the district outlines. */
  minzoom: number;
  /** Highest zoom written; MapLibre overzooms beyond it. */
  maxzoom: number;
  /** geojson-vt simplification tolerance in tile units (4096 a tile side). */
  tolerance: number;
  /**
   * Zoom geojson-vt simplifies up to (it leaves its own maxZoom unsimplified): one past
   * `maxzoom`, so the deepest tiles written are simplified too.
   */
  indexMaxZoom?: number;
}

/**
 * z5 shows England in a few tiles; at z10 a tile unit is about 6 m, finer than the 20 m
 * generalisation of the BGC source, so deeper zooms would add bytes and no detail (MapLibre
 * overzooms). Measured on LSOA 2021 with the national properties: 454 tiles, all z10 tiles
 * under 330 KB; the z5-z9 tiles over London and the North West reach 0.5-1.9 MB, since
 * every LSOA is kept at every zoom (the overview can start on the district outlines).
 */
export const DEFAULT_TILE_OPTIONS: TileOptions = { minzoom: 5, maxzoom: 10, tolerance: 2 };

export type TileFeature = Feature<Polygon | MultiPolygon, Record<string, string | number>>;

export interface TileSet {
  files: WrittenFile[];
  /** The largest tile, for the size report. */
  largest: { path: string; bytes: number } | null;
  bounds: [number, number, number, number];
}

export async function writeTiles(
  out: StagedOutput,
  folder: string,
  layer: string,
  features: TileFeature[],
  options: TileOptions = DEFAULT_TILE_OPTIONS,
): Promise<TileSet> {
  const index = new GeoJSONVT(
    { type: 'FeatureCollection', features },
    {
      maxZoom: options.indexMaxZoom ?? options.maxzoom + 1,
      indexMaxZoom: Math.min(options.minzoom, 5),
      tolerance: options.tolerance,
      extent: 4096,
      buffer: 64,
    },
  );
  const files: WrittenFile[] = [];
  let largest: TileSet['largest'] = null;
  const visit = async (z: number, x: number, y: number): Promise<void> => {
    const tile = index.getTile(z, x, y);
    if (!tile || tile.features.length === 0) return;
    if (z >= options.minzoom) {
      const content = fromGeojsonVt({ [layer]: tile }, { version: 2, extent: 4096 });
      const written = await out.write({ path: `${folder}/${z}/${x}/${y}.pbf`, content });
      files.push(written);
      if (!largest || written.bytes > largest.bytes)
        largest = { path: written.path, bytes: written.bytes };
    }
    if (z < options.maxzoom) {
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const)
        await visit(z + 1, x * 2 + dx, y * 2 + dy);
    }
  };
  await visit(0, 0, 0);
  return { files, largest, bounds: boundsOf(features) };
}

function boundsOf(features: readonly TileFeature[]): [number, number, number, number] {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const walk = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number') {
      const [x, y] = c as number[];
      if (x === undefined || y === undefined) return;
      if (x < w) w = x;
      if (x > e) e = x;
      if (y < s) s = y;
      if (y > n) n = y;
      return;
    }
    for (const k of c) walk(k);
  };
  for (const f of features) walk(f.geometry.coordinates);
  return [w, s, e, n].map((v) => Math.round(v * 1e5) / 1e5) as [number, number, number, number];
}
