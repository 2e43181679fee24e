import { describe, expect, it } from 'vitest';
import type { IndicatorMeta, IndicatorTable, Manifest } from '../../contracts/manifest.ts';
import { AtlasModel } from '../../src/atlas_model.ts';
import { resolveView } from '../../src/atlas/resolve_view.ts';
import { DEFAULT_VIEW } from '../../src/state/view_state.ts';

const meta = (id: string, kind: IndicatorMeta['kind'], geos: string[]): IndicatorMeta => ({
  id,
  label: id,
  theme: 'Deprivation',
  unit: 'score',
  kind,
  decimals: 1,
  polarity: 'higher-is-worse',
  definition: 'd',
  source: 's',
  period: 'p',
  vintage: 'v',
  licence: 'l',
  geographies: Object.fromEntries(geos.map((g) => [g, { method: 'as published', derived: false }])),
});

const table = (g: IndicatorTable['geography'], ids: string[]): IndicatorTable => ({
  geography: g,
  codes: ['E01000001'],
  names: ['A'],
  districts: ['E06000009'],
  centres: [null],
  centreMethod: 'none',
  values: Object.fromEntries(ids.map((id) => [id, [1]])),
});

// Blackpool-like: IMD 2019 on LSOAs and wards, its decile on LSOAs only; YPLL unavailable.
const model = new AtlasModel(
  {
    area: { id: 'E06000009', name: 'Blackpool', districts: [] },
    indicators: [
      meta('imd2019_score', 'score', ['lsoa11', 'ward']),
      meta('imd2019_decile', 'decile', ['lsoa11']),
    ],
    unavailable: [
      {
        id: 'imd2019_ypll',
        label: 'Years of potential life lost (IoD 2019)',
        theme: 'Health',
        reason: 'its raw file covers the Liverpool City Region only',
      },
    ],
  } as unknown as Manifest,
  {
    lsoa11: table('lsoa11', ['imd2019_score', 'imd2019_decile']),
    ward: table('ward', ['imd2019_score']),
  },
);

describe('resolveView', () => {
  it('draws what the link asks for when it can', () => {
    const r = resolveView(model, { ...DEFAULT_VIEW, ind: 'imd2019_score', level: 'ward' });
    expect(r.geography).toBe('ward');
    expect(r.notices).toEqual([]);
    expect(r.available).toEqual(['lsoa', 'ward']);
  });

  it('names an indicator this authority cannot have, with the reason, and falls back', () => {
    const r = resolveView(model, { ...DEFAULT_VIEW, ind: 'imd2019_ypll' });
    expect(r.state.ind).toBe('imd2019_score');
    expect(r.notices).toEqual([
      'Years of potential life lost (IoD 2019) is not available for Blackpool: its raw file covers the Liverpool City Region only. Showing the IMD 2019 score.',
    ]);
  });

  it('says so when cls=decile is asked of an indicator that is not a decile', () => {
    const r = resolveView(model, { ...DEFAULT_VIEW, ind: 'imd2019_score', cls: 'decile' });
    expect(r.state.cls).toBe('quantile');
    expect(r.notices[0]).toMatch(/shown in quantiles/);
    const d = resolveView(model, { ...DEFAULT_VIEW, ind: 'imd2019_decile', cls: 'decile' });
    expect(d.state.cls).toBe('decile');
    expect(d.notices).toEqual([]);
  });

  it('moves to a level the indicator exists at', () => {
    const r = resolveView(model, { ...DEFAULT_VIEW, ind: 'imd2019_decile', level: 'ward' });
    expect(r.state.level).toBe('lsoa');
    expect(r.geography).toBe('lsoa11');
  });

  it("drops a link's localities naming wards the authority does not have, saying which", () => {
    const r = resolveView(model, {
      ...DEFAULT_VIEW,
      loc: 'North:E05010934|South:E05010935',
      k: 4,
    });
    expect(r.state.loc).toBeUndefined();
    expect(r.state.k).toBe(4);
    expect(r.notices).toEqual([
      "The link's localities name 2 wards that Blackpool does not have (E05010934, E05010935); the gap view shows Blackpool's default comparison.",
    ]);
  });
});
