/**
 * A proportion with Wilson score confidence limits, as PHEindicatormethods `phe_proportion`
 * and the Fingertips technical guide compute it.
 *
 * References: Wilson EB. Probable inference, the law of succession, and statistical
 * inference. J Am Stat Assoc 1927;22:209-212. Newcombe RG, Altman DG. Proportions and their
 * differences. In Altman DG et al. (eds) Statistics with confidence, 2nd edn. BMJ Books 2000,
 * pp. 46-48.
 */
import { confidenceLabels, confidenceLevels, zFor, type Interval } from './confidence.ts';
import { ok, refuse, type Result } from './result.ts';

export interface ProportionOptions {
  /** One level or several (0.95, [0.95, 0.998], 99.8, ...); default 0.95. */
  confidence?: number | readonly number[];
  /** Scale of the result: 1 for a proportion (default), 100 for a percentage. */
  multiplier?: number;
}

export interface ProportionResult {
  numerator: number;
  denominator: number;
  /** numerator / denominator x multiplier. */
  value: number;
  /** Wilson score limits at each requested level, in the value's units. */
  intervals: Interval[];
  /** "95%, 99.8%". */
  confidence: string;
  /** "percentage" or "proportion of <multiplier>". */
  statistic: string;
  method: 'Wilson';
}

/**
 * Wilson score limits of x events in n, as fractions:
 * `(2x + z^2 -/+ z sqrt(z^2 + 4x(1 - x/n))) / 2 / (n + z^2)`.
 */
export function wilsonLimits(x: number, n: number, level: number): [number, number] {
  const z = zFor(level);
  const spread = z * Math.sqrt(z * z + 4 * x * (1 - x / n));
  return [(2 * x + z * z - spread) / 2 / (n + z * z), (2 * x + z * z + spread) / 2 / (n + z * z)];
}

/** Why a multiplier cannot be used, or null. Shared by the statistics that take one. */
export function multiplierProblem(multiplier: number): string | null {
  return Number.isFinite(multiplier) && multiplier > 0
    ? null
    : `the multiplier must be a number above 0, not ${multiplier}`;
}

/**
 * Proportion of `numerator` in `denominator` with Wilson score limits.
 * @param numerator cases meeting the condition, 0 or more (need not be whole).
 * @param denominator cases in the sample, above 0 and at least the numerator.
 * @returns the proportion, or a refusal (negative numerator, denominator 0 or less, numerator
 *   above denominator, a confidence level outside 90% to 99.9%).
 */
export function proportion(
  numerator: number,
  denominator: number,
  options: ProportionOptions = {},
): Result<ProportionResult> {
  const levels = confidenceLevels(options.confidence ?? 0.95);
  if (!levels.ok) return levels;
  const multiplier = options.multiplier ?? 1;
  const badMultiplier = multiplierProblem(multiplier);
  if (badMultiplier) return refuse(badMultiplier);
  if (!(Number.isFinite(numerator) && numerator >= 0)) {
    return refuse(`the numerator ${numerator} must be 0 or more`);
  }
  if (!(Number.isFinite(denominator) && denominator > 0)) {
    return refuse(`the denominator ${denominator} must be above 0`);
  }
  if (numerator > denominator) {
    return refuse(
      `the numerator ${numerator} is more than the denominator ${denominator}: not a proportion`,
    );
  }
  return ok({
    numerator,
    denominator,
    value: (numerator / denominator) * multiplier,
    intervals: levels.value.map((confidence) => {
      const [lower, upper] = wilsonLimits(numerator, denominator, confidence);
      return { confidence, lower: lower * multiplier, upper: upper * multiplier };
    }),
    confidence: confidenceLabels(levels.value),
    statistic: multiplier === 100 ? 'percentage' : `proportion of ${multiplier}`,
    method: 'Wilson',
  });
}
