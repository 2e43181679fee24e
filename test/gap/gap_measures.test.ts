// The three gap figures (src/gap/gap_measures.ts): the range names its two ends with their
// limits, skips an area without a value (Waterfront North ward, no LSOA assigned), and the
// locality difference is first minus second or nothing, never NaN.
import { describe, expect, it } from 'vitest';
import { gapMeasures } from '../../src/gap/gap_measures.ts';
import type { GapItem } from '../../src/ui/gap_chart.ts';

const item = (code: string, name: string, value: number | null): GapItem => ({
  code,
  name,
  value,
  lat: 53.5,
  deprivation: null,
  decile: null,
});
const items = [
  item('A', 'Harington', 86.1),
  item('B', 'Linacre', 72.9),
  item('C', 'Waterfront North', null),
  item('D', 'Ford', 75.0),
];
const summary = (name: string, mean: number | null) => ({ name, mean, population: 1, areas: 1 });

describe('gapMeasures', () => {
  it('names the highest and lowest area with their limits', () => {
    const m = gapMeasures(
      items,
      [],
      { lower: [84, 71, null, 73], upper: [88.2, 74.8, null, 77], interval: '95%' },
      ['A', 'B', 'C', 'D'],
    );
    expect(m.range?.highest).toEqual({
      code: 'A',
      name: 'Harington',
      value: 86.1,
      lower: 84,
      upper: 88.2,
    });
    expect(m.range?.lowest.name).toBe('Linacre');
    expect(m.range?.difference).toBeCloseTo(13.2, 10);
    expect(m.range?.areas).toBe(3);
  });
  it('has no limits when the data has none, and no range with one area', () => {
    expect(gapMeasures(items, [], null, ['A', 'B', 'C', 'D']).range?.highest.lower).toBeNull();
    expect(gapMeasures([items[0] as GapItem], [], null, ['A']).range).toBeNull();
  });
  it('gives the difference of the locality means, or nothing when one is missing', () => {
    const both = gapMeasures(items, [summary('North', 81.9), summary('South', 79.7)], null, []);
    expect(both.localities?.difference).toBeCloseTo(2.2, 10);
    expect(
      gapMeasures(items, [summary('North', 81.9), summary('South', null)], null, []).localities,
    ).toBeNull();
    expect(gapMeasures(items, [], null, []).localities).toBeNull();
  });
});
