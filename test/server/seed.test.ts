import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRegister, type Register } from '../../server/register/plugin.ts';
import {
  GP_PRACTICES,
  PHARMACIES,
  LIBRARIES,
  FOOD_BANKS,
} from '../../server/register/seed_sources.ts';
import { makeApp, RAW_DIR, tempDir, type TestApp, removeTempDirs } from './helpers.ts';

function rows(file: string): Record<string, string>[] {
  return parse(readFileSync(path.join(RAW_DIR, file), 'utf8'), { columns: true, bom: true });
}

describe('first-start seed from the real raw data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp({ seed: true });
  });
  afterAll(() => t.close());

  it('matches the counts SOURCES.md gives, counted independently from the files', () => {
    // SOURCES.md: 42 active GP practices, 69 Sefton pharmacies, 7 open libraries, 3 food banks.
    const gp = rows(GP_PRACTICES.file).filter((r) => r.is_active_gp_practice === 'Y').length;
    const ph = rows(PHARMACIES.file).filter((r) => r.hwb === 'SEFTON').length;
    const lib = rows(LIBRARIES.file).filter(
      (r) => r.authority === 'Sefton' && r.closed === '',
    ).length;
    const fb = rows(FOOD_BANKS.file).filter((r) => r.in_sefton === 'Y').length;
    expect([gp, ph, lib, fb]).toEqual([42, 69, 7, 3]);
    expect(t.register.seeded).toEqual({
      gpPractices: 42,
      pharmacies: 69,
      libraries: 7,
      foodBanks: 3,
      // St Leonard's Centre; Concept House Surgery and Bootle Library are already in.
      namedAssets: 1,
      namedAnnotated: 2,
    });
  });

  it('stores them approved, each with its source, licence and source date', () => {
    const byCategory = t.register.db
      .prepare(
        `SELECT category, count(*) AS n, min(status) AS s1, max(status) AS s2,
                count(DISTINCT licence) AS licences, min(last_verified) AS v1, max(last_verified) AS v2
         FROM assets GROUP BY category ORDER BY category`,
      )
      .all() as { category: string; n: number; s1: string; s2: string; v1: string; v2: string }[];
    expect(Object.fromEntries(byCategory.map((r) => [r.category, r.n]))).toEqual({
      community_centre: 1,
      food: 3,
      gp_practice: 42,
      library: 7,
      pharmacy: 69,
    });
    for (const r of byCategory) {
      expect([r.s1, r.s2]).toEqual(['approved', 'approved']);
    }
    const gp = byCategory.find((r) => r.category === 'gp_practice');
    expect([gp?.v1, gp?.v2]).toEqual([GP_PRACTICES.verified, GP_PRACTICES.verified]);
    const missing = t.register.db
      .prepare("SELECT count(*) FROM assets WHERE source = '' OR licence = ''")
      .pluck()
      .get();
    expect(missing).toBe(0);
    const history = t.register.db
      .prepare("SELECT count(*) FROM asset_history WHERE actor_type = 'seed'")
      .pluck()
      .get();
    expect(history).toBe(122);
  });

  it('keeps the published details: ODS codes, pharmacy hours, attribution lines', async () => {
    const concept = await t.register.assets.findExternal('ods', 'N84038');
    expect(concept).toMatchObject({
      serviceName: 'Concept House Surgery',
      postcode: 'L20 3BG',
      phone: '0151 4767962',
    });
    expect(concept?.description).toContain('Well Sefton partner');
    expect(concept?.licence).toContain('Open Government Licence v3.0');
    expect(concept?.licence).toContain('Contains OS data');
    const pharmacy = (await t.register.assets.listApproved({ category: 'pharmacy' }))[0];
    expect(pharmacy?.openingHours?.length).toBeGreaterThan(0);
    const foodbank = await t.register.assets.findExternal('givefood', 'south-sefton');
    expect(foodbank?.licence).toContain('Data from Give Food');
  });

  it('serves all 122 on the public map', async () => {
    const res = await t.app.inject('/api/assets');
    expect(res.json().features).toHaveLength(122);
    const libraries = await t.app.inject('/api/assets?category=library');
    expect(libraries.json().features).toHaveLength(7);
  });

  it('does not seed again once the register has assets', async () => {
    const again = await openRegister({ file: t.register.file, rawDir: RAW_DIR, lock: false });
    try {
      expect(again.seeded).toBeNull();
      expect(await again.assets.count()).toBe(122);
    } finally {
      again.close();
    }
  });
});

describe('seed without raw data', () => {
  let r: Register | undefined;
  afterAll(() => r?.close());

  it('starts empty instead of failing', async () => {
    const messages: string[] = [];
    r = await openRegister({
      file: path.join(tempDir(), 'r.db'),
      rawDir: path.join(tempDir(), 'nothing-here'),
      lock: false,
      log: (m) => messages.push(m),
    });
    expect(r.seeded).toBeNull();
    expect(await r.assets.count()).toBe(0);
    expect(messages.join()).toMatch(/not seeded/);
  });
});

afterAll(removeTempDirs);
