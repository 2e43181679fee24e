// phe_proportion against PHEindicatormethods' published expected values
// (tests/testthat/testdata_Proportion.xlsx, sheets testdata_Prop and testdata_Prop_g).
import { describe, expect, it } from 'vitest';
import { proportion, type ProportionResult } from '../../workers/stats/proportion.ts';
import { expectRelative } from './phe_tolerance.ts';
import { num, readFixture } from './read_fixture.ts';

function computed(...args: Parameters<typeof proportion>): ProportionResult {
  const r = proportion(...args);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

describe('proportion: testdata_Prop (95% and 99.8% at once, multipliers 1 and 100)', () => {
  it.each(readFixture('phe/proportion.csv').map((r) => [r['area'], r['multiplier'], r]))(
    '%s x %s',
    (_area, _m, row) => {
      const r = computed(num(row, 'numerator'), num(row, 'denominator'), {
        confidence: [0.95, 0.998],
        multiplier: num(row, 'multiplier'),
      });
      expectRelative(r.value, num(row, 'value'));
      const [c95, c998] = r.intervals;
      expectRelative(c95?.lower, num(row, 'lower95_0cl'));
      expectRelative(c95?.upper, num(row, 'upper95_0cl'));
      expectRelative(c998?.lower, num(row, 'lower99_8cl'));
      expectRelative(c998?.upper, num(row, 'upper99_8cl'));
      expect(r.statistic).toBe(row['statistic']);
      expect(r.method).toBe(row['method']);
      expect(r.confidence).toBe('95%, 99.8%');
    },
  );

  it('gives the same 99.8% limits asked alone (confidence = 99.8)', () => {
    const row = readFixture('phe/proportion.csv')[4];
    if (row === undefined) throw new Error('fixture row missing');
    const r = computed(num(row, 'numerator'), num(row, 'denominator'), { confidence: 99.8 });
    expectRelative(r.intervals[0]?.lower, num(row, 'lower99_8cl'));
    expect(r.confidence).toBe('99.8%');
  });
});

describe('proportion: testdata_Prop_g (grouped input: numerators and denominators summed)', () => {
  it.each(readFixture('phe/proportion_grouped_results.csv').map((r) => [r['area'], r]))(
    '%s',
    (_area, row) => {
      const r = computed(num(row, 'numerator'), num(row, 'denominator'));
      expectRelative(r.value, num(row, 'value'));
      expectRelative(r.intervals[0]?.lower, num(row, 'lowercl'));
      expectRelative(r.intervals[0]?.upper, num(row, 'uppercl'));
    },
  );
});

describe('proportion edge cases', () => {
  it('gives 0 of n a lower limit of 0 and n of n an upper limit of 1', () => {
    const none = computed(0, 40);
    expect(none.value).toBe(0);
    expect(none.intervals[0]?.lower).toBeCloseTo(0, 15);
    const all = computed(40, 40);
    expect(all.intervals[0]?.upper).toBeCloseTo(1, 15);
  });

  it.each([
    [-1, 100, {}, 'the numerator -1 must be 0 or more'],
    [5, 0, {}, 'the denominator 0 must be above 0'],
    [101, 100, {}, 'the numerator 101 is more than the denominator 100: not a proportion'],
    [5, 100, { confidence: 0.8 }, /confidence level 0.8 is not between 90% and 99.9%/],
  ] as const)('refuses %s of %s %o', (x, n, options, reason) => {
    const r = proportion(x, n, options);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
});
