// The England build (--area england: 296 district bundles, national outlines, tables, value
// columns and LSOA vector tiles) in a child process: wall time, peak memory, output sizes.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { BenchRow } from './types.ts';

const run1 = promisify(execFile);
const here = path.dirname(new URL(import.meta.url).pathname);
const mb = (n: number) => `${(n / 2 ** 20).toFixed(1)} MB`;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

interface ChildFigures {
  ms: number;
  maxRssKiB: number;
  files: number;
  totalBytes: number;
  counts: Record<string, number>;
  seftonBytes: number;
  seftonGeometryGzipBytes: number;
  largestTile: string;
}

export async function run(): Promise<BenchRow[]> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'gap-atlas-bench-england-'));
  try {
    const t0 = performance.now();
    const { stdout } = await run1(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(here, 'england_child.ts'),
        path.join(tmp, 'out'),
        path.join(tmp, 'cache'),
      ],
      { maxBuffer: 1 << 24, cwd: path.join(here, '..') },
    );
    const wall = performance.now() - t0;
    const f = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as ChildFigures;
    return [
      {
        name: 'data build --area england (child process, empty bundle cache; stored CSV rows used if present)',
        medianMs: wall,
        runs: 1,
        notes: `build ${(f.ms / 1000).toFixed(1)} s of ${(wall / 1000).toFixed(1)} s wall; peak RSS ${mb(f.maxRssKiB * 1024)}; ${f.files} files, ${mb(f.totalBytes)} in all; ${Object.entries(
          f.counts,
        )
          .map(([g, n]) => `${n} ${g}`)
          .join(
            ', ',
          )}; Sefton bundle ${kb(f.seftonBytes)}, its geometry ${kb(f.seftonGeometryGzipBytes)} gzipped; ${f.largestTile}`,
      },
    ];
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
