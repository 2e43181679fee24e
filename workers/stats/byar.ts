/**
 * Confidence limits for a count of events taken as Poisson: exact limits from the chi-square
 * distribution for small counts, Byar's approximation otherwise. Crude rates, indirectly
 * standardised ratios and rates and the Dobson limits of a DSR are all built on these.
 *
 * References: Breslow NE, Day NE. Statistical methods in cancer research, vol II. IARC 1987
 * (Byar's method, p. 69); Armitage P, Berry G. Statistical methods in medical research, 4th
 * edn, 2002 (exact limits); PHE Fingertips technical guide "Confidence intervals" (exact below
 * 10 events); PHEindicatormethods `byars_lower`, `byars_upper`, `phe_rate`.
 */
import { qchisq } from './distributions.ts';
import { zFor } from './confidence.ts';

/** Counts below this get exact limits; Byar's approximation is used from here up. */
export const EXACT_BELOW = 10;

/**
 * Byar's lower limit `x (1 - 1/(9x) - z/(3 sqrt x))^3`. Null where it would be negative (very
 * small counts at high confidence), as PHEindicatormethods returns NA there.
 */
export function byarLower(x: number, level: number): number | null {
  const z = zFor(level);
  const lower = x * (1 - 1 / (9 * x) - z / (3 * Math.sqrt(x))) ** 3;
  return lower < 0 || Number.isNaN(lower) ? null : lower;
}

/** Byar's upper limit `(x + 1) (1 - 1/(9(x + 1)) + z/(3 sqrt(x + 1)))^3`. */
export function byarUpper(x: number, level: number): number {
  const z = zFor(level);
  return (x + 1) * (1 - 1 / (9 * (x + 1)) + z / (3 * Math.sqrt(x + 1))) ** 3;
}

/** Exact lower limit `qchisq((1 - level) / 2, 2x) / 2`; 0 for a zero count. */
export function exactPoissonLower(x: number, level: number): number {
  return qchisq((1 - level) / 2, 2 * x) / 2;
}

/** Exact upper limit `qchisq(level + (1 - level) / 2, 2x + 2) / 2`. */
export function exactPoissonUpper(x: number, level: number): number {
  return qchisq(level + (1 - level) / 2, 2 * x + 2) / 2;
}

export type CountMethod = 'Exact' | 'Byars';

/** Limits of a count (events, not a rate). */
export interface CountLimits {
  lower: number | null;
  upper: number;
  method: CountMethod;
}

/**
 * The limits PHE uses for a count of events: exact below 10 events, Byar's from 10 up.
 * @param x observed events, 0 or more.
 * @param level confidence level as a fraction, e.g. 0.95.
 */
export function poissonCountLimits(x: number, level: number): CountLimits {
  if (x < EXACT_BELOW) {
    return {
      lower: exactPoissonLower(x, level),
      upper: exactPoissonUpper(x, level),
      method: 'Exact',
    };
  }
  return { lower: byarLower(x, level), upper: byarUpper(x, level), method: 'Byars' };
}
