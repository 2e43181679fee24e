// Builds the bench's naive page (bench/naive/) into `outDir` with its data: one definition for
// bench/first_frame.bench.ts and the profiling tool bench/first_frame_profile.ts.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GeoJSONVT } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import { bbox } from '@turf/bbox';
import type { FeatureCollection } from 'geojson';
import { build } from 'vite';
import { REPO_ROOT } from '../../data/defaults.ts';
import { brotliCopy, precompressPlugin } from '../../data/precompress.ts';
import { NAIVE_TILE_ZOOMS } from './tile_zooms.ts';

/** The naive page's data: Sefton's raw 2011 LSOAs with the IMD 2019 score joined by code. */
async function naiveGeojson(rawDir: string): Promise<string> {
  const geo = JSON.parse(
    await readFile(path.join(rawDir, 'boundaries/sefton_lsoa11_bgc.geojson'), 'utf8'),
  ) as { features: { properties: Record<string, unknown> }[] };
  const csv = (await readFile(path.join(rawDir, 'indicators/imd2019_lsoa11_england.csv'), 'utf8'))
    .split('\n')
    .slice(1);
  const score = new Map(csv.map((l) => l.split(',')).map((c) => [c[0], Number(c[2])]));
  for (const f of geo.features) f.properties.imd = score.get(String(f.properties.LSOA11CD)) ?? 0;
  return JSON.stringify(geo);
}

/** The page and its GeoJSON, served as the atlas is (brotli copies sent as they are). */
export async function buildNaivePage(outDir: string, rawDir: string): Promise<void> {
  await build({
    root: path.join(REPO_ROOT, 'bench/naive'),
    base: './',
    logLevel: 'error',
    configFile: false,
    plugins: [precompressPlugin()],
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
  const geojson = await naiveGeojson(rawDir);
  await writeFile(path.join(outDir, 'lsoa.geojson'), geojson);
  await writeNaiveTiles(path.join(outDir, 'tiles'), JSON.parse(geojson) as FeatureCollection);
  const br = brotliCopy('lsoa.geojson', geojson, 9);
  if (br) await writeFile(path.join(outDir, 'lsoa.geojson.br'), br);
}

/**
 * The same areas as vector tiles (`tiles/{z}/{x}/{y}.pbf`, layer "lsoa") for the naive page's
 * `?tiles` variant, cut as the pipeline cuts the national tiles (geojson-vt, 4096 extent).
 */
async function writeNaiveTiles(dir: string, fc: FeatureCollection): Promise<void> {
  const index = new GeoJSONVT(fc, {
    maxZoom: NAIVE_TILE_ZOOMS.max,
    indexMaxZoom: 5,
    tolerance: 2,
    extent: 4096,
    buffer: 64,
  });
  const [w, s, e, n] = bbox(fc);
  const x = (lon: number, z: number) => Math.floor(((lon + 180) / 360) * 2 ** z);
  const y = (lat: number, z: number) => {
    const r = (lat * Math.PI) / 180;
    return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
  };
  for (let z = NAIVE_TILE_ZOOMS.min; z <= NAIVE_TILE_ZOOMS.max; z++)
    for (let tx = x(w, z); tx <= x(e, z); tx++)
      for (let ty = y(n, z); ty <= y(s, z); ty++) {
        const tile = index.getTile(z, tx, ty);
        if (!tile || tile.features.length === 0) continue;
        await mkdir(path.join(dir, `${z}/${tx}`), { recursive: true });
        const pbf = fromGeojsonVt({ lsoa: tile }, { version: 2, extent: 4096 });
        await writeFile(path.join(dir, `${z}/${tx}/${ty}.pbf`), pbf);
      }
}
