// phe_rate against PHEindicatormethods' published expected values
// (tests/testthat/testdata_Rate.xlsx, sheets testdata_Rate and testdata_Rate_g).
import { describe, expect, it } from 'vitest';
import { crudeRate, type CrudeRateResult } from '../../workers/stats/crude_rate.ts';
import { expectRelative } from './phe_tolerance.ts';
import { num, readFixture } from './read_fixture.ts';

function computed(...args: Parameters<typeof crudeRate>): CrudeRateResult {
  const r = crudeRate(...args);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

describe('crude rate: testdata_Rate (exact below 10 events, Byar from 10; 95% and 99.8%)', () => {
  it.each(readFixture('phe/rate.csv').map((r) => [r['area'], r['numerator'], r['multiplier'], r]))(
    '%s: %s events, per %s',
    (_area, _x, _m, row) => {
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
    },
  );
});

describe('crude rate: testdata_Rate_g (grouped: counts and populations summed)', () => {
  it.each(readFixture('phe/rate_grouped_results.csv').map((r) => [r['area'], r]))(
    '%s',
    (_a, row) => {
      const r = computed(num(row, 'numerator'), num(row, 'denominator'));
      expectRelative(r.value, num(row, 'value'));
      expectRelative(r.intervals[0]?.lower, num(row, 'lowercl'));
      expectRelative(r.intervals[0]?.upper, num(row, 'uppercl'));
      expect(r.method).toBe(row['method']);
    },
  );
});

describe('crude rate edge cases', () => {
  it('gives zero events a rate of 0, a lower limit of 0 and an exact upper limit', () => {
    const r = computed(0, 1000, { multiplier: 1000 });
    expect(r.value).toBe(0);
    expect(r.intervals[0]?.lower).toBe(0);
    // qchisq(0.975, 2) / 2 = -log(0.025) = 3.6889 events.
    expectRelative(r.intervals[0]?.upper, -Math.log(0.025), 1e-13);
    expect(r.method).toBe('Exact');
  });

  it('refuses a negative count and a zero population', () => {
    expect(crudeRate(-1, 10)).toEqual({
      ok: false,
      reason: 'the count of events -1 must be 0 or more',
    });
    expect(crudeRate(1, 0)).toEqual({ ok: false, reason: 'the population 0 must be above 0' });
  });
});
