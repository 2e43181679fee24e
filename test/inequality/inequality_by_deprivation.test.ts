// The inequality panel's pipeline: deprivation groups -> weighted group values with
// between-area standard errors -> SII. Small cases worked by hand in the comments.
import { describe, expect, it } from 'vitest';
import {
  deprivationGroups,
  groupValues,
  type GroupValue,
} from '../../workers/inequality/deprivation_groups.ts';
import {
  groupingDescription,
  inequalityByDeprivation,
  orient,
} from '../../workers/inequality/inequality_by_deprivation.ts';
import { sii } from '../../workers/stats/sii.ts';
import type { Result } from '../../workers/stats/result.ts';

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

// Ten areas, two per quintile once ranked by score (50 most deprived ... 5 least).
const scores = Float64Array.from([50, 45, 40, 35, 30, 25, 20, 15, 10, 5]);
const populations = Float64Array.from([100, 300, 200, 200, 100, 100, 50, 150, 400, 100]);
const values = Float64Array.from([10, 20, 8, 12, 6, 6, 4, 8, 2, 7]);

/*
 * By hand, SE^2 = n/(n-1) * sum((w/W)^2 (y - mean)^2) with n = 2:
 *   q1: W 400, mean (1000 + 6000)/400 = 17.5; (1/16)(56.25) + (9/16)(6.25) = 7.03125; x2 -> SE 3.75
 *   q2: W 400, mean 10;   (1/4)(4) + (1/4)(4) = 2;     x2 -> SE 2
 *   q3: W 200, mean 6;    no spread                     -> SE 0
 *   q4: W 200, mean 7;    (1/16)(9) + (9/16)(1) = 1.125; x2 -> SE 1.5
 *   q5: W 500, mean 3;    (16/25)(1) + (1/25)(16) = 1.28; x2 -> SE 1.6
 */
const HAND: GroupValue[] = [
  { quantile: 1, areas: 2, population: 400, value: 17.5, se: 3.75 },
  { quantile: 2, areas: 2, population: 400, value: 10, se: 2 },
  { quantile: 3, areas: 2, population: 200, value: 6, se: 0 },
  { quantile: 4, areas: 2, population: 200, value: 7, se: 1.5 },
  { quantile: 5, areas: 2, population: 500, value: 3, se: 1.6 },
];

describe('deprivation groups', () => {
  it('puts areas in local quintiles by score, 1 = most deprived', () => {
    expect(Array.from(value(deprivationGroups(scores, 'local', 5)))).toEqual([
      1, 1, 2, 2, 3, 3, 4, 4, 5, 5,
    ]);
  });

  it('leaves areas without a score in no group and ranks the rest', () => {
    const withGap = Float64Array.from([50, NaN, 45, 40, 35, 30, 25, 20, 15, 10, 5]);
    const g = Array.from(value(deprivationGroups(withGap, 'local', 5)));
    expect(g[1]).toBe(0);
    expect(g.filter((x) => x === 1)).toHaveLength(2);
  });

  it('pairs national deciles into quintiles and keeps them as deciles', () => {
    const deciles = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, NaN]);
    expect(Array.from(value(deprivationGroups(deciles, 'national', 5)))).toEqual([
      1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 0,
    ]);
    expect(Array.from(value(deprivationGroups(deciles, 'national', 10)))).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0,
    ]);
  });

  it('refuses too few areas and a decile outside 1..10', () => {
    const few = deprivationGroups(Float64Array.from([3, 2, 1]), 'local', 5);
    expect(few).toEqual({ ok: false, reason: expect.stringContaining('only 3 areas for 5') });
    const bad = deprivationGroups(Float64Array.from([11]), 'national', 10);
    expect(bad).toEqual({ ok: false, reason: expect.stringContaining('national decile 11') });
  });
});

describe('group values with between-area standard errors', () => {
  it('matches the hand-worked case', () => {
    const groups = value(deprivationGroups(scores, 'local', 5));
    const got = value(groupValues(groups, populations, values, 5));
    got.forEach((g, i) => {
      const want = HAND[i];
      expect(g.quantile).toBe(want?.quantile);
      expect(g.areas).toBe(want?.areas);
      expect(g.population).toBe(want?.population);
      expect(g.value).toBeCloseTo(want?.value ?? NaN, 12);
      expect(g.se).toBeCloseTo(want?.se ?? NaN, 12);
    });
  });

  it('leaves out areas with no value, and refuses a group left with one area', () => {
    const groups = value(deprivationGroups(scores, 'local', 5));
    const gap = Float64Array.from(values);
    gap[3] = NaN;
    expect(groupValues(groups, populations, gap, 5)).toEqual({
      ok: false,
      reason: expect.stringContaining('quintile 2 has only one area with a value'),
    });
    gap[2] = NaN;
    expect(groupValues(groups, populations, gap, 5)).toEqual({
      ok: false,
      reason: 'quintile 2 has no area with a value and a population',
    });
  });
});

