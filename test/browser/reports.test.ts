// Figure exports in a real browser: map PNG and SVG, gap chart PNG and SVG. Each download is
// captured, saved to test-results/exports/ and checked for print size, title, legend,
// attribution and that the PNG is not blank.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { REPO_ROOT } from '../../data/defaults.ts';
import { launchChromium, screenshot, watchErrors } from './chromium.ts';

const EXPORTS = path.join(REPO_ROOT, 'test-results', 'exports');
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  errors = watchErrors(page);
  await page.goto(`${inject('baseUrl')}/`);
  await page.waitForSelector('body[data-ready]', { timeout: 90_000 });
  await page.waitForSelector('#reports #report-title');
  await mkdir(EXPORTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

/** Width and height from a PNG's IHDR chunk (bytes 16-23, big-endian). */
function pngSize(b: Buffer): { width: number; height: number } {
  expect(b.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

async function exportFile(buttonId: string): Promise<{ name: string; data: Buffer }> {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 120_000 }),
    page.click(`#${buttonId}`),
  ]);
  const name = download.suggestedFilename();
  const file = path.join(EXPORTS, name);
  await download.saveAs(file);
  return { name, data: await readFile(file) };
}

/** Distinct colours of a PNG, decoded by the browser itself and sampled on a grid. */
async function pngColours(data: Buffer): Promise<number> {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d');
    if (!ctx) return 0;
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < d.length; i += 4 * 997)
      seen.add(((d[i] ?? 0) << 16) | ((d[i + 1] ?? 0) << 8) | (d[i + 2] ?? 0));
    return seen.size;
  }, data.toString('base64'));
}

describe('figure exports', () => {
  it('shows default title, subtitle and alt text that follow the view', async () => {
    const title = await page.inputValue('#report-title');
    expect(title).toContain('Sefton');
    expect(title).toContain(' by ');
    expect(await page.inputValue('#report-subtitle')).toContain('vintage');
    expect(await page.inputValue('#report-alt')).toMatch(/^Map of /);
    await screenshot(page, 'reports-section');
    // Defaults follow the view: to wards and back.
    await page.check('input[name="level"][value="ward"]');
    await expect.poll(() => page.inputValue('#report-title')).toContain('ward');
    await page.check('input[name="level"][value="lsoa"]');
    await expect.poll(() => page.inputValue('#report-title')).toBe(title);
  });

  it('exports the map as a print PNG with legend and sources', async () => {
    const { name, data } = await exportFile('export-map-png');
    expect(name).toMatch(/\.png$/);
    const { width, height } = pngSize(data);
    expect(width).toBeGreaterThanOrEqual(3000);
    expect(height).toBeGreaterThan(1000);
    expect(await pngColours(data)).toBeGreaterThan(6);
  });

  it('exports the map as SVG with text title, legend and attribution', async () => {
    const title = await page.inputValue('#report-title');
    const legendLabel = (await page.locator('#legend .legend-classes li').first().textContent())
      ?.trim()
      .slice(0, 12);
    const { name, data } = await exportFile('export-map-svg');
    expect(name).toMatch(/\.svg$/);
    const svg = data.toString('utf8');
    expect(svg).toContain(`<title>${title}</title>`);
    expect(svg).toContain('<desc>Map of ');
    expect(legendLabel).toBeTruthy();
    expect(svg).toContain(legendLabel ?? '');
    expect(svg).toContain('Open Government Licence');
    expect(svg).toContain('<image');
    // Point layers shown on the map are in the legend and their sources in the footer.
    expect(svg).toContain('<circle');
    expect(svg).toContain('Points (larger = grouped)');
    // Rasterised by the browser from the SVG alone, to look at what a designer would open.
    const png = await page.evaluate(async (text) => {
      const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
      const img = new Image();
      img.src = url;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      c.getContext('2d')?.drawImage(img, 0, 0);
      URL.revokeObjectURL(url);
      return c.toDataURL('image/png').split(',')[1] ?? '';
    }, svg);
    const shown = Buffer.from(png, 'base64');
    await writeFile(path.join(EXPORTS, 'map-svg-rendered.png'), shown);
    expect(await pngColours(shown)).toBeGreaterThan(6);
  });

  it('uses an edited title, escaped, in the exports', async () => {
    await page.fill('#report-title', 'Deprivation <in> Sefton & "more"');
    const { data } = await exportFile('export-gap-svg');
    const svg = data.toString('utf8');
    expect(svg).toContain('Deprivation &lt;in&gt; Sefton &amp; "more"');
    expect(svg).not.toContain('<in>');
  });

  it('exports the gap chart as SVG and print PNG', async () => {
    await page.fill('#report-title', 'North-south gap in Sefton');
    const svgFile = await exportFile('export-gap-svg');
    const svg = svgFile.data.toString('utf8');
    expect(svg).toContain('North-south gap in Sefton');
    expect(svg).toContain('Open Government Licence');
    expect(svg).toMatch(/<desc>[^<]+<\/desc>/);
    // The decile colours and locality means shown under the chart on screen come along.
    expect(svg).toContain('class="chart-key"');
    expect(svg).toContain('Difference (');
    const png = await exportFile('export-gap-png');
    const { width } = pngSize(png.data);
    expect(width).toBeGreaterThanOrEqual(3000);
    expect(await pngColours(png.data)).toBeGreaterThan(4);
    await writeFile(path.join(EXPORTS, 'alt-gap.txt'), await page.inputValue('#report-alt'));
  });

  it('exports the SII chart once the inequality analysis has drawn it', async () => {
    await page.locator('#inequality-section > summary').click();
    await expect
      .poll(() => page.getAttribute('#inequality-section', 'data-state'), { timeout: 60_000 })
      .toBe('done');
    await page.fill('#report-title', 'Inequality by deprivation decile');
    const svgFile = await exportFile('export-sii-svg');
    const svg = svgFile.data.toString('utf8');
    expect(svg).toContain('Inequality by deprivation decile');
    expect(svg).toContain('Open Government Licence');
    expect(svg).toMatch(/<desc>[^<]*decile[^<]*<\/desc>/);
    // The computed SII is printed with the chart and is in its alt text.
    expect(svg).toContain('Slope index of inequality (SII):');
    expect(await page.inputValue('#report-alt')).toContain('Slope index of inequality');
    const png = await exportFile('export-sii-png');
    expect(pngSize(png.data).width).toBeGreaterThanOrEqual(3000);
    expect(await pngColours(png.data)).toBeGreaterThan(4);
    await screenshot(page, 'reports-after-sii');
    expect(errors).toEqual([]);
  });
});
