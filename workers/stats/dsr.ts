/**
 * Directly standardised rate with Dobson et al.'s confidence limits, as PHEindicatormethods
 * `calculate_dsr` (independent events) and the Fingertips technical guide.
 *
 * DSR = sum(w_i O_i / n_i) / sum(w_i) x multiplier, with standard population weights w_i.
 * var(DSR) = sum(O_i (w_i / n_i)^2) / sum(w_i)^2. The limits scale the limits of the total
 * count O = sum(O_i) (Byar's, ./byar.ts) onto the rate:
 * DSR + sqrt(var / O) (O_lower - O) x multiplier, and the same with O_upper.
 *
 * Reference: Dobson AJ, Kuulasmaa K, Eberle E, Scherer J. Confidence intervals for weighted
 * sums of Poisson parameters. Stat Med 1991;10:457-462.
 */
import { byarLower, byarUpper } from './byar.ts';
import { confidenceLabels, confidenceLevels, type Interval } from './confidence.ts';
import { multiplierProblem } from './proportion.ts';
import { ok, refuse, type Result } from './result.ts';
import { ESP2013, ESP2013_BANDS } from './standard_population.ts';

/** Below this many events in total a DSR is not published (Fingertips technical guide). */
export const DSR_MIN_EVENTS = 10;

export interface DsrOptions {
  /** One level or several (0.95, [0.95, 0.998], 99.8, ...); default 0.95. */
  confidence?: number | readonly number[];
  /** Rate per this many (default 100,000). */
  multiplier?: number;
  /** Standard population per band, in the same order as the counts; default ESP 2013. */
  standard?: ArrayLike<number>;
}

export interface DsrResult {
  totalCount: number;
  totalPopulation: number;
  /** Null when fewer than 10 events in total. */
  value: number | null;
  intervals: Interval[];
  confidence: string;
  /** "dsr per 100000", or "dsr NA for total count < 10". */
  statistic: string;
  method: 'Dobson';
}

/**
 * Directly standardised rate of events in one area.
 * @param counts events in each age band (0 or more), youngest first.
 * @param populations person-years in the same bands (above 0).
 * @param options standard population (default ESP 2013 in its 19 bands), confidence, multiplier.
 * @returns the DSR (null with its reason as `statistic` below 10 events), or a refusal naming
 *   the band at fault.
 */
export function dsr(
  counts: ArrayLike<number>,
  populations: ArrayLike<number>,
  options: DsrOptions = {},
): Result<DsrResult> {
  const levels = confidenceLevels(options.confidence ?? 0.95);
  if (!levels.ok) return levels;
  const multiplier = options.multiplier ?? 100_000;
  const badMultiplier = multiplierProblem(multiplier);
  if (badMultiplier) return refuse(badMultiplier);
  const standard = options.standard ?? ESP2013;
  const bands = standard.length;
  if (counts.length !== bands || populations.length !== bands) {
    return refuse(
      `${counts.length} counts and ${populations.length} populations for a standard population ` +
        `of ${bands} bands: give one of each per band`,
    );
  }
  const label = (i: number): string =>
    options.standard === undefined ? `age band ${ESP2013_BANDS[i] ?? i + 1}` : `band ${i + 1}`;
  let weighted = 0;
  let squared = 0;
  let totalCount = 0;
  let totalPopulation = 0;
  let totalStandard = 0;
  for (let i = 0; i < bands; i++) {
    const x = counts[i] as number;
    const n = populations[i] as number;
    const w = standard[i] as number;
    if (!(Number.isFinite(x) && x >= 0))
      return refuse(`${label(i)} has ${x} events; give 0 or more`);
    if (!(Number.isFinite(n) && n > 0)) {
      return refuse(`${label(i)} has a population of ${n}; every band needs a population above 0`);
    }
    if (!(Number.isFinite(w) && w >= 0)) {
      return refuse(`${label(i)} has a standard population of ${w}; give 0 or more`);
    }
    weighted += (x * w) / n;
    squared += x * (w / n) ** 2;
    totalCount += x;
    totalPopulation += n;
    totalStandard += w;
  }
  if (!(totalStandard > 0)) return refuse('the standard population sums to 0');
  const confidence = confidenceLabels(levels.value);
  if (totalCount < DSR_MIN_EVENTS) {
    return ok({
      totalCount,
      totalPopulation,
      value: null,
      intervals: levels.value.map((c) => ({ confidence: c, lower: null, upper: null })),
      confidence,
      statistic: `dsr NA for total count < ${DSR_MIN_EVENTS}`,
      method: 'Dobson',
    });
  }
  const value = (weighted / totalStandard) * multiplier;
  const variance = (1 / totalStandard ** 2) * squared;
  const spread = Math.sqrt(variance / totalCount);
  return ok({
    totalCount,
    totalPopulation,
    value,
    intervals: levels.value.map((c) => {
      const lower = byarLower(totalCount, c);
      return {
        confidence: c,
        lower: lower === null ? null : value + spread * (lower - totalCount) * multiplier,
        upper: value + spread * (byarUpper(totalCount, c) - totalCount) * multiplier,
      };
    }),
    confidence,
    statistic: `dsr per ${multiplier}`,
    method: 'Dobson',
  });
}
