import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outlineArea } from '../../server/register/area.ts';
import { openRegister, type Register } from '../../server/register/plugin.ts';
import { programmeOfRole } from '../../server/register/seed.ts';
import { makeApp, RAW_DIR, tempDir, type TestApp, removeTempDirs } from './helpers.ts';
import { square } from './area_fixtures.ts';

describe('first-start seed: the community assets, once', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp({ seed: true });
  });
  afterAll(() => t.close());

  it('adds the named community assets that no official map layer already shows', () => {
    // Three named assets have a location: St Leonard's Centre is added; Concept House Surgery
    // and Bootle Library are on the GP and library layers (same category and postcode).
    expect(t.register.seeded).toEqual({ communityAssets: 1, onMapLayers: 2, outsideArea: 0 });
    const rows = t.register.db
      .prepare('SELECT category, programme, status, licence FROM assets ORDER BY id')
      .all() as { category: string; programme: string | null; status: string; licence: string }[];
    expect(rows).toEqual([
      {
        category: 'community_centre',
        programme: 'well_sefton',
        status: 'approved',
        licence: expect.stringContaining('Contains OS data') as unknown as string,
      },
    ]);
  });

  it('holds none of the official lists the map draws itself', async () => {
    for (const category of ['gp_practice', 'pharmacy', 'library', 'food']) {
      const res = await t.app.inject(`/api/assets?category=${category}`);
      expect(res.json().features, category).toHaveLength(0);
    }
    const all = (await t.app.inject('/api/assets')).json() as {
      features: { properties: { serviceName: string; programmeLabel: string | null } }[];
    };
    expect(
      all.features.map((f) => [f.properties.serviceName, f.properties.programmeLabel]),
    ).toEqual([["St Leonard's Youth and Community Centre", 'Well Sefton']]);
  });

  it('does not seed again once the register has assets', async () => {
    const again = await openRegister({ file: t.register.file, rawDir: RAW_DIR, lock: false });
    try {
      expect(again.seeded).toBeNull();
      expect(await again.assets.count()).toBe(1);
    } finally {
      again.close();
    }
  });
});

describe('the seed follows the area served', () => {
  it('seeds nothing of Sefton into a register whose outline is elsewhere (Knowsley)', async () => {
    const r = await openRegister({
      file: path.join(tempDir(), 'k.db'),
      rawDir: RAW_DIR,
      lock: false,
      // Around Huyton, Knowsley: none of Sefton's assets is inside.
      area: outlineArea('E08000011', 'Knowsley', square(-2.9, 53.38, -2.78, 53.46)),
    });
    try {
      expect(r.seeded).toEqual({ communityAssets: 0, onMapLayers: 0, outsideArea: 3 });
      expect(await r.assets.count()).toBe(0);
    } finally {
      r.close();
    }
  });
});

describe('programme of a named asset', () => {
  it('is the first programme its role names, and none for a mention in reports', () => {
    expect(programmeOfRole('Well Sefton partner; Taking Root network; host of a foodbank')).toBe(
      'well_sefton',
    );
    expect(programmeOfRole('Taking Root / SAFE')).toBe('taking_root');
    expect(programmeOfRole('Taking Root member')).toBe('taking_root');
    expect(programmeOfRole('named in Taking Root / Well Sefton activity reports')).toBeNull();
    expect(programmeOfRole('Sefton Council leisure centre')).toBeNull();
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
