// The city-region one-pager at ward level: Waterfront North (Liverpool) has no LSOA assigned by
// the best-fit lookup, so no score. The page says so and prints no NaN. The same build's
// register serves the outline of all six districts.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildAtlasData } from '../../data/build.ts';
import { DEFAULT_DATA_OPTIONS } from '../../data/defaults.ts';
import { buildApp } from '../../server/app.ts';
import { launchChromium, screenshot, watchErrors } from './chromium.ts';

let browser: Browser;
let server: FastifyInstance;
let base = '';
let tmp = '';

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'gap-atlas-lcr-'));
  await buildAtlasData({
    area: 'lcr',
    rawDir: DEFAULT_DATA_OPTIONS.rawDir,
    outDir: path.join(tmp, 'data'),
  });
  server = await buildApp({
    distDir: inject('distDir'),
    dataDir: path.join(tmp, 'data'),
    register: { file: path.join(tmp, 'register.db') },
    logLevel: 'silent',
  });
  base = await server.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('the Liverpool City Region build', () => {
  it('its register covers the six districts: Liverpool and Knowsley in, Warrington out', () => {
    const area = server.atlasRegister.config.area;
    expect(area.id).toBe('E47000004');
    expect(area.contains(53.406444, -2.978744)).toBe(true); // L1 1JQ, Liverpool
    expect(area.contains(53.402642, -2.834366)).toBe(true); // L36 0RQ, Knowsley
    expect(area.contains(53.39, -2.597)).toBe(false); // Warrington town centre
  });

  it('the ward one-pager states why Waterfront North has no decile, and prints no NaN', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors = watchErrors(page);
    await page.goto(`${base}/?level=ward&rep=gap`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 120_000 });
    await page.waitForSelector('#report-pages[data-state="ready"]', { timeout: 120_000 });
    const text = (await page.textContent('#report-pages')) ?? '';
    expect(text).not.toMatch(/NaN/);
    expect(text).not.toContain('No deciles');
    expect(text).toMatch(/1 area has no IMD \d{4} score and no decile/);
    // Its row in the data table: no decile and no population centre, each said in words.
    const row = page.locator('#report-pages tr', { hasText: 'Waterfront North (E05015332)' });
    const rows = await row.evaluateAll((trs) =>
      trs.map((tr) => [...tr.children].map((c) => c.textContent ?? '')),
    );
    expect(rows).toContainEqual(expect.arrayContaining(['none', 'none: no LSOA']));
    await screenshot(page, 'lcr-one-pager-ward');
    expect(errors).toEqual([]);
    await page.close();
  });
});
