// Builds the bench's naive page (bench/naive/) into `outDir` with its data: one definition for
// bench/first_frame.bench.ts and the profiling tool bench/first_frame_profile.ts.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'vite';
import { REPO_ROOT } from '../../data/defaults.ts';
import { brotliCopy, precompressPlugin } from '../../data/precompress.ts';

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
  const br = brotliCopy('lsoa.geojson', geojson, 9);
  if (br) await writeFile(path.join(outDir, 'lsoa.geojson.br'), br);
}
