// Runs every bench/*.bench.ts module in one process and writes one results file with the
// machine and the date, so figures from different runs are never mixed.
import { readdir, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchModule, BenchRow } from './types.ts';

const here = path.dirname(new URL(import.meta.url).pathname);
const only = process.argv.slice(2);
const files = (await readdir(here))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const results: { module: string; rows: BenchRow[] }[] = [];
for (const file of files) {
  process.stdout.write(`bench ${file} ...\n`);
  const mod = (await import(pathToFileURL(path.join(here, file)).href)) as BenchModule;
  const rows = await mod.run();
  results.push({ module: file, rows });
  for (const r of rows) {
    const base = r.baseline ? rows.find((b) => b.name === r.baseline) : undefined;
    const ratio = !base
      ? ''
      : r.medianMs <= base.medianMs
        ? `  (${(base.medianMs / r.medianMs).toFixed(1)}x faster than ${base.name})`
        : `  (${(r.medianMs / base.medianMs).toFixed(1)}x the time of ${base.name})`;
    process.stdout.write(`  ${r.name}: ${r.medianMs.toFixed(2)} ms median of ${r.runs}${ratio}\n`);
  }
}

const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  platform: `${os.platform()} ${os.release()}`,
  node: process.version,
};
const date = new Date().toISOString();
await mkdir(path.join(here, 'results'), { recursive: true });
// One file per run, so runs of different modules on the same day never overwrite each other.
const out = path.join(here, 'results', `bench-${date.slice(0, 16).replace(':', '')}.json`);
await writeFile(out, JSON.stringify({ date, machine, results }, null, 2) + '\n');
process.stdout.write(`results written to ${path.relative(process.cwd(), out)}\n`);
