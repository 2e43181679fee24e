import { describe, expect, it } from 'vitest';
import { assignQuantiles, summariseByQuantile } from '../../workers/stats/quantiles.ts';
import { groupBy, num, readFixture } from './read_fixture.ts';

describe('assignQuantiles against the PHE deprivation-category tool', () => {
  // PHEindicatormethods fd_quantiles.csv: under-75 cancer mortality (indicator 40501, female),
  // within-region deciles as output by PHE's tool, highest rate = decile 1 (the same direction
  // as highest IMD score = most deprived).
  const regions = groupBy(readFixture('phe_tool_deciles_40501_female.csv'), 'parent_code');

  for (const [region, rows] of regions) {
    if (rows.length < 10) continue;
    it(`reproduces the tool's deciles for ${region} (${rows.length} areas)`, () => {
      const result = assignQuantiles(
        rows.map((r) => num(r, 'value')),
        10,
      );
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(Array.from(result.value)).toEqual(rows.map((r) => num(r, 'tool_decile')));
    });
  }

  it('refuses the East Midlands (9 areas for 10 deciles), as phe_quantile does', () => {
    const rows = regions.get('E12000004') ?? [];
    expect(rows).toHaveLength(9);
    const result = assignQuantiles(
      rows.map((r) => num(r, 'value')),
      10,
    );
    expect(result).toEqual({
      ok: false,
      reason: 'only 9 areas for 10 quantiles: each quantile needs at least one area',
    });
  });
});

describe('assignQuantiles rules', () => {
  it('puts the highest score in quantile 1 (most deprived) and the lowest in quantile q', () => {
    const result = assignQuantiles([10, 50, 20, 40, 30], 5);
    expect(result.ok && Array.from(result.value)).toEqual([5, 1, 4, 2, 3]);
  });

  it('gives tied scores the minimum rank, so they share the more deprived quantile', () => {
    // Ranks (highest first, ties min) 1, 2, 2, 4, 5, 6; N = 6, q = 3, N/q = 2;
    // floor(4 - ceil((7 - rank) / 2)) = 1, 1, 1, 2, 3, 3. Rank 3 would have given 2.
    const result = assignQuantiles([60, 50, 50, 30, 20, 10], 3);
    expect(result.ok && Array.from(result.value)).toEqual([1, 1, 1, 2, 3, 3]);
  });

  it('refuses a missing score rather than ranking it', () => {
    const result = assignQuantiles([1, Number.NaN, 3], 2);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/area 2 has no IMD score/);
  });
});

describe('summariseByQuantile', () => {
  it('sums populations and takes population-weighted mean values per quantile', () => {
    const result = summariseByQuantile(
      [1, 2, 1, 2, 3],
      [100, 300, 300, 100, 50],
      [10, 2, 20, 6, 7],
      3,
    );
    expect(result).toEqual({
      ok: true,
      value: [
        { quantile: 1, population: 400, value: (100 * 10 + 300 * 20) / 400 },
        { quantile: 2, population: 400, value: (300 * 2 + 100 * 6) / 400 },
        { quantile: 3, population: 50, value: 7 },
      ],
    });
  });

  it('refuses when a quantile has no population, naming it', () => {
    const result = summariseByQuantile([1, 1, 3], [10, 10, 10], [1, 2, 3], 3);
    expect(result).toEqual({
      ok: false,
      reason: 'quantile 2 has no population, so it has no value',
    });
  });
});
