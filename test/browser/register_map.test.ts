// One source of truth for assets, on the default map: the register holds the community assets
// (the official lists are the map's own layers), is on without ticking anything, and an area
// profile lists each asset once.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, screenshot, watchErrors } from './chromium.ts';

const BASE = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const count = (text: string, part: string) => text.split(part).length - 1;

describe('community assets on the default map', () => {
  it('shows approved register assets by default, and a profile lists each asset once', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors = watchErrors(page);
    // Linacre ward holds St Leonard's Centre (L20 4RW), a Well Sefton partner.
    await page.goto(`${BASE}/?level=ward&sel=E05000942`);
    await page.waitForSelector('body[data-ready="true"][data-register="ready"]', {
      timeout: 90_000,
    });
    expect(await page.isChecked('#layer-register')).toBe(true);
    expect(await page.locator('#layers input[value="community_assets"]').count()).toBe(0);
    const visible = await page.evaluate(
      () => window.gapAtlas?.map.getLayoutProperty('points-register-points', 'visibility') ?? '',
    );
    expect(visible).not.toBe('none');
    await expect
      .poll(() => page.textContent('#profile'))
      .toContain('Community assets (register): ');
    const profile = (await page.textContent('#profile')) ?? '';
    expect(count(profile, "St Leonard's Youth and Community Centre")).toBe(1);
    expect(profile).not.toContain('Well Sefton and Taking Root assets:');
    // The register seeds no official list, so no GP practice or library appears twice.
    for (const name of ['Concept House Surgery', 'Bootle Library']) {
      expect(count(profile, name), name).toBeLessThanOrEqual(1);
    }
    await screenshot(page, 'register-default-map-profile');
    expect(errors).toEqual([]);
    await page.close();
  });
});
