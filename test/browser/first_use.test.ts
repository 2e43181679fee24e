// Issue 15, "First use by real people": a sense of place offline (names on the map, the
// neighbouring authorities as land), search by place name at every geography, phones, the
// headline gap. Screenshots go to test-results/screenshots/first-use-*.png.
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildAtlasData } from '../../data/build.ts';
import { DEFAULT_DATA_OPTIONS, REPO_ROOT } from '../../data/defaults.ts';
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

/** Imports the Fingertips ward life expectancy export (2016-20, men) as the indicator on screen. */
async function importWardLifeExpectancy(page: Page): Promise<void> {
  await page.locator('#import-panel summary').click();
  await page.setInputFiles(
    '#import-file',
    path.join(REPO_ROOT, 'test', 'fixtures', 'import', 'fingertips_sefton_wards_le_2016-20.csv'),
  );
  await expect.poll(() => page.textContent('#import-status')).toContain('Fingertips');
  await page.selectOption('#import-polarity', 'higher-is-better');
  await page.click('#import-form button[type="submit"]');
  await expect.poll(() => page.textContent('#legend h2')).toContain('Life expectancy at birth');
}

describe('the headline gap', () => {
  // Knowsley's bundle, built once (or GAP_ATLAS_KNOWSLEY_DATA: a folder already built).
  let knowsley = process.env.GAP_ATLAS_KNOWSLEY_DATA ?? '';
  beforeAll(async () => {
    if (knowsley) return;
    knowsley = path.join(await mkdtemp(path.join(os.tmpdir(), 'gap-atlas-knowsley-')), 'data');
    await buildAtlasData({
      area: 'E08000011',
      rawDir: DEFAULT_DATA_OPTIONS.rawDir,
      outDir: knowsley,
    });
  });

  it('shows the range, the locality difference and one SII, the same in the one-pager', async () => {
    const { page, errors } = await open('?level=ward');
    await importWardLifeExpectancy(page);
    // Three measures side by side, each named for what it is. The gap view redraws a frame
    // after the map does, so wait for it to show the imported indicator (values with limits).
    await expect.poll(() => page.textContent('#gap-range')).toMatch(/\(95% limits/);
    const range = (await page.textContent('#gap-range')) ?? '';
    expect(range).toMatch(/Range: highest minus lowest of 22 wards/);
    expect(range).toMatch(/Highest: [A-Z][a-z]+.*, \d\d\.\d \(95% limits \d\d\.\d to \d\d\.\d\)/);
    expect(range).toMatch(/Lowest: [A-Z][a-z]+.*, \d\d\.\d \(95% limits/);
    expect(await page.textContent('#gap-localities')).toMatch(
      /Southport & Formby \d\d\.\d minus South Sefton \d\d\.\d/,
    );
    await expect
      .poll(() => page.textContent('#gap-sii .gap-figure'))
      .toMatch(/^\d+\.\d+ \(95% limits/);
    const gapSii = Number(await page.getAttribute('#gap-sii .gap-figure', 'data-value'));
    // The range is much wider than the difference of the locality means (issue 15: 13.2 vs 2.2).
    const [rangeYears, localityYears] = await Promise.all(
      ['#gap-range', '#gap-localities'].map(async (s) =>
        Number(/^([\d.]+)/.exec((await page.textContent(`${s} .gap-figure`)) ?? '')?.[1]),
      ),
    );
    expect(rangeYears).toBeGreaterThan(localityYears ?? 0);
    expect(await page.textContent('.gap-definition')).toContain('local deciles of the IMD');
    // The indicator's name and source, not the file name.
    expect(await page.textContent('#legend')).toContain('OHID Fingertips');
    expect(await page.textContent('#legend')).not.toContain('.csv');
    await page.locator('#gap-measures').scrollIntoViewIfNeeded();
    await screenshot(page, 'first-use-gap-measures');
    // The one-pager quotes the very same SII.
    await page.click('#open-report-gap');
    await page.waitForSelector('#report-pages[data-state="ready"]', { timeout: 90_000 });
    const reportSii = Number(await page.getAttribute('.rp-sii-value', 'data-value'));
    expect(reportSii).toBe(gapSii); // the very same number, not two runs that round alike
    await screenshot(page, 'first-use-gap-one-pager');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a Knowsley build: no north-south title without localities, no empty layers, an SII', async () => {
    const dir = knowsley;
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors = watchErrors(page);
    // The same app, served Knowsley's bundle.
    await page.route('**/data/**', async (route) => {
      const rel = new URL(route.request().url()).pathname.replace(/^.*\/data\//, '');
      try {
        await route.fulfill({ body: await readFile(path.join(dir, rel)) });
      } catch {
        await route.fulfill({ status: 404, body: 'not found' });
      }
    });
    await page.goto(`${inject('baseUrl')}/?level=ward`);
    await page.waitForSelector('body[data-ready]', { timeout: 90_000 });
    expect(await page.textContent('#area-name')).toBe('Knowsley');
    expect(await page.textContent('#gap-title')).toBe('The gap across Knowsley');
    expect(await page.textContent('#layers')).not.toMatch(/\(0\)/);
    expect(await page.textContent('#layers')).toContain('Not in the data for this area');
    // No named localities: the most and least deprived fifths of residents, by default.
    expect(await page.textContent('#gap-localities')).toContain('no named localities');
    expect(await page.textContent('#gap-localities')).toMatch(
      /Most deprived fifth of residents [\d.]+ minus Least deprived fifth of residents [\d.]+/,
    );
    await expect
      .poll(() => page.textContent('#gap-sii .gap-figure'))
      .toMatch(/^\d+\.\d+ \(95% limits/);
    await screenshot(page, 'first-use-knowsley');
    await page.click('#open-report-gap');
    await page.waitForSelector('#report-pages[data-state="ready"]', { timeout: 90_000 });
    expect(Number.isFinite(Number(await page.getAttribute('.rp-sii-value', 'data-value')))).toBe(
      true,
    );
    expect(await page.textContent('#report-pages')).not.toContain('NaN');
    expect(await page.textContent('#report-pages')).not.toMatch(/(practices|assets) \(0\)/);
    await screenshot(page, 'first-use-knowsley-one-pager');
    expect(errors).toEqual([]);
    await page.close();
  });
});
