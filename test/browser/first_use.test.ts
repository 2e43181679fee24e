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
