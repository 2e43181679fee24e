// Life expectancy worked out in the browser from a deaths and population file that never leaves
// it: reasons, the SII across local deciles, and the computed ward figure mapped and quoted with
// its limits on the one-pager.
import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../data/defaults.ts';
import { launchChromium, screenshot } from './chromium.ts';
import { openAtlasPage as open, openSection, shot } from './atlas_page.ts';

let browser: Browser;
const figures: Record<string, unknown> = {};

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await mkdir(path.join(REPO_ROOT, 'test-results'), { recursive: true });
  await writeFile(
    path.join(REPO_ROOT, 'test-results', 'analysis-life-expectancy.json'),
    JSON.stringify(figures, null, 2),
  );
});

describe('life expectancy in the analysis panel', () => {
  it('works out life expectancy from a CSV in the browser, with reasons and the SII across local deciles', async () => {
    const { page, errors } = await open(browser, '?level=ward&ind=imd2025_score');
    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.postData() !== null || r.url().includes('ward_life_expectancy'))
        sent.push(`${r.method()} ${r.url()}`);
    });
    await openSection(page, 'le-section');
    expect(await page.textContent('#le-privacy')).toContain('never uploaded or sent anywhere');
    await page.setInputFiles(
      '#le-file',
      path.join(REPO_ROOT, 'test', 'fixtures', 'analysis', 'ward_life_expectancy.csv'),
    );
    await expect.poll(() => page.locator('#le-table tbody tr').count()).toBe(23);
    const linacre = page.locator('#le-table tr[data-area="E05000942"] td.e0');
    const e0 = Number(await linacre.textContent());
    expect(e0).toBeGreaterThan(70);
    expect(e0).toBeLessThan(85);
    expect(await page.textContent('#le-table tr[data-area="Tiny test area"] .reason')).toContain(
      '5,000 or fewer',
    );
    expect(await page.textContent('#le-status')).toContain('life expectancy for 22 of 23 areas');
    const sii = Number(await page.textContent('#le-sii-value'));
    expect(sii).toBeGreaterThan(0);
    figures.lifeExpectancySiiFixture = sii;
    expect(await page.textContent('#le-sii')).toContain('Tiny test area');
    expect(sent).toEqual([]);
    await page.locator('#le-sii').scrollIntoViewIfNeeded();
    await shot(page, '#le-section', 'analysis-life-expectancy');

    // Mapped as an indicator, the one-pager uses it: map, chart and SII of the computed values.
    await page.click('#le-map');
    await expect.poll(() => page.inputValue('#ind-select')).toBe('import_le_ward_life_expectancy');
    await page.click('#open-report-gap');
    await page.waitForSelector('#report-pages[data-state="ready"]', { timeout: 90_000 });
    expect(await page.textContent('.rp-map h2')).toContain('Life expectancy at birth, from');
    expect(Number(await page.getAttribute('.rp-sii-value', 'data-value'))).toBeGreaterThan(0);
    // The panel's SII (OHID's, pooled life tables) with its 95% limits and definition; the
    // longer note still leaves the key points above the sources.
    expect(await page.textContent('.rp-sii-figures')).toMatch(
      new RegExp(`^SII ${sii.toFixed(1)} \\(95% limits [\\d.]+ to [\\d.]+\\)`),
    );
    expect(await page.textContent('.rp-sii-definition')).toContain(
      "Dots: each local IMD 2025 decile's life expectancy from its pooled deaths and person-years",
    );
    expect(await page.textContent('.rp-tables')).toContain('computed in this browser from ward');
    const [keyPointsEnd = 0, sourcesTop = 0] = await page.evaluate(() =>
      ['.rp-points li:last-child', '.rp-sources'].map(
        (q) =>
          document.querySelector(`.rp-one-pager ${q}`)?.getBoundingClientRect()[
            q.includes('li') ? 'bottom' : 'top'
          ] ?? NaN,
      ),
    );
    expect(keyPointsEnd).toBeLessThanOrEqual(sourcesTop);
    await page.locator('.rp-sii').scrollIntoViewIfNeeded();
    await screenshot(page, 'report-one-pager-computed-le');
    await page.keyboard.press('Escape');

    // A broken file is refused with its line.
    await page.setInputFiles('#le-file', {
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('area,age_band,deaths,population\nX,0,two,100\n'),
    });
    await expect.poll(() => page.textContent('#le-output')).toContain('line 2, column deaths');
    expect(sent).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
