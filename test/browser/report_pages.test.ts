// Report pages in a real browser: "The gap in Sefton" one-pager in portrait and landscape and a
// ward profile, each printed to PDF by Chromium and read back with pdf.js: page size and count,
// the title, legend, headline figures and attribution in the PDF's text, nothing cut off the
// fixed page. PDFs and screenshots stay in test-results/ to be looked at.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_DATA_OPTIONS, REPO_ROOT } from '../../data/defaults.ts';
import { readCsv } from '../../workers/csv/read_csv.ts';
import { axeViolations, isSerious, launchChromium, screenshot, watchErrors } from './chromium.ts';

const OUT = path.join(REPO_ROOT, 'test-results', 'reports');
/** A4 in PostScript points. */
const A4 = { short: 595.28, long: 841.89 };

let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
  errors = watchErrors(page);
  await page.goto(`${inject('baseUrl')}/`);
  await page.waitForSelector('body[data-ready]', { timeout: 90_000 });
  await page.waitForSelector('#open-report-gap');
  await mkdir(OUT, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

/**
 * The North West's IMD 2019 average score worked out here from the raw files, independently of
 * the pipeline: every LSOA of the England file whose 2019 district is (or became) a North West
 * district in lad.csv, its score weighted by its mid-2015 population (File 10's rule). The raw
 * data has no MHCLG region figures to check against.
 */
async function northWestImdScore(): Promise<{ value: number; lsoas: number }> {
  const raw = DEFAULT_DATA_OPTIONS.rawDir;
  const read = async (p: string) => {
    const csv = readCsv(await readFile(path.join(raw, p)), { file: p });
    return csv.records.map((r) =>
      Object.fromEntries(csv.header.map((h, i) => [h, r.cells[i] ?? ''])),
    );
  };
  const lad = await read('boundaries/england/lad.csv');
  const nw = new Set(lad.filter((r) => r.RGNCD === 'E12000002').map((r) => r.LADCD));
  const now = new Map(
    (await read('boundaries/england/lad_code_history.csv')).map((r) => [r.LADCD, r.LADCD_ACTIVE]),
  );
  let num = 0;
  let den = 0;
  let lsoas = 0;
  for (const r of await read('indicators/imd2019_lsoa11_england.csv')) {
    const d = r.lad19cd ?? '';
    if (!nw.has(now.get(d) ?? d)) continue;
    num += Number(r.imd_score) * Number(r.pop_total_mid2015);
    den += Number(r.pop_total_mid2015);
    lsoas++;
  }
  return { value: num / den, lsoas };
}

interface PdfPage {
  width: number;
  height: number;
  text: string;
}

/** Prints the page as Chromium's "Save as PDF" does, keeps the file, and reads its text. */
async function printPdf(name: string): Promise<PdfPage[]> {
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  await writeFile(path.join(OUT, `${name}.pdf`), pdf);
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
  const pages: PdfPage[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const p = await doc.getPage(i);
    const { width, height } = p.getViewport({ scale: 1 });
    const content = await p.getTextContent();
    const text = content.items
      .map((item) => ('str' in item ? item.str : ''))
      .join(' ')
      .replace(/\s+/g, ' ');
    pages.push({ width, height, text });
  }
  return pages;
}

async function ready(): Promise<void> {
  await page.waitForSelector('#report-pages[data-state="ready"]', { timeout: 90_000 });
}

/**
 * Blocks of the fixed one-pager whose content spills out of their place in the grid (onto the
 * next block) or past the bottom edge (and would be cut off).
 */
function overflowing(): Promise<string[]> {
  return page.evaluate(() => {
    const sheet = document.querySelector<HTMLElement>('.rp-one-pager');
    if (!sheet) return ['no one-pager'];
    const spilled = [...sheet.querySelectorAll<HTMLElement>(':scope > *')]
      .filter((b) => b.scrollHeight > b.clientHeight + 1)
      .map((b) => `${b.className} spills ${b.scrollHeight - b.clientHeight}px`);
    const bottom =
      sheet.getBoundingClientRect().bottom - parseFloat(getComputedStyle(sheet).paddingBottom);
    return [...sheet.querySelectorAll<HTMLElement>('.rp-block, .rp-sources, .rp-head')]
      .flatMap((b) => [b, ...b.querySelectorAll<HTMLElement>('li, p, svg, table')])
      .filter((e) => e.getBoundingClientRect().bottom > bottom + 1)
      .map(
        (e) => `${e.tagName.toLowerCase()}.${e.className}: ${(e.textContent ?? '').slice(0, 40)}`,
      )
      .concat(spilled);
  });
}

/** The smallest text on the fixed page in points, HTML and SVG alike, with where it is. */
function smallestText(): Promise<{ pt: number; where: string }> {
  return page.evaluate(() => {
    const sheet = document.querySelector('.rp-one-pager');
    let best = { pt: Infinity, where: '' };
    for (const e of sheet?.querySelectorAll<Element>('*') ?? []) {
      const own = [...e.childNodes].some((n) => n.nodeType === 3 && (n.textContent ?? '').trim());
      // Only text that is drawn: not SVG <title> tooltips, nothing hidden.
      if (!own || ['title', 'desc'].includes(e.tagName) || e.getClientRects().length === 0)
        continue;
      const size = parseFloat(getComputedStyle(e).fontSize);
      // SVG text is in its chart's units: scale by the chart's size on the page.
      const svg = e instanceof SVGElement ? e.ownerSVGElement : null;
      const scale = svg ? (svg.getScreenCTM()?.a ?? 1) : 1;
      const pt = size * scale * 0.75;
      if (pt < best.pt)
        best = { pt, where: `${e.tagName} "${(e.textContent ?? '').slice(0, 30)}"` };
    }
    return best;
  });
}

describe('report pages', () => {
  it('opens the one-pager from the keyboard, records it in the link, and closes on Escape', async () => {
    await page.focus('#open-report-gap');
    await page.keyboard.press('Enter');
    await ready();
    expect(await page.isVisible('#report-view')).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('report-kind');
    await expect.poll(() => page.url()).toContain('rep=gap');
    // The atlas behind is out of reach while the dialog is open.
    expect(await page.evaluate(() => document.querySelector('main')?.inert)).toBe(true);
    await page.keyboard.press('Escape');
    expect(await page.isVisible('#report-view')).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('open-report-gap');
    await expect.poll(() => page.url()).not.toContain('rep=');
  });

  it('prints the portrait one-pager on one A4 page, its data tables after it', async () => {
    await page.click('#open-report-gap');
    await ready();
    expect(await overflowing()).toEqual([]);
    // Legible in print: nothing under 7 points (6.9 for rounding), SVG chart text included.
    const smallest = await smallestText();
    expect(smallest.pt, smallest.where).toBeGreaterThanOrEqual(6.9);
    await screenshot(page, 'report-one-pager-portrait');
    const legend = ((await page.locator('.rp-legend li').first().textContent()) ?? '').trim();
    const sii = Number(await page.getAttribute('.rp-sii-value', 'data-value'));
    expect(Number.isFinite(sii)).toBe(true);
    const pages = await printPdf('one-pager-portrait');
    const [first, second] = pages;
    expect(first?.width).toBeCloseTo(A4.short, 0);
    expect(first?.height).toBeCloseTo(A4.long, 0);
    const one = first?.text ?? '';
    expect(one).toContain('The gap in Sefton');
    expect(one).toContain(legend);
    for (const text of [
      'Life expectancy',
      'Healthy life expectancy',
      'Gap in life expectancy (SII)',
      // Published SII in life expectancy, 2022-24, men and women (BRIEF.md).
      '11.6',
      '11.1',
      'live in Core20 areas',
      'North to south',
      'By deprivation decile',
      'Key points',
      'Sources and licences',
      'Open Government Licence v3.0',
      'Contains OS data © Crown copyright',
      'Produced with Gap Atlas on',
    ])
      expect(one).toContain(text);
    // The one-pager is one page: the next page starts the data tables.
    expect(second?.text).toMatch(/^Data tables: The gap in Sefton/);
    expect(pages.map((p) => p.text).join(' ')).toContain('by local deprivation decile');
    expect(await page.locator('#rp-table-sii tbody tr').count()).toBe(10);
  });

  it('lays the one-pager out in landscape on one page', async () => {
    await page.check('input[name="report-orient"][value="landscape"]');
    await page.waitForSelector('#report-pages.landscape');
    await ready();
    await expect.poll(() => page.url()).toContain('orient=landscape');
    expect(await overflowing()).toEqual([]);
    const smallest = await smallestText();
    expect(smallest.pt, smallest.where).toBeGreaterThanOrEqual(6.9);
    await screenshot(page, 'report-one-pager-landscape');
    const pages = await printPdf('one-pager-landscape');
    expect(pages[0]?.width).toBeCloseTo(A4.long, 0);
    expect(pages[0]?.height).toBeCloseTo(A4.short, 0);
    expect(pages[0]?.text).toContain('The gap in Sefton');
    expect(pages[0]?.text).toContain('Sources and licences');
    expect(pages[1]?.text).toMatch(/^Data tables/);
    await page.check('input[name="report-orient"][value="portrait"]');
    await ready();
  });

  it('prints a typed title as text, never as markup', async () => {
    const hostile = '<img src=x onerror="window.__hit=1">Gap & "more"';
    await page.fill('#report-page-title', hostile);
    expect(await page.textContent('.rp-one-pager .rp-title')).toBe(hostile);
    expect(await page.locator('#report-pages img').count()).toBe(0);
    const pages = await printPdf('one-pager-hostile-title');
    expect(pages[0]?.text).toContain('Gap & "more"');
    expect(await page.evaluate(() => (window as { __hit?: number }).__hit)).toBeUndefined();
    await page.fill('#report-page-title', 'The gap in Sefton');
  });

  it('prints the profile of a ward with Sefton and England beside it', async () => {
    await page.selectOption('#report-kind', 'profile');
    await ready();
    const linacre = await page.evaluate(
      () =>
        [...document.querySelectorAll<HTMLOptionElement>('#report-area option')].find((o) =>
          o.textContent?.startsWith('Linacre ('),
        )?.value ?? '',
    );
    expect(linacre).toMatch(/^ward:E05\d{6}$/);
    await page.selectOption('#report-area', linacre);
    await page.waitForFunction(() =>
      document.querySelector('.rp-profile .rp-title')?.textContent?.includes('Linacre'),
    );
    await ready();
    const imd = page.locator('.rp-profile-table tr[data-indicator="imd2019_score"] td');
    // Sefton: MHCLG's published average score; its region, the North West, and England:
    // rolled up from their LSOAs (4,497 and all 32,844).
    expect(await imd.nth(1).textContent()).toBe('27.035');
    const nw = await northWestImdScore();
    expect(nw.lsoas).toBe(4497);
    expect(await imd.nth(2).textContent()).toBe(nw.value.toFixed(3));
    expect(await imd.nth(3).textContent()).toBe('21.722');
    const heads = await page.locator('.rp-profile-table thead th').allTextContents();
    expect(heads.slice(1, 5)).toEqual(['This area', 'Sefton', 'North West', 'England']);
    // A region value the data cannot give is a dash with its reason, never a zero.
    const missing = page.locator(
      '.rp-profile-table tr[data-indicator="imd2025_score"] td.rp-region',
    );
    expect(await missing.textContent()).toBe('–');
    expect(await missing.getAttribute('title')).toMatch(
      /^no North West value: region figures are rolled up from the IoD 2019 England file/,
    );
    expect(await page.locator('.rp-assets li').count()).toBeGreaterThan(0);
    expect(await page.locator('.rp-inset svg path.highlight').count()).toBe(1);
    // Linacre is Sefton's most deprived ward: its dot sits at the right end of the spread bar,
    // and must be drawn inside the bar's box, not cut off.
    const dotInside = await page.evaluate(() => {
      const svg = document.querySelector(
        '.rp-profile-table tr[data-indicator="imd2019_score"] .rp-spine svg',
      );
      const dot = svg?.querySelector('circle');
      if (!svg || !dot) return false;
      const a = svg.getBoundingClientRect();
      const b = dot.getBoundingClientRect();
      return b.width > 0 && b.left >= a.left - 0.5 && b.right <= a.right + 0.5;
    });
    expect(dotInside).toBe(true);
    await screenshot(page, 'report-profile-linacre');
    const pages = await printPdf('profile-linacre');
    const all = pages.map((p) => p.text).join(' ');
    expect(pages[0]?.text).toContain('Linacre');
    for (const text of [
      'This area',
      'Sefton',
      'England',
      'Community assets here',
      'Sources and licences',
    ])
      expect(all).toContain(text);
    expect(all).toContain('Open Government Licence v3.0');
  });

  it('has no serious or critical axe-core violations, and no page errors', async () => {
    expect((await axeViolations(page, ['#report-view'])).filter(isSerious)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
