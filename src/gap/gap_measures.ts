import type { LocalitySummary } from '../../workers/atlas/gap_summary.ts';
import type { GapItem } from '../ui/gap_chart.ts';
import type { AreaLimits } from './area_limits.ts';

/** One named area at an end of the range, with its limits when the data has them. */
export interface RangeEnd {
  code: string;
  name: string;
  value: number;
  lower: number | null;
  upper: number | null;
}

/**
 * The three figures a Director of Public Health may quote for "the gap", each named for what it
 * is (issue 15): the range between the highest and lowest area, the difference of the two
 * locality means, and (computed elsewhere, in the worker) the SII. Pure.
 */
export interface GapMeasures {
  /** Highest and lowest area, by value; null with fewer than two areas with a value. */
  range: { highest: RangeEnd; lowest: RangeEnd; difference: number; areas: number } | null;
  /**
   * Two localities: first minus second. More (the user's own): the highest mean minus the
   * lowest, `of` saying how many were compared. Null unless every locality has a mean.
   */
  localities: {
    first: LocalitySummary;
    second: LocalitySummary;
    difference: number;
    of: number;
  } | null;
}

export function gapMeasures(
  items: readonly GapItem[],
  summaries: readonly LocalitySummary[],
  limits: AreaLimits | null,
  codes: readonly string[],
): GapMeasures {
  const withValue = items.filter((d): d is GapItem & { value: number } => d.value !== null);
  let range: GapMeasures['range'] = null;
  if (withValue.length >= 2) {
    let hi = withValue[0] as GapItem & { value: number };
    let lo = hi;
    for (const d of withValue) {
      if (d.value > hi.value) hi = d;
      if (d.value < lo.value) lo = d;
    }
    const end = (d: GapItem & { value: number }): RangeEnd => {
      const i = codes.indexOf(d.code);
      return {
        code: d.code,
        name: d.name,
        value: d.value,
        lower: limits?.lower[i] ?? null,
        upper: limits?.upper[i] ?? null,
      };
    };
    range = {
      highest: end(hi),
      lowest: end(lo),
      difference: hi.value - lo.value,
      areas: withValue.length,
    };
  }
  return { range, localities: localityDifference(summaries) };
}

function localityDifference(summaries: readonly LocalitySummary[]): GapMeasures['localities'] {
  const withMean = summaries.filter(
    (s): s is LocalitySummary & { mean: number } => s.mean !== null,
  );
  if (withMean.length < 2 || withMean.length !== summaries.length) return null;
  let [first, second] = withMean as [
    LocalitySummary & { mean: number },
    LocalitySummary & { mean: number },
  ];
  if (withMean.length > 2) {
    for (const s of withMean) {
      if (s.mean > first.mean) first = s;
      if (s.mean < second.mean) second = s;
    }
    if (first === second) second = withMean.find((s) => s !== first) ?? second;
  }
  return { first, second, difference: first.mean - second.mean, of: withMean.length };
}
