// Where the time before the first frame goes: one atlas page and one naive page, alternating,
// with every performance mark, the resource timings of the data files and the long tasks.
// Scratch tool for issue 12: `npx tsx bench/first_frame_profile.ts [runs] [url-query]`.
// Data is built once into $PROFILE_DIR (default /tmp/gap-atlas-profile) and reused.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'vite';
import { buildAtlasData } from '../data/build.ts';
import { buildNaivePage } from './naive/build_naive.ts';
import { DEFAULT_DATA_OPTIONS, REPO_ROOT } from '../data/defaults.ts';
import { buildApp } from '../server/app.ts';
import { launchChromium } from '../test/browser/chromium.ts';
import { measuredPage } from './first_frame_page.ts';

const dir = process.env.PROFILE_DIR ?? '/tmp/gap-atlas-profile';
const runs = Number(process.argv[2] ?? 3);
const query = process.argv[3] ?? '';
const data = path.join(dir, 'data');
const dist = path.join(dir, 'dist');
await mkdir(dir, { recursive: true });
if (!existsSync(path.join(data, 'index.json')))
  await buildAtlasData({
    area: 'E08000014,E08000011',
    national: true,
    rawDir: DEFAULT_DATA_OPTIONS.rawDir,
    outDir: data,
  });
if (!process.env.NO_BUILD) {
  await build({
    root: REPO_ROOT,
    logLevel: 'error',
    build: {
      outDir: dist,
      emptyOutDir: true,
      copyPublicDir: false,
      sourcemap: false,
      minify: !process.env.NO_MINIFY,
    },
  });
  await buildNaivePage(path.join(dist, 'naive'), DEFAULT_DATA_OPTIONS.rawDir);
}
const server = await buildApp({
  distDir: dist,
  dataDir: data,
  logLevel: 'silent',
  register: { file: path.join(dir, 'register.db') },
});
const base = await server.listen({ port: 0, host: '127.0.0.1' });
const browser = await launchChromium();
try {
  for (let i = 0; i < runs; i++) {
    for (const url of [`${base}/naive/index.html`, `${base}/${query}`]) {
      const { timing, page, context } = await measuredPage(
        browser,
        url,
        process.env.CPU_PROFILE
          ? `${dir}/cpu-${i}-${url.includes('naive') ? 'naive' : 'atlas'}.json`
          : undefined,
      );
      const detail = (await page.evaluate(`(() => {
        const marks = performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)]);
        const res = performance.getEntriesByType('resource').map((r) => [
          r.name.replace(location.origin, '').replace(/\\?v=.*/, ''),
          Math.round(r.startTime), Math.round(r.responseEnd), r.encodedBodySize]);
        const nav = performance.getEntriesByType('navigation')[0];
        return { marks, res, tasks: (window.__longTasks || []).map((t) => [Math.round(t.start), Math.round(t.duration)]),
          dcl: Math.round(nav.domContentLoadedEventEnd) };
      })()`)) as {
        marks: [string, number][];
        res: [string, number, number, number][];
        tasks: [number, number][];
        dcl: number;
      };
      await context.close();
      process.stdout.write(
        `\n${url.includes('naive') ? 'NAIVE' : 'ATLAS'} first frame ${Math.round(timing.firstFrameMs)} ms, dcl ${detail.dcl}, longest before ${Math.round(timing.longestBeforeMs)} after ${Math.round(timing.longestAfterMs)}\n`,
      );
      const rows = [
        ...detail.marks.map(([n, t]) => [t, `mark ${n}`] as const),
        ...detail.res.map(([n, s, e, b]) => [s, `res ${n} ${s}-${e} (${b} B)`] as const),
        ...detail.tasks.map(([s, d]) => [s, `TASK ${d} ms (to ${s + d})`] as const),
      ].sort((a, b) => a[0] - b[0]);
      for (const [t, s] of rows)
        if (t < timing.firstFrameMs + 2500) process.stdout.write(`  ${t}\t${s}\n`);
    }
  }
} finally {
  await browser.close();
  await server.close();
}
