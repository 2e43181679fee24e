// The atlas in headless Chromium: JavaScript shipped (gzipped; MapLibre apart) and time from
// navigation to the first complete choropleth frame, against the page merely fetching and
// parsing the same data files (the baseline, same run).
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { buildAtlasData } from '../data/build.ts';
import { DEFAULT_DATA_OPTIONS, REPO_ROOT } from '../data/defaults.ts';
import { buildApp } from '../server/app.ts';
import { launchChromium } from '../test/browser/chromium.ts';
import type { BenchRow } from './types.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

export async function run(): Promise<BenchRow[]> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'gap-atlas-appbench-'));
  const dist = path.join(tmp, 'dist');
  const data = path.join(tmp, 'data');
  await buildAtlasData({ area: 'E08000014', rawDir: DEFAULT_DATA_OPTIONS.rawDir, outDir: data });
  await build({
    root: REPO_ROOT,
    logLevel: 'error',
    build: { outDir: dist, emptyOutDir: true, copyPublicDir: false, sourcemap: false },
  });

  const sizes = { app: 0, maplibre: 0, css: 0 };
  for (const f of await readdir(path.join(dist, 'assets'))) {
    const gz = gzipSync(await readFile(path.join(dist, 'assets', f))).length;
    if (f.endsWith('.css')) sizes.css += gz;
    else if (f.startsWith('maplibre')) sizes.maplibre += gz;
    else if (/\.m?js$/.test(f)) sizes.app += gz;
  }

  const server = await buildApp({
    distDir: dist,
    dataDir: data,
    register: { file: path.join(tmp, 'register.db') },
  });
  const url = await server.listen({ port: 0, host: '127.0.0.1' });
  const browser = await launchChromium();
  const firstFrame: number[] = [];
  const dataOnly: number[] = [];
  const phases: string[] = [];
  try {
    for (let i = 0; i < 4; i++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(url);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 90_000 });
      const t = await page.evaluate(() => performance.now());
      phases.push(
        await page.evaluate(() =>
          performance
            .getEntriesByType('mark')
            .filter((m) => m.name.startsWith('step'))
            .map((m) => `${m.name} ${Math.round(m.startTime)}`)
            .join(', '),
        ),
      );
      const files = await page.evaluate(async () => {
        const m = (await (await fetch('./data/manifest.json', { cache: 'no-store' })).json()) as {
          files: { path: string }[];
        };
        const t0 = performance.now();
        await Promise.all(
          m.files.map(
            async (f) =>
              JSON.parse(
                await (await fetch(`./data/${f.path}`, { cache: 'no-store' })).text(),
              ) as unknown,
          ),
        );
        return performance.now() - t0;
      });
      if (i > 0) {
        firstFrame.push(t);
        dataOnly.push(files);
      }
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
    await rm(tmp, { recursive: true, force: true });
  }
  const base = 'page fetches + parses all data files';
  return [
    { name: base, medianMs: median(dataOnly), runs: dataOnly.length },
    {
      name: 'navigation to first complete choropleth frame (Sefton LSOAs, headless Chromium, SwiftShader)',
      medianMs: median(firstFrame),
      runs: firstFrame.length,
      baseline: base,
      notes: `JS shipped gzipped: app ${kb(sizes.app)} (main + workers), MapLibre ${kb(sizes.maplibre)} (main + worker); CSS ${kb(sizes.css)}. Load phases of the last run (ms from navigation): ${phases.at(-1) ?? ''}, ready ${Math.round(firstFrame.at(-1) ?? 0)}`,
    },
  ];
}
