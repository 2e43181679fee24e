import { describe, expect, it } from 'vitest';
import {
  assignByLookup,
  ratioBy,
  shareWhereBy,
  sumBy,
  weightedMeanBy,
} from '../../workers/rollup/aggregate.ts';
import { carryAcrossVintages } from '../../workers/rollup/vintage_convert.ts';

// Four LSOAs in two wards: A = {l1, l2}, B = {l3, l4}.
const lsoas = ['l1', 'l2', 'l3', 'l4'];
const { assignment } = assignByLookup(
  lsoas,
  new Map([
    ['l1', 'A'],
    ['l2', 'A'],
    ['l3', 'B'],
    ['l4', 'B'],
  ]),
  ['A', 'B'],
);
const f = (...v: number[]) => Float64Array.from(v);

describe('roll-ups (METHODS.md section 4)', () => {
  it('adds counts', () => {
    expect([...sumBy(f(100, 200, 300, 400), assignment)]).toEqual([300, 700]);
  });

  it('weights scores by population (not a plain mean)', () => {
    // A: (10*100 + 40*300) / 400 = 32.5; a plain mean would be 25.
    const out = weightedMeanBy(f(10, 40, 5, 5), f(100, 300, 50, 50), assignment);
    expect(out[0]).toBeCloseTo(32.5, 12);
    expect(out[1]).toBeCloseTo(5, 12);
  });

  it('recomputes rates from summed numerators and denominators', () => {
    // A: (1 + 9) / (10 + 90) = 10%; averaging the rates (10% and 10%) agrees only by chance,
    // B: (5 + 1) / (10 + 90) = 6%, while the mean of 50% and 1.1% would be 25.6%.
    const out = ratioBy(f(1, 9, 5, 1), f(10, 90, 10, 90), assignment, 100);
    expect(out[0]).toBeCloseTo(10, 12);
    expect(out[1]).toBeCloseTo(6, 12);
  });

  it('gives the share of population in flagged (Core20) areas', () => {
    const out = shareWhereBy(f(1, 0, 0, 0), f(100, 300, 50, 50), assignment);
    expect([...out]).toEqual([25, 0]);
  });

  it('gives no value to a group with a missing member or no members', () => {
    const { assignment: a3 } = assignByLookup(
      lsoas,
      new Map([
        ['l1', 'A'],
        ['l2', 'A'],
        ['l3', 'B'],
        ['l4', 'B'],
      ]),
      ['A', 'B', 'C'],
    );
    const out = sumBy(f(1, NaN, 3, 4), a3);
    expect(Number.isNaN(out[0])).toBe(true);
    expect(out[1]).toBe(7);
    expect(Number.isNaN(out[2])).toBe(true);
  });

  it('lists LSOAs the lookup does not place', () => {
    const r = assignByLookup(['l1', 'l9'], new Map([['l1', 'A']]), ['A']);
    expect(r.unassigned).toEqual(['l9']);
  });
});

describe('carrying LSOA 2011 values onto 2021 LSOAs', () => {
  // 2011 p0 splits into 2021 c0 (60% of its area) and c1 (40%); p1 and p2 merge into c2.
  const links = [
    { from: 0, to: 0, share: 0.6 },
    { from: 0, to: 1, share: 0.4 },
    { from: 1, to: 2, share: 1 },
    { from: 2, to: 2, share: 1 },
  ];
  const weights = f(1000, 100, 300);

  it('splits counts by area share', () => {
    expect([...carryAcrossVintages(f(1000, 100, 300), 'count', links, 3, weights)]).toEqual([
      600, 400, 400,
    ]);
  });

  it('carries scores, weighting merged parents by population', () => {
    const out = carryAcrossVintages(f(50, 10, 30), 'value', links, 3, weights);
    expect(out[0]).toBe(50);
    expect(out[1]).toBe(50);
    expect(out[2]).toBeCloseTo((10 * 100 + 30 * 300) / 400, 12);
  });

  it('takes ranks and deciles from the parent contributing most population', () => {
    expect([...carryAcrossVintages(f(1, 7, 3), 'category', links, 3, weights)]).toEqual([1, 1, 3]);
  });
});
