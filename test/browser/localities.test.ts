// The user's own localities in the gap view (issue 11): Knowsley's wards grouped with the
// keyboard into two named localities; the gap figures change to the population-weighted means
// of those wards (checked against the bundle's own ward table), the link keeps them through a
// reload, the one-page report uses them, a hostile or foreign link falls back with a notice,
// and Sefton keeps its two named localities as the default.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildAtlasData } from '../../data/build.ts';
import { DEFAULT_DATA_OPTIONS } from '../../data/defaults.ts';
import { buildApp } from '../../server/app.ts';
import { launchChromium, screenshot, watchErrors } from './chromium.ts';

let browser: Browser;
let server: FastifyInstance;
let base = '';
let tmp = '';
// Knowsley's bundle, built here (or GAP_ATLAS_KNOWSLEY_DATA: a folder already built).
let dataDir = process.env.GAP_ATLAS_KNOWSLEY_DATA ?? '';

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'gap-atlas-localities-'));
  if (!dataDir) {
    dataDir = path.join(tmp, 'data');
    await buildAtlasData({
      area: 'E08000011',
      rawDir: DEFAULT_DATA_OPTIONS.rawDir,
      outDir: dataDir,
    });
  }
  server = await buildApp({
    distDir: inject('distDir'),
    dataDir,
    register: { file: path.join(tmp, 'register.db') },
  });
  base = await server.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

async function open(url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({
    viewport: { width: 1400, height: 1000 },
    acceptDownloads: true,
  });
  const errors = watchErrors(page);
  await page.goto(url);
  await page.waitForSelector('body[data-ready]', { state: 'attached', timeout: 120_000 });
  expect(await page.getAttribute('body', 'data-ready')).toBe('true');
  await page.waitForSelector('#locality-editor', { state: 'attached' });
  return { page, errors };
}

/** Knowsley's ward table as the bundle has it: codes, IMD 2019 score, Census residents. */
async function wardTable(): Promise<{ codes: string[]; score: number[]; pop: number[] }> {
  const index = JSON.parse(await readFile(path.join(dataDir, 'index.json'), 'utf8')) as {
    bundles: { id: string; manifest: string }[];
  };
  const b = index.bundles.find((x) => x.id === 'E08000011');
  if (!b) throw new Error('no Knowsley bundle');
  const t = JSON.parse(
    await readFile(path.join(dataDir, path.dirname(b.manifest), 'tables/ward.json'), 'utf8'),
  ) as { codes: string[]; values: Record<string, number[]> };
  return {
    codes: t.codes,
    score: t.values.imd2019_score ?? [],
    pop: t.values.census2021_residents ?? [],
  };
}

const figure = async (page: Page) =>
  Number(/^(-?[\d.]+)/.exec((await page.textContent('#gap-localities .gap-figure')) ?? '')?.[1]);

