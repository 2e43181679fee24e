/**
 * A crude rate (events per population) with exact Poisson limits below 10 events and Byar's
 * limits from 10 up, as PHEindicatormethods `phe_rate` and the Fingertips technical guide.
 * References are in ./byar.ts.
 */
import { poissonCountLimits, type CountMethod } from './byar.ts';
import { confidenceLabels, confidenceLevels, type Interval } from './confidence.ts';
import { multiplierProblem } from './proportion.ts';
import { ok, refuse, type Result } from './result.ts';

export interface CrudeRateOptions {
  /** One level or several (0.95, [0.95, 0.998], 99.8, ...); default 0.95. */
  confidence?: number | readonly number[];
  /** Rate per this many (default 100,000). */
  multiplier?: number;
}

export interface CrudeRateResult {
  numerator: number;
  denominator: number;
  /** numerator / denominator x multiplier. */
  value: number;
  intervals: Interval[];
  confidence: string;
  /** "rate per 100000". */
  statistic: string;
  /** 'Exact' below 10 events, 'Byars' from 10. */
  method: CountMethod;
}

/** Rate per `multiplier` of `count` events in `population` person-years. */
export function crudeRate(
  count: number,
  population: number,
  options: CrudeRateOptions = {},
): Result<CrudeRateResult> {
  const levels = confidenceLevels(options.confidence ?? 0.95);
  if (!levels.ok) return levels;
  const multiplier = options.multiplier ?? 100_000;
  const badMultiplier = multiplierProblem(multiplier);
  if (badMultiplier) return refuse(badMultiplier);
  if (!(Number.isFinite(count) && count >= 0)) {
    return refuse(`the count of events ${count} must be 0 or more`);
  }
  if (!(Number.isFinite(population) && population > 0)) {
    return refuse(`the population ${population} must be above 0`);
  }
  let method: CountMethod = 'Byars';
  const intervals = levels.value.map((confidence) => {
    const limits = poissonCountLimits(count, confidence);
    method = limits.method;
    return {
      confidence,
      lower: limits.lower === null ? null : (limits.lower / population) * multiplier,
      upper: (limits.upper / population) * multiplier,
    };
  });
  return ok({
    numerator: count,
    denominator: population,
    value: (count / population) * multiplier,
    intervals,
    confidence: confidenceLabels(levels.value),
    statistic: `rate per ${multiplier}`,
    method,
  });
}
