// The atlas screen in a real browser: first load, indicator and geography switches, selection
// by click and keyboard, the gap view's linked highlight, the URL round trip, accessibility.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { REPO_ROOT } from '../../data/defaults.ts';
import {
  axeViolations,
  distinctColours,
  isSerious,
  launchChromium,
  screenshot,
} from './chromium.ts';
import { idle, openAtlasPage, project } from './atlas_page.ts';

let browser: Browser;
const longTasks: Record<string, number[]> = {};

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await mkdir(path.join(REPO_ROOT, 'test-results'), { recursive: true });
  await writeFile(
    path.join(REPO_ROOT, 'test-results', 'long-tasks.json'),
    JSON.stringify(longTasks, null, 2),
  );
});

/** Opens the atlas and waits for the first complete frame; records long tasks from then on. */
async function open(
  query = '',
  options: { bypassCSP?: boolean } = {},
): Promise<{ page: Page; errors: string[] }> {
  const opened = await openAtlasPage(browser, query, options);
  await opened.page.evaluate(() => {
    (window as unknown as { readyAt: number }).readyAt = performance.now();
  });
  return opened;
}

/** Long tasks (ms) since the first frame. */
async function tasksSinceReady(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const w = window as unknown as {
      longTasks: { start: number; duration: number }[];
      readyAt: number;
    };
    return w.longTasks.filter((t) => t.start >= w.readyAt).map((t) => Math.round(t.duration));
  });
}

async function chooseIndicator(page: Page, id: string): Promise<void> {
  await page.selectOption('#ind-select', id);
  await expect.poll(() => page.url()).toContain(`ind=${id}`);
  await idle(page);
}

