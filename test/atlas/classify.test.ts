import { describe, expect, it } from 'vitest';
import { classify, naturalBreaks, rankWorstFirst } from '../../workers/atlas/classify.ts';

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
    expect(naturalBreaks([1, 2, 3, 20, 21, 22, 50, 51, 52], 3)).toEqual([3, 22]);
    const c = classify([52, 1, 21, 2, 50, 3, 20, 22, 51], 'jenks', 3);
    expect([...c.classes]).toEqual([2, 0, 1, 0, 2, 0, 1, 1, 2]);
  });

  it("reproduces PySAL's published Fisher-Jenks breaks on its California example", () => {
    // Employment density of California's 58 counties: mapclassify's `load_example()`
    // (calempdensity.csv); its FisherJenks docstring gives bins 75.29, 192.05, 370.5, 722.85,
    // 4111.45 with counts 49, 3, 4, 1, 1 for k = 5.
    const c = classify(CALEMP, 'jenks', 5);
    expect(c.breaks).toEqual([75.29, 192.05, 370.5, 722.85]);
    expect(c.max).toBe(4111.45);
    const counts = [0, 0, 0, 0, 0];
    for (const k of c.classes) counts[k] = (counts[k] ?? 0) + 1;
    expect(counts).toEqual([49, 3, 4, 1, 1]);
  });

  it('gives no empty natural-breaks class when there are fewer distinct values than classes', () => {
    const c = classify([1, 1, 1, 1, 2, 2], 'jenks', 4);
    expect(c.breaks).toEqual([1]);
    expect([...c.classes]).toEqual([0, 0, 0, 0, 1, 1]);
    expect(naturalBreaks([1, 2, 3], 5)).toEqual([1, 2]);
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

const CALEMP = [
  329.92, 0.42, 5.9, 14.03, 2.78, 1.34, 181.27, 1.65, 10.03, 16.7, 1.32, 3.99, 3.16, 0.22, 8.7,
  6.56, 3.27, 0.33, 370.5, 4.51, 75.29, 0.99, 2.74, 8.68, 0.14, 0.92, 12.63, 28.7, 12.02, 722.85,
  36.68, 0.74, 29.82, 192.05, 3.38, 11.15, 110.74, 4111.45, 49.47, 10.33, 317.11, 20.47, 264.93,
  66.26, 5.39, 0.13, 0.61, 50.65, 40.48, 36.67, 13.09, 1.81, 0.2, 7.6, 2.51, 57.26, 24.32, 6.97,
];
