// npm run data -- [--area E08000014|lcr|england|...] [--raw ../shared/data/raw] [--out public/data]
//                 [--resume] [--only E06000009,...] [--national] [--quiet]
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
    resume: { type: 'boolean', default: false },
    only: { type: 'string' },
    national: { type: 'boolean', default: false },
    cache: { type: 'string' },
    quiet: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  process.stdout.write(
    'Builds the atlas data from raw open data.\n' +
      '  --area      what to build (default E08000014 Sefton): a district code (current or older,\n' +
      '              e.g. E07000165 Harrogate -> North Yorkshire), a county, combined authority or\n' +
      '              region code or name, "lcr", "england", or a comma-separated list\n' +
      '  --raw       folder with boundaries/, indicators/, assets/ (default ../shared/data/raw, env GAP_ATLAS_RAW)\n' +
      '  --out       output folder, replaced only when the build succeeds (default public/data)\n' +
      '  --resume    reuse finished bundles of the cache whose code and inputs are unchanged\n' +
      '  --only      rebuild these districts (comma-separated) and reuse the cache for the rest\n' +
      '  --national  also build the national layers (always on for --area england)\n' +
      '  --cache     where finished bundles are kept (default .gap-atlas/cache/bundles)\n',
  );
  process.exit(0);
}

try {
  const summary = await buildAtlasData({
    area: values.area,
    rawDir: path.resolve(values.raw),
    outDir: path.resolve(values.out),
    resume: values.resume,
    only: values.only?.split(',').filter(Boolean),
    national: values.national,
    cacheDir: values.cache,
    onProgress: values.quiet ? undefined : (m) => process.stdout.write(`  ${m}\n`),
  });
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const cached = summary.bundles.filter((b) => b.cached).length;
  process.stdout.write(
    `Built ${summary.area}: ${summary.bundles.length} bundle(s)${cached ? ` (${cached} from the cache)` : ''}; ${Object.entries(
      summary.counts,
    )
      .map(([g, n]) => `${n} ${g}`)
      .join(
        ', ',
      )}; ${summary.files.length} files, ${kb(summary.totalBytes)} (default bundle geometry ${kb(summary.geometryGzipBytes)} gzipped) in ${(summary.ms / 1000).toFixed(1)} s -> ${values.out}\n`,
  );
} catch (err) {
  if (err instanceof PipelineError) {
    process.stderr.write(`Data build failed; the previous output is untouched.\n${err.message}\n`);
    process.exit(1);
  }
  throw err;
}
