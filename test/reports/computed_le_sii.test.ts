// The one-pager when its indicator is life expectancy computed from a deaths file: the SII is
// the panel's (OHID's method, from pooled life tables), shown with its 95% limits and its
// definition, and the data tables say the same.
import { describe, expect, it } from 'vitest';
import {
  computedLeDefinition,
  computedLeOutput,
  computedLeSiiFor,
  publishComputedLeSii,
  type ComputedLeSii,
} from '../../src/reports/computed_le_sii.ts';
import { siiGroupTable, siiMethodNote } from '../../src/reports/data_tables_model.ts';
import { siiSummary } from '../../src/reports/one_pager_model.ts';
import type { LifeExpectancyInequality } from '../../workers/inequality/life_expectancy_csv.ts';
import { fixtureView, SII_OUTPUT } from './fixture_view.ts';

const INEQUALITY = {
  groups: [
    { quantile: 1, areas: 2, population: 3500, e0: 76.2, lower95: 75.0, upper95: 77.4 },
    { quantile: 2, areas: 1, population: 1500, e0: 80.5, lower95: 79.3, upper95: 81.7 },
  ],
  sii: {
    ...SII_OUTPUT.sii,
    sii: { value: 6.08, lower95: 4.97, upper95: 7.25 },
    intercept: 75.1,
  },
} as LifeExpectancyInequality;

const LE: ComputedLeSii = {
  indicatorId: 'import_le_ward_life_expectancy',
  geography: 'lsoa11',
  fileName: 'ward_life_expectancy.csv',
  quantiles: 10,
  deprivationLabel: 'IMD 2019',
  place: 'Testshire',
  simulations: 100_000,
  inequality: INEQUALITY,
};

describe('computed life expectancy on the one-pager', () => {
  it('shows the file’s SII with its 95% limits and its definition', () => {
    const view = fixtureView();
    const s = siiSummary(view, { ok: true, value: computedLeOutput(LE) }, LE);
    expect(s).toMatchObject({
      kind: 'sii',
      value: 6.08,
      shown: '6.1',
      rest: ' (95% limits 5.0 to 7.3); positive = lower (worse) values at the most deprived end, as Fingertips.',
      definition:
        "Dots: each local IMD 2019 decile's life expectancy from its pooled deaths and person-years (Chiang II) with 95% limits; line: the fitted slope (SII; limits from 100,000 simulations, Low & Low 2004), as OHID. Method with the data tables.",
    });
    // Any other indicator's SII has no extra definition on the page.
    expect(siiSummary(view, { ok: true, value: SII_OUTPUT })).toMatchObject({ definition: null });
  });

  it('draws each decile’s life expectancy with its limits, its SE from them', () => {
    const out = computedLeOutput(LE);
    expect(out.groups[0]).toMatchObject({ quantile: 1, value: 76.2, lower95: 75, upper95: 77.4 });
    expect(out.groups[0]?.se).toBeCloseTo(2.4 / (2 * 1.959963984540054), 12);
    expect(out.areasUsed).toBe(3);
    const view = fixtureView();
    expect(siiGroupTable(view, out).rows[1]).toEqual(['2', '1,500', '80.5', '79.3 to 81.7']);
    const note = siiMethodNote(view, out, computedLeDefinition(LE));
    expect(note).toMatch(/^SII 6\.1 \(95% limits 5\.0 to 7\.3\);/);
    expect(note).toContain('computed in this browser from ward_life_expectancy.csv');
    expect(note).toContain("Chiang II with Silcocks' final band");
    expect(note).toContain('local deciles of the IMD 2019 score within Testshire');
  });

  it('is found only for the indicator and geography it was published for', () => {
    publishComputedLeSii(LE);
    expect(computedLeSiiFor('lsoa11', LE.indicatorId)).toBe(LE);
    expect(computedLeSiiFor('ward', LE.indicatorId)).toBeNull();
    expect(computedLeSiiFor('lsoa11', 'imd2019_score')).toBeNull();
    publishComputedLeSii(null);
    expect(computedLeSiiFor('lsoa11', LE.indicatorId)).toBeNull();
  });
});
