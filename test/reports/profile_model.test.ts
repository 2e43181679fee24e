// The area profile's rows and key figures, and the list of areas to profile, from the fixture
// view, in Node.
import { describe, expect, it } from 'vitest';
import { areaProfileModel } from '../../src/reports/profile_model.ts';
import { englandValues, regionValues } from '../../src/reports/england_values.ts';
import { fallbackArea, profileAreaGroups } from '../../src/reports/report_area_options.ts';
import { groupSources } from '../../src/reports/source_lines.ts';
import { fixtureView } from './fixture_view.ts';

describe('area profile model', () => {
  const england = new Map([['life_exp', { value: 79.44, method: 'ONS, England 2016-20' }]]);
  const input = { view: fixtureView(), england, date: new Date(Date.UTC(2026, 11, 6)) };

  it('ranks the area among the authority and puts England beside it', () => {
    const m = areaProfileModel(input, { geography: 'lsoa11', code: 'E01000002' });
    expect([m.kicker, m.title, m.subtitle]).toEqual([
      'LSOA (2011) profile',
      'Beta',
      'E01000002 · LSOA (2011) · Testshire',
    ]);
    const life = m.rows.find((r) => r.meta.id === 'life_exp');
    expect(life).toMatchObject({
      value: '75.3',
      authority: '–',
      england: '79.4',
      rank: '1st of 3',
    });
    expect(life?.spine).toEqual({ values: [80.1, 75.3, null, 78.0], value: 75.3, authority: null });
    // Deciles are not ranked and have no spread bar.
    const decile = m.rows.find((r) => r.meta.id === 'imd2019_decile');
    expect(decile).toMatchObject({ value: '1.0', rank: '', spine: null, england: '–' });
    expect(m.figures).toEqual([
      ['Population', '1,500'],
      ['IMD 2019 score', 'no value'],
      ['IMD 2019 national decile', '1 (1 = most deprived 10% of England)'],
    ]);
    expect(m.rankHeading).toBe("Rank: among Testshire's 4 LSOAs, 1 = worst");
    expect(groupSources(m.sources).sources.at(-1)).toBe('England: ONS, England 2016-20.');
  });

  it('puts the region beside the authority, named, with a dash and a reason where it has no value', () => {
    const region = {
      code: 'E12000002',
      name: 'North West',
      values: new Map([['life_exp', { value: 78.2, method: 'rolled up from the region' }]]),
    };
    const m = areaProfileModel({ ...input, region }, { geography: 'lsoa11', code: 'E01000002' });
    expect(m.regionName).toBe('North West');
    expect(m.rows.find((r) => r.meta.id === 'life_exp')).toMatchObject({
      region: '78.2',
      regionReason: '',
      england: '79.4',
    });
    const decile = m.rows.find((r) => r.meta.id === 'imd2019_decile');
    expect(decile?.region).toBe('–');
    expect(decile?.regionReason).toBe(
      'a rank or decile is a national position: it has no North West value',
    );
    for (const r of m.rows) expect(r.region).not.toBe('0');
    expect(groupSources(m.sources).sources.at(-1)).toBe('North West: rolled up from the region.');
    // Without region values there is no region column.
    expect(
      areaProfileModel(input, { geography: 'lsoa11', code: 'E01000002' }).regionName,
    ).toBeNull();
  });

  it('reads the region from headline comparators only when there is exactly one', () => {
    const c = (areaCode: string, areaName: string, value: number) => ({
      indicatorId: 'imd2019_score',
      areaCode,
      areaName,
      value,
      method: 'm',
      source: 's',
      period: 'p',
      vintage: 'v',
      licence: 'l',
    });
    const headline = {
      lifeExpectancy: [],
      deprivationSummaries: [],
      sources: [],
      comparators: [c('E92000001', 'England', 21.722), c('E12000002', 'North West', 28.09)],
    };
    const r = regionValues(headline);
    expect(r?.name).toBe('North West');
    expect(r?.values.get('imd2019_score')?.value).toBe(28.09);
    expect(englandValues(headline).get('imd2019_score')?.value).toBe(21.722);
    const two = {
      ...headline,
      comparators: [...headline.comparators, c('E12000001', 'North East', 30)],
    };
    expect(regionValues(two)).toBeNull();
    expect(regionValues('headline.json could not be read')).toBeNull();
  });

  it('refuses an area that is not in the atlas', () => {
    expect(() => areaProfileModel(input, { geography: 'lsoa11', code: 'E01999999' })).toThrow(
      'E01999999 is not one of the LSOAs of this atlas',
    );
  });
});

describe('profile area list', () => {
  it('offers the custom area, then the areas of the map geography by name', () => {
    const view = fixtureView();
    const groups = profileAreaGroups(view, { id: 'c1', name: 'My patch' });
    expect(groups.map((g) => g.label)).toEqual(['Custom area', 'LSOA (2011) (4)']);
    expect(groups[1]?.options.map((o) => o.text)).toEqual([
      'Alpha (E01000001)',
      'Beta (E01000002)',
      'Delta (E01000004)',
      'Gamma (E01000003)',
    ]);
    // No wards in this atlas: the fallback is the first in the list.
    expect(fallbackArea(view, groups)).toBe('custom:c1');
    expect(fallbackArea(view, profileAreaGroups(view, null))).toBe('lsoa11:E01000001');
  });
});
