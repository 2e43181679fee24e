// Run by bench/england.bench.ts in a child process, so that its peak memory is the build's
// alone: builds --area england and prints one JSON line with the figures.
import { buildAtlasData } from '../data/build.ts';
import { DEFAULT_DATA_OPTIONS } from '../data/defaults.ts';

const [outDir, cacheDir] = process.argv.slice(2);
if (!outDir || !cacheDir) throw new Error('usage: england_child.ts OUT_DIR CACHE_DIR');
let largestTile = '';
const s = await buildAtlasData({
  area: 'england',
  rawDir: DEFAULT_DATA_OPTIONS.rawDir,
  outDir,
  cacheDir,
  onProgress: (m) => {
    if (m.startsWith('largest tile')) largestTile = m;
  },
});
const sefton = s.bundles.find((b) => b.id === 'E08000014');
process.stdout.write(
  `${JSON.stringify({
    ms: s.ms,
    maxRssKiB: process.resourceUsage().maxRSS,
    files: s.files.length,
    totalBytes: s.totalBytes,
    counts: s.counts,
    seftonBytes: sefton?.bytes,
    seftonGeometryGzipBytes: sefton?.geometryGzipBytes,
    largestTile,
  })}\n`,
);