describe('your own localities', () => {
  it('groups Knowsley wards with the keyboard; the figures change and survive a reload', async () => {
    const { page, errors } = await open(`${base}/?la=E08000011&level=ward&ind=imd2019_score`);
    await expect.poll(() => page.textContent('#gap-localities')).toContain('fifth');
    const before = await figure(page);
    // Open the editor and name the localities from the keyboard.
    await page.focus('#locality-editor summary');
    await page.keyboard.press('Enter');
    const names = page.locator('#locality-editor .locality-names input');
    expect(await names.count()).toBe(2);
    await names.nth(0).fill('');
    await names.nth(0).type('Kirkby & Prescot');
    await names.nth(1).fill('');
    await names.nth(1).type('Huyton (south)');
    const selects = page.locator('#locality-editor select');
    expect(await selects.count()).toBe(15);
    // Applying with wards in neither locality says what is missing, changes nothing.
    await page.focus('#locality-apply');
    await page.keyboard.press('Enter');
    expect(await page.textContent('.locality-status')).toBe(
      'Put at least one ward in "Kirkby & Prescot".',
    );
    expect(page.url()).not.toContain('loc=');
    const codes: string[] = [];
    for (let i = 0; i < 15; i++) codes.push((await selects.nth(i).getAttribute('data-ward')) ?? '');
    // The first seven wards (by name) in one, the next six in the other, two in none.
    const first = codes.slice(0, 7);
    const second = codes.slice(7, 13);
    for (let i = 0; i < 13; i++) {
      await selects.nth(i).focus();
      // Keyboard: ArrowDown from "None" picks the first locality, twice the second.
      await page.keyboard.press('ArrowDown');
      if (i >= 7) await page.keyboard.press('ArrowDown');
    }
    expect(await selects.nth(0).inputValue()).toBe('0');
    expect(await selects.nth(12).inputValue()).toBe('1');
    expect(await selects.nth(13).inputValue()).toBe('-1');
    await screenshot(page, 'localities-editor-knowsley');
    await page.focus('#locality-apply');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.search.includes('loc='));
    await expect
      .poll(() => page.textContent('#gap-title'))
      .toBe('The gap between Kirkby & Prescot and Huyton (south)');
    const t = await wardTable();
    const mean = (members: string[]) => {
      let num = 0;
      let den = 0;
      for (const c of members) {
        const i = t.codes.indexOf(c);
        num += (t.score[i] ?? 0) * (t.pop[i] ?? 0);
        den += t.pop[i] ?? 0;
      }
      return num / den;
    };
    const expected = mean(first) - mean(second);
    const after = await figure(page);
    expect(after).not.toBe(before);
    expect(after).toBeCloseTo(expected, 1);
    const text = (await page.textContent('#gap-localities')) ?? '';
    expect(text).toMatch(/Kirkby & Prescot [\d.]+ minus Huyton \(south\) [\d.]+/);
    expect(text).toContain(
      'Localities defined in this view (Kirkby & Prescot: 7 wards; Huyton (south): 6 wards)',
    );
    expect(await page.textContent('#gap-chart')).toContain('Kirkby & Prescot');
    await page.evaluate(() => document.getElementById('gap-title')?.scrollIntoView());
    await screenshot(page, 'localities-gap-knowsley');

    // The link reproduces it in a new page.
    const link = page.url();
    const again = await open(link);
    await expect.poll(() => figure(again.page)).toBe(after);
    expect(await again.page.textContent('#gap-title')).toBe(
      'The gap between Kirkby & Prescot and Huyton (south)',
    );
    expect(await again.page.inputValue('#locality-editor .locality-names input >> nth=1')).toBe(
      'Huyton (south)',
    );
    // The exported gap chart is titled and keyed by them.
    const [download] = await Promise.all([
      again.page.waitForEvent('download', { timeout: 120_000 }),
      again.page.click('#export-gap-svg'),
    ]);
    const svg = await readFile((await download.path()) ?? '', 'utf8');
    expect(svg).toContain('The gap between Kirkby &amp; Prescot and Huyton (south)');
    expect(svg).toMatch(/Kirkby &amp; Prescot: [\d.]+ \(population-weighted mean of 7 wards\)/);
    // The one-page report's locality table uses them too.
    await again.page.click('#open-report-gap');
    await again.page.waitForSelector('#report-pages[data-state="ready"]', { timeout: 120_000 });
    const table = (await again.page.textContent('#rp-table-localities')) ?? '';
    expect(table).toContain('Kirkby & Prescot');
    expect(table).toContain('Huyton (south)');
    // Back to the default: the fifths again, the link without localities.
    await again.page.keyboard.press('Escape');
    await again.page.click('#locality-editor summary');
    await again.page.click('#locality-reset');
    await expect.poll(() => again.page.textContent('#gap-localities')).toContain('fifth');
    await again.page.waitForFunction(() => !location.search.includes('loc='));
    expect(errors).toEqual([]);
    expect(again.errors).toEqual([]);
    await page.close();
    await again.page.close();
  });

  it('falls back to the default with a notice for a hostile or foreign link', async () => {
    const hostile = encodeURIComponent('<img src=x onerror=alert(1)>:E05010934|B:E05010935');
    const { page, errors } = await open(`${base}/?la=E08000011&level=ward&loc=${hostile}`);
    await expect
      .poll(() => page.textContent('#notice'))
      .toMatch(/The link's localities could not be used \(a locality name may hold only letters/i);
    expect(await page.locator('#notice img').count()).toBe(0);
    await expect.poll(() => page.textContent('#gap-localities')).toContain('fifth');
    // Sefton's wards in a Knowsley link: named, and the default comparison shown.
    const foreign = await open(
      `${base}/?la=E08000011&level=ward&loc=${encodeURIComponent('A:E05000930|B:E05000931')}`,
    );
    await expect
      .poll(() => foreign.page.textContent('#notice'))
      .toContain(
        "The link's localities name 2 wards that Knowsley does not have (E05000930, E05000931); the gap view shows Knowsley's default comparison.",
      );
    await expect.poll(() => foreign.page.textContent('#gap-localities')).toContain('fifth');
    expect(foreign.page.url()).not.toContain('loc=');
    expect(errors).toEqual([]);
    expect(foreign.errors).toEqual([]);
    await page.close();
    await foreign.page.close();
  });

  it("keeps Sefton's two named localities as the default, ready to edit", async () => {
    const { page, errors } = await open(`${inject('baseUrl')}/?level=ward`);
    await expect
      .poll(() => page.textContent('#gap-localities'))
      .toMatch(/Southport & Formby [\d.]+ minus South Sefton [\d.]+/);
    expect(await page.textContent('#gap-title')).toBe('The north-south gap');
    const names = page.locator('#locality-editor .locality-names input');
    expect(await names.nth(0).inputValue()).toBe('Southport & Formby');
    expect(await names.nth(1).inputValue()).toBe('South Sefton');
    expect(errors).toEqual([]);
    await page.close();
  });
});
