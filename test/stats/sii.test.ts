import { describe, expect, it } from 'vitest';
import { sii, type SiiQuantileInput, type SiiResult } from '../../workers/stats/sii.ts';
import { percentileRanks } from '../../workers/stats/sii_simulation.ts';
import { groupBy, num, readFixture } from './read_fixture.ts';

function computed(rows: SiiQuantileInput[], options: Parameters<typeof sii>[1] = {}): SiiResult {
  const result = sii(rows, options);
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

/** Weighted least squares solved from the normal equations, independently of wls.ts. */
function normalEquations(populations: number[], y: number[]): { beta0: number; beta1: number } {
  const total = populations.reduce((s, p) => s + p, 0);
  let cumulative = 0;
  let sw = 0;
  let swb = 0;
  let swbb = 0;
  let swy = 0;
  let swby = 0;
  populations.forEach((p, i) => {
    const a = p / total;
    const b = cumulative + a / 2;
    cumulative += a;
    const yi = y[i] ?? Number.NaN;
    sw += a;
    swb += a * b;
    swbb += a * b * b;
    swy += a * yi;
    swby += a * b * yi;
  });
  const det = sw * swbb - swb * swb;
  return { beta0: (swy * swbb - swb * swby) / det, beta1: (sw * swby - swb * swy) / det };
}

describe('SII test vector of METHODS.md section 2', () => {
  const populations = [7291, 7997, 6105, 7666, 5790, 6934, 5918, 5974, 7147, 7534];
  const values = [
    75.9335, 78.3442, 83.8361, 83.6375, 80.4655, 81.1157, 81.6931, 84.19, 80.5956, 86.2894,
  ];
  const rows = populations.map((population, i) => ({
    quantile: i + 1,
    population,
    value: values[i] ?? Number.NaN,
    se: 1,
  }));
  const result = computed(rows, { simulations: 1000 });

  it('is the weighted least-squares fit of the given values', () => {
    const exact = normalEquations(populations, values);
    expect(result.sii.value).toBeCloseTo(exact.beta1, 10);
    expect(result.rii.value).toBeCloseTo((exact.beta0 + exact.beta1) / exact.beta0, 12);
  });

  it('agrees with the published SII 6.9346165 and RII 1.0888181 within the rounding of the 4-decimal values', () => {
    // The values are printed to 4 decimals (error up to 0.00005 each). Moving each value by
    // +/-0.00005 moves the SII by at most sum|d beta1 / d y_i| * 0.00005, computed here by
    // perturbing the fit; the published figures came from unrounded values.
    const bound = (stat: (y: number[]) => number): number =>
      values.reduce((sum, _, i) => {
        const up = values.map((v, j) => (j === i ? v + 0.00005 : v));
        return sum + Math.abs(stat(up) - stat(values));
      }, 0);
    const slope = (y: number[]): number => normalEquations(populations, y).beta1;
    const rii = (y: number[]): number => {
      const f = normalEquations(populations, y);
      return (f.beta0 + f.beta1) / f.beta0;
    };
    expect(Math.abs(result.sii.value - 6.9346165)).toBeLessThanOrEqual(bound(slope));
    expect(Math.abs(result.rii.value - 1.0888181)).toBeLessThanOrEqual(bound(rii));
    // And the difference is of the size rounding explains, not a different method.
    expect(Math.abs(result.sii.value - 6.9346165)).toBeLessThan(2e-5);
  });

  it('gives the range as least deprived minus most deprived', () => {
    expect(result.range.value).toBeCloseTo(86.2894 - 75.9335, 12);
  });
});

describe('phe_sii worked example 1: male life expectancy by decile (LE_data, SE given)', () => {
  // Vignette "Worked examples for phe_sii function", first table: sii and 95% limits from
  // 1,000 repetitions. Point estimates are deterministic; the limits carry that run's Monte
  // Carlo error (about 0.1 years for 1,000 draws), so they are compared within 0.45 years.
  const published: Record<string, [number, number, number]> = {
    E06000001: [11.68886, 9.215442, 14.0746],
    E06000002: [12.54785, 10.579679, 14.57307],
    E06000003: [10.05084, 7.820256, 12.30021],
    E06000004: [14.85223, 13.029586, 16.66506],
    E06000005: [11.68095, 9.126462, 14.13962],
    E06000006: [12.27526, 10.014238, 14.29402],
    E06000007: [11.59893, 10.131272, 12.96125],
    E06000008: [10.7251, 8.539485, 12.66773],
    E06000009: [13.59387, 11.385259, 15.63067],
    E06000010: [11.20094, 9.667654, 12.58422],
  };
  const areas = groupBy(readFixture('phe_le_data_males.csv'), 'area');

  for (const [area, rows] of areas) {
    it(`${area}: SII ${published[area]?.[0]}`, () => {
      const [value, lower, upper] = published[area] ?? [Number.NaN, Number.NaN, Number.NaN];
      const result = computed(
        rows.map((r) => ({
          quantile: num(r, 'quantile'),
          population: num(r, 'population'),
          value: num(r, 'value'),
          se: num(r, 'se'),
        })),
      );
      expect(Math.abs(result.sii.value - value)).toBeLessThan(6e-6);
      expect(Math.abs(result.sii.lower95 - lower)).toBeLessThan(0.45);
      expect(Math.abs(result.sii.upper95 - upper)).toBeLessThan(0.45);
    });
  }
});

describe('phe_sii worked example 2: DSR by quintile with log transform', () => {
  // Vignette table for DSR_data (100,000 repetitions; published MAD of the limits 0.011-0.028
  // for the SII and about 0.0002 for the RII).
  const published: Record<string, number[]> = {
    // sii, rii, sii lower, sii upper, rii lower, rii upper
    '2010': [-14.03684, 0.9010655, -17.9599, -10.126662, 0.875242, 0.9275826],
    '2011': [-12.83196, 0.9086641, -16.72001, -8.91771, 0.882702, 0.9355915],
    '2012': [-11.09234, 0.9199455, -14.91251, -7.257354, 0.8939089, 0.9468622],
    '2013': [-10.06041, 0.9266342, -13.85842, -6.255091, 0.9003791, 0.9537227],
    '2014': [-10.06085, 0.9263086, -13.8426, -6.302576, 0.9000559, 0.9531717],
    '2015': [-8.53077, 0.9368534, -12.23824, -4.816133, 0.9106841, 0.9638401],
  };
  const periods = groupBy(readFixture('phe_dsr_data.csv'), 'period');

  for (const [period, rows] of periods) {
    it(`${period}: SII, RII and their limits`, () => {
      const [s, r, sl, su, rl, ru] = (published[period] ?? []).map((x) => x);
      const result = computed(
        rows.map((row) => ({
          quantile: num(row, 'quantile'),
          population: num(row, 'population'),
          value: num(row, 'value'),
          lower: num(row, 'lower'),
          upper: num(row, 'upper'),
        })),
        { transform: 'log', seed: 20240601 },
      );
      expect(Math.abs(result.sii.value - (s ?? Number.NaN))).toBeLessThan(6e-6);
      expect(Math.abs(result.rii.value - (r ?? Number.NaN))).toBeLessThan(6e-8);
      expect(Math.abs(result.sii.lower95 - (sl ?? Number.NaN))).toBeLessThan(0.1);
      expect(Math.abs(result.sii.upper95 - (su ?? Number.NaN))).toBeLessThan(0.1);
      expect(Math.abs(result.rii.lower95 - (rl ?? Number.NaN))).toBeLessThan(0.001);
      expect(Math.abs(result.rii.upper95 - (ru ?? Number.NaN))).toBeLessThan(0.001);
    });
  }
});

describe('phe_sii worked example 3: NCMP obesity prevalence with logit transform', () => {
  it('reproduces 2006/07 Year 6 (published with multiplier -100: 10.964626, 10.442276 to 11.487365)', () => {
    const rows = readFixture('phe_ncmp_607_year6.csv').map((row) => ({
      quantile: num(row, 'quantile'),
      population: num(row, 'population'),
      value: num(row, 'value'),
      lower: num(row, 'lower'),
      upper: num(row, 'upper'),
    }));
    const result = computed(rows, { transform: 'logit' });
    // Multiplier -100 flips the sign and the ends of the interval.
    expect(Math.abs(result.sii.value * -100 - 10.964626)).toBeLessThan(6e-7);
    expect(Math.abs(result.sii.upper95 * -100 - 10.442276)).toBeLessThan(0.02);
    expect(Math.abs(result.sii.lower95 * -100 - 11.487365)).toBeLessThan(0.02);
  });
});

describe('simulated 95% limits', () => {
  const populations = [1200, 1500, 1100, 1300, 1250, 1400, 1000, 1350, 1150, 1450];
  const values = [74, 75.5, 76, 77.2, 78, 78.4, 79.9, 80.1, 81.5, 82];
  const rows = (se: number): SiiQuantileInput[] =>
    populations.map((population, i) => ({
      quantile: i + 1,
      population,
      value: values[i] ?? Number.NaN,
      se: se * (1 + i / 20),
    }));
  /** Analytic SE of the WLS slope given known SEs: sqrt(sum c_i^2 se_i^2). */
  const analyticSlopeSe = (input: SiiQuantileInput[]): number => {
    const total = populations.reduce((s, p) => s + p, 0);
    let cumulative = 0;
    const a = populations.map((p) => p / total);
    const b = a.map((ai) => {
      const mid = cumulative + ai / 2;
      cumulative += ai;
      return mid;
    });
    const sbb = a.reduce((s, ai, i) => s + ai * ((b[i] ?? 0) - 0.5) ** 2, 0);
    return Math.sqrt(
      a.reduce(
        (s, ai, i) => s + ((ai * ((b[i] ?? 0) - 0.5)) / sbb) ** 2 * (input[i]?.se ?? 0) ** 2,
        0,
      ),
    );
  };

  it('contain the point estimates', () => {
    const r = computed(rows(1));
    for (const e of [r.sii, r.rii, r.range]) {
      expect(e.lower95).toBeLessThan(e.value);
      expect(e.upper95).toBeGreaterThan(e.value);
    }
  });

  it('are the same for the same seed and differ slightly for another seed', () => {
    const a = computed(rows(1), { seed: 7 });
    const b = computed(rows(1), { seed: 7 });
    const c = computed(rows(1), { seed: 8 });
    expect(b).toEqual(a);
    expect(c.sii.lower95).not.toBe(a.sii.lower95);
    expect(Math.abs(c.sii.lower95 - a.sii.lower95)).toBeLessThan(0.05);
  });

  it('shrink as the standard errors shrink', () => {
    const widths = [2, 1, 0.5, 0.1].map((se) => {
      const r = computed(rows(se));
      return r.sii.upper95 - r.sii.lower95;
    });
    for (let i = 1; i < widths.length; i++) {
      expect(widths[i]).toBeLessThan(widths[i - 1] ?? 0);
    }
  });

  it('have the width of the analytic slope SE (2 x 1.96 x SE) within 2%', () => {
    for (const se of [0.05, 0.5]) {
      const input = rows(se);
      const r = computed(input);
      const expected = 2 * 1.959964 * analyticSlopeSe(input);
      expect((r.sii.upper95 - r.sii.lower95) / expected).toBeCloseTo(1, 1);
      expect(Math.abs((r.sii.upper95 - r.sii.lower95) / expected - 1)).toBeLessThan(0.02);
    }
  });

  it('give the range the width of a difference of two independent estimates', () => {
    const input = rows(0.8);
    const r = computed(input);
    const seMost = input[0]?.se ?? 0;
    const seLeast = input[9]?.se ?? 0;
    const expected = 2 * 1.959964 * Math.hypot(seMost, seLeast);
    expect(Math.abs((r.range.upper95 - r.range.lower95) / expected - 1)).toBeLessThan(0.02);
  });

  it('are taken at the positions phe_sii uses (round(n * 0.025), round(n * 0.975), 1-based)', () => {
    expect(percentileRanks(100_000)).toEqual([2499, 97_499]);
    expect(percentileRanks(1000)).toEqual([24, 974]);
    // 1 - 0.975 is 0.025000000000000022 in doubles, in R as here, so 1,060 draws give
    // 26.500000000000025, which rounds up to position 27; 1,060 * 0.975 is 1033.5, which R
    // rounds to the even 1034.
    expect(percentileRanks(1060)).toEqual([26, 1033]);
  });
});

describe('SII refusals say why', () => {
  const base = (): SiiQuantileInput[] =>
    [1, 2, 3, 4, 5].map((quantile) => ({
      quantile,
      population: 1000,
      value: 70 + quantile,
      se: 1,
    }));

  it.each([
    [
      'a missing quantile',
      base().filter((r) => r.quantile !== 3),
      {},
      'quantile 3 is missing: the SII needs every quantile 1..5',
    ],
    [
      'a zero population',
      base().map((r) => (r.quantile === 2 ? { ...r, population: 0 } : r)),
      {},
      'quantile 2 has population 0: every quantile needs a positive population',
    ],
    [
      'no standard error',
      base().map((r) => (r.quantile === 4 ? { quantile: 4, population: 1000, value: 74 } : r)),
      {},
      'quantile 4: no standard error and no pair of 95% confidence limits',
    ],
    [
      'too few simulations',
      base(),
      { simulations: 999 },
      '999 simulations is too few: the 95% limits need at least 1,000 draws (OHID uses 100,000)',
    ],
    [
      'fewer than 5 quantiles',
      base().slice(0, 4),
      {},
      'the SII needs between 5 and 100 quantiles (as phe_sii), not 4',
    ],
    [
      'a duplicated quantile',
      [...base(), { quantile: 5, population: 10, value: 1, se: 1 }],
      {},
      'quantile 5 appears more than once',
    ],
  ] as const)('refuses %s', (_, rows, options, reason) => {
    expect(sii(rows, options)).toEqual({ ok: false, reason });
  });

  it('refuses a standard error with a transform, as phe_sii does', () => {
    const r = sii(base(), { transform: 'log' });
    expect(!r.ok && r.reason).toMatch(
      /^quantile 1: a log transform needs the 95% confidence limits/,
    );
  });

  it('refuses percentages given to a logit transform', () => {
    const rows = base().map(({ quantile, population }) => ({
      quantile,
      population,
      value: 20,
      lower: 18,
      upper: 22,
    }));
    const r = sii(rows, { transform: 'logit' });
    expect(!r.ok && r.reason).toMatch(/must be strictly between 0 and 1/);
  });
});
