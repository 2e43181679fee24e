// The atlas's significance layer over the engine: which indicators have counts, the
// Fingertips-style comparison with a benchmark, and the funnel plot model.
import { describe, expect, it } from 'vitest';
import { wilsonLimits } from '../../workers/stats/proportion.ts';
import { proportionFunnel } from '../../workers/stats/funnel.ts';
import { compareLimits, shareWithLimits, verdictOf } from '../../workers/significance/compare.ts';
import {
  areaCount,
  countModelOf,
  countedIndicators,
} from '../../workers/significance/indicator_counts.ts';
import { funnelModel, outside } from '../../workers/significance/funnel_model.ts';

describe('countModelOf', () => {
  it('derives the IoD income count from the rate and the mid-2015 denominator', () => {
    const m = countModelOf({ id: 'imd2019_income_rate', kind: 'rate', label: 'Income' });
    if (!m.ok) throw new Error(m.reason);
    expect(m.denominatorId).toBe('imd2019_pop_mid2015');
    const t = { values: { imd2019_income_rate: [16.1802], imd2019_pop_mid2015: [273821] } };
    const c = areaCount(m, t, 'imd2019_income_rate', 0);
    expect(c?.numerator).toBeCloseTo(44304.5, 0);
    expect(c?.denominator).toBe(273821);
  });

  it('takes a Census share from its own count columns', () => {
    const m = countModelOf({ id: 'census2021_disabled_share', kind: 'share', label: 'D' });
    if (!m.ok) throw new Error(m.reason);
    const t = { values: { census2021_disabled: [61141], census2021_residents: [279253] } };
    expect(areaCount(m, t, 'census2021_disabled_share', 0)).toEqual({
      numerator: 61141,
      denominator: 279253,
    });
  });

  it('refuses scores, ranks, Core20 and rates without a denominator, saying why', () => {
    const no = (id: string, kind: 'score' | 'rank' | 'share' | 'rate') => {
      const m = countModelOf({ id, kind, label: id });
      return m.ok ? '' : m.reason;
    };
    expect(no('imd2019_score', 'score')).toMatch(/without its counts/);
    expect(no('imd2019_rank', 'rank')).toMatch(/position/);
    expect(no('imd2019_core20', 'share')).toMatch(/whole LSOAs/);
    expect(no('imd2025_income_rate', 'rate')).toMatch(/not in this atlas/);
    expect(
      countedIndicators([
        { id: 'imd2019_score', kind: 'score', label: '' },
        { id: 'pop2020_65plus_share', kind: 'share', label: '' },
      ]).map((m) => m.id),
    ).toEqual(['pop2020_65plus_share']);
  });

  it('gives no count where the denominator is missing or the count exceeds it', () => {
    const m = countModelOf({ id: 'pop2020_0_15_share', kind: 'share', label: '' });
    if (!m.ok) throw new Error(m.reason);
    const t = { values: { pop2020_0_15: [10, 50, 5], pop2020_total: [null, 40, 0] } };
    expect(areaCount(m, t, 'pop2020_0_15_share', 0)).toBeNull();
    expect(areaCount(m, t, 'pop2020_0_15_share', 1)).toBeNull();
    expect(areaCount(m, t, 'pop2020_0_15_share', 2)).toBeNull();
  });
});

describe('compareLimits (Fingertips benchmark comparison)', () => {
  it('uses the interval against the benchmark value, with polarity', () => {
    expect(compareLimits(10, 12, 9, 'higher-is-worse').verdict).toBe('worse');
    expect(compareLimits(10, 12, 9, 'higher-is-better').verdict).toBe('better');
    expect(compareLimits(10, 12, 9, 'neutral').verdict).toBe('higher');
    expect(compareLimits(10, 12, 13, 'higher-is-worse')).toEqual({
      direction: 'lower',
      verdict: 'better',
      symbol: '▼',
    });
    // A limit touching the benchmark is not a difference.
    expect(compareLimits(9, 12, 9, 'higher-is-worse').verdict).toBe('similar');
    expect(verdictOf('similar', 'higher-is-better')).toBe('similar');
  });

  it('is wider at 99.8% than at 95%: 60 of 400 against 11.5% differs only at 95%', () => {
    // Wilson 95% for 60/400 worked by hand from the formula in proportion.ts:
    // (123.8415 -/+ 1.959964 x sqrt(3.8415 + 204)) / 2 / 403.8415 = 11.834% to 18.832%.
    const at95 = shareWithLimits({ numerator: 60, denominator: 400 }, 0.95);
    expect(at95.lower).toBeCloseTo(11.834, 2);
    expect(at95.upper).toBeCloseTo(18.832, 2);
    const at998 = shareWithLimits({ numerator: 60, denominator: 400 }, 0.998);
    expect(compareLimits(at95.lower, at95.upper, 11.5, 'higher-is-worse').verdict).toBe('worse');
    expect(compareLimits(at998.lower, at998.upper, 11.5, 'higher-is-worse').verdict).toBe(
      'similar',
    );
  });
});