describe('the atlas screen', () => {
  it('first load: Sefton LSOAs coloured by IMD 2019 with legend, gap view, table and attribution', async () => {
    const { page, errors } = await open();
    expect(await page.textContent('#status')).toMatch(
      /Sefton: 189 LSOAs \(2011\), 191 LSOAs \(2021\), 22 wards, 38 MSOAs loaded/,
    );
    expect(await page.textContent('#legend h2')).toBe('IMD 2019 score');
    expect(await page.textContent('#legend')).toContain('Quantiles');
    expect(await page.textContent('#legend')).toContain('No data (0)');
    expect(await page.locator('#table-view tbody tr').count()).toBe(189);
    expect(await page.locator('#gap-chart circle').count()).toBe(189);
    expect(await page.textContent('#gap-chart')).toMatch(
      /Southport & Formby: [\d.]+ .*South Sefton: [\d.]+/s,
    );
    // 41 of the 42 practices have a published life expectancy: male and female dots.
    expect(await page.locator('#gp-chart circle').count()).toBe(82);
    expect(await page.textContent('.maplibregl-ctrl-attrib')).toContain('Contains OS data');
    expect(await distinctColours(page, '#map canvas')).toBeGreaterThan(8);
    await screenshot(page, 'atlas-first-load');
    longTasks.firstLoadIdle = await tasksSinceReady(page);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('switches indicator and geography, and says when an indicator is not available there', async () => {
    const { page, errors } = await open();
    await chooseIndicator(page, 'census2021_disabled_share');
    expect(await page.textContent('#legend h2')).toBe(
      'Disabled under the Equality Act, Census 2021',
    );
    expect(await page.textContent('#legend')).toContain('LSOA (2021)');
    expect(await page.locator('#table-view tbody tr').count()).toBe(191);
    await page.check('input[name="level"][value="ward"]');
    await expect.poll(() => page.locator('#table-view tbody tr').count()).toBe(22);
    expect(await page.textContent('#legend')).toContain('Electoral ward (2025)');
    expect(await page.textContent('#ind-meta')).toContain(
      'rate from summed numerators and summed denominators',
    );
    await idle(page);
    await screenshot(page, 'atlas-ward-disability');
    // Ranks cannot be averaged: the ward option is disabled with a reason.
    await chooseIndicator(page, 'imd2019_rank');
    expect(await page.isDisabled('input[name="level"][value="ward"]')).toBe(true);
    expect(await page.textContent('#level-note')).toContain('cannot be averaged');
    expect(await page.locator('#table-view tbody tr').count()).toBe(189);
    // Searching the picker narrows it.
    await page.fill('#ind-search', 'mood');
    expect(await page.locator('#ind-select option').count()).toBe(1);
    longTasks.switching = await tasksSinceReady(page);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('selects an area by clicking the map and opens its profile', async () => {
    const { page, errors } = await open('?level=ward&ind=imd2025_score');
    // Linacre's population centre (from the ward table) lies inside Linacre.
    const centre = await page.evaluate(async () => {
      const t = (await (await fetch('./data/tables/ward.json')).json()) as {
        names: string[];
        centres: [number, number][];
      };
      return t.centres[t.names.indexOf('Linacre')];
    });
    if (!centre) throw new Error('no Linacre centre');
    const at = await project(page, centre);
    await page.mouse.click(at.x, at.y);
    await expect.poll(() => page.textContent('#profile-title')).toBe('Linacre');
    expect(await page.isVisible('#profile')).toBe(true);
    expect(await page.textContent('#profile')).toMatch(/IMD 2025 score\s*[\d.]+\s*1st of 22/);
    expect(await page.textContent('#profile')).toContain('Community assets here');
    await expect.poll(() => page.url()).toContain('sel=E05000942');
    await idle(page);
    await screenshot(page, 'atlas-profile-linacre');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('selects an area from the table with the keyboard', async () => {
    const { page } = await open('?level=ward');
    const row = page.locator('#table-view tbody tr').first();
    await row.focus();
    await page.keyboard.press('Enter');
    const name = await row.locator('td').first().textContent();
    await expect.poll(() => page.textContent('#profile-title')).toBe(name);
    // Tab reaches the controls in order; the close button closes the profile.
    await page.focus('#profile button.close');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.isVisible('#profile')).toBe(false);
    await page.close();
  });

  it('links the gap view and the map both ways', async () => {
    const { page } = await open('?level=ward&ind=imd2019_score');
    const dot = page.locator('#gap-chart circle[data-code="E05000939"]');
    await dot.hover();
    await expect.poll(() => page.getAttribute('body', 'data-hovered')).toBe('E05000939');
    const state = await page.evaluate(() =>
      window.gapAtlas?.map.getFeatureState({ source: 'areas-ward', id: 'E05000939' }),
    );
    expect(state?.hover).toBe(true);
    // Now the other way: hover the map over Linacre and the chart dot lights up.
    const centre = await page.evaluate(async () => {
      const t = (await (await fetch('./data/tables/ward.json')).json()) as {
        codes: string[];
        centres: [number, number][];
      };
      return t.centres[t.codes.indexOf('E05000942')];
    });
    if (!centre) throw new Error('no centre');
    const at = await project(page, centre);
    await page.mouse.move(at.x, at.y);
    await expect
      .poll(() => page.getAttribute('#gap-chart circle[data-code="E05000942"]', 'class'))
      .toContain('highlight');
    await screenshot(page, 'atlas-linked-highlight');
    await page.check('input[name="order"][value="deprivation"]');
    await expect.poll(() => page.url()).toContain('order=deprivation');
    expect(await page.textContent('#gap-chart')).toContain('Most deprived');
    await page.close();
  });

  it('reproduces the view from its URL, and falls back with a notice on a bad one', async () => {
    const { page } = await open();
    await chooseIndicator(page, 'imd2025_income_rate');
    await page.check('input[name="level"][value="msoa"]');
    await page.selectOption('#cls', 'jenks');
    await page.selectOption('#pal', 'cividis');
    await page.locator('#table-view tbody tr').nth(3).click();
    await expect.poll(() => page.url()).toContain('sel=');
    const url = page.url();
    const title = await page.textContent('#profile-title');
    await page.close();

    const { page: again } = await open(url.slice(url.indexOf('?')));
    expect(await again.textContent('#legend h2')).toBe('Income rate (IoD 2025)');
    expect(await again.textContent('#legend')).toContain('Natural breaks');
    expect(await again.textContent('#legend')).toContain('MSOA (2021)');
    expect(await again.inputValue('#pal')).toBe('cividis');
    expect(await again.textContent('#profile-title')).toBe(title);
    await again.close();

    const { page: bad, errors } = await open(
      '?ind=not_an_indicator&k=99&level=county&sel=<script>',
    );
    expect(await bad.isVisible('#notice')).toBe(true);
    const notice = await bad.textContent('#notice');
    expect(notice).toContain('"k=99" is not valid');
    expect(notice).toContain('"level=county" is not valid');
    expect(notice).toContain('Indicator "not_an_indicator" is not in this atlas');
    expect(await bad.textContent('#legend h2')).toBe('IMD 2019 score');
    await screenshot(bad, 'atlas-bad-url-notice');
    expect(errors).toEqual([]);
    await bad.close();
  });

  it('measures main-thread long tasks after the first frame, with and without MapLibre frames', async () => {
    const { page } = await open();
    const interact = async () => {
      for (const id of ['census2021_disabled_share', 'imd2025_score', 'imd2019_ypll'])
        await chooseIndicator(page, id);
      await page.check('input[name="level"][value="ward"]');
      await expect.poll(() => page.locator('#table-view tbody tr').count()).toBe(22);
      await page.locator('#table-view tbody tr').nth(2).click();
      await expect.poll(() => page.isVisible('#profile')).toBe(true);
      await page.locator('#gap-chart circle').nth(5).hover();
      await page.waitForTimeout(300);
    };
    await interact();
    // With software WebGL (SwiftShader) MapLibre's own frames take 100-300 ms: recorded, not asserted.
    longTasks.interactionsWithMapFrames = await tasksSinceReady(page);
    await page.close();

    // The same interactions with MapLibre's drawing switched off leave only the app's own work.
    const { page: quiet } = await open();
    await quiet.evaluate(() => {
      const map = window.gapAtlas?.map as unknown as { _render: () => unknown };
      map._render = () => map;
      (window as unknown as { readyAt: number }).readyAt = performance.now();
    });
    for (const id of ['census2021_disabled_share', 'imd2025_score', 'imd2019_ypll']) {
      await quiet.selectOption('#ind-select', id);
      await expect.poll(() => quiet.url()).toContain(`ind=${id}`);
    }
    await quiet.check('input[name="level"][value="ward"]');
    await expect.poll(() => quiet.locator('#table-view tbody tr').count()).toBe(22);
    await quiet.locator('#table-view tbody tr').nth(2).click();
    await expect.poll(() => quiet.isVisible('#profile')).toBe(true);
    await quiet.locator('#gap-chart circle').nth(5).hover();
    await quiet.waitForTimeout(300);
    const own = await tasksSinceReady(quiet);
    longTasks.interactionsAppOnly = own;
    // The figures go to test-results/long-tasks.json for the report; on a quiet machine the
    // app's own tasks stay under 50 ms, but two shared cores make the exact bound flaky, so
    // the test only catches gross regressions (synchronous heavy work on the main thread).
    expect(own.filter((ms) => ms > 250)).toEqual([]);
    await quiet.close();
  });

  it('keeps long tasks short before the first frame and while a worker job runs', async () => {
    const { page } = await open();
    // Before the first frame: every task from navigation to the first complete choropleth.
    const beforeFirstFrame = await page.evaluate(() => {
      const w = window as unknown as { longTasks: { start: number; duration: number }[] };
      const at = performance.getEntriesByName('first-frame')[0]?.startTime ?? Infinity;
      return w.longTasks.filter((t) => t.start < at).map((t) => Math.round(t.duration));
    });
    longTasks.beforeFirstFrame = beforeFirstFrame;
    // MapLibre's SwiftShader frames take 100-300 ms here: only gross regressions fail
    // (England-sized work done synchronously on the main thread would take seconds).
    expect(beforeFirstFrame.filter((ms) => ms > 1000)).toEqual([]);

    // A worker job (the SII's 100,000 simulations) with MapLibre's drawing switched off, so
    // only the app's own main-thread work is left to measure.
    await page.evaluate(() => {
      const map = window.gapAtlas?.map as unknown as { _render: () => unknown };
      map._render = () => map;
      (window as unknown as { readyAt: number }).readyAt = performance.now();
    });
    await page.locator('#inequality-section > summary').click();
    await expect
      .poll(() => page.getAttribute('#inequality-section', 'data-state'), { timeout: 60_000 })
      .toBe('done');
    const duringJob = await tasksSinceReady(page);
    longTasks.duringSiiJob = duringJob;
    expect(duringJob.filter((ms) => ms > 250)).toEqual([]);
    await page.close();
  });

  it('colours GP practices by life expectancy and labels places when zoomed in', async () => {
    const { page, errors } = await open('?layers=gp_practices&at=12/53.46/-2.99');
    await page.selectOption('#gp-colour', 'le_male_2016_20');
    expect(await page.textContent('#gp-colour-key')).toMatch(/73\.\d to 82\.\d years/);
    await idle(page);
    // Ward names are a MapLibre symbol layer from zoom 12 (test/browser/first_use.test.ts).
    await expect
      .poll(() =>
        page.evaluate(() =>
          (window.gapAtlas?.map.queryRenderedFeatures({ layers: ['place-ward-names'] }) ?? []).map(
            (f) => f.properties.name as string,
          ),
        ),
      )
      .toContain('Linacre');
    await screenshot(page, 'atlas-gp-life-expectancy');
    expect(errors).toEqual([]);
    await page.close();
  });

  it("imports a good CSV onto the map, lists a bad one's problems, and keeps imports across a reload", async () => {
    const { page, errors } = await open();
    const wards = await page.evaluate(
      async () => (await (await fetch('./data/tables/ward.json')).json()) as { codes: string[] },
    );
    // A plain area_code,value file for Sefton's 22 wards plus an England row that is not a ward.
    const good = [
      'area_code,value',
      ...wards.codes.map((c, i) => `${c},${(70 + i * 0.5).toFixed(1)}`),
      'E92000001,79.5',
    ].join('\n');
    await page.locator('#import-panel summary').click();
    await page.setInputFiles('#import-file', {
      name: 'ward_le.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(good),
    });
    await expect.poll(() => page.textContent('#import-status')).toContain('plain file');
    await page.fill('#import-label', 'Ward life expectancy <b>test</b>');
    await page.fill('#import-unit', 'years');
    await page.selectOption('#import-polarity', 'higher-is-better');
    await page.click('#import-form button[type="submit"]');
    await expect
      .poll(() => page.textContent('#import-status'))
      .toContain('22 of 22 areas have a value');
    expect(await page.textContent('#import-report')).toContain('E92000001');
    await expect
      .poll(() => page.textContent('#legend h2'))
      .toBe('Ward life expectancy <b>test</b>');
    expect(await page.locator('#legend h2 b').count()).toBe(0);
    expect(await page.locator('#table-view tbody tr').count()).toBe(22);
    await idle(page);
    await screenshot(page, 'atlas-import-good');

    // A bad file: a non-numeric value on line 3 and a code that is no area here.
    const bad = [
      'area_code,value',
      `${wards.codes[0]},71.2`,
      `${wards.codes[1]},seventy`,
      'E05099999,70',
    ].join('\n');
    await page.setInputFiles('#import-file', {
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(bad),
    });
    await expect.poll(() => page.textContent('#import-report')).toMatch(/line 3/);
    expect(await page.textContent('#import-status')).toMatch(/^bad\.csv: /);
    await screenshot(page, 'atlas-import-bad');
    // The earlier import is untouched.
    expect(await page.textContent('#imported-list')).toContain('Ward life expectancy');

    const url = page.url();
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await expect
      .poll(() => page.textContent('#legend h2'))
      .toBe('Ward life expectancy <b>test</b>');
    expect(url).toContain('ind=import_');
    await page.locator('#import-panel summary').click();
    await page.click('#imported-list button');
    await expect.poll(() => page.textContent('#legend h2')).toBe('IMD 2019 score');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('draws over an online base map style when the configuration names one', async () => {
    // No network here: the "online" style is served by the test itself on a made-up origin.
    const page = await browser.newPage({ viewport: { width: 1000, height: 700 }, bypassCSP: true });
    await page.route('**/config.json', (r) =>
      r.fulfill({ json: { basemapStyleUrl: 'https://tiles.example.test/style.json' } }),
    );
    await page.route('https://tiles.example.test/style.json', (r) =>
      r.fulfill({
        json: {
          version: 8,
          sources: {},
          layers: [
            { id: 'streets-bg', type: 'background', paint: { 'background-color': '#00ff00' } },
          ],
        },
      }),
    );
    await page.goto(inject('baseUrl'));
    await page.waitForSelector('body[data-ready="true"]', { timeout: 90_000 });
    const layers = await page.evaluate(
      () => window.gapAtlas?.map.getStyle().layers.map((l) => l.id) ?? [],
    );
    expect(layers[0]).toBe('streets-bg');
    expect(layers).toContain('lsoa11-fill');
    expect(layers).not.toContain('land');
    await screenshot(page, 'atlas-online-basemap');
    await page.close();
  });

  it('exports the table as CSV with the source line, and shows national deciles in an LSOA profile', async () => {
    const { page } = await open('?sel=E01006968');
    expect(await page.textContent('#profile')).toMatch(
      /National deprivation: IMD 2019 decile 1 \(1 = most deprived 10% of England\)/,
    );
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#export-csv'),
    ]);
    expect(download.suggestedFilename()).toBe('imd2019_score_lsoa11_E08000014.csv');
    const text = await readFile(await download.path(), 'utf8');
    const lines = text.trim().split('\n');
    // Every text cell is quoted (the shared writer's guard against spreadsheet formulas).
    expect(lines[0]).toBe(
      '"code","name","IMD 2019 score","rank (1 = worst)","national IMD decile"',
    );
    expect(lines.filter((l) => /^"E01\d{6}",/.test(l))).toHaveLength(189);
    expect(lines.at(-1)).toContain('MHCLG English Indices of Deprivation 2019');
    await page.close();
  });

  it('has no serious or critical axe-core violations', async () => {
    // The app's Content-Security-Policy rightly forbids inline scripts: let the test inject axe.
    const { page } = await open('?sel=E01006968', { bypassCSP: true });
    const violations = await axeViolations(page);
    const serious = violations.filter(isSerious);
    expect(serious).toEqual([]);
    await page.close();
  });
});
