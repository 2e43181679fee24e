// Shared by the atlas and analysis panel browser tests: opening the atlas with a long-task observer,
// reading a built table, projecting to the screen, waiting for the map, opening a section.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { SCREENSHOTS, watchErrors } from './chromium.ts';

export interface Table {
  codes: string[];
  names: string[];
  centres: ([number, number] | null)[];
  values: Record<string, (number | null)[]>;
}

export async function openAtlasPage(
  browser: Browser,
  query = '',
  options: { bypassCSP?: boolean } = {},
): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({
    viewport: { width: 1440, height: 900 },
    bypassCSP: options.bypassCSP ?? false,
  });
  const errors = watchErrors(page);
  await page.addInitScript(() => {
    const w = window as unknown as { longTasks: { start: number; duration: number }[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        w.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`${inject('baseUrl')}/${query}`);
  await page.waitForSelector('body[data-ready]', { timeout: 90_000 });
  expect(await page.getAttribute('body', 'data-ready')).toBe('true');
  return { page, errors };
}

export async function table(page: Page, geography: string): Promise<Table> {
  return page.evaluate(
    async (g) => (await (await fetch(`./data/tables/${g}.json`)).json()) as Table,
    geography,
  );
}

export async function project(
  page: Page,
  lonLat: [number, number],
): Promise<{ x: number; y: number }> {
  const box = await page.locator('#map').boundingBox();
  const p = await page.evaluate((ll) => window.gapAtlas?.map.project(ll), lonLat);
  if (!box || !p) throw new Error('map not ready');
  return { x: box.x + p.x, y: box.y + p.y };
}

export async function idle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = window.gapAtlas?.map;
        if (!map || map.loaded()) setTimeout(resolve, 50);
        map?.once('idle', () => resolve());
      }),
  );
}

export async function openSection(page: Page, id: string): Promise<void> {
  await page.locator(`#${id} > summary`).click();
  await expect.poll(() => page.locator(`#${id}`).getAttribute('open')).not.toBeNull();
}

/**
 * A screenshot of one element (a section of the side column), beside the full-page ones. The
 * column scrolls, so the window is made tall enough to hold the element whole for the shot.
 */
export async function shot(page: Page, selector: string, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const size = page.viewportSize();
  await page.setViewportSize({ width: size?.width ?? 1440, height: 2600 });
  await page.locator(selector).screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
  if (size) await page.setViewportSize(size);
}

/** Even-odd point in polygon, for checking which LSOA centres a drawn ring holds. */
export function inside(ring: [number, number][], [x, y]: [number, number]): boolean {
  let c = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] ?? [0, 0];
    const [xj, yj] = ring[j] ?? [0, 0];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
  }
  return c;
}
