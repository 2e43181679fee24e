import { describe, expect, it } from 'vitest';
import type { LayerMeta } from '../../contracts/manifest.ts';
import { putLayerMeta } from '../../src/atlas/layer_list.ts';

const layer = (id: string, count = 1): LayerMeta => ({
  id,
  label: id,
  file: `layers/${id}.geojson`,
  count,
  source: 's',
  period: 'p',
  licence: 'l',
  coverage: 'c',
});

describe('putLayerMeta', () => {
  it('puts the register in place of the pipeline layer it replaces, so each asset is listed once', () => {
    const layers = [layer('gp_practices'), layer('community_assets'), layer('libraries')];
    expect(putLayerMeta(layers, layer('register', 5), 'community_assets')).toBe(true);
    expect(layers.map((l) => l.id)).toEqual(['gp_practices', 'libraries', 'register']);
  });

  it('updates a layer already listed in its place, without dropping anything', () => {
    const layers = [layer('register', 1), layer('libraries')];
    expect(putLayerMeta(layers, layer('register', 7))).toBe(false);
    expect(layers.map((l) => [l.id, l.count])).toEqual([
      ['register', 7],
      ['libraries', 1],
    ]);
  });
});
