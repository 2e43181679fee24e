// The one-pager's numbers and words from a small hand-made view (fixture_view.ts), in Node:
// key points, the worst area, Core20, the SII summary, sources said once, the data tables.
import { describe, expect, it } from 'vitest';
import {
  areaTable,
  headlineTrendTable,
  localityTable,
  siiGroupTable,
  siiMethodNote,
} from '../../src/reports/data_tables_model.ts';
import {
  core20Lines,
  defaultReportTitle,
  gapNote,
  keyPoints,
  reportSources,
  siiSummary,
  worstArea,
} from '../../src/reports/one_pager_model.ts';
import { groupSources } from '../../src/reports/source_lines.ts';
import { fixtureView, HEADLINE, OGL, SII_OUTPUT } from './fixture_view.ts';

describe('one-pager model', () => {
  it('names the worst area by rank 1 and the polarity', () => {
    const view = fixtureView();
    expect(worstArea(view)).toBe('Lowest (worst) value of the 3 LSOAs: Beta, 75.3.');
    view.indicator = { ...view.indicator, polarity: 'higher-is-worse' };
    expect(worstArea(view)).toBe('Highest (worst) value of the 3 LSOAs: Beta, 75.3.');
    view.classes = null;
    expect(worstArea(view)).toBeNull();
  });

  it('writes key points from the published gap, the localities and the worst area', () => {
    const view = fixtureView();
    expect(defaultReportTitle(view)).toBe('The gap in Testshire');
    expect(keyPoints(view, HEADLINE)).toEqual([
      'Men in the least deprived neighbourhoods of Testshire can expect to live 11.4 years longer than men in the most deprived, and women 9.0 years (published slope index, 2018-20; England 9.7 and 7.9).',
      'Life expectancy at birth: North 79.0, South 76.2 (population-weighted means of their LSOAs).',
      'Lowest (worst) value of the 3 LSOAs: Beta, 75.3.',
    ]);
    // Without headline figures or localities, only what the view itself shows.
    view.gap = null;
    expect(keyPoints(view, 'headline.json missing')).toEqual([
      'Lowest (worst) value of the 3 LSOAs: Beta, 75.3.',
    ]);
  });

  it('counts the people in Core20 LSOAs (deciles 1 and 2)', () => {
    expect(core20Lines(fixtureView())).toEqual([
      {
        edition: 'IMD 2019',
        people: '3,500 people',
        rest: ' (70.0%) live in Core20 areas, the 20% most deprived in England (IMD 2019: 2 of 4 LSOAs).',
      },
    ]);
  });

  it('says how many areas the gap chart shows', () => {
    expect(gapNote(fixtureView())).toBe(
      'Each dot is one of 3 LSOAs, from the north (top) to the south, placed by its population centre and coloured by deprivation decile.',
    );
  });

  it('orients the SII so that positive is worse at the deprived end', () => {
    const view = fixtureView();
    const better = siiSummary(view, { ok: true, value: SII_OUTPUT });
    expect(better).toMatchObject({
      kind: 'sii',
      value: 3.456,
      shown: '3.5',
      rest: ' (95% limits 2.1 to 4.8); positive = lower (worse) values at the most deprived end, as Fingertips.',
    });
    view.indicator = { ...view.indicator, polarity: 'higher-is-worse' };
    expect(siiSummary(view, { ok: true, value: SII_OUTPUT })).toMatchObject({
      value: -3.456,
      shown: '-3.5',
      rest: ' (95% limits -4.8 to -2.1); positive = higher (worse) values at the most deprived end.',
    });
    expect(siiSummary(view, 'pending')).toEqual({ kind: 'missing', text: 'Working out the SII…' });
    expect(siiSummary(view, { ok: false, reason: 'too few areas' })).toEqual({
      kind: 'missing',
      text: 'No SII for Life expectancy at birth: too few areas.',
    });
  });

  it('lists each source once and each licence sentence once', () => {
    const items = reportSources(fixtureView(), HEADLINE);
    expect(items.map((i) => i.what)).toEqual([
      'Life expectancy at birth',
      'Boundaries, LSOA (2011)',
      'Life expectancy (Fingertips 90366)',
      'Core20 population',
    ]);
    expect(items[3]?.source).toBe('IMD 2019 decile: MHCLG IoD 2019; Population mid-2020: ONS');
    const { licences } = groupSources(items);
    expect(licences).toEqual([
      OGL,
      'Contains OS data © Crown copyright and database right 2011.',
      'Contains OS data © Crown copyright and database right 2019.',
    ]);
  });
});

describe('data tables model', () => {
  it('lists the areas worst first, with rank, decile and latitude; no value last', () => {
    const t = areaTable(fixtureView());
    expect(t.columns.map((c) => c.label)).toEqual([
      'LSOA (2011)',
      'years',
      'Rank',
      'Decile',
      'Latitude',
    ]);
    expect(t.rows).toEqual([
      ['Beta (E01000002)', '75.3', '1st', '1', '53.500'],
      ['Delta (E01000004)', '78.0', '2nd', '9', '53.300'],
      ['Alpha (E01000001)', '80.1', '3rd', '5', '53.600'],
      ['Gamma (E01000003)', 'no data', '', '2', '53.400'],
    ]);
    expect(t.caption).toContain('rank 1 = lowest value (worst); decile: National IMD 2019 decile');
  });

  it('gives the SII chart points by decile, and the SII and RII with their limits', () => {
    const view = fixtureView();
    expect(siiGroupTable(view, SII_OUTPUT).rows).toEqual([
      ['1', '3,500', '75.3', '74.1 to 76.4'],
      ['2', '1,500', '79.0', '78.0 to 80.1'],
    ]);
    expect(siiMethodNote(view, SII_OUTPUT)).toMatch(
      // The one headline SII definition (src/gap/headline_sii.ts): which groups, which areas.
      /^SII 3\.5 \(95% limits 2\.1 to 4\.8\); RII 1\.046 \(95% limits 1\.028 to 1\.064\) \(OHID RII\)\. Method\. SII: .*local (deciles|quintiles) of the IMD 2019 score within Testshire.*\. Weighted least squares\.$/,
    );
  });

  it('gives the localities and the headline figures by period', () => {
    const view = fixtureView();
    expect(localityTable(view)?.rows).toEqual([
      ['North', '79.0', '2', '2,500'],
      ['South', '76.2', '2', '2,500'],
    ]);
    view.gap = null;
    expect(localityTable(view)).toBeNull();
    const h = headlineTrendTable(view, HEADLINE);
    expect(h.columns.map((c) => c.label)).toEqual(['Indicator, sex, place', '2018-20']);
    expect(h.rows[0]).toEqual([
      'Inequality in life expectancy at birth (slope index of inequality), male, Testshire',
      '11.4',
    ]);
    expect(h.rows[1]?.[0]).toMatch(/male, England$/);
  });
});
