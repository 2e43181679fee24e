// One timed page load for bench/first_frame.bench.ts: a fresh browser context (cold cache),
// a long-task observer installed before any page script runs, and the 'first-frame' mark.
import { writeFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';

declare global {
  interface Window {
    __longTasks?: { start: number; duration: number }[];
  }
}

export interface PageTiming {
  /** Navigation to the page's 'first-frame' mark. */
  firstFrameMs: number;
  /** Longest main-thread task that started before the first frame. */
  longestBeforeMs: number;
  /** Longest task from the first frame to 2 s after it. */
  longestAfterMs: number;
  /** Script URLs fetched before the first frame. */
  scriptsBeforeFirstFrame: string[];
}

const SETTLE_MS = 2000;

export async function measuredPage(
  browser: Browser,
  url: string,
  /** Where to write a CPU profile of the load (DevTools format), if anywhere. */
  cpuProfile?: string,
): Promise<{ timing: PageTiming; page: Page; context: BrowserContext }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        window.__longTasks?.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  const cdp = cpuProfile ? await context.newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  await page.goto(url);
  await page
    .waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 120_000 })
    .catch((err: unknown) => {
      throw new Error(`${url} never got ready (${errors.join('; ') || 'no page errors'})`, {
        cause: err,
      });
    });
  await page.waitForTimeout(SETTLE_MS);
  if (cdp && cpuProfile) {
    const { profile } = await cdp.send('Profiler.stop');
    const origin = await page.evaluate(() => performance.timeOrigin);
    await writeFile(cpuProfile, JSON.stringify({ ...profile, timeOrigin: origin }));
  }
  // A string, not a function: tsx would wrap the function's inner helpers in a __name()
  // call that does not exist in the page.
  const timing = (await page.evaluate(`(() => {
    const mark = performance.getEntriesByName('first-frame')[0];
    if (!mark) throw new Error('the page set no first-frame mark');
    const at = mark.startTime;
    const tasks = window.__longTasks || [];
    const longest = (xs) => Math.max(0, ...xs.map((t) => t.duration));
    return {
      firstFrameMs: at,
      longestBeforeMs: longest(tasks.filter((t) => t.start < at)),
      longestAfterMs: longest(tasks.filter((t) => t.start >= at)),
      scriptsBeforeFirstFrame: performance
        .getEntriesByType('resource')
        .filter((r) => r.startTime < at && /\\.m?js(\\?|$)/.test(r.name))
        .map((r) => r.name),
    };
  })()`)) as PageTiming;
  return { timing, page, context };
}