describe('funnelModel', () => {
  const model = countModelOf({ id: 'pop2020_65plus_share', kind: 'share', label: '' });
  if (!model.ok) throw new Error(model.reason);
  // Five areas of 1,000 people around a 20% authority: 20%, 23%, 26%, 14%, and one without a
  // denominator.
  const table = {
    codes: ['A', 'B', 'C', 'D', 'E'],
    names: ['Ash', 'Birch', 'Cedar', 'Dale', 'Elm'],
    values: {
      pop2020_65plus: [200, 230, 260, 140, 10],
      pop2020_total: [1000, 1000, 1000, 1000, null],
    },
  };
  const m = funnelModel({
    id: 'pop2020_65plus_share',
    model,
    table,
    polarity: 'higher-is-worse',
    target: 20,
    targetName: 'Sefton',
  });

  it('puts each area in the band its Wilson interval says', () => {
    // At n = 1,000 and 20% the limits are close to the normal ones, 20 -/+ z x 1.2649:
    // 17.52 to 22.48 at 95%, 16.09 to 23.91 at 99.8% (Wilson's differ by under 0.1).
    const f = proportionFunnel(1000, 0.2, 100);
    expect(Math.abs(f.lower95 - 17.52)).toBeLessThan(0.1);
    expect(Math.abs(f.upper95 - 22.48)).toBeLessThan(0.1);
    expect(Math.abs(f.lower998 - 16.09)).toBeLessThan(0.1);
    expect(Math.abs(f.upper998 - 23.91)).toBeLessThan(0.1);
    expect(m.areas.map((a) => [a.code, a.band, a.verdict])).toEqual([
      ['A', 'within', 'similar'],
      ['B', 'above95', 'worse'],
      ['C', 'above998', 'worse'],
      ['D', 'below998', 'better'],
    ]);
    expect(m.leftOut).toBe(1);
    expect(outside(m, 0.998).map((a) => a.code)).toEqual(['C', 'D']);
    expect(outside(m, 0.95).map((a) => a.code)).toEqual(['C', 'B', 'D']);
  });

  it('agrees with the area profile: a value on the funnel has a Wilson interval that reaches the target', () => {
    for (const n of [150, 1500, 12000]) {
      for (const [level, p] of [
        [0.95, 'upper95'],
        [0.998, 'upper998'],
      ] as const) {
        const limit = proportionFunnel(n, 0.2, 100)[p] / 100;
        const [lower] = wilsonLimits(limit * n, n, level);
        expect(lower).toBeCloseTo(0.2, 9);
      }
    }
  });

  it('pools the areas when there is no authority value, and draws a widening funnel', () => {
    const pooled = funnelModel({
      id: 'pop2020_65plus_share',
      model,
      table,
      polarity: 'neutral',
      target: null,
      targetName: '',
      steps: 5,
    });
    expect(pooled.target).toBeCloseTo(20.75, 10);
    expect(pooled.curve).toHaveLength(5);
    const first = pooled.curve[0];
    const last = pooled.curve[4];
    if (!first || !last) throw new Error('no curve');
    expect(first.denominator).toBeCloseTo(800, 6);
    expect(last.denominator).toBeCloseTo(1200, 6);
    expect(first.upper998 - first.lower998).toBeGreaterThan(last.upper998 - last.lower998);
    expect(pooled.areas.find((a) => a.code === 'C')?.verdict).toBe('higher');
  });
});
