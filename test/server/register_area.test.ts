// The register follows the authority: its area is the built authority's outline (a polygon,
// tested with the engine's point-in-polygon), never a rectangle around it.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FeatureCollection, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAtlasData } from '../../data/build.ts';
import {
  AreaError,
  loadBuiltArea,
  outlineArea,
  type RegisterArea,
} from '../../server/register/area.ts';
import { makeApp, RAW_DIR, removeTempDirs, submission, type TestApp } from './helpers.ts';
import { ring } from './area_fixtures.ts';

/**
 * An L-shaped authority (0..2 by 0..2 without the top-right square) and two wards: the
 * notch is inside the bounding box but outside the outline.
 */
const L_SHAPE: FeatureCollection<Polygon> = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { code: 'E08000099', name: 'Elshire', district: 'E08000099' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [0, 50],
            [2, 50],
            [2, 51],
            [1, 51],
            [1, 52],
            [0, 52],
            [0, 50],
          ],
        ],
      },
    },
  ],
};
const WARDS: FeatureCollection<Polygon> = {
  type: 'FeatureCollection',
  features: [
    ring(0, 50, 2, 51, 'E05000001', 'Southward'),
    ring(0, 51, 1, 52, 'E05000002', 'Northward'),
  ],
};

describe('an outline area', () => {
  const area = outlineArea('E08000099', 'Elshire', L_SHAPE, WARDS);

  it('takes points inside the outline and refuses the notch of its bounding box', () => {
    expect(area.contains(50.5, 1.5)).toBe(true);
    expect(area.contains(51.5, 0.5)).toBe(true);
    expect(area.contains(51.5, 1.5)).toBe(false); // inside the bbox, outside the outline
    expect(area.contains(49.9, 0.5)).toBe(false);
    expect(area.contains(Number.NaN, 0.5)).toBe(false);
    expect(area.bbox).toEqual({ minLon: 0, minLat: 50, maxLon: 2, maxLat: 52 });
  });

  it('names the ward holding a point', () => {
    expect(area.wardAt(50.5, 1.5)).toEqual({ code: 'E05000001', name: 'Southward' });
    expect(area.wardAt(51.5, 0.5)?.name).toBe('Northward');
    expect(area.wardAt(51.5, 1.5)).toBeNull();
  });

  it('refuses an empty outline', () => {
    expect(() => outlineArea('E1', 'Nowhere', { type: 'FeatureCollection', features: [] })).toThrow(
      AreaError,
    );
  });
});

describe('the API with an outline area', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp({ area: outlineArea('E08000099', 'Elshire', L_SHAPE, WARDS) });
  });
  afterAll(async () => {
    await t.close();
    removeTempDirs();
  });

  it('accepts a submission inside and refuses one in the notch, naming the area', async () => {
    const inside = await t.app.inject({
      method: 'POST',
      url: '/api/assets',
      payload: submission({ latitude: 50.5, longitude: 1.5 }),
    });
    expect(inside.statusCode).toBe(201);
    const outside = await t.app.inject({
      method: 'POST',
      url: '/api/assets',
      payload: submission({ latitude: 51.5, longitude: 1.5 }),
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().fields).toEqual([
      {
        field: 'latitude',
        message:
          'Must be inside Elshire, the area this register covers: this place is outside its boundary',
      },
    ]);
  });

  it('checks a moved pin against the outline, and wants both coordinates', async () => {
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/assets',
      payload: submission({ latitude: 50.2, longitude: 0.2 }),
    });
    const { id, editToken } = made.json() as { id: number; editToken: string };
    const patch = (payload: object) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/assets/${id}`,
        headers: { authorization: `Bearer ${editToken}` },
        payload,
      });
    expect((await patch({ latitude: 51.6, longitude: 1.6 })).statusCode).toBe(400);
    const alone = await patch({ latitude: 50.3 });
    expect(alone.statusCode).toBe(400);
    expect(alone.json().fields[0].message).toBe('Give latitude and longitude together');
    expect((await patch({ latitude: 51.6, longitude: 0.6 })).statusCode).toBe(200);
  });
});

describe('the area of a built authority (Knowsley)', () => {
  let dir = '';
  let knowsley: RegisterArea | null = null;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'gap-register-area-'));
    await buildAtlasData({ area: 'E08000011', rawDir: RAW_DIR, outDir: dir });
    knowsley = await loadBuiltArea(dir);
  }, 120_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('is the default bundle: Knowsley postcodes in, Liverpool and Sefton ones out', () => {
    expect(knowsley?.id).toBe('E08000011');
    expect(knowsley?.name).toBe('Knowsley');
    // Code-Point Open 2014 centroids (lcr_postcodes_codepoint_open_2014.csv).
    expect(knowsley?.contains(53.402642, -2.834366)).toBe(true); // L36 0RQ, Huyton
    expect(knowsley?.contains(53.406444, -2.978744)).toBe(false); // L1 1JQ, Liverpool
    expect(knowsley?.contains(53.457915, -3.006781)).toBe(false); // L20 4RW, Sefton
    expect(knowsley?.wardAt(53.402642, -2.834366)?.name).toMatch(/\w/);
  });

  it('names the bundle asked for, and refuses one the build lacks', async () => {
    expect((await loadBuiltArea(dir, 'e08000011'))?.id).toBe('E08000011');
    await expect(loadBuiltArea(dir, 'E08000014')).rejects.toThrow(/not in .*built: E08000011/);
    expect(await loadBuiltArea(path.join(dir, 'nothing'))).toBeNull();
  });
});
