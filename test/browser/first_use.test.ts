// Issue 15, "First use by real people": a sense of place offline (names on the map, the
// neighbouring authorities as land), search by place name at every geography, phones, the
// headline gap. Screenshots go to test-results/screenshots/first-use-*.png.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, screenshot, watchErrors } from './chromium.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function open(
  query = '',
  viewport = { width: 1400, height: 900 },
): Promise<{ page: Page; errors: string[]; warnings: string[] }> {
  const page = await browser.newPage({ viewport });
  const errors = watchErrors(page);
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text());
  });
  // No request may leave the machine: labels and glyphs must work offline.
  await page.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) => {
    errors.push(`network: ${route.request().url()}`);
    return route.abort();
  });
  await page.goto(`${inject('baseUrl')}/${query}`);
  await page.waitForSelector('body[data-ready]', { timeout: 90_000 });
  expect(await page.getAttribute('body', 'data-ready')).toBe('true');
  return { page, errors, warnings };
}

async function idle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = window.gapAtlas?.map;
        if (!map || map.loaded()) setTimeout(resolve, 50);
        map?.once('idle', () => resolve());
      }),
  );
}

/** Names MapLibre has drawn (placed after collision) in a symbol layer. */
function drawnNames(page: Page, layer: string): Promise<string[]> {
  return page.evaluate(
    (id) =>
      (window.gapAtlas?.map.queryRenderedFeatures({ layers: [id] }) ?? []).map(
        (f) => f.properties.name as string,
      ),
    layer,
  );
}

async function search(page: Page, text: string): Promise<string> {
  await page.fill('#area-search', '');
  await page.fill('#area-search', text);
  await page.press('#area-search', 'Enter');
  await page.dispatchEvent('#area-search', 'change');
  await expect.poll(() => page.textContent('#search-status')).toMatch(/selected/);
  return (await page.textContent('#search-status')) ?? '';
}

