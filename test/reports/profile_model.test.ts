// The area profile's rows and key figures, and the list of areas to profile, from the fixture
// view, in Node.
import { describe, expect, it } from 'vitest';
import { areaProfileModel } from '../../src/reports/profile_model.ts';
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
