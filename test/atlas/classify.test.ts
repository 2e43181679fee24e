import { describe, expect, it } from 'vitest';
import { classify, jenksBreaks, rankWorstFirst } from '../../workers/atlas/classify.ts';

describe('classify', () => {
  it('puts equal counts in quantile classes and -1 for missing', () => {
    const c = classify([1, 2, 3, 4, 5, 6, 7, 8, NaN], 'quantile', 4);
    expect([...c.classes]).toEqual([0, 0, 1, 1, 2, 2, 3, 3, -1]);
    expect(c.k).toBe(4);
  });

  it('splits the range evenly for equal intervals', () => {
    const c = classify([0, 10, 2.5, 7.6], 'equal', 4);
    expect(c.breaks).toEqual([2.5, 5, 7.5]);
    expect([...c.classes]).toEqual([0, 3, 0, 3]);
  });

  it('finds the obvious natural breaks', () => {
    // Three clear clusters.
    expect(jenksBreaks([1, 2, 3, 20, 21, 22, 50, 51, 52], 3)).toEqual([3, 22]);
    const c = classify([52, 1, 21, 2, 50, 3, 20, 22, 51], 'jenks', 3);
    expect([...c.classes]).toEqual([2, 0, 1, 0, 2, 0, 1, 1, 2]);
  });

  it('keeps national deciles as ten fixed classes', () => {
    const c = classify([1, 10, 5], 'decile', 5);
    expect([...c.classes]).toEqual([0, 9, 4]);
    expect(c.k).toBe(10);
  });

  it('does not make empty classes from tied values', () => {
    const c = classify([1, 1, 1, 1, 2], 'quantile', 4);
    expect(c.k).toBeLessThan(4);
  });
});

describe('rankWorstFirst', () => {
  it('ranks 1 = worst by polarity, ties share a rank', () => {
    expect([...rankWorstFirst([10, 30, 20, 30, NaN], true)]).toEqual([4, 1, 3, 1, 0]);
    expect([...rankWorstFirst([10, 30, 20], false)]).toEqual([1, 3, 2]);
  });
});
