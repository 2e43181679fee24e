// An imported indicator's interval at 95% or 99.8%: the file's own limits, or limits from its
// counts (Wilson for a percentage, exact/Byar for a rate), or none with the reason.
import { describe, expect, it } from 'vitest';
import { compareLimits } from '../../workers/significance/compare.ts';
import {
  crudeMultiplier,
  suppliedInterval,
  type SuppliedArea,
} from '../../workers/significance/supplied_limits.ts';
import { poissonCountLimits } from '../../workers/stats/byar.ts';
import { wilsonLimits } from '../../workers/stats/proportion.ts';

const none = { lower95: null, upper95: null, lower998: null, upper998: null };
// Linacre in test/fixtures/import/fingertips_sefton_wards_limits_counts.csv: 470 of 2,000.
const linacre: SuppliedArea = {
  value: 23.5,
  lower95: 21.7,
  upper95: 25.4,
  lower998: 20.7,
  upper998: 26.6,
  count: 470,
  denominator: 2000,
};

describe('suppliedInterval', () => {
  it('takes the file’s limits at the level asked for', () => {
    expect(suppliedInterval(linacre, 0.95)).toEqual({
      ok: true,
      interval: { value: 23.5, lower: 21.7, upper: 25.4, level: 0.95, source: 'file' },
    });
    const at998 = suppliedInterval(linacre, 0.998);
    expect(at998.ok && [at998.interval.lower, at998.interval.upper]).toEqual([20.7, 26.6]);
  });

  it('so the verdict against Sefton (21.0) changes with the level, as Fingertips', () => {
    const verdict = (level: 0.95 | 0.998) => {
      const r = suppliedInterval(linacre, level);
      if (!r.ok) throw new Error(r.reason);
      return compareLimits(r.interval.lower, r.interval.upper, 21, 'neutral').verdict;
    };
    expect(verdict(0.95)).toBe('higher');
    expect(verdict(0.998)).toBe('similar');
  });

  it('works out Wilson limits from counts when a percentage has no limits at that level', () => {
    const r = suppliedInterval(
      { ...linacre, ...none, value: 20, count: 300, denominator: 1500 },
      0.998,
    );
    const [lo, hi] = wilsonLimits(300, 1500, 0.998);
    expect(r).toEqual({
      ok: true,
      interval: {
        value: 20,
        lower: lo * 100,
        upper: hi * 100,
        level: 0.998,
        source: 'counts-wilson',
      },
    });
  });

  it('works out exact or Byar limits for a crude rate per 100,000', () => {
    const r = suppliedInterval({ ...none, value: 612.3, count: 245, denominator: 40_012 }, 0.95);
    const c = poissonCountLimits(245, 0.95);
    expect(r.ok && r.interval.source).toBe('counts-exact-byar');
    expect(r.ok && r.interval.lower).toBeCloseTo(((c.lower ?? 0) / 40_012) * 1e5, 9);
    expect(r.ok && r.interval.upper).toBeCloseTo((c.upper / 40_012) * 1e5, 9);
  });

  it('refuses counts that do not make the value (a standardised rate), and no data at all', () => {
    const dsr = suppliedInterval({ ...none, value: 15.3, count: 250, denominator: 2000 }, 0.95);
    expect(dsr.ok).toBe(false);
    expect(!dsr.ok && dsr.reason).toContain('not its count over its denominator');
    const bare = suppliedInterval({ ...none, value: 15.3, count: null, denominator: null }, 0.998);
    expect(bare).toEqual({
      ok: false,
      reason: 'the file gives neither 99.8% limits nor a count and denominator',
    });
  });

  it('finds the power of ten a rounded crude value is per', () => {
    expect(crudeMultiplier(23.5, 470, 2000)).toBe(100);
    expect(crudeMultiplier(612.3, 245, 40_012)).toBe(100_000);
    expect(crudeMultiplier(0.235, 470, 2000)).toBe(1);
    expect(crudeMultiplier(15.3, 250, 2000)).toBeNull();
    expect(crudeMultiplier(0, 0, 2000)).toBeNull();
  });
});
