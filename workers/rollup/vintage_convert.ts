/**
 * Carrying LSOA 2011 values onto LSOA 2021 areas (../shared/METHODS.md section 5). Links come
 * from an overlap lookup: each 2011 area sends `share` of itself to each 2021 area it overlaps.
 *
 * - counts are split: a 2021 area gets sum(count_2011 * share);
 * - scores and rates are carried: a 2021 area gets the mean of its 2011 parents weighted
 *   by parent weight (population) * share; a pure split gets the parent's value unchanged;
 * - ranks and deciles cannot be averaged: a 2021 area takes the value of the parent that
 *   contributes the most weight.
 */

export interface VintageLink {
  /** Index of the 2011 area. */
  from: number;
  /** Index of the 2021 area. */
  to: number;
  /** Share of the 2011 area that lies in the 2021 area (0-1). */
  share: number;
}

export type CarryKind = 'count' | 'value' | 'category';

export function carryAcrossVintages(
  values: Float64Array,
  kind: CarryKind,
  links: readonly VintageLink[],
  targetCount: number,
  parentWeights: Float64Array,
): Float64Array {
  const shareTotal = new Float64Array(parentWeights.length);
  for (const l of links) shareTotal[l.from] = (shareTotal[l.from] ?? 0) + l.share;
  const out = new Float64Array(targetCount).fill(NaN);
  const acc = new Float64Array(targetCount);
  const wsum = new Float64Array(targetCount);
  const best = new Float64Array(targetCount).fill(-1);
  for (const l of links) {
    // Shares from the overlap file need not sum to exactly 1 (slivers under 5% are dropped).
    const share = l.share / ((shareTotal[l.from] ?? 0) || 1);
    const v = values[l.from] ?? NaN;
    if (kind === 'count') {
      acc[l.to] = (acc[l.to] ?? 0) + v * share;
      wsum[l.to] = 1;
    } else {
      const w = (parentWeights[l.from] ?? NaN) * share;
      if (kind === 'value') {
        acc[l.to] = (acc[l.to] ?? 0) + v * w;
        wsum[l.to] = (wsum[l.to] ?? 0) + w;
      } else if (w > (best[l.to] ?? -1)) {
        best[l.to] = w;
        out[l.to] = v;
      }
    }
  }
  if (kind === 'count') {
    for (let t = 0; t < targetCount; t++) if (wsum[t]) out[t] = acc[t] ?? NaN;
  } else if (kind === 'value') {
    for (let t = 0; t < targetCount; t++) {
      const w = wsum[t] ?? 0;
      if (w > 0) out[t] = (acc[t] ?? NaN) / w;
    }
  }
  return out;
}
