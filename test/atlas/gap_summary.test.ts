import { describe, expect, it } from 'vitest';
import {
  deprivationFifths,
  FIFTH_NAMES,
  localitySummaries,
} from '../../workers/atlas/gap_summary.ts';

describe('localitySummaries', () => {
  it('weights by population and leaves out areas of neither locality', () => {
    const s = localitySummaries(
      [80, 70, 75, 60],
      [300, 100, 1000, 50],
      [0, 0, 1, -1],
      ['North', 'South'],
    );
    expect(s[0]).toEqual({
      name: 'North',
      mean: (80 * 300 + 70 * 100) / 400,
      population: 400,
      areas: 2,
    });
    expect(s[1]?.mean).toBe(75);
  });

  it('gives no mean when an area of the locality has no value', () => {
    const s = localitySummaries([80, null], [300, 100], [0, 0], ['North']);
    expect(s[0]?.mean).toBeNull();
  });
});

describe('deprivationFifths', () => {
  it('groups areas by fifths of residents, most deprived first, at each area midpoint', () => {
    // Ten areas of 100 residents, scores 10..1: the two most deprived hold the first fifth.
    const scores = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const pop = scores.map(() => 100);
    expect(Array.from(deprivationFifths(scores, pop))).toEqual([
      1, 1, -1, -1, -1, -1, -1, -1, 0, 0,
    ]);
  });

  it('counts people, not areas, and leaves out areas without a score or population', () => {
    // One big deprived area holds 40% of residents: its midpoint (20%) puts it in the first
    // fifth, alone; the area with no score is in neither.
    const g = deprivationFifths([50, 40, 30, 20, null, 10], [400, 100, 100, 200, 100, 200]);
    expect(Array.from(g)).toEqual([0, -1, -1, -1, -1, 1]);
    const h = deprivationFifths([50, 40, 30, 20, 10], [100, 100, 100, 100, 100]);
    expect(Array.from(h)).toEqual([0, -1, -1, -1, 1]);
  });

  it('feeds the population-weighted means of the two fifths', () => {
    const scores = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    const pop = scores.map(() => 100);
    const le = [70, 72, 74, 76, 78, 80, 82, 84, 86, 88];
    const [most, least] = localitySummaries(le, pop, deprivationFifths(scores, pop), FIFTH_NAMES);
    expect(most?.mean).toBe(71);
    expect(least?.mean).toBe(87);
  });
});
