// The data pipeline: Sefton and Liverpool City Region builds, against the cost of merely
// reading and parsing the biggest raw file (the baseline, same run).
import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildAtlasData, type BuildSummary } from '../data/build.ts';
import { DEFAULT_DATA_OPTIONS } from '../data/defaults.ts';
import { medianTime } from './time.ts';
import type { BenchRow } from './types.ts';

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

export async function run(): Promise<BenchRow[]> {
  const raw = DEFAULT_DATA_OPTIONS.rawDir;
  const baseline = await medianTime(
    async () =>
      JSON.parse(await readFile(path.join(raw, 'boundaries/lcr_lsoa11_bgc.geojson'), 'utf8')),
    5,
  );
  const rows: BenchRow[] = [
    { name: 'read + JSON.parse raw LCR LSOA 2011 GeoJSON (2.2 MB)', ...baseline },
  ];
  for (const area of ['E08000014', 'lcr']) {
    const out = path.join(os.tmpdir(), `gap-atlas-bench-${area}`);
    let summary: BuildSummary | undefined;
    const t = await medianTime(async () => {
      summary = await buildAtlasData({ area, rawDir: raw, outDir: out });
    }, 3);
    const s = summary;
    rows.push({
      name: `data build ${area === 'lcr' ? 'Liverpool City Region' : 'Sefton'}`,
      ...t,
      baseline: rows[0]?.name,
      notes: s
        ? `${s.files.length} files, ${kb(s.totalBytes)} in all; geometry ${kb(s.geometryGzipBytes)} gzipped; ${Object.entries(
            s.counts,
          )
            .map(([g, n]) => `${n} ${g}`)
            .join(', ')}`
        : undefined,
    });
    await rm(out, { recursive: true, force: true });
  }
  return rows;
}
