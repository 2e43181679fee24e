// The register follows the authority: a Knowsley build's register takes a Knowsley address
// (L36 0RQ) and refuses one outside (Liverpool, Sefton) with a clear message; it seeds none of
// Sefton's assets; and its moderation queue shows each entry's ward and any similarly named
// place nearby (here a library the map already shows).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildAtlasData } from '../../data/build.ts';
import { DEFAULT_DATA_OPTIONS } from '../../data/defaults.ts';
import { buildApp } from '../../server/app.ts';
import { hashPassword } from '../../server/register/passwords.ts';
import { launchChromium, screenshot, watchErrors } from './chromium.ts';

const MODERATOR = { email: 'knowsley-mod@example.org', password: 'knowsley moderator password' };
// Huyton Library on the pipeline's library layer (Libraries Hacked), and 30 m north of it.
const HUYTON_LIBRARY: [number, number] = [-2.84173, 53.41068];
const NEAR_LIBRARY: [number, number] = [-2.84173, 53.41095];

let browser: Browser;
let server: FastifyInstance;
let base = '';
let tmp = '';

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'gap-atlas-knowsley-'));
  await buildAtlasData({
    area: 'E08000011',
    rawDir: DEFAULT_DATA_OPTIONS.rawDir,
    outDir: path.join(tmp, 'data'),
  });
  server = await buildApp({
    distDir: inject('distDir'),
    dataDir: path.join(tmp, 'data'),
    register: { file: path.join(tmp, 'register.db') },
    logLevel: 'silent',
  });
  await server.atlasRegister.accounts.createUser({
    email: MODERATOR.email,
    name: 'Knowsley Moderator',
    passwordHash: await hashPassword(MODERATOR.password),
  });
  base = await server.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

async function openAtlas(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors = watchErrors(page);
  await page.goto(`${base}/`);
  await page.waitForSelector('body[data-ready="true"][data-register="ready"]', {
    timeout: 120_000,
  });
  return { page, errors };
}

async function findPostcode(page: Page, postcode: string): Promise<void> {
  await page.fill('#reg-postcode', postcode);
  await page.click('button:has-text("Find postcode")');
}

describe('a Knowsley build', () => {
  it('serves the Knowsley outline and holds none of Sefton’s assets', async () => {
    expect(server.atlasRegister.config.area).toMatchObject({ id: 'E08000011', name: 'Knowsley' });
    const assets = (await (await fetch(`${base}/api/assets`)).json()) as { features: unknown[] };
    expect(assets.features).toHaveLength(0);
  });

  it('takes a Knowsley postcode and refuses Liverpool and Sefton ones, saying why', async () => {
    const { page, errors } = await openAtlas();
    expect(await page.textContent('#area-name')).toContain('Knowsley');
    // The register's layer is there for partners' assets, but says it has none, not "(0)".
    expect(await page.textContent('#layers')).toContain(
      'Community assets (register): none approved yet',
    );
    expect(await page.textContent('#layers')).not.toMatch(/\(0\)/);
    await page.click('#register-add');
    await findPostcode(page, 'L1 1JQ'); // Liverpool city centre
    await expect
      .poll(() => page.textContent('#reg-postcode-error'))
      .toBe(
        'L1 1JQ is outside Knowsley, the area this register covers: add assets in Knowsley only',
      );
    expect(await page.textContent('#reg-pin-status')).toBe('No pin yet.');
    await findPostcode(page, 'L20 4RW'); // Bootle, Sefton
    await expect
      .poll(() => page.textContent('#reg-postcode-error'))
      .toMatch(/^L20 4RW is outside Knowsley/);
    await screenshot(page, 'register-knowsley-refused');

    await findPostcode(page, 'l36 0rq'); // Huyton, Knowsley
    await expect
      .poll(() => page.textContent('#reg-pin-status'))
      .toMatch(/latitude 53\.4026\d, longitude -2\.8343\d/);
    expect(await page.isVisible('#reg-postcode-error')).toBe(false);
    await page.fill('#reg-serviceName', 'Huyton Knit and Natter');
    await page.fill('#reg-organisationName', 'Huyton Community Crafts');
    await page.selectOption('#reg-category', 'arts_culture');
    await page.selectOption('#reg-programme', '');
    await page.check('#reg-consentToPublish');
    const posted = page.waitForResponse(
      (r) => r.url().endsWith('/api/assets') && r.request().method() === 'POST',
    );
    await page.locator('dialog.reg-dialog button[type="submit"]').click();
    expect((await posted).status()).toBe(201);
    await screenshot(page, 'register-knowsley-accepted');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('refuses a Liverpool pin through the API with the same area in the message', async () => {
    const res = await fetch(`${base}/api/assets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        organisationName: 'Somewhere Else',
        serviceName: 'City Centre Hub',
        category: 'community_hub',
        latitude: 53.406444,
        longitude: -2.978744,
        consentToPublish: true,
      }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { fields: unknown[] }).fields).toEqual([
      {
        field: 'latitude',
        message:
          'Must be inside Knowsley, the area this register covers: this place is outside its boundary',
      },
    ]);
  });

  it('the moderation queue shows the ward and warns of the library already on the map', async () => {
    const res = await fetch(`${base}/api/assets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        organisationName: 'Knowsley Council',
        serviceName: 'Huyton Library',
        category: 'library',
        latitude: NEAR_LIBRARY[1],
        longitude: NEAR_LIBRARY[0],
        consentToPublish: true,
      }),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: number };
    const wards = (await (await fetch(`${base}/data/areas/E08000011/tables/ward.json`)).json()) as {
      names: string[];
    };

    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors = watchErrors(page);
    await page.goto(`${base}/moderate.html`);
    await page.waitForSelector('body[data-ready="true"]');
    await page.fill('#login-email', MODERATOR.email);
    await page.fill('#login-password', MODERATOR.password);
    await page.click('#login-form button[type="submit"]');
    const item = page.locator(`article.mod-item[data-id="${id}"]`);
    await item.waitFor();
    const where = (await item.locator('.mod-where').textContent()) ?? '';
    const [, ward] = /^In (.+) ward, Knowsley\.$/.exec(where) ?? [];
    expect(wards.names).toContain(ward);
    expect(await item.locator('.mod-similar').textContent()).toContain(
      'Huyton Library (On the map: Public libraries), 30 m away',
    );
    const inset = item.locator('svg.mod-inset');
    expect(await inset.getAttribute('aria-label')).toContain(`in ${ward} ward`);
    expect(await inset.locator('path.mod-inset-ward.own').count()).toBe(1);
    expect(await inset.locator('circle.mod-inset-similar').count()).toBe(1);
    // The other submission, far from anything like it, has no warning.
    const other = page.locator('article.mod-item', { hasText: 'Huyton Knit and Natter' });
    expect(await other.locator('.mod-similar').count()).toBe(0);
    await item.scrollIntoViewIfNeeded();
    await screenshot(page, 'register-knowsley-moderation');
    expect(HUYTON_LIBRARY[1]).toBeLessThan(NEAR_LIBRARY[1]);
    expect(errors.filter((e) => !e.includes('status of 401'))).toEqual([]);
    await page.close();
  });
});
