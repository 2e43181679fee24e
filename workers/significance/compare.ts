/**
 * Fingertips' comparison of an area with a benchmark (its authority, its region, England): the
 * area's confidence interval at 95% or 99.8% against the benchmark's value. Above it is
 * "higher", below it "lower", overlapping it "similar"; with a polarity, higher and lower become
 * better and worse. (OHID Fingertips technical guide, "Comparing with a benchmark"; the limits
 * are Wilson's for proportions, workers/stats/proportion.ts, implemented as published as
 * ../shared/METHODS.md's opening asks; METHODS.md has no section on comparisons.)
 */
import { wilsonLimits } from '../stats/proportion.ts';
import type { AreaCount } from './indicator_counts.ts';

export type Polarity = 'higher-is-worse' | 'higher-is-better' | 'neutral';
export type Direction = 'higher' | 'similar' | 'lower';
/** The word shown: better/similar/worse with a polarity, higher/similar/lower without. */
export type Verdict = 'better' | 'similar' | 'worse' | 'higher' | 'lower';

/** The two levels Fingertips offers. */
export const LEVELS = [0.95, 0.998] as const;
export type Level = (typeof LEVELS)[number];

export interface Comparison {
  direction: Direction;
  verdict: Verdict;
  /** A shape that says the same as the colour: ▲ above, ● similar, ▼ below. */
  symbol: '▲' | '●' | '▼';
}

/** The verdict of a direction under a polarity. */
export function verdictOf(direction: Direction, polarity: Polarity): Verdict {
  if (direction === 'similar' || polarity === 'neutral') return direction;
  const higherIsBetter = polarity === 'higher-is-better';
  return (direction === 'higher') === higherIsBetter ? 'better' : 'worse';
}

/**
 * Compares limits with a benchmark value: significantly higher when the lower limit is above
 * it, lower when the upper limit is below it; a limit equal to the benchmark is similar.
 */
export function compareLimits(
  lower: number,
  upper: number,
  benchmark: number,
  polarity: Polarity,
): Comparison {
  const direction: Direction =
    lower > benchmark ? 'higher' : upper < benchmark ? 'lower' : 'similar';
  return {
    direction,
    verdict: verdictOf(direction, polarity),
    symbol: direction === 'higher' ? '▲' : direction === 'lower' ? '▼' : '●',
  };
}

/** A percentage with its Wilson limits at one level. */
export interface LimitedShare {
  value: number;
  lower: number;
  upper: number;
  level: Level;
}

/** The area's percentage and Wilson limits (`wilsonLimits`, PHEindicatormethods `phe_proportion`). */
export function shareWithLimits(count: AreaCount, level: Level): LimitedShare {
  const [lower, upper] = wilsonLimits(count.numerator, count.denominator, level);
  return {
    value: (count.numerator / count.denominator) * 100,
    lower: lower * 100,
    upper: upper * 100,
    level,
  };
}

/** The words of the method, for under the table or chart. */
export function comparisonMethod(level: Level): string {
  const pct = level === 0.95 ? '95%' : '99.8%';
  return `Compared as OHID Fingertips does: the area's ${pct} confidence interval (Wilson score method for a proportion) against the benchmark's value. Interval wholly above it: higher; wholly below: lower; overlapping: similar. Better or worse where the indicator has a direction (higher is worse, or higher is better); higher or lower where it has none. ${level === 0.95 ? 'At 95% about 1 area in 20 differs by chance alone.' : 'At 99.8% (about three standard errors) about 1 area in 500 differs by chance alone.'}`;
}
