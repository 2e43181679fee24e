/**
 * A mean with Student's t confidence limits, as PHEindicatormethods `phe_mean`:
 * mean -/+ |qt((1 - level) / 2, n - 1)| x sd / sqrt(n), with the sample standard deviation
 * (n - 1 denominator).
 *
 * Reference: Armitage P, Berry G, Matthews JNS. Statistical methods in medical research,
 * 4th edn. Blackwell 2002.
 */
import { confidenceLabels, confidenceLevels, type Interval } from './confidence.ts';
import { qt } from './distributions.ts';
import { ok, refuse, type Result } from './result.ts';

export interface MeanOptions {
  /** One level or several (0.95, [0.95, 0.998], 99.8, ...); default 0.95. */
  confidence?: number | readonly number[];
}

export interface MeanResult {
  sum: number;
  count: number;
  /** Sample standard deviation. */
  sd: number;
  value: number;
  intervals: Interval[];
  confidence: string;
  statistic: 'mean';
  method: "Student's t-distribution";
}

/**
 * Mean of `values` with t limits.
 * @returns the mean, or a refusal when there are fewer than 2 values or one is not a number.
 */
export function mean(values: ArrayLike<number>, options: MeanOptions = {}): Result<MeanResult> {
  const levels = confidenceLevels(options.confidence ?? 0.95);
  if (!levels.ok) return levels;
  const count = values.length;
  if (count < 2) {
    return refuse(`${count} value(s): a standard deviation, and so limits, need at least 2`);
  }
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) return refuse(`value ${i + 1} (${v}) is not a number`);
    sum += v;
  }
  const value = sum / count;
  let squares = 0;
  for (let i = 0; i < count; i++) squares += ((values[i] as number) - value) ** 2;
  const sd = Math.sqrt(squares / (count - 1));
  return ok({
    sum,
    count,
    sd,
    value,
    intervals: levels.value.map((confidence) => {
      const half = (Math.abs(qt((1 - confidence) / 2, count - 1)) * sd) / Math.sqrt(count);
      return { confidence, lower: value - half, upper: value + half };
    }),
    confidence: confidenceLabels(levels.value),
    statistic: 'mean',
    method: "Student's t-distribution",
  });
}
