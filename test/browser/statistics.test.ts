// Significance on the atlas in a real browser: the funnel plot of the indicator on the map,
// linked to the map (areas outside the limits outlined and listed, a listed area selectable),
// and the refusal for indicators without counts.
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { compareLimits, shareWithLimits } from '../../workers/significance/compare.ts';
import { areaCount, countModelOf } from '../../workers/significance/indicator_counts.ts';
import { byBand, funnelModel, outside } from '../../workers/significance/funnel_model.ts';
import { classifyFunnel, FUNNEL_BAND_WORDS } from '../../workers/stats/funnel_significance.ts';
import { REPO_ROOT } from '../../data/defaults.ts';
import { createInequalityWorker } from '../../workers/inequality/inequality.worker.ts';
import {
  axeViolations,
  isSerious,
  launchChromium,
  screenshot,
  SCREENSHOTS,
  watchErrors,
} from './chromium.ts';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

interface Table {
  codes: string[];
  names: string[];
  districts: string[];
  values: Record<string, (number | null)[]>;
}

async function open(query: string, bypassCSP = false): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, bypassCSP });
  const errors = watchErrors(page);
  await page.goto(`${inject('baseUrl')}/${query}`);
  await page.waitForSelector('body[data-ready]', { timeout: 90_000 });
  expect(await page.getAttribute('body', 'data-ready')).toBe('true');
  return { page, errors };
}

async function table(page: Page, geography: string): Promise<Table> {
  return page.evaluate(
    async (g) => (await (await fetch(`./data/tables/${g}.json`)).json()) as Table,
    geography,
  );
}

/** The codes whose feature-state says 'flagged' on the map's source of `g`. */
async function flagged(page: Page, g: string, codes: string[]): Promise<string[]> {
  return page.evaluate(
    ([source, list]) =>
      list.filter((id) => window.gapAtlas?.map.getFeatureState({ source, id }).flagged === true),
    [`areas-${g}`, codes] as const,
  );
}

/** Waits for the map's next idle frame (a repaint is asked for, so that one comes). */
async function idle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = window.gapAtlas?.map;
        if (!map) return resolve();
        void map.once('idle').then(() => resolve());
        map.triggerRepaint();
      }),
  );
}

async function shot(page: Page, selector: string, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const size = page.viewportSize();
  await page.setViewportSize({ width: size?.width ?? 1440, height: 2400 });
  await page.locator(selector).screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
  if (size) await page.setViewportSize(size);
}

