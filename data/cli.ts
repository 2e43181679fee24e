// npm run data -- [--area E08000014|lcr] [--raw ../shared/data/raw] [--out public/data]
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildAtlasData } from './build.ts';
import { PipelineError } from './errors.ts';
import { DEFAULT_DATA_OPTIONS } from './defaults.ts';

const { values } = parseArgs({
  options: {
    area: { type: 'string', default: DEFAULT_DATA_OPTIONS.area },
    raw: { type: 'string', default: DEFAULT_DATA_OPTIONS.rawDir },
    out: { type: 'string', default: DEFAULT_DATA_OPTIONS.outDir },
    quiet: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  process.stdout.write(
    'Builds the atlas data from raw open data.\n' +
      '  --area  local authority code in the raw files (default E08000014 Sefton), or "lcr"\n' +
      '  --raw   folder with boundaries/, indicators/, assets/ (default ../shared/data/raw, env GAP_ATLAS_RAW)\n' +
      '  --out   output folder, replaced only when the build succeeds (default public/data)\n',
  );
  process.exit(0);
}

try {
  const summary = await buildAtlasData({
    area: values.area,
    rawDir: path.resolve(values.raw),
    outDir: path.resolve(values.out),
    onProgress: values.quiet ? undefined : (m) => process.stdout.write(`  ${m}\n`),
  });
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  process.stdout.write(
    `Built ${summary.area}: ${Object.entries(summary.counts)
      .map(([g, n]) => `${n} ${g}`)
      .join(
        ', ',
      )}; ${summary.files.length} files, ${kb(summary.totalBytes)} (geometry ${kb(summary.geometryGzipBytes)} gzipped) in ${(summary.ms / 1000).toFixed(1)} s -> ${values.out}\n`,
  );
} catch (err) {
  if (err instanceof PipelineError) {
    process.stderr.write(`Data build failed; the previous output is untouched.\n${err.message}\n`);
    process.exit(1);
  }
  throw err;
}
