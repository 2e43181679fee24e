/**
 * Local deprivation quantiles, assigned as OHID assigns them for the within-area slope index
 * (PHEindicatormethods `phe_quantile`, METHODS.md section 1), and the per-quantile summary the
 * SII needs. Quantile 1 is always the MOST deprived (highest IMD score).
 */
import { ok, refuse, type Result } from './result.ts';

/**
 * Rank of each score with ties taking the minimum rank, the highest score ranked 1
 * (R's `rank(-x, ties.method = "min")`).
 */
function minRanksDescending(scores: ArrayLike<number>): Int32Array {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i);
  const score = (i: number): number => scores[i] as number;
  order.sort((a, b) => score(b) - score(a));
  const ranks = new Int32Array(n);
  let previous = Number.NaN;
  let previousRank = 0;
  order.forEach((index, position) => {
    const s = score(index);
    const rank = s === previous ? previousRank : position + 1;
    ranks[index] = rank;
    previous = s;
    previousRank = rank;
  });
  return ranks;
}

/**
 * Assign each area to one of `nQuantiles` local deprivation quantiles by its IMD score,
 * exactly as `phe_quantile(invert = TRUE)`:
 * rank by score (ties take the minimum rank, highest score = rank 1), then
 * `quantile = floor((q + 1) - ceiling(((N + 1) - rank) / (N / q)))`, with 0 becoming 1.
 * The arithmetic is done in the same order as R so that boundary cases agree.
 *
 * @param scores IMD scores (higher = more deprived), one per area, any order.
 * @param nQuantiles number of quantiles, e.g. 10 for deciles, 5 for quintiles.
 * @returns quantile per area in input order, 1 = most deprived and `nQuantiles` = least
 *   deprived; or a refusal when there are fewer areas than quantiles or a score is missing.
 */
export function assignQuantiles(scores: ArrayLike<number>, nQuantiles = 10): Result<Int32Array> {
  if (!Number.isInteger(nQuantiles) || nQuantiles < 1) {
    return refuse(
      `the number of quantiles must be a whole number of at least 1, not ${nQuantiles}`,
    );
  }
  const n = scores.length;
  for (let i = 0; i < n; i++) {
    const s = scores[i];
    if (s === undefined || !Number.isFinite(s)) {
      return refuse(`area ${i + 1} has no IMD score (${String(s)}), so it cannot be ranked`);
    }
  }
  if (n < nQuantiles) {
    return refuse(
      `only ${n} areas for ${nQuantiles} quantiles: each quantile needs at least one area`,
    );
  }
  const ranks = minRanksDescending(scores);
  const perQuantile = n / nQuantiles;
  const quantiles = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const rank = ranks[i] as number;
    const q = Math.floor(nQuantiles + 1 - Math.ceil((n + 1 - rank) / perQuantile));
    quantiles[i] = q === 0 ? 1 : q;
  }
  return ok(quantiles);
}

/** One quantile's population and population-weighted mean value. */
export interface QuantileSummary {
  /** 1 = most deprived. */
  quantile: number;
  /** Sum of the areas' populations (persons). */
  population: number;
  /** Population-weighted mean of the areas' values, in the values' own units. */
  value: number;
}

/**
 * Sum populations and take the population-weighted mean value of the areas in each quantile,
 * ready for `sii`. For a rate whose areas' values are count / population, the weighted mean
 * equals summed counts over summed population, as METHODS.md section 4 requires.
 *
 * @param quantiles quantile of each area (1 = most deprived), e.g. from `assignQuantiles`.
 * @param populations population of each area (persons, >= 0).
 * @param values the indicator value of each area.
 * @param nQuantiles how many quantiles there should be.
 * @returns one summary per quantile in order 1 (most deprived) .. nQuantiles, or a refusal
 *   naming the quantile that has no population.
 */
export function summariseByQuantile(
  quantiles: ArrayLike<number>,
  populations: ArrayLike<number>,
  values: ArrayLike<number>,
  nQuantiles: number,
): Result<QuantileSummary[]> {
  const n = quantiles.length;
  if (populations.length !== n || values.length !== n) {
    return refuse(
      `${n} quantiles, ${populations.length} populations and ${values.length} values: ` +
        'there must be one of each per area',
    );
  }
  const population = new Float64Array(nQuantiles);
  const weighted = new Float64Array(nQuantiles);
  for (let i = 0; i < n; i++) {
    const q = quantiles[i] as number;
    const p = populations[i] as number;
    const v = values[i] as number;
    if (!Number.isInteger(q) || q < 1 || q > nQuantiles) {
      return refuse(`area ${i + 1} has quantile ${q}, outside 1..${nQuantiles}`);
    }
    if (!Number.isFinite(p) || p < 0) {
      return refuse(`area ${i + 1} has population ${p}; populations must be 0 or more`);
    }
    if (!Number.isFinite(v)) {
      return refuse(`area ${i + 1} has no value (${v})`);
    }
    population[q - 1] = (population[q - 1] as number) + p;
    weighted[q - 1] = (weighted[q - 1] as number) + p * v;
  }
  const out: QuantileSummary[] = [];
  for (let k = 0; k < nQuantiles; k++) {
    const p = population[k] as number;
    if (!(p > 0)) {
      return refuse(`quantile ${k + 1} has no population, so it has no value`);
    }
    out.push({ quantile: k + 1, population: p, value: (weighted[k] as number) / p });
  }
  return ok(out);
}
