// England in a real browser: the overview of every authority, the authority picker, authorities
// outside the city region with their own counts, an indicator their data cannot have, the
// national LSOA layer from vector tiles, and a link that reopens the same authority and view.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildAtlasData } from '../../data/build.ts';
import { DEFAULT_DATA_OPTIONS } from '../../data/defaults.ts';
import { buildApp } from '../../server/app.ts';
import { distinctColours, launchChromium, screenshot, watchErrors } from './chromium.ts';

/** Sefton, Knowsley, Blackpool (most deprived on IMD 2019) and Hart (among the least). */
const AREAS = 'E08000014,E08000011,E06000009,E07000089';

let browser: Browser;
let server: FastifyInstance;
let base = '';
let tmp = '';

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'gap-atlas-england-'));
  await buildAtlasData({
    area: AREAS,
    national: true,
    rawDir: DEFAULT_DATA_OPTIONS.rawDir,
    outDir: path.join(tmp, 'data'),
    // Fewer zooms than a real England build: enough to draw and recolour, quicker in CI.
    nationalOptions: { tiles: { minzoom: 5, maxzoom: 7, tolerance: 2 } },
  });
  server = await buildApp({
    distDir: inject('distDir'),
    dataDir: path.join(tmp, 'data'),
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

/** Data files the page and its workers asked for, in order (paths, without the version). */
const requested = new WeakMap<Page, string[]>();

async function open(query: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors = watchErrors(page);
  const files: string[] = [];
  requested.set(page, files);
  page.on('request', (r) => files.push(new URL(r.url()).pathname));
  await page.goto(`${base}/${query}`);
  await page.waitForSelector('body[data-ready]', { state: 'attached', timeout: 120_000 });
  expect(await page.getAttribute('body', 'data-ready')).toBe('true');
  return { page, errors };
}

const status = (page: Page) => page.textContent('#status');

const mapSources = (page: Page) =>
  page.evaluate(`Object.keys(window.gapAtlas.map.getStyle().sources)`) as Promise<string[]>;

/** How many shapes the hover and selection outline draws. */
const focusFeatures = (page: Page) =>
  page.evaluate(`(() => {
    const data = window.gapAtlas.map.getStyle().sources.focus?.data;
    return data && typeof data === 'object' ? data.features.length : 0;
  })()`);

describe('England and any authority', () => {
  it('shows the England overview: authorities coloured and ranked, a click opens one', async () => {
    const { page, errors } = await open('?la=england');
    expect(await page.textContent('#area-name')).toContain('England');
    await expect.poll(() => distinctColours(page, '#map')).toBeGreaterThan(4);
    const rows = page.locator('#table-view tbody tr');
    // Every district, also in this partial build (4 bundles): the others with national figures.
    await expect.poll(() => rows.count()).toBe(296);
    // Blackpool is the most deprived authority on IMD 2019 (MHCLG File 10: rank 1), Hart the least.
    expect(await rows.first().textContent()).toContain('Blackpool');
    expect(await rows.last().textContent()).toContain('Hart');
    expect(await page.textContent('#legend')).toContain('Local authority');
    // The map fetched the outlines itself (MapLibre's worker, from the first style), one source
    // for the fill and the outline; the topology came after, for the hover outline.
    expect(await mapSources(page)).toEqual(['areas-lad']);
    const files = requested.get(page) ?? [];
    const geojson = files.indexOf('/data/england/authorities.geojson');
    expect(geojson).toBeGreaterThan(-1);
    // The shapes the hover outline draws are decoded after the first frame.
    await expect
      .poll(() => files.indexOf('/data/england/authorities.topo.json'))
      .toBeGreaterThan(geojson);
    await page.locator('#table-view tbody tr', { hasText: 'Hart' }).first().hover();
    await expect.poll(() => focusFeatures(page)).toBe(1);
    await screenshot(page, 'england-overview');
    // An authority without a bundle is listed, and says so instead of opening.
    await page.locator('#table-view tbody tr', { hasText: 'Liverpool' }).first().press('Enter');
    await expect
      .poll(() => page.textContent('#notice'))
      .toContain('Liverpool is listed with its national figures, but this build has no bundle');
    expect(page.url()).toContain('la=england');
    await rows.first().press('Enter');
    await page.waitForURL(/la=E06000009/);
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
    expect(await page.textContent('#area-name')).toBe('Blackpool');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('draws the overview of an older build whose index has no GeoJSON of the outlines', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors = watchErrors(page);
    const files: string[] = [];
    page.on('request', (r) => files.push(new URL(r.url()).pathname));
    // The index as builds wrote it before the GeoJSON: the worker decodes the topology.
    await page.route(/\/data\/index\.json/, async (route) => {
      const res = await route.fetch();
      const index = (await res.json()) as { national: { authorities: { geojson?: string } } };
      delete index.national.authorities.geojson;
      await route.fulfill({ response: res, json: index });
    });
    await page.goto(`${base}/?la=england`);
    await page.waitForSelector('body[data-ready]', { state: 'attached', timeout: 120_000 });
    expect(await page.getAttribute('body', 'data-ready')).toBe('true');
    await expect.poll(() => distinctColours(page, '#map')).toBeGreaterThan(4);
    expect(await mapSources(page)).toEqual(['areas-lad']);
    expect(files).toContain('/data/england/authorities.topo.json');
    expect(files).not.toContain('/data/england/authorities.geojson');
    expect(await page.locator('#table-view tbody tr').count()).toBe(296);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens Knowsley by typing its name in the authority picker', async () => {
    const { page, errors } = await open('');
    expect(await page.textContent('#area-name')).toBe('Sefton');
    await page.fill('#authority', 'knowsley');
    await page.press('#authority', 'Enter');
    await page.waitForURL(/la=E08000011/);
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
    expect(await page.textContent('#area-name')).toBe('Knowsley');
    // lad.csv: Knowsley has 98 LSOAs (2011), 100 (2021), 15 wards, 20 MSOAs.
    expect(await status(page)).toMatch(/98 LSOAs \(2011\), 100 LSOAs \(2021\), 15 wards, 20 MSOAs/);
    await page.fill('#authority', 'Knowsly');
    await page.press('#authority', 'Enter');
    await expect.poll(() => page.textContent('#notice')).toMatch(/Closest: Knowsley \(E08000011\)/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens Blackpool and Hart with their own LSOA and ward counts', async () => {
    for (const [code, name, counts] of [
      ['E06000009', 'Blackpool', /94 LSOAs \(2011\), 94 LSOAs \(2021\), 21 wards, 19 MSOAs/],
      ['E07000089', 'Hart', /57 LSOAs \(2011\), 59 LSOAs \(2021\), 11 wards, 11 MSOAs/],
    ] as const) {
      const { page, errors } = await open(`?la=${code}`);
      expect(await page.textContent('#area-name')).toBe(name);
      expect(await status(page)).toMatch(counts);
      expect(await page.locator('#table-view tbody tr').count()).toBe(name === 'Hart' ? 57 : 94);
      await expect.poll(() => distinctColours(page, '#map')).toBeGreaterThan(4);
      await screenshot(page, `england-${name.toLowerCase()}`);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it('says an indicator is not available for an authority whose raw data lacks it', async () => {
    const { page } = await open('?la=E06000009&ind=imd2019_ypll');
    await expect
      .poll(() => page.textContent('#notice'))
      .toMatch(
        /Years of potential life lost \(IoD 2019\) is not available for Blackpool: .*Liverpool City Region only/,
      );
    // The map falls back to an indicator Blackpool has, drawn (never blank, never zero).
    expect(await page.inputValue('#ind-select')).toBe('imd2019_score');
    const list = page.locator('#ind-unavailable details');
    expect(await list.locator('summary').textContent()).toMatch(
      /\d+ indicators are not available for Blackpool/,
    );
    await list.locator('summary').click();
    expect(await list.textContent()).toContain('Years of potential life lost (IoD 2019)');
    // Sefton, in the city region, has it.
    const sefton = await open('?la=E08000014&ind=imd2019_ypll');
    expect(await sefton.page.inputValue('#ind-select')).toBe('imd2019_ypll');
    await page.close();
    await sefton.page.close();
  });

  it('draws every LSOA in England from vector tiles and recolours it by indicator', async () => {
    const { page, errors } = await open('?la=england&layers=lsoa&at=6.2/53.2/-2.2');
    const rendered = () =>
      page.evaluate(
        `window.gapAtlas.map.queryRenderedFeatures({ layers: ['national-lsoa-fill'] }).length`,
      );
    await expect.poll(rendered, { timeout: 60_000 }).toBeGreaterThan(1000);
    const fill = () =>
      page.evaluate(
        `JSON.stringify(window.gapAtlas.map.getPaintProperty('national-lsoa-fill', 'fill-color'))`,
      );
    expect(await fill()).toContain('imd2019_score');
    expect(await page.textContent('#legend')).toMatch(/Every LSOA \(2011\), 32,844 with a value/);
    await screenshot(page, 'england-lsoa-imd2019');
    const before = await page.locator('#map').screenshot();
    await page.selectOption('#ind-select', 'imd2025_score');
    await expect.poll(fill).toContain('imd2025_score');
    await expect
      .poll(() => page.textContent('#legend'))
      .toMatch(/Every LSOA \(2021\), 33,755 with a value/);
    await page.waitForTimeout(1500);
    const after = await page.locator('#map').screenshot();
    expect(Buffer.compare(before, after)).not.toBe(0);
    await screenshot(page, 'england-lsoa-imd2025');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('reopens the same authority and view from its link', async () => {
    const { page } = await open('?la=E06000009&ind=imd2025_score&level=ward&k=4');
    await page.waitForFunction(() => location.search.includes('la=E06000009'));
    const link = page.url();
    expect(link).toMatch(/ind=imd2025_score/);
    const again = await open(link.slice(link.indexOf('?')));
    expect(await again.page.textContent('#area-name')).toBe('Blackpool');
    expect(await again.page.inputValue('#ind-select')).toBe('imd2025_score');
    expect(await again.page.isChecked('input[name="level"][value="ward"]')).toBe(true);
    expect(await again.page.locator('#table-view tbody tr').count()).toBe(21);
    const unknown = await open('?la=E09999999');
    expect(await unknown.page.textContent('#notice')).toMatch(/No authority called "E09999999"/);
    expect(await unknown.page.textContent('#area-name')).toBe('Sefton');
    for (const p of [page, again.page, unknown.page]) await p.close();
  });
});
