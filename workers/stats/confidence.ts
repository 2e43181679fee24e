/**
 * Confidence levels as PHEindicatormethods takes them: 0.95 or 95, one level or several at once
 * (typically 95% and 99.8%, the two Fingertips shows), each between 90% and 99.9%.
 */
import { qnorm } from './distributions.ts';
import { ok, refuse, type Result } from './result.ts';

/** The lowest and highest level accepted, as fractions. */
export const MIN_CONFIDENCE = 0.9;
export const MAX_CONFIDENCE = 0.999;

/** Limits at one confidence level. Null where the statistic is not shown (too few events). */
export interface Interval {
  /** The level as a fraction, e.g. 0.95 or 0.998. */
  confidence: number;
  lower: number | null;
  upper: number | null;
}

/**
 * Validate and normalise confidence levels.
 * @param input one level or several, each as a fraction (0.9 to 0.999) or a percentage
 *   (90 to 99.9), as PHEindicatormethods accepts them.
 * @returns the levels as fractions in the order given, or a refusal saying which is wrong.
 */
export function confidenceLevels(input: number | readonly number[]): Result<number[]> {
  const list = typeof input === 'number' ? [input] : [...input];
  if (list.length === 0) return refuse('no confidence level given');
  const levels: number[] = [];
  for (const raw of list) {
    // Percentages are scaled as R's `confidence[confidence >= 90] / 100`.
    const level = raw >= 90 ? raw / 100 : raw;
    if (!Number.isFinite(level) || level < MIN_CONFIDENCE || level > MAX_CONFIDENCE) {
      return refuse(
        `confidence level ${raw} is not between 90% and 99.9% (give 0.95 or 95, 0.998 or 99.8)`,
      );
    }
    if (levels.includes(level)) return refuse(`confidence level ${raw} is given twice`);
    levels.push(level);
  }
  return ok(levels);
}

/** "95%", "99.8%": a level as Fingertips and PHEindicatormethods label it. */
export function confidenceLabel(level: number): string {
  return `${Number((level * 100).toPrecision(12))}%`;
}

/** "95%, 99.8%": several levels, as PHEindicatormethods' `confidence` column. */
export function confidenceLabels(levels: readonly number[]): string {
  return levels.map(confidenceLabel).join(', ');
}

/**
 * The two-sided normal critical value of a level, `qnorm(confidence + (1 - confidence) / 2)`,
 * written in the same order as PHEindicatormethods so that the results agree to the last bit.
 */
export function zFor(level: number): number {
  return qnorm(level + (1 - level) / 2);
}
