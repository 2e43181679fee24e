// Speed of the atlas as a user meets it (issue "Fast at every scale"), in headless Chromium
// with SwiftShader, against a naive page built here from the same raw data and timed in the
// same browser: runs alternate naive/atlas in pairs, each in a fresh browser context (cold
// cache). Reported: first complete choropleth frame of each pair, main-thread long tasks
// before and after the first frame (PerformanceObserver 'longtask'), switch times, and the
// JavaScript that loads before the first frame.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import type { Browser, Page } from 'playwright-core';
import { buildAtlasData } from '../data/build.ts';
import { buildNaivePage } from './naive/build_naive.ts';
import { DEFAULT_DATA_OPTIONS, REPO_ROOT } from '../data/defaults.ts';
import { buildApp } from '../server/app.ts';
import { launchChromium } from '../test/browser/chromium.ts';
import { measuredPage, type PageTiming } from './first_frame_page.ts';
import type { BenchRow } from './types.ts';

const PAIRS = Number(process.env.BENCH_PAIRS ?? 6);
const TARGETS = {
  firstFrameRatio: 0.8,
  longTaskAfterMs: 50,
  longTaskBeforeMs: 100,
  indicatorSwitchMs: 100,
  geographySwitchMs: 300,
  authoritySwitchMs: 1000,
  englandRatio: 1.5,
  firstFrameJsKb: 150,
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const verdict = (ok: boolean) => (ok ? 'meets target' : 'MISSES target');

async function buildPages(tmp: string): Promise<{ dist: string; data: string }> {
  const dist = path.join(tmp, 'dist');
  const data = path.join(tmp, 'data');
  // Sefton (the default bundle) and Knowsley, with the national layers for the England overview.
  await buildAtlasData({
    area: 'E08000014,E08000011',
    national: true,
    rawDir: DEFAULT_DATA_OPTIONS.rawDir,
    outDir: data,
  });
  await build({
    root: REPO_ROOT,
    logLevel: 'error',
    build: { outDir: dist, emptyOutDir: true, copyPublicDir: false, sourcemap: false },
  });
  await buildNaivePage(path.join(dist, 'naive'), DEFAULT_DATA_OPTIONS.rawDir);
  return { dist, data };
}

/** Gzipped bytes of the app's JavaScript files (not MapLibre) that a page loaded. */
async function gzippedJs(dist: string, urls: string[]): Promise<number> {
  let total = 0;
  for (const u of new Set(urls)) {
    const name = path.basename(new URL(u).pathname);
    if (!/\.m?js$/.test(name) || name.startsWith('maplibre')) continue;
    total += gzipSync(await readFile(path.join(dist, 'assets', name))).length;
  }
  return total;
}

/**
 * Authority switch: from pressing Enter on "Knowsley" in the picker of an open (warm) Sefton
 * atlas to Knowsley's first complete choropleth frame.
 */
async function timeAuthoritySwitch(browser: Browser, base: string): Promise<number> {
  const { page, context } = await measuredPage(browser, `${base}/`);
  await page.fill('#authority', 'Knowsley');
  const t0 = Date.now();
  await page.press('#authority', 'Enter');
  await page.waitForURL(/la=E08000011/);
  await page.waitForFunction(() => performance.getEntriesByName('first-frame').length > 0, null, {
    timeout: 120_000,
  });
  const ms = Date.now() - t0;
  await context.close();
  return ms;
}

/**
 * Switch times, indicator and geography: to the map's first idle frame after the update (the
 * map repainted in the new colours or geography, `<name>`), and to the end of the whole update
 * (key, table, gap chart and the rest filled in, `<name>Done`).
 */
async function timeSwitches(page: Page): Promise<Record<string, number>> {
  // A string, not a function: tsx would wrap inner helpers in a __name() the page lacks.
  return (await page.evaluate(`(async () => {
    const atlas = window.gapAtlas;
    if (!atlas) throw new Error('no gapAtlas handle');
    const out = {};
    const time = async (name, change) => {
      await new Promise((r) => setTimeout(r, 300));
      const t0 = performance.now();
      const painted = new Promise((r) => atlas.map.once('idle', () => {
        out[name] = performance.now() - t0;
        r();
      }));
      await atlas.update(change);
      atlas.map.triggerRepaint();
      await painted;
      out[name + 'Done'] = performance.now() - t0;
    };
    await time('indicator', { ind: 'imd2019_income_score' });
    await time('indicatorBack', { ind: 'imd2019_score' });
    await time('geography', { level: 'ward' });
    await time('geographyBack', { level: 'lsoa' });
    return out;
  })()`)) as Record<string, number>;
}

export async function run(): Promise<BenchRow[]> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'gap-atlas-firstframe-'));
  const { dist, data } = await buildPages(tmp);
  const server = await buildApp({
    distDir: dist,
    dataDir: data,
    register: { file: path.join(tmp, 'register.db') },
  });
  const base = await server.listen({ port: 0, host: '127.0.0.1' });
  let browser: Browser | null = null;
  const naive: PageTiming[] = [];
  const atlas: PageTiming[] = [];
  let switches: Record<string, number> = {};
  let switchTasks = 0;
  let jsBytes = 0;
  const englandRuns: PageTiming[] = [];
  const switchRuns: number[] = [];
  try {
    browser = await launchChromium();
    // One warm-up pair (discarded), then PAIRS pairs, alternating which page goes first.
    for (let i = 0; i <= PAIRS; i++) {
      const order = i % 2 === 0 ? ['naive', 'atlas'] : ['atlas', 'naive'];
      for (const which of order) {
        const url = which === 'naive' ? `${base}/naive/index.html` : `${base}/`;
        const { timing, page, context } = await measuredPage(browser, url);
        if (which === 'atlas' && i === PAIRS) {
          jsBytes = await gzippedJs(dist, timing.scriptsBeforeFirstFrame);
          switches = await timeSwitches(page);
          switchTasks = (await page.evaluate(`(() => {
            const at = performance.getEntriesByName('first-frame')[0]?.startTime ?? 0;
            const after = (window.__longTasks || []).filter((t) => t.start >= at);
            return Math.max(0, ...after.map((t) => t.duration));
          })()`)) as number;
        }
        await context.close();
        if (i > 0) (which === 'naive' ? naive : atlas).push(timing);
      }
      if (i > 0) {
        const england = await measuredPage(browser, `${base}/?la=england`);
        englandRuns.push(england.timing);
        await england.context.close();
        switchRuns.push(await timeAuthoritySwitch(browser, base));
      }
    }
  } finally {
    await browser?.close();
    await server.close();
    await rm(tmp, { recursive: true, force: true });
  }

  const naiveMs = median(naive.map((t) => t.firstFrameMs));
  const atlasMs = median(atlas.map((t) => t.firstFrameMs));
  const pairs = naive
    .map((n, i) => `${Math.round(n.firstFrameMs)}/${Math.round(atlas[i]?.firstFrameMs ?? NaN)}`)
    .join(', ');
  const before = Math.max(...atlas.map((t) => t.longestBeforeMs));
  const after = Math.max(...atlas.map((t) => t.longestAfterMs), switchTasks);
  const ratio = atlasMs / naiveMs;
  const sw = (k: string) => Math.round(switches[k] ?? NaN);
  const naiveName =
    'naive page: raw Sefton LSOA GeoJSON, one MapLibre fill layer (first complete frame)';
  return [
    { name: naiveName, medianMs: naiveMs, runs: naive.length },
    {
      name: 'atlas: navigation to first complete choropleth frame (Sefton, LSOA 2011, IMD 2019)',
      medianMs: atlasMs,
      runs: atlas.length,
      baseline: naiveName,
      notes: `ratio ${ratio.toFixed(2)} (target <= ${TARGETS.firstFrameRatio}: ${verdict(ratio <= TARGETS.firstFrameRatio)}); pairs naive/atlas ms: ${pairs}`,
    },
    {
      name: 'atlas: longest main-thread task before the first frame',
      medianMs: median(atlas.map((t) => t.longestBeforeMs)),
      runs: atlas.length,
      notes: `worst of all runs ${Math.round(before)} ms (target <= ${TARGETS.longTaskBeforeMs}: ${verdict(before <= TARGETS.longTaskBeforeMs)})`,
    },
    {
      name: 'atlas: longest main-thread task from the first frame on (2 s after it, and during switches)',
      medianMs: median(atlas.map((t) => t.longestAfterMs)),
      runs: atlas.length,
      notes: `worst of all runs and switches ${Math.round(after)} ms (target <= ${TARGETS.longTaskAfterMs}: ${verdict(after <= TARGETS.longTaskAfterMs)})`,
    },
    {
      name: 'atlas: switch indicator, map repainted (first idle frame after the update)',
      medianMs: median([switches.indicator ?? NaN, switches.indicatorBack ?? NaN]),
      runs: 2,
      notes: `${sw('indicator')} and ${sw('indicatorBack')} ms (target <= ${TARGETS.indicatorSwitchMs}: ${verdict(Math.max(sw('indicator'), sw('indicatorBack')) <= TARGETS.indicatorSwitchMs)}); whole update with key, table and gap chart ${sw('indicatorDone')} and ${sw('indicatorBackDone')} ms`,
    },
    {
      name: 'atlas: switch geography (LSOA -> ward -> LSOA), map repainted',
      medianMs: median([switches.geography ?? NaN, switches.geographyBack ?? NaN]),
      runs: 2,
      notes: `${sw('geography')} and ${sw('geographyBack')} ms (target <= ${TARGETS.geographySwitchMs}: ${verdict(Math.max(sw('geography'), sw('geographyBack')) <= TARGETS.geographySwitchMs)}); whole update ${sw('geographyDone')} and ${sw('geographyBackDone')} ms`,
    },
    {
      name: 'England overview: navigation to first complete frame (296 authorities coloured)',
      medianMs: median(englandRuns.map((t) => t.firstFrameMs)),
      runs: englandRuns.length,
      baseline: naiveName,
      notes: `ratio ${(median(englandRuns.map((t) => t.firstFrameMs)) / naiveMs).toFixed(2)} (target <= ${TARGETS.englandRatio}: ${verdict(median(englandRuns.map((t) => t.firstFrameMs)) / naiveMs <= TARGETS.englandRatio)}); runs ${englandRuns.map((t) => Math.round(t.firstFrameMs)).join(', ')} ms; longest task before ${Math.round(Math.max(...englandRuns.map((t) => t.longestBeforeMs)))} ms, after ${Math.round(Math.max(...englandRuns.map((t) => t.longestAfterMs)))} ms`,
    },
    {
      name: 'atlas: switch authority (Sefton -> Knowsley by the picker), first frame of the new one',
      medianMs: median(switchRuns),
      runs: switchRuns.length,
      notes: `runs ${switchRuns.join(', ')} ms (target <= ${TARGETS.authoritySwitchMs}: ${verdict(median(switchRuns) <= TARGETS.authoritySwitchMs)})`,
    },
    {
      name: 'atlas: app JavaScript loaded before the first frame (gzipped, MapLibre apart), KB',
      medianMs: jsBytes / 1024,
      runs: 1,
      notes: `${kb(jsBytes)} (target <= ${TARGETS.firstFrameJsKb} KB: ${verdict(jsBytes / 1024 <= TARGETS.firstFrameJsKb)}); the value column holds KB, not ms`,
    },
  ];
}