describe('the quantile -> SII pipeline', () => {
  const input = {
    values,
    populations,
    deprivation: scores,
    grouping: 'local' as const,
    quantiles: 5 as const,
    simulations: 10_000,
    seed: 7,
  };

  it('fits the SII to the hand-worked group values with their standard errors', () => {
    const out = value(inequalityByDeprivation(input));
    const direct = value(
      sii(
        HAND.map((g) => ({ ...g })),
        { simulations: 10_000, seed: 7, quantiles: 5 },
      ),
    );
    expect(out.sii.sii.value).toBeCloseTo(direct.sii.value, 10);
    expect(out.sii.sii.lower95).toBeCloseTo(direct.sii.lower95, 10);
    expect(out.sii.rii.value).toBeCloseTo(direct.rii.value, 10);
    // Least minus most deprived group (3 - 17.5).
    expect(out.sii.range.value).toBeCloseTo(-14.5, 12);
    expect(out.areasUsed).toBe(10);
    expect(out.leftOut).toBe(0);
    expect(out.groups[0]?.lower95).toBeCloseTo(17.5 - 1.959963984540054 * 3.75, 10);
  });

  it('is the weighted least-squares slope worked by hand', () => {
    // Shares a = [4, 4, 2, 2, 5]/17; midpoints b = [2, 6, 9, 11, 14.5]/17.
    const a = [4, 4, 2, 2, 5].map((x) => x / 17);
    const b = [2, 6, 9, 11, 14.5].map((x) => x / 17);
    const y = [17.5, 10, 6, 7, 3];
    const mb = a.reduce((s, ai, i) => s + ai * (b[i] ?? 0), 0);
    const my = a.reduce((s, ai, i) => s + ai * (y[i] ?? 0), 0);
    const sxy = a.reduce((s, ai, i) => s + ai * ((b[i] ?? 0) - mb) * ((y[i] ?? 0) - my), 0);
    const sxx = a.reduce((s, ai, i) => s + ai * ((b[i] ?? 0) - mb) ** 2, 0);
    const out = value(inequalityByDeprivation(input));
    expect(out.sii.sii.value).toBeCloseTo(sxy / sxx, 10);
    expect(out.sii.sii.value).toBeLessThan(0);
    expect(out.sii.intercept).toBeCloseTo(my - (sxy / sxx) * mb, 10);
  });

  it('gives the same limits for the same seed, and refuses a missing group', () => {
    const one = value(inequalityByDeprivation(input));
    const two = value(inequalityByDeprivation(input));
    expect(two.sii.sii).toEqual(one.sii.sii);
    const national = inequalityByDeprivation({
      ...input,
      grouping: 'national',
      deprivation: Float64Array.from([1, 1, 2, 2, 3, 3, 4, 4, 9, 9]),
    });
    expect(national).toEqual({
      ok: false,
      reason: 'quintile 3 has no area with a value and a population',
    });
  });
});

describe('orienting the SII for display', () => {
  const estimate = { value: -12, lower95: -15, upper95: -9 };
  it('turns the sign for higher-is-worse indicators, limits swapped', () => {
    const o = orient(estimate, 'higher-is-worse');
    expect([o.value, o.lower95, o.upper95]).toEqual([12, 9, 15]);
    expect(o.meaning).toContain('worse');
  });
  it('keeps the METHODS.md sign otherwise', () => {
    expect(orient(estimate, 'higher-is-better').value).toBe(-12);
    expect(orient(estimate, 'neutral').value).toBe(-12);
  });
  it('names the grouping and which end is most deprived', () => {
    expect(groupingDescription('local', 10, 'IMD 2019', 'Sefton')).toMatch(
      /local deciles of the IMD 2019 score within Sefton.*decile 1 = most deprived/,
    );
    expect(groupingDescription('national', 5, 'IMD 2025', 'Sefton')).toContain(
      'quintile 1 = national deciles 1 and 2',
    );
  });
});

describe('the inequality worker', () => {
  it('answers as the pure function and refuses malformed input', async () => {
    const { createInequalityWorker } =
      await import('../../workers/inequality/inequality.worker.ts');
    const worker = createInequalityWorker();
    const input = {
      values,
      populations,
      deprivation: scores,
      grouping: 'local' as const,
      quantiles: 5 as const,
      simulations: 1000,
      seed: 2,
    };
    expect(await worker.inequality(input)).toEqual(inequalityByDeprivation(input));
    await expect(worker.inequality({ ...input, simulations: 10 })).rejects.toThrow(/Invalid input/);
    await expect(worker.inequality({ ...input, populations: new Float64Array(3) })).rejects.toThrow(
      /one entry per area/,
    );
  });
});
