/**
 * Indirectly standardised ratios (e.g. the standardised mortality ratio) and rates, as
 * PHEindicatormethods `calculate_ISRatio` and `calculate_ISRate` and the Fingertips technical
 * guide compute them.
 *
 * Expected events E = sum(refCount_i / refPopulation_i x population_i) over the age bands.
 * Ratio = O / E x refValue; rate = O / E x reference rate, where the reference rate is
 * sum(refCount) / sum(refPopulation) x multiplier. The limits are those of the observed count
 * O (exact below 10 events, Byar's from 10; ./byar.ts) divided the same way.
 *
 * Reference: Breslow NE, Day NE. Statistical methods in cancer research, vol II. IARC 1987.
 */
import { poissonCountLimits, type CountMethod } from './byar.ts';
import { confidenceLabels, confidenceLevels, type Interval } from './confidence.ts';
import { multiplierProblem } from './proportion.ts';
import { ok, refuse, type Result } from './result.ts';

export interface IsrInput {
  /**
   * Observed events: one count per age band (summed), or the area's total when events are
   * not known by age (PHEindicatormethods' `observed_totals`).
   */
  observed: number | ArrayLike<number>;
  /** The area's population in each age band (0 or more). */
  populations: ArrayLike<number>;
  /** The reference (standard) population's events and population in the same bands. */
  refCounts: ArrayLike<number>;
  refPopulations: ArrayLike<number>;
}

export interface IsrOptions {
  /** One level or several (0.95, [0.95, 0.998], 99.8, ...); default 0.95. */
  confidence?: number | readonly number[];
}

export interface IsRatioOptions extends IsrOptions {
  /** The ratio of an area like the reference: 1 (default) or 100. */
  refValue?: number;
}

export interface IsRateOptions extends IsrOptions {
  /** Rate per this many (default 100,000). */
  multiplier?: number;
}

export interface IsrResult {
  observed: number;
  expected: number;
  value: number;
  intervals: Interval[];
  confidence: string;
  /** "indirectly standardised ratio x 100" or "indirectly standardised rate per 100000". */
  statistic: string;
  method: CountMethod;
}

export interface IsRateResult extends IsrResult {
  /** Reference rate: sum(refCount) / sum(refPopulation) x multiplier. */
  refRate: number;
}

interface Totals {
  observed: number;
  expected: number;
  refCount: number;
  refPopulation: number;
}

function totals(input: IsrInput): Result<Totals> {
  const { observed, populations, refCounts, refPopulations } = input;
  const bands = populations.length;
  if (refCounts.length !== bands || refPopulations.length !== bands) {
    return refuse(
      `${bands} populations, ${refCounts.length} reference counts and ${refPopulations.length} ` +
        'reference populations: give one of each per age band',
    );
  }
  if (typeof observed !== 'number' && observed.length !== bands) {
    return refuse(`${observed.length} counts for ${bands} age bands: give one per band`);
  }
  let expected = 0;
  let observedSum = typeof observed === 'number' ? observed : 0;
  let refCount = 0;
  let refPopulation = 0;
  for (let i = 0; i < bands; i++) {
    const n = populations[i] as number;
    const xRef = refCounts[i] as number;
    const nRef = refPopulations[i] as number;
    const band = `age band ${i + 1}`;
    if (!(Number.isFinite(n) && n >= 0)) return refuse(`${band} has a population of ${n}`);
    if (!(Number.isFinite(xRef) && xRef >= 0)) {
      return refuse(`${band} has ${xRef} reference events; give 0 or more`);
    }
    if (!(Number.isFinite(nRef) && nRef > 0)) {
      return refuse(`${band} has a reference population of ${nRef}; it must be above 0`);
    }
    if (typeof observed !== 'number') {
      const x = observed[i] as number;
      if (!(Number.isFinite(x) && x >= 0)) return refuse(`${band} has ${x} events; give 0 or more`);
      observedSum += x;
    }
    expected += (xRef / nRef) * n;
    refCount += xRef;
    refPopulation += nRef;
  }
  if (!(Number.isFinite(observedSum) && observedSum >= 0)) {
    return refuse(`${observedSum} observed events; give 0 or more`);
  }
  if (!(expected > 0)) {
    return refuse('no events are expected (the population or the reference rates are all 0)');
  }
  return ok({ observed: observedSum, expected, refCount, refPopulation });
}

/** O / E x scale with the observed count's limits divided the same way. */
function standardised(t: Totals, levels: number[], scale: number, statistic: string): IsrResult {
  const { observed, expected } = t;
  let method: CountMethod = 'Byars';
  const intervals = levels.map((confidence) => {
    const limits = poissonCountLimits(observed, confidence);
    method = limits.method;
    return {
      confidence,
      lower: limits.lower === null ? null : (limits.lower / expected) * scale,
      upper: (limits.upper / expected) * scale,
    };
  });
  return {
    observed,
    expected,
    value: (observed / expected) * scale,
    intervals,
    confidence: confidenceLabels(levels),
    statistic,
    method,
  };
}

/**
 * Indirectly standardised ratio (observed / expected events) with exact or Byar's limits.
 * @returns the ratio x `refValue`, or a refusal naming the band at fault.
 */
export function isRatio(input: IsrInput, options: IsRatioOptions = {}): Result<IsrResult> {
  const levels = confidenceLevels(options.confidence ?? 0.95);
  if (!levels.ok) return levels;
  const refValue = options.refValue ?? 1;
  const bad = multiplierProblem(refValue);
  if (bad) return refuse(bad.replace('multiplier', 'reference value'));
  const t = totals(input);
  if (!t.ok) return t;
  return ok(
    standardised(t.value, levels.value, refValue, `indirectly standardised ratio x ${refValue}`),
  );
}

/**
 * Indirectly standardised rate: the ratio times the reference population's crude rate.
 * @returns the rate per `multiplier`, or a refusal naming the band at fault.
 */
export function isRate(input: IsrInput, options: IsRateOptions = {}): Result<IsRateResult> {
  const levels = confidenceLevels(options.confidence ?? 0.95);
  if (!levels.ok) return levels;
  const multiplier = options.multiplier ?? 100_000;
  const bad = multiplierProblem(multiplier);
  if (bad) return refuse(bad);
  const t = totals(input);
  if (!t.ok) return t;
  const refRate = (t.value.refCount / t.value.refPopulation) * multiplier;
  return ok({
    ...standardised(
      t.value,
      levels.value,
      refRate,
      `indirectly standardised rate per ${multiplier}`,
    ),
    refRate,
  });
}
