import { describe, expect, it } from 'vitest';
import { confidenceLabel, confidenceLevels, zFor } from '../../workers/stats/confidence.ts';
import { qchisq, qnorm, qt } from '../../workers/stats/distributions.ts';
import { Z_975 } from '../../workers/stats/normal.ts';
import { expectRelative } from './phe_tolerance.ts';

// qnorm: the well-known values (Abramowitz & Stegun table 26.5; R prints the same to 16
// digits). qchisq and qt: checked against closed forms that do not use stdlib, the chi-square
// CDF for even degrees of freedom (a Poisson sum) and Student's t with 1 and 2 degrees of
// freedom. The published PHEindicatormethods values in phe_*.test.ts check them further
// (exact Poisson limits use qchisq up to 20 degrees of freedom; means use qt at 7, 17, 25).
describe('quantile functions', () => {
  it.each([
    [0.975, 1.959963984540054],
    [0.999, 3.090232306167813],
    [0.95, 1.6448536269514722],
    [0.0005, -3.2905267314918945],
  ])('qnorm(%s) = %s', (p, expected) => {
    expectRelative(qnorm(p), expected, 1e-15);
  });

  /** P(X <= x) for chi-square with 2k degrees of freedom: 1 - exp(-x/2) sum_{j<k} (x/2)^j / j!. */
  const chisqCdfEven = (x: number, df: number): number => {
    let term = 1;
    let sum = 0;
    for (let j = 0; j < df / 2; j++) {
      if (j > 0) term *= x / 2 / j;
      sum += term;
    }
    return 1 - Math.exp(-x / 2) * sum;
  };

  it.each([
    [0.025, 2],
    [0.975, 20],
    [0.001, 18],
    [0.999, 22],
    [0.0005, 4],
  ])('qchisq(%s, %s) inverts the closed-form CDF', (p, df) => {
    expectRelative(chisqCdfEven(qchisq(p, df), df), p, 1e-12);
  });

  it('qchisq(p, 0) is 0, as R gives for the exact lower limit of a zero count', () => {
    expect(qchisq(0.025, 0)).toBe(0);
  });

  it.each([0.025, 0.001, 0.9, 0.5005])('qt(%s, 1) and qt(%s, 2) match their closed forms', (p) => {
    expectRelative(qt(p, 1), Math.tan(Math.PI * (p - 0.5)), 1e-13);
    expectRelative(qt(p, 2), (2 * p - 1) / Math.sqrt(2 * p * (1 - p)), 1e-13);
  });

  it('zFor(0.95) is the Z_975 constant the SII has always used', () => {
    expectRelative(zFor(0.95), Z_975, 1e-15);
  });
});

describe('confidenceLevels', () => {
  it('takes fractions and percentages, one or several', () => {
    expect(confidenceLevels(0.95)).toEqual({ ok: true, value: [0.95] });
    expect(confidenceLevels(99.8)).toEqual({ ok: true, value: [0.998] });
    expect(confidenceLevels([95, 0.998])).toEqual({ ok: true, value: [0.95, 0.998] });
    expect(confidenceLevels([0.9, 0.999])).toEqual({ ok: true, value: [0.9, 0.999] });
  });

  it.each([0.8, 50, 100, 1, 99.95, Number.NaN])('refuses %s', (level) => {
    const r = confidenceLevels(level);
    expect(!r.ok && r.reason).toMatch(/is not between 90% and 99.9%/);
  });

  it('refuses a level given twice and an empty list', () => {
    expect(confidenceLevels([95, 0.95]).ok).toBe(false);
    expect(confidenceLevels([]).ok).toBe(false);
  });

  it('labels levels as PHEindicatormethods does', () => {
    expect([0.95, 0.998, 0.9, 0.99].map(confidenceLabel)).toEqual(['95%', '99.8%', '90%', '99%']);
  });
});
