/**
 * Each area's place on a funnel plot: its value, the 95% and 99.8% control limits at its own
 * denominator around a target, and its band (above or below the 99.8% or 95% limits, or
 * within), as PHEindicatormethods `assign_funnel_significance` assigns them. The one definition
 * the `funnel` CLI command and the atlas's funnel section both use.
 *
 * - Proportion: the area's numerator / denominator against PHE's "sigma adjustment" limits at
 *   its denominator (`proportionFunnelLimit`, funnel.ts: the value whose Wilson interval just
 *   reaches the target; Spiegelhalter, Stat Med 2005;24:1185-1202).
 * - Rate (crude, events over person-years): the target per person-year against the area's
 *   exact (under 10 events) or Byar limits of its count over its denominator, as the package's
 *   `funnel_ratio_significance` does (byar.ts). The limits reported at the denominator are that
 *   test turned round (the rate at which the verdict changes, found by bisection on the
 *   count), so a rate outside them is one the test calls significant.
 *
 * The default target is the pooled value: sum of numerators over sum of denominators (counts and
 * denominators add up, rates are never averaged: ../shared/METHODS.md section 4).
 * PHE's labels: "High (0.001)" above 99.8%, "High (0.025)" above 95%, "Low ..." likewise below.
 */
import { poissonCountLimits } from './byar.ts';
import { proportionFunnel, type FunnelPoint } from './funnel.ts';
import { ok, refuse, type Result } from './result.ts';

export type FunnelStatistic = 'proportion' | 'rate';

/** Where an area sits against the funnel. */
export type FunnelBand = 'above998' | 'above95' | 'within' | 'below95' | 'below998';

/** The bands from highest to lowest, for tables and keys. */
export const FUNNEL_BANDS: readonly FunnelBand[] = [
  'above998',
  'above95',
  'within',
  'below95',
  'below998',
];

/** Words for a band, as the screen and the CLI print them. */
export const FUNNEL_BAND_WORDS: Readonly<Record<FunnelBand, string>> = {
  above998: 'above the 99.8% limit',
  above95: 'above the 95% limit (within 99.8%)',
  within: 'within the 95% limits',
  below95: 'below the 95% limit (within 99.8%)',
  below998: 'below the 99.8% limit',
};

/** PHEindicatormethods' significance label of a band. */
export const PHE_SIGNIFICANCE: Readonly<Record<FunnelBand, string>> = {
  above998: 'High (0.001)',
  above95: 'High (0.025)',
  within: 'Not significant',
  below95: 'Low (0.025)',
  below998: 'Low (0.001)',
};

export interface FunnelCount {
  numerator: number;
  denominator: number;
}

export interface FunnelOptions {
  statistic: FunnelStatistic;
  /** Values and limits are per this (100 for a percentage, 100,000 for a rate per 100,000). */
  multiplier: number;
  /** Target in the value's units (after the multiplier); null: the pooled value. */
  target: number | null;
}

export interface FunnelVerdict {
  /** numerator / denominator x multiplier. */
  value: number;
  /** 95% and 99.8% limits at the area's denominator, and the target, in the value's units. */
  limits: FunnelPoint;
  band: FunnelBand;
}

/** Why a count cannot go on a funnel of this statistic, or null. */
export function funnelCountProblem(c: FunnelCount, statistic: FunnelStatistic): string | null {
  if (!Number.isFinite(c.numerator) || c.numerator < 0) return 'the numerator must be 0 or more';
  if (!Number.isFinite(c.denominator) || c.denominator <= 0)
    return 'the denominator must be above 0';
  if (statistic === 'proportion' && c.numerator > c.denominator)
    return 'for a proportion the numerator must not exceed the denominator';
  return null;
}

/** Sum of numerators over sum of denominators, per unit (not multiplied). */
export function pooledValue(counts: readonly FunnelCount[]): number {
  let n = 0;
  let d = 0;
  for (const c of counts) {
    n += c.numerator;
    d += c.denominator;
  }
  return n / d;
}

/** The band of a value against limits (strictly outside: a value on a limit is within). */
export function bandOf(value: number, f: FunnelPoint): FunnelBand {
  if (value > f.upper998) return 'above998';
  if (value > f.upper95) return 'above95';
  if (value < f.lower998) return 'below998';
  if (value < f.lower95) return 'below95';
  return 'within';
}