describe('a sense of place, offline', () => {
  it('names neighbourhoods and the authorities around Sefton at the opening view', async () => {
    const { page, errors, warnings } = await open();
    await expect.poll(() => drawnNames(page, 'place-neighbour-names')).toContain('West Lancashire');
    await idle(page);
    const neighbourhoods = await drawnNames(page, 'place-neighbourhood-names');
    // Collision keeps some out; the big ones are there, none drawn twice.
    expect(neighbourhoods.length).toBeGreaterThan(8);
    expect(new Set(neighbourhoods).size).toBe(neighbourhoods.length);
    const neighbours = await drawnNames(page, 'place-neighbour-names');
    expect(neighbours).toEqual(expect.arrayContaining(['West Lancashire', 'Knowsley']));
    // The neighbours are land: their fill layer is drawn under the authority.
    const layers = await page.evaluate(
      () => window.gapAtlas?.map.getStyle().layers.map((l) => l.id) ?? [],
    );
    expect(layers.indexOf('place-neighbour-land')).toBeLessThan(layers.indexOf('land'));
    expect(await page.locator('.place-label').count()).toBe(0); // no DOM node per label
    await screenshot(page, 'first-use-labels-opening-view');
    expect(errors).toEqual([]);
    expect(warnings.filter((w) => /parse color/i.test(w))).toEqual([]);
    await page.close();
  });

  it('names wards when zoomed in', async () => {
    const { page, errors } = await open('?at=12.5/53.47/-2.99');
    await expect.poll(() => drawnNames(page, 'place-ward-names')).toContain('Linacre');
    await idle(page);
    await screenshot(page, 'first-use-labels-wards');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('search by place name at every geography', () => {
  it('finds Linacre, Bootle, Formby and a postcode at LSOA level, and names LSOAs by place', async () => {
    const { page, errors } = await open();
    expect(await search(page, 'Linacre')).toMatch(
      /Linacre \(ward\) has its population centre in LSOA/,
    );
    await expect.poll(() => page.textContent('#profile')).toContain('Linacre ward');
    expect(await search(page, 'Bootle')).toMatch(/Bootle .*\(neighbourhood\)/);
    expect(await search(page, 'Formby')).toMatch(/Formby/);
    expect(await search(page, 'L20 4RW')).toMatch(/Postcode L20 4RW is in LSOA/);
    // The profile's title is the LSOA; the line under it says where it is.
    expect(await page.textContent('.profile-place')).toMatch(/^In .+ ward, .+/);
    await screenshot(page, 'first-use-search-lsoa');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('finds the same places with wards and MSOAs on screen', async () => {
    const { page, errors } = await open('?level=ward');
    expect(await search(page, 'Linacre')).toMatch(/^Linacre selected/);
    expect(await search(page, 'Crossens')).toMatch(
      /Crossens \(neighbourhood\) has .* in Electoral ward/,
    );
    expect(await search(page, 'pr8 6dg')).toMatch(/Postcode PR8 6DG is in Electoral ward/);
    await page.check('input[name="level"][value="msoa"]');
    await expect.poll(() => page.locator('#table-view tbody tr').count()).toBe(38);
    expect(await search(page, 'Bootle North')).toMatch(/^Bootle North selected/);
    expect(await search(page, 'Netherton')).toMatch(/in MSOA/);
    await screenshot(page, 'first-use-search-msoa');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('phones and small screens', () => {
  it('at 390 by 844: the map is visible, nothing scrolls sideways, the add button works', async () => {
    const { page, errors } = await open('', { width: 390, height: 844 });
    const box = await page.locator('#map').boundingBox();
    expect(box?.width).toBeGreaterThan(360);
    expect(box?.height).toBeGreaterThan(400);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    // The key starts folded so it does not cover the map; it opens and closes.
    expect(await page.isVisible('#legend')).toBe(false);
    await page.click('#legend-toggle');
    expect(await page.isVisible('#legend')).toBe(true);
    await idle(page);
    await screenshot(page, 'first-use-phone-key-open');
    await page.click('#legend-toggle');
    expect(await page.isVisible('#legend')).toBe(false);
    // The side columns are panels the user opens.
    expect(await page.isVisible('#ind-select')).toBe(false);
    await page.click('[aria-controls="controls-panel"]');
    expect(await page.isVisible('#ind-select')).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    await page.click('[aria-controls="controls-panel"]');
    // A search selects an area and opens the profile's panel.
    await search(page, 'Linacre');
    await expect.poll(() => page.isVisible('#profile')).toBe(true);
    await page.evaluate(() => window.scrollTo(0, 0));
    await idle(page);
    await screenshot(page, 'first-use-phone');
    await page.locator('#register-add').scrollIntoViewIfNeeded();
    await page.click('#register-add');
    await expect.poll(() => page.isVisible('dialog.reg-dialog')).toBe(true);
    await screenshot(page, 'first-use-phone-add-asset');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('at 1400 by 900: three columns; zoom buttons show a focus ring; the table moves with arrow keys', async () => {
    const { page, errors } = await open('?level=ward');
    expect(await page.isVisible('.panel-bar')).toBe(false);
    expect(await page.isVisible('#ind-select')).toBe(true);
    expect(await page.isVisible('#legend')).toBe(true);
    await page.focus('.maplibregl-ctrl-zoom-in');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      const b = document.querySelector('.maplibregl-ctrl-zoom-in');
      return b ? getComputedStyle(b).outlineStyle + ' ' + getComputedStyle(b).outlineWidth : '';
    });
    expect(ring).toBe('solid 3px');
    // Arrow keys move between rows; Enter opens the profile; closing it returns focus.
    const rows = page.locator('#table-view tbody tr');
    await rows.first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const third = await rows.nth(2).getAttribute('data-code');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.code)).toBe(
      third,
    );
    await page.keyboard.press('Enter');
    await expect.poll(() => page.isVisible('#profile')).toBe(true);
    await page.click('#profile button.close');
    await expect.poll(() => page.isVisible('#profile')).toBe(false);
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.code)).toBe(
      third,
    );
    // Only one row is in the tab order.
    expect(await page.locator('#table-view tbody tr[tabindex="0"]').count()).toBe(1);
    // Notices can be dismissed.
    await page.goto(`${inject('baseUrl')}/?k=99`);
    await page.waitForSelector('body[data-ready]');
    expect(await page.textContent('#notice')).toContain('expected a number of classes from 3 to 9');
    await page.click('.notice-close');
    expect(await page.isVisible('#notice')).toBe(false);
    await screenshot(page, 'first-use-desktop');
    expect(errors).toEqual([]);
    await page.close();
  });
});
