/**
 * Deprivation groups (national deciles as published in the IoD files, or local quantiles as
 * OHID assigns them with PHEindicatormethods `phe_quantile`; ../shared/METHODS.md section 1) and
 * each group's
 * population-weighted value with a between-area standard error. Pure: runs on any thread.
 *
 * Group 1 is always the MOST deprived.
 */
import { assignQuantiles, summariseByQuantile } from '../stats/quantiles.ts';
import { ok, refuse, type Result } from '../stats/result.ts';

/** Local quantiles of the IMD score within the areas given, or published national deciles. */
export type GroupingKind = 'local' | 'national';

export const GROUPING_KINDS: readonly GroupingKind[] = ['local', 'national'];

/** Deciles or quintiles: the SII needs 5 to 100 groups, and national deciles pair into fifths. */
export type QuantileCount = 5 | 10;

export function quantileNoun(q: QuantileCount): string {
  return q === 10 ? 'decile' : 'quintile';
}

/**
 * Group of each area, 1 = most deprived, 0 where the area has no deprivation figure.
 *
 * @param deprivation per area: the IMD score (higher = more deprived) for 'local', the
 *   published national decile (1 = most deprived 10% of England) for 'national'; NaN = none.
 * @returns groups, or a refusal (fewer areas than groups, a decile that is not 1..10).
 */
export function deprivationGroups(
  deprivation: ArrayLike<number>,
  kind: GroupingKind,
  quantiles: QuantileCount,
): Result<Int32Array> {
  const n = deprivation.length;
  const groups = new Int32Array(n);
  if (kind === 'national') {
    for (let i = 0; i < n; i++) {
      const d = deprivation[i] ?? NaN;
      if (Number.isNaN(d)) continue;
      if (!Number.isInteger(d) || d < 1 || d > 10) {
        return refuse(`area ${i + 1} has national decile ${d}; deciles run 1 to 10`);
      }
      // Quintile 1 = deciles 1 and 2, and so on.
      groups[i] = Math.ceil((d * quantiles) / 10);
    }
    return ok(groups);
  }
  const scored: number[] = [];
  for (let i = 0; i < n; i++) if (Number.isFinite(deprivation[i] ?? NaN)) scored.push(i);
  const q = assignQuantiles(
    scored.map((i) => deprivation[i] ?? NaN),
    quantiles,
  );
  if (!q.ok) return q;
  scored.forEach((area, k) => {
    groups[area] = q.value[k] ?? 0;
  });
  return ok(groups);
}

/** One deprivation group's population-weighted value. */
export interface GroupValue {
  /** 1 = most deprived. */
  quantile: number;
  /** Areas in the group that have a value. */
  areas: number;
  /** Sum of their populations. */
  population: number;
  /** Population-weighted mean of their values. */
  value: number;
  /** Between-area standard error of that weighted mean (see `weightedMeanStandardError`). */
  se: number;
}

/**
 * Standard error of a population-weighted mean from the spread of the areas around it:
 * SE^2 = n / (n - 1) * sum((w_i / W)^2 * (y_i - mean)^2), the usual linearisation
 * (ratio-estimator) variance. It treats the areas as a sample of places, so it measures how
 * much the group's value would move with other areas of the same deprivation, not the
 * sampling error of each area's figure, which the published tables do not give.
 */
export const GROUP_SE_METHOD =
  "Group standard errors are between-area: the spread of the areas' values around the " +
  'population-weighted group mean, SE² = n/(n−1) × Σ (wᵢ/W)² (yᵢ − ȳ)², because the ' +
  'published area figures carry no standard error of their own.';

/**
 * Population-weighted value and between-area standard error of each group.
 *
 * @param groups group of each area (1 = most deprived, 0 = none), e.g. `deprivationGroups`.
 * @param populations weights, one per area; areas without a positive population are left out.
 * @param values indicator value of each area; NaN = no value, left out.
 * @returns one entry per group in order 1 .. q, or a refusal naming the group that has no
 *   area, or only one area (whose spread cannot be measured).
 */
export function groupValues(
  groups: ArrayLike<number>,
  populations: ArrayLike<number>,
  values: ArrayLike<number>,
  quantiles: QuantileCount,
): Result<GroupValue[]> {
  const noun = quantileNoun(quantiles);
  const members: number[] = [];
  const counts = new Int32Array(quantiles + 1);
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i] ?? 0;
    const p = populations[i] ?? NaN;
    const v = values[i] ?? NaN;
    if (g < 1 || g > quantiles || !(p > 0) || !Number.isFinite(v)) continue;
    members.push(i);
    counts[g] = (counts[g] ?? 0) + 1;
  }
  for (let k = 1; k <= quantiles; k++) {
    const c = counts[k] ?? 0;
    if (c === 0) return refuse(`${noun} ${k} has no area with a value and a population`);
    if (c === 1) {
      return refuse(
        `${noun} ${k} has only one area with a value, so the spread between its areas (its standard error) cannot be estimated`,
      );
    }
  }
  const summary = summariseByQuantile(
    members.map((i) => groups[i] ?? 0),
    members.map((i) => populations[i] ?? NaN),
    members.map((i) => values[i] ?? NaN),
    quantiles,
  );
  if (!summary.ok) return summary;
  const spread = new Float64Array(quantiles + 1);
  for (const i of members) {
    const g = groups[i] ?? 0;
    const mean = summary.value[g - 1]?.value ?? NaN;
    const w = populations[i] ?? NaN;
    const d = (values[i] ?? NaN) - mean;
    spread[g] = (spread[g] ?? 0) + w * w * d * d;
  }
  return ok(
    summary.value.map((s) => {
      const n = counts[s.quantile] ?? 0;
      const total = s.population;
      const variance = ((spread[s.quantile] ?? 0) / (total * total)) * (n / (n - 1));
      return {
        quantile: s.quantile,
        areas: n,
        population: total,
        value: s.value,
        se: Math.sqrt(variance),
      };
    }),
  );
}
