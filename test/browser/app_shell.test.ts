import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { distinctColours, launchChromium, screenshot, watchErrors } from './chromium.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('app shell', () => {
  it('loads the manifest and draws the 189 Sefton LSOAs with their attribution', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors = watchErrors(page);
    await page.goto(inject('baseUrl'));
    await page.waitForSelector('body[data-ready]', { timeout: 60_000 });
    expect(await page.getAttribute('body', 'data-ready')).toBe('true');
    await expect
      .poll(() => page.textContent('#status'))
      .toContain('189 LSOAs (2011) of Sefton drawn');
    expect(await page.textContent('#area-name')).toBe('Sefton');
    const attribution = await page.textContent('.maplibregl-ctrl-attrib');
    expect(attribution).toContain('Open Government Licence');
    expect(attribution).toContain('Contains OS data');
    // The map really drew: land, sea, LSOA lines and the outline give many colours.
    const distinct = await distinctColours(page, '#map canvas');
    expect(distinct).toBeGreaterThan(3);
    await screenshot(page, 'app-shell-sefton');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says what is wrong when the data is missing', async () => {
    const page = await browser.newPage();
    await page.route('**/data/manifest.json', (r) => r.fulfill({ status: 404, body: 'not found' }));
    await page.goto(inject('baseUrl'));
    await page.waitForSelector('body[data-ready="error"]', { timeout: 30_000 });
    expect(await page.textContent('#status')).toMatch(
      /Could not load manifest\.json: HTTP 404.*npm run data/,
    );
    await page.close();
  });
});
