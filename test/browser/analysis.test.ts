// The analysis panel in a real browser: the SII of the indicator on screen, custom areas picked
// and drawn on the map, catchments with the bivariate map (life expectancy from a file:
// analysis_life_expectancy.test.ts), accessibility, and main-thread long tasks while 100,000 draws run.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../data/defaults.ts';
import { axeViolations, isSerious, launchChromium, screenshot } from './chromium.ts';
import {
  openAtlasPage as open,
  idle,
  inside,
  openSection,
  project,
  shot,
  table,
} from './atlas_page.ts';

let browser: Browser;
const figures: Record<string, unknown> = {};

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await mkdir(path.join(REPO_ROOT, 'test-results'), { recursive: true });
  await writeFile(
    path.join(REPO_ROOT, 'test-results', 'analysis-panel.json'),
    JSON.stringify(figures, null, 2),
  );
});

describe('the analysis panel', () => {
  it('shows the SII of the IMD 2019 score by LSOA with its method, local and national', async () => {
    const { page, errors } = await open(browser);
    await openSection(page, 'inequality-section');
    await expect
      .poll(() => page.getAttribute('#inequality-section', 'data-state'), { timeout: 30_000 })
      .toBe('done');
    const sii = Number(await page.getAttribute('#ineq-sii', 'data-value'));
    // The score is higher-is-worse: the shown SII is positive when the most deprived score higher.
    expect(sii).toBeGreaterThan(0);
    figures.siiImd2019LocalDeciles = sii;
    const method = (await page.textContent('#ineq-method')) ?? '';
    expect(method).toContain('local deciles of the IMD 2019 score within Sefton');
    expect(method).toContain('100000 simulated draws, seed 1');
    expect(method).toContain('between-area');
    expect(method).toContain('IoD 2019');
    expect(await page.textContent('#ineq-rii')).toContain('OHID/PHE RII');
    expect(await page.locator('#inequality-section .sii-group').count()).toBe(10);
    expect(await page.textContent('#inequality-section svg')).toContain('Most deprived');
    await expect.poll(() => page.textContent('#ineq-published')).toContain('Sefton, 2022 - 24');
    expect(await page.textContent('#ineq-published')).toContain('England');
    await page.locator('#analysis-panel').scrollIntoViewIfNeeded();
    await shot(page, '#inequality-section', 'analysis-sii-local');
    await screenshot(page, 'analysis-sii-page');

    await page.check('input[name="ineq-grouping"][value="national"]');
    await page.selectOption('#ineq-quantiles', '5');
    await expect.poll(() => page.textContent('#ineq-method')).toContain('paired into quintiles');
    await expect.poll(() => page.getAttribute('#inequality-section', 'data-state')).toBe('done');
    const national = Number(await page.getAttribute('#ineq-sii', 'data-value'));
    expect(national).toBeGreaterThan(0);
    figures.siiImd2019NationalQuintiles = national;
    expect(await page.locator('#inequality-section .sii-group').count()).toBe(5);
    await shot(page, '#inequality-section', 'analysis-sii-national');

    // Wards have no national deciles: the choice is disabled and local deciles are used.
    await page.check('input[name="level"][value="ward"]');
    await expect.poll(() => page.textContent('#ineq-subject')).toContain('Electoral ward');
    expect(await page.isDisabled('input[name="ineq-grouping"][value="national"]')).toBe(true);
    await expect.poll(() => page.getAttribute('#inequality-section', 'data-state')).toBe('done');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('starts after the first render, so a link naming an unknown indicator still opens', async () => {
    const { page, errors } = await open(browser, '?ind=not_an_indicator');
    expect(await page.textContent('#analysis-title')).toBe('Inequality and local analysis');
    await openSection(page, 'inequality-section');
    await expect.poll(() => page.textContent('#ineq-subject')).toContain('IMD 2019 score');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps main-thread tasks short while an SII with 100,000 simulations runs', async () => {
    const { page } = await open(browser);
    // MapLibre's drawing switched off, as in atlas.test.ts: what is left is the app's own work.
    await page.evaluate(() => {
      const map = window.gapAtlas?.map as unknown as { _render: () => unknown };
      map._render = () => map;
    });
    const runs: { change: string; elapsedMs: number; longTasksMs: number[] }[] = [];
    for (const change of ['open', '5', '10']) {
      const t0 = await page.evaluate(() => performance.now());
      if (change === 'open') await page.locator('#inequality-section > summary').click();
      else await page.selectOption('#ineq-quantiles', change);
      await expect
        .poll(() => page.getAttribute('#inequality-section', 'data-state'), { timeout: 30_000 })
        .toBe('done');
      await page.waitForTimeout(100);
      runs.push(
        await page.evaluate(
          ([from, what]) => {
            const w = window as unknown as { longTasks: { start: number; duration: number }[] };
            return {
              change: what,
              elapsedMs: Math.round(performance.now() - from - 100),
              longTasksMs: w.longTasks
                .filter((t) => t.start >= from)
                .map((t) => Math.round(t.duration)),
            };
          },
          [t0, change] as const,
        ),
      );
    }
    figures.longTasksDuringSii = runs;
    // The long-task API reports tasks over 50 ms only: none while the three SIIs run. On the
    // main thread the 100,000 draws alone take about 50 ms warm (bench/sii.bench.ts), more cold.
    expect(runs.flatMap((r) => r.longTasksMs)).toEqual([]);
    await page.close();
  });

  it('makes a custom area of three wards picked on the map, keeps, renames, exports and deletes it', async () => {
    // Zoomed on Bootle, so that no ward centre is under the attribution.
    const { page, errors } = await open(
      browser,
      '?level=ward&ind=imd2025_score&at=12.3/53.47/-2.985',
    );
    const wards = await table(page, 'ward');
    const picked = ['Linacre', 'Derby', 'Litherland'].map((n) => wards.names.indexOf(n));
    await openSection(page, 'custom-area-section');
    await page.click('#pick-toggle');
    expect(await page.getAttribute('#pick-toggle', 'aria-pressed')).toBe('true');
    for (const i of picked) {
      const centre = wards.centres[i];
      if (!centre) throw new Error('no ward centre');
      const at = await project(page, centre);
      await page.mouse.click(at.x, at.y);
    }
    await expect.poll(() => page.textContent('#custom-status')).toContain('3 wards picked');
    // The list, for the keyboard, shows the same picks and toggles them too.
    await page.locator('#pick-list > summary').click();
    const box = page.locator(`#pick-options input[value="${wards.codes[picked[0] ?? 0]}"]`);
    expect(await box.isChecked()).toBe(true);
    await box.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => page.textContent('#custom-status')).toContain('2 wards picked');
    await page.keyboard.press('Space');
    await expect.poll(() => page.textContent('#custom-status')).toContain('3 wards picked');
    // Picking took the clicks: no area was selected.
    expect(await page.isVisible('#profile')).toBe(false);
    const state = await page.evaluate(
      (code) => window.gapAtlas?.map.getFeatureState({ source: 'areas-ward', id: code }),
      wards.codes[picked[0] ?? 0],
    );
    expect(state?.picked).toBe(true);
    await idle(page);
    await screenshot(page, 'analysis-picked-wards');
    await page.fill('#custom-name', 'Bootle three');
    await page.click('#pick-save');
    await expect
      .poll(() => page.getAttribute('[data-figure="population"]', 'data-value'))
      .not.toBe(null);
    const residents = wards.values.census2021_residents ?? [];
    const sum = picked.reduce((s, i) => s + (residents[i] ?? NaN), 0);
    expect(Number(await page.getAttribute('[data-figure="population"]', 'data-value'))).toBe(sum);
    figures.threeWardsPopulation = sum;
    expect(await page.textContent('#custom-rule')).toContain('The 3 wards picked');
    expect(await page.textContent('#custom-area-stats')).toContain('Census 2021');
    expect(await page.locator('#custom-assets li').count()).toBeGreaterThan(0);
    await shot(page, '#custom-area-section', 'analysis-custom-wards');
    // Its A4 profile page, from the same figures, over the atlas.
    await page.locator('#custom-list li button.profile-page').first().click();
    await page.waitForSelector('#report-pages[data-state="ready"]', { timeout: 90_000 });
    expect(await page.textContent('.rp-profile .rp-title')).toBe('Bootle three');
    const people = sum.toLocaleString('en-GB');
    expect(await page.textContent('.rp-key-figures')).toContain(people);
    const row = page.locator('.rp-profile-table tr[data-indicator="census2021_residents"] td');
    expect(await row.first().textContent()).toBe(people);
    expect(await page.locator('.rp-inset svg path.highlight').count()).toBe(1);
    await screenshot(page, 'report-profile-custom');
    await page.keyboard.press('Escape');
    expect(await page.isVisible('#report-view')).toBe(false);
    // The link no longer names the report (a reload would open it again).
    await expect.poll(() => page.url()).not.toContain('rep=');

    // Kept across a reload (read back through the zod schema), then renamed and exported.
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await openSection(page, 'custom-area-section');
    const name = page.locator('#custom-list li input[type="text"]').first();
    await expect.poll(() => name.inputValue()).toBe('Bootle three');
    await name.fill('Bootle, Litherland and Derby');
    await name.press('Enter');
    await expect.poll(() => page.textContent('#custom-status')).toContain('Renamed');
    await page.locator('#custom-list li button.show').first().click();
    await expect
      .poll(() => page.textContent('#custom-stats-title'))
      .toBe('Bootle, Litherland and Derby');
    const download = page.waitForEvent('download');
    await page.locator('#custom-list li button.export').first().click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('bootle-litherland-and-derby.geojson');
    const geojson = JSON.parse(await readFile((await file.path()) ?? '', 'utf8')) as {
      type: string;
      features: { geometry: { type: string }; properties: Record<string, unknown> }[];
    };
    expect(geojson.type).toBe('FeatureCollection');
    expect(geojson.features[0]?.geometry.type).toBe('MultiPolygon');
    expect(geojson.features[0]?.properties.population).toBe(sum);
    expect(String(geojson.features[0]?.properties.population_source)).toContain('Census 2021');
    await page.locator('#custom-list li button.delete').first().click();
    await expect.poll(() => page.textContent('#custom-list')).toContain('None yet');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('draws a polygon by mouse and assigns the LSOAs whose centre lies inside it', async () => {
    const { page, errors } = await open(browser, '?at=12.5/53.46/-2.985');
    const lsoa = await table(page, 'lsoa11');
    await openSection(page, 'custom-area-section');
    // Escape cancels a drawing.
    await page.click('#draw-start');
    const box = await page.locator('#map').boundingBox();
    if (!box) throw new Error('no map');
    await page.mouse.click(box.x + 100, box.y + 100);
    await page.mouse.click(box.x + 200, box.y + 100);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.textContent('#custom-status')).toContain('drawing cancelled');

    const zoom = await page.evaluate(() => window.gapAtlas?.map.getZoom());
    // Bootle, kept clear of the legend in the map's top right corner.
    const corners: [number, number][] = [
      [-3.0, 53.45],
      [-2.975, 53.45],
      [-2.975, 53.465],
      [-2.998, 53.466],
    ];
    await page.click('#draw-start');
    for (const c of corners.slice(0, -1)) {
      const at = await project(page, c);
      await page.mouse.click(at.x, at.y);
    }
    const last = await project(page, corners[3] ?? [0, 0]);
    await page.mouse.dblclick(last.x, last.y);
    await expect
      .poll(() => page.getAttribute('[data-figure="population"]', 'data-value'))
      .not.toBe(null);
    // The double-click finished the polygon; it did not zoom the map.
    expect(await page.evaluate(() => window.gapAtlas?.map.getZoom())).toBe(zoom);
    const ring = await page.evaluate(
      async () =>
        (
          await (
            window.gapAtlas?.map.getSource('analysis-draw') as unknown as {
              getData: () => Promise<{ features: { geometry: { coordinates: number[][][] } }[] }>;
            }
          ).getData()
        ).features[0]?.geometry.coordinates[0] ?? [],
    );
    expect(ring, JSON.stringify(ring)).toHaveLength(5);
    const drawn = ring.map(([x, y]) => [x ?? 0, y ?? 0] as [number, number]);
    const expected = lsoa.codes.flatMap((_, i) => {
      const c = lsoa.centres[i];
      return c && inside(drawn, c) ? [i] : [];
    });
    expect(expected.length).toBeGreaterThan(3);
    const pop = lsoa.values.pop2020_total ?? [];
    expect(Number(await page.getAttribute('[data-figure="population"]', 'data-value'))).toBe(
      expected.reduce((s, i) => s + (pop[i] ?? NaN), 0),
    );
    figures.drawnPolygonLsoas = expected.length;
    expect(await page.textContent('#custom-rule')).toContain(
      `LSOAs whose centre lies inside the drawn polygon: ${expected.length} LSOAs (2011 boundaries)`,
    );
    expect(
      Number(await page.getAttribute('[data-figure="imd-score"]', 'data-value')),
    ).toBeGreaterThan(0);
    await idle(page);
    await screenshot(page, 'analysis-drawn-polygon');
    await shot(page, '#custom-area-section', 'analysis-drawn-figures');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lists Core20 LSOAs with no pharmacy within 800 m and paints need against access', async () => {
    const { page, errors } = await open(browser);
    const lsoa = await table(page, 'lsoa11');
    await openSection(page, 'catchment-section');
    await page.selectOption('#catch-category', 'pharmacies');
    await expect
      .poll(() => page.getAttribute('#catchment-section', 'data-state'), { timeout: 30_000 })
      .toBe('done');
    await expect
      .poll(() => page.textContent('#catch-unreached-title'))
      .toContain('pharmacies within 800 m');
    const items = page.locator('#catch-unreached li');
    expect(await items.count()).toBeGreaterThan(0);
    figures.core20WithoutPharmacy800m = await items.count();
    // Each listed LSOA is Core20 (national IMD 2019 decile 1 or 2), largest population first.
    const codes = await page
      .locator('#catch-unreached button')
      .evaluateAll((bs) => bs.map((b) => b.getAttribute('data-code') ?? ''));
    const deciles = lsoa.values.imd2019_decile ?? [];
    const pops = codes.map((c) => lsoa.values.pop2020_total?.[lsoa.codes.indexOf(c)] ?? 0);
    for (const c of codes) expect(deciles[lsoa.codes.indexOf(c)]).toBeLessThanOrEqual(2);
    expect([...pops].sort((a, b) => b - a)).toEqual(pops);
    expect(await page.textContent('#catch-summary')).toMatch(
      /Within 800 m: [\d,]+ of [\d,]+ people/,
    );
    await page.locator('#catch-unreached button').first().click();
    await expect
      .poll(() => page.textContent('#profile-title'))
      .toBe(lsoa.names[lsoa.codes.indexOf(codes[0] ?? '')]);

    await page.check('#bivariate-toggle');
    await expect
      .poll(() => page.getAttribute('#catchment-section', 'data-bivariate'))
      .toBe('lsoa11');
    expect(
      await page.evaluate(() =>
        window.gapAtlas?.map.getLayoutProperty('analysis-bivariate-lsoa11', 'visibility'),
      ),
    ).toBe('visible');
    expect(await page.locator('#bivariate-legend td').count()).toBe(9);
    await idle(page);
    await screenshot(page, 'analysis-bivariate-map');
    await page.locator('#bivariate-key').scrollIntoViewIfNeeded();
    await shot(page, '#catchment-section', 'analysis-catchments');
    await page.uncheck('#bivariate-toggle');
    await expect
      .poll(() =>
        page.evaluate(() =>
          window.gapAtlas?.map.getLayoutProperty('analysis-bivariate-lsoa11', 'visibility'),
        ),
      )
      .toBe('none');
    // From the ward map, turning the layer on brings the atlas back to LSOAs and paints them.
    await page.check('input[name="level"][value="ward"]');
    await expect.poll(() => page.locator('#table-view tbody tr').count()).toBe(22);
    await page.check('#bivariate-toggle');
    await expect
      .poll(() => page.getAttribute('#catchment-section', 'data-bivariate'))
      .toBe('lsoa11');
    expect(await page.isVisible('#bivariate-map-key')).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('has no serious or critical axe-core violations in the panel', async () => {
    const { page } = await open(browser, '', { bypassCSP: true });
    await openSection(page, 'inequality-section');
    await expect.poll(() => page.getAttribute('#inequality-section', 'data-state')).toBe('done');
    await openSection(page, 'custom-area-section');
    await page.click('#pick-toggle');
    await page.locator('#pick-list > summary').click();
    await openSection(page, 'le-section');
    await openSection(page, 'catchment-section');
    await expect.poll(() => page.getAttribute('#catchment-section', 'data-state')).toBe('done');
    const violations = await axeViolations(page, ['#analysis-panel']);
    figures.axeViolations = violations;
    expect(violations.filter(isSerious)).toEqual([]);
    await page.close();
  });
});