describe('the funnel plot', () => {
  it('plots income deprivation by ward around Sefton, lists and outlines the areas outside', async () => {
    // CSP bypassed for axe-core's injected script only.
    const { page, errors } = await open('?ind=imd2019_income_rate&level=ward', true);
    await page.locator('#funnel-section > summary').click();
    await expect.poll(() => page.locator('#funnel-chart').count()).toBe(1);

    // The same model computed here from the served tables: the page must agree with it.
    const wards = await table(page, 'ward');
    const lad = await table(page, 'lad');
    const counts = countModelOf({ id: 'imd2019_income_rate', kind: 'rate', label: '' });
    if (!counts.ok) throw new Error(counts.reason);
    const authority = lad.values.imd2019_income_rate?.[0] ?? null;
    expect(authority).not.toBeNull();
    const model = funnelModel({
      id: 'imd2019_income_rate',
      model: counts,
      table: wards,
      polarity: 'higher-is-worse',
      target: authority,
      targetName: 'Sefton',
    });
    expect(model.areas).toHaveLength(wards.codes.length);
    expect(await page.locator('#funnel-chart .funnel-area').count()).toBe(wards.codes.length);
    expect(await page.textContent('#funnel-subject')).toContain('target 16.18%');
    const expected = outside(model, 0.998);
    // Ward populations of about 12,000: Sefton's wards do differ beyond 99.8%.
    expect(expected.length).toBeGreaterThan(2);
    expect(await page.getAttribute('#funnel-count', 'data-count')).toBe(String(expected.length));
    expect(
      await page
        .locator('#funnel-list button')
        .evaluateAll((bs) => bs.map((b) => b.getAttribute('data-code'))),
    ).toEqual(expected.map((a) => a.code));
    // Income deprivation is higher-is-worse: areas above the funnel are "worse", in words.
    const first = expected[0];
    if (!first) throw new Error('no area outside');
    expect(first.band).toBe('above998');
    expect(await page.locator('#funnel-list li').first().textContent()).toContain('▲ Worse');
    const method = (await page.textContent('#funnel-method')) ?? '';
    expect(method).toContain('Wilson score');
    expect(method).toContain('IoD 2019 mid-2015 population');

    // Nothing outlined until asked; then exactly the listed areas.
    expect(await flagged(page, 'ward', wards.codes)).toEqual([]);
    await page.click('#funnel-highlight');
    await expect
      .poll(async () => (await flagged(page, 'ward', wards.codes)).sort())
      .toEqual(expected.map((a) => a.code).sort());
    expect(await page.getAttribute('#funnel-highlight', 'aria-pressed')).toBe('true');

    // 95% lists more areas, and the outlines follow the list.
    await page.selectOption('#funnel-level', '0.95');
    const at95 = outside(model, 0.95).map((a) => a.code);
    expect(at95.length).toBeGreaterThanOrEqual(expected.length);
    await expect
      .poll(async () => (await flagged(page, 'ward', wards.codes)).sort())
      .toEqual([...at95].sort());
    await page.selectOption('#funnel-level', '0.998');
    await idle(page);
    await screenshot(page, 'statistics-funnel-map');
    await page.locator('#funnel-section').scrollIntoViewIfNeeded();
    await shot(page, '#funnel-section', 'statistics-funnel-section');

    // Every ward is classed and listed, in the bands of the CLI's `funnel` (one function).
    await page.locator('#funnel-all > summary').click();
    const listedBands = await page
      .locator('#funnel-table tbody tr')
      .evaluateAll((rs) =>
        rs.map((r) => [r.getAttribute('data-code'), r.getAttribute('data-band')]),
      );
    expect(listedBands).toEqual(byBand(model).map((a) => [a.code, a.band]));
    const cli = classifyFunnel(
      model.areas.map((a) => ({ numerator: a.numerator, denominator: a.denominator })),
      { statistic: 'proportion', multiplier: 100, target: authority },
    );
    if (!cli.ok) throw new Error(cli.reason);
    expect(model.areas.map((a) => a.band)).toEqual(cli.value.verdicts.map((v) => v.band));
    expect(
      await page.locator('#funnel-table tbody tr .verdict').first().getAttribute('title'),
    ).toBe(FUNNEL_BAND_WORDS[byBand(model)[0]?.band ?? 'within']);
    // ... and exportable: the download holds every ward with its band and limits.
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#funnel-download'),
    ]);
    expect(file.suggestedFilename()).toBe('funnel_imd2019_income_rate_ward.csv');
    const csv = await readFile((await file.path()) ?? '', 'utf8');
    const [areasPart = '', foot = ''] = csv.split('\n\n');
    const lines = areasPart.trim().split('\n');
    expect(lines).toHaveLength(wards.codes.length + 1);
    expect(lines[0]).toContain('"lower_99_8","upper_99_8","band","phe_significance"');
    expect(lines[1]).toContain(`"${byBand(model)[0]?.code}"`);
    expect(foot).toContain('"method","Control limits as PHE');
    await page.locator('#funnel-all').scrollIntoViewIfNeeded();
    await shot(page, '#funnel-section', 'statistics-funnel-all-areas');

    expect((await axeViolations(page, ['#funnel-section'])).filter(isSerious)).toEqual([]);

    // A listed area is selectable from the keyboard: the profile opens on it.
    await page.locator('#funnel-list button').first().focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('#profile-title')).toBe(first.name);

    // A score has no counts: no funnel, a reason, and the indicators that can have one.
    await page.evaluate(() => window.gapAtlas?.update({ ind: 'imd2019_score' }));
    await expect.poll(() => page.textContent('#funnel-refusal')).toContain('without its counts');
    expect(await flagged(page, 'ward', wards.codes)).toEqual([]);
    const can = await page
      .locator('#funnel-can button')
      .evaluateAll((bs) => bs.map((b) => b.getAttribute('data-ind')));
    expect(can).toContain('imd2019_income_rate');
    expect(can).toContain('census2021_disabled_share');
    expect(can).not.toContain('imd2019_score');
    await page.click('#funnel-can button[data-ind="census2021_disabled_share"]');
    await expect.poll(() => page.textContent('#funnel-subject')).toContain('Disabled');
    expect(await page.locator('#funnel-chart .funnel-area').count()).toBe(wards.codes.length);

    // The outlines move with the geography: none left on the wards, the LSOAs' on the LSOAs.
    await page.check('input[name="level"][value="lsoa"]');
    await expect.poll(() => page.textContent('#funnel-subject')).toContain('LSOA (2021)');
    const lsoas = await table(page, 'lsoa21');
    await expect.poll(() => flagged(page, 'ward', wards.codes)).toEqual([]);
    const listed = await page
      .locator('#funnel-list button')
      .evaluateAll((bs) => bs.map((b) => b.getAttribute('data-code') ?? ''));
    expect(listed.length).toBeGreaterThan(0);
    await expect
      .poll(async () => (await flagged(page, 'lsoa21', lsoas.codes)).sort())
      .toEqual([...listed].sort());
    await idle(page);
    await screenshot(page, 'statistics-funnel-lsoa-map');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('significance in the area profile', () => {
  it('compares an LSOA with Sefton and England at 95% and 99.8%, in words, shapes and colours', async () => {
    // An LSOA whose income deprivation differs from Sefton's at 95% but not at 99.8%, found
    // with the engine from the served tables.
    const probe = await open('');
    const lsoas = await table(probe.page, 'lsoa11');
    const lad = await table(probe.page, 'lad');
    await probe.page.close();
    const counts = countModelOf({ id: 'imd2019_income_rate', kind: 'rate', label: '' });
    if (!counts.ok) throw new Error(counts.reason);
    const sefton = lad.values.imd2019_income_rate?.[0] ?? NaN;
    const verdictAt = (i: number, level: 0.95 | 0.998, benchmark: number) => {
      const c = areaCount(counts, lsoas, 'imd2019_income_rate', i);
      if (!c) return null;
      const s = shareWithLimits(c, level);
      return compareLimits(s.lower, s.upper, benchmark, 'higher-is-worse').verdict;
    };
    const index = lsoas.codes.findIndex(
      (_, i) =>
        verdictAt(i, 0.95, sefton) !== 'similar' && verdictAt(i, 0.998, sefton) === 'similar',
    );
    expect(index).toBeGreaterThanOrEqual(0);
    const code = lsoas.codes[index] ?? '';
    const at95 = verdictAt(index, 0.95, sefton);
    // England's IoD 2019 income deprivation rate, as headline.json gives it.
    const england = verdictAt(index, 0.95, 12.8571);
    // The North West's, rolled up the same way from the region's LSOAs (headline.json).
    const northWest = verdictAt(index, 0.95, 16.0363);

    const { page, errors } = await open(`?ind=imd2019_income_rate&level=lsoa&sel=${code}`, true);
    const row = '#significance-table tr[data-ind="imd2019_income_rate"]';
    await expect.poll(() => page.locator(row).count()).toBe(1);
    const verdicts = () =>
      page
        .locator(`${row} td[data-verdict]`)
        .evaluateAll((tds) =>
          tds.map((td) => [td.getAttribute('data-verdict'), td.textContent?.trim() ?? '']),
        );
    await expect.poll(async () => (await verdicts()).length).toBe(3);
    const [bySefton, byRegion, byEngland] = await verdicts();
    expect(byRegion?.[0]).toBe(northWest);
    expect(byRegion?.[1]).toMatch(/vs 16\.0%$/);
    expect(await page.textContent('#profile-significance h3')).toBe(
      'Compared with Sefton, North West and England',
    );
    expect(bySefton?.[0]).toBe(at95);
    expect(bySefton?.[1]).toMatch(at95 === 'worse' ? /^▲ Worse vs 16\.2%/ : /^▼ Better vs 16\.2%/);
    expect(byEngland?.[0]).toBe(england);
    // The spine shows the same verdict as a shape, and says it to screen readers.
    const spineRow = page.locator('.profile-table:not(.sig-table) tbody tr', {
      has: page.locator('th', { hasText: /^Income deprivation rate \(IoD 2019\)$/ }),
    });
    expect(await spineRow.locator('.spine-mark').getAttribute('data-verdict')).toBe(at95);
    expect(await spineRow.locator('svg').getAttribute('aria-label')).toContain(
      `${at95} than the authority`,
    );
    expect(await page.textContent('#significance-method')).toContain('Wilson score');
    // Census shares have no England value in the data: a dash, not a verdict.
    await page.locator('#profile-significance').scrollIntoViewIfNeeded();
    await shot(page, '#profile', 'statistics-profile-95');
    await shot(page, '#profile-significance', 'statistics-significance-95');
    expect((await axeViolations(page, ['#profile-significance'])).filter(isSerious)).toEqual([]);
    await shot(page, '#profile .profile-table:not(.sig-table)', 'statistics-spine-95');

    await page.check('input[name="sig-level"][value="0.998"]');
    await expect.poll(async () => (await verdicts())[0]?.[0]).toBe('similar');
    expect(await page.textContent(`${row} th`)).toBe('Income deprivation rate (IoD 2019)');
    expect(await page.textContent('#significance-table caption')).toContain('99.8% interval');
    expect(await spineRow.locator('.spine-mark').count()).toBe(0);
    expect(await page.textContent('#significance-method')).toContain('1 area in 500');
    await shot(page, '#profile-significance', 'statistics-significance-998');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('an imported Fingertips export in the profile', () => {
  it('compares a ward with the file’s own 95% and 99.8% limits against its Sefton and England rows', async () => {
    const { page, errors } = await open('?level=ward&ind=imd2019_score');
    await page.locator('#import-panel summary').click();
    await page.setInputFiles(
      '#import-file',
      path.join(
        REPO_ROOT,
        'test',
        'fixtures',
        'import',
        'fingertips_sefton_wards_limits_counts.csv',
      ),
    );
    await expect.poll(() => page.textContent('#import-status')).toContain('Fingertips export');
    await page.click('#import-form button[type="submit"]');
    await expect
      .poll(() => page.textContent('#import-status'))
      .toContain('22 of 22 areas have a value');
    await page.evaluate(() => window.gapAtlas?.update({ sel: 'E05000942' }));
    await page.check('input[name="sig-level"][value="0.95"]');
    const row = '#significance-table tr[data-ind^="import_"]';
    await expect.poll(() => page.locator(row).count()).toBe(1);
    const verdicts = () =>
      page
        .locator(`${row} td[data-verdict]`)
        .evaluateAll((tds) => tds.map((td) => td.textContent?.trim() ?? ''));
    // Linacre 23.5 (21.7 to 25.4): above Sefton's 21.0 and England's 20.0 at 95%.
    expect(await page.textContent(`${row} td.num`)).toBe('23.5 (21.7 to 25.4)');
    await expect.poll(verdicts).toEqual(['▲ Higher vs 21.0', '▲ Higher vs 20.0']);
    expect(await page.textContent('#significance-method')).toContain('the file’s own limits');
    await page.locator('#profile-significance').scrollIntoViewIfNeeded();
    await shot(page, '#profile-significance', 'statistics-imported-significance-95');
    // At 99.8% the file's 99.8% limits (20.7 to 26.6) reach Sefton's value: similar.
    await page.check('input[name="sig-level"][value="0.998"]');
    await expect.poll(() => page.textContent(`${row} td.num`)).toBe('23.5 (20.7 to 26.6)');
    await expect.poll(verdicts).toEqual(['● Similar vs 21.0', '▲ Higher vs 20.0']);
    // Ford has counts and no limits: Wilson limits from them; Park's value is not its count over
    // its denominator and has no limits: no comparison.
    await page.evaluate(() => window.gapAtlas?.update({ sel: 'E05000939' }));
    await expect.poll(() => page.textContent('#profile-title')).toBe('Ford');
    await expect.poll(() => page.locator(row).count()).toBe(1);
    expect(await page.textContent('#significance-method')).toContain(
      'Wilson limits from the file’s count and denominator',
    );
    await page.evaluate(() => window.gapAtlas?.update({ sel: 'E05000949' }));
    await expect.poll(() => page.textContent('#profile-title')).toBe('Park');
    expect(await page.locator(row).count()).toBe(0);
    await page.check('input[name="sig-level"][value="0.95"]');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('life expectancy from a file, with limits and the comparison', () => {
  it('shows each ward at 65 with 99.8% limits against all the file’s wards, as the worker computes', async () => {
    const file = path.join(REPO_ROOT, 'test', 'fixtures', 'analysis', 'ward_life_expectancy.csv');
    const expected = await createInequalityWorker().lifeExpectancy({
      text: await readFile(file, 'utf8'),
      frame: { codes: [], scores: new Float64Array(0) },
      quantiles: 10,
      simulations: 1000,
      seed: 1,
      age: 65,
      level: 0.998,
    });
    if (!expected.ok) throw new Error(expected.problems.join('; '));

    const { page, errors } = await open('?level=ward');
    await page.locator('#le-section > summary').click();
    await page.setInputFiles('#le-file', file);
    await expect.poll(() => page.locator('#le-table tbody tr').count()).toBe(23);
    // At birth and 95% first: a verdict for every ward with a value, the map button offered.
    expect(await page.locator('#le-table tbody td[data-verdict]').count()).toBe(22);
    expect(await page.locator('#le-map').count()).toBe(1);

    await page.selectOption('#le-age', '65');
    await page.selectOption('#le-level', '0.998');
    await expect.poll(() => page.textContent('#le-table caption')).toContain('at 65');
    expect(await page.textContent('#le-table thead')).toContain('99.8% limits');
    const shown = await page
      .locator('#le-table tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [
          tr.getAttribute('data-area') ?? '',
          tr.querySelector('td[data-verdict]')?.getAttribute('data-verdict') ?? null,
        ]),
      );
    expect(Object.fromEntries(shown)).toEqual(
      Object.fromEntries(expected.areas.map((a) => [a.area, a.comparison?.verdict ?? null])),
    );
    expect(Number(await page.textContent('#le-total td.e0'))).toBeCloseTo(
      expected.total.e0 ?? NaN,
      1,
    );
    expect(await page.locator('#le-map').count()).toBe(0);
    expect(await page.textContent('#le-method')).toContain('99.8% interval');
    await expect.poll(() => page.textContent('#le-sii')).toContain('at 65');
    await page.locator('#le-section').scrollIntoViewIfNeeded();
    await shot(page, '#le-section', 'statistics-life-expectancy-65');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('significance in the printed profile', () => {
  it('marks Linacre’s income deprivation as worse than Sefton on the report’s spread bar', async () => {
    const { page, errors } = await open('?ind=imd2019_income_rate&level=ward');
    await page.click('#open-report-gap');
    await page.waitForSelector('#report-pages[data-state="ready"]', { timeout: 90_000 });
    await page.selectOption('#report-kind', 'profile');
    await page.waitForSelector('#report-pages[data-state="ready"]', { timeout: 90_000 });
    const linacre = await page.evaluate(
      () =>
        [...document.querySelectorAll<HTMLOptionElement>('#report-area option')].find((o) =>
          o.textContent?.startsWith('Linacre ('),
        )?.value ?? '',
    );
    await page.selectOption('#report-area', linacre);
    await page.waitForFunction(() =>
      document.querySelector('.rp-profile .rp-title')?.textContent?.includes('Linacre'),
    );
    const row = '.rp-profile-table tr[data-indicator="imd2019_income_rate"] .rp-spine';
    // 42.1% of about 12,000 people against Sefton's 16.2%: worse at any level.
    await expect.poll(() => page.getAttribute(`${row} .spine-mark`, 'data-verdict')).toBe('worse');
    // The IMD score has no counts: a plain dot, no verdict.
    expect(
      await page
        .locator('.rp-profile-table tr[data-indicator="imd2019_score"] .rp-spine .spine-mark')
        .count(),
    ).toBe(0);
    expect(await page.textContent('.rp-profile-table caption')).toContain('95% Wilson interval');
    await screenshot(page, 'statistics-report-profile-linacre');
    expect(errors).toEqual([]);
    await page.close();
  });
});
