import { describe, expect, it } from 'vitest';
import { localitySummaries } from '../../workers/atlas/gap_summary.ts';

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