/** Lower (exact or Byar) limit of a count; a count whose limit would be negative has 0. */
const countLower = (x: number, level: number): number =>
  x === 0 ? 0 : (poissonCountLimits(x, level).lower ?? 0);
const countUpper = (x: number, level: number): number => poissonCountLimits(x, level).upper;

/** The count x in [lo, hi] where increasing f(x) reaches y, by bisection (to 1e-10 relative). */
function solve(f: (x: number) => number, y: number, lo: number, hi: number): number {
  for (let i = 0; i < 200 && hi - lo > 1e-10 * Math.max(1, hi); i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) < y) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Rate limits at `n` person-years: the rates at which the area's count limits just reach the
 * expected count n x target. Below the lower limit the count's upper limit is under the
 * expected count; above the upper limit its lower limit is over it.
 */
function rateLimits(n: number, target: number, multiplier: number): FunnelPoint {
  const expected = n * target;
  const upper = (level: number): number => {
    let hi = expected + 10 * Math.sqrt(expected) + 20;
    while (countLower(hi, level) < expected) hi *= 2;
    return solve((x) => countLower(x, level), expected, expected, hi);
  };
  const lower = (level: number): number =>
    countUpper(0, level) >= expected
      ? 0
      : solve((x) => countUpper(x, level), expected, 0, expected);
  const rate = (count: number): number => (count / n) * multiplier;
  return {
    lower95: rate(lower(0.95)),
    upper95: rate(upper(0.95)),
    lower998: rate(lower(0.998)),
    upper998: rate(upper(0.998)),
    target: target * multiplier,
  };
}

/**
 * A rate's band as PHEindicatormethods `assign_funnel_significance` finds it: the target per
 * person-year against the count's limits divided by the denominator, 99.8% before 95%.
 */
function rateBand(c: FunnelCount, target: number): FunnelBand {
  const { numerator: x, denominator: n } = c;
  if (target < countLower(x, 0.998) / n) return 'above998';
  if (target < countLower(x, 0.95) / n) return 'above95';
  if (target > countUpper(x, 0.998) / n) return 'below998';
  if (target > countUpper(x, 0.95) / n) return 'below95';
  return 'within';
}

/** One area against a target given per unit (a proportion 0..1, or a rate per person-year). */
export function funnelVerdict(
  c: FunnelCount,
  targetPerUnit: number,
  statistic: FunnelStatistic,
  multiplier: number,
): FunnelVerdict {
  const value = (c.numerator / c.denominator) * multiplier;
  if (statistic === 'proportion') {
    const limits = proportionFunnel(c.denominator, targetPerUnit, multiplier);
    // PHE compares the proportion itself with the limits (multiplier 1); the same order holds.
    const unit = proportionFunnel(c.denominator, targetPerUnit, 1);
    return { value, limits, band: bandOf(c.numerator / c.denominator, unit) };
  }
  return {
    value,
    limits: rateLimits(c.denominator, targetPerUnit, multiplier),
    band: rateBand(c, targetPerUnit),
  };
}

export interface FunnelClassification {
  /** Target in the value's units, and where it came from. */
  target: number;
  pooled: boolean;
  verdicts: FunnelVerdict[];
}

/**
 * Every area's verdict against one target (the given one, or the pooled value of all areas).
 * Refused when an area's count is not usable or the target is out of range.
 */
export function classifyFunnel(
  counts: readonly FunnelCount[],
  options: FunnelOptions,
): Result<FunnelClassification> {
  const { statistic, multiplier } = options;
  if (!(Number.isFinite(multiplier) && multiplier > 0))
    return refuse(`the multiplier must be above 0, not ${multiplier}`);
  if (counts.length === 0) return refuse('there are no areas');
  for (const [i, c] of counts.entries()) {
    const problem = funnelCountProblem(c, statistic);
    if (problem) return refuse(`area ${i + 1}: ${problem}`);
  }
  const perUnit = options.target === null ? pooledValue(counts) : options.target / multiplier;
  if (statistic === 'proportion' && !(perUnit > 0 && perUnit < 1))
    return refuse(
      `the target must lie strictly between 0 and ${multiplier} for a proportion, not ${perUnit * multiplier}`,
    );
  if (statistic === 'rate' && !(perUnit > 0))
    return refuse(`the target must be above 0 for a rate, not ${perUnit * multiplier}`);
  return ok({
    target: perUnit * multiplier,
    pooled: options.target === null,
    verdicts: counts.map((c) => funnelVerdict(c, perUnit, statistic, multiplier)),
  });
}
