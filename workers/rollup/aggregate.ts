/**
 * Roll-ups of small-area values to bigger areas (../shared/METHODS.md section 4: counts add up,
 * rates come from summed numerators and denominators, a group's IMD score is the
 * population-weighted mean as in MHCLG's local authority summaries). Pure functions on typed
 * arrays: values are Float64Array in source-area order, NaN is "no value", and an
 * assignment maps each source area to a target group (or -1 when it belongs to none).
 *
 * A group with any member lacking a value gets no value: a partial sum or mean would be
 * silently wrong.
 */

export interface Assignment {
  /** group[i] = index of the target area that source area i belongs to, or -1. */
  group: Int32Array;
  groupCount: number;
}

/** Builds an assignment from source codes, a source->target lookup and the target order. */
export function assignByLookup(
  sourceCodes: readonly string[],
  lookup: ReadonlyMap<string, string>,
  targetCodes: readonly string[],
): { assignment: Assignment; unassigned: string[] } {
  const targetIndex = new Map(targetCodes.map((c, i) => [c, i]));
  const group = new Int32Array(sourceCodes.length).fill(-1);
  const unassigned: string[] = [];
  sourceCodes.forEach((code, i) => {
    const target = lookup.get(code);
    const t = target === undefined ? undefined : targetIndex.get(target);
    if (t === undefined) unassigned.push(code);
    else group[i] = t;
  });
  return { assignment: { group, groupCount: targetCodes.length }, unassigned };
}

/** Sum of counts per group. */
export function sumBy(values: Float64Array, a: Assignment): Float64Array {
  const out = new Float64Array(a.groupCount);
  for (let i = 0; i < values.length; i++) {
    const g = a.group[i] ?? -1;
    if (g >= 0) out[g] = (out[g] ?? 0) + (values[i] ?? NaN);
  }
  return emptyGroupsToNaN(out, a);
}

/** Weighted mean per group (e.g. population-weighted IMD score). */
export function weightedMeanBy(
  values: Float64Array,
  weights: Float64Array,
  a: Assignment,
): Float64Array {
  const num = new Float64Array(a.groupCount);
  const den = new Float64Array(a.groupCount);
  for (let i = 0; i < values.length; i++) {
    const g = a.group[i] ?? -1;
    if (g < 0) continue;
    const w = weights[i] ?? NaN;
    num[g] = (num[g] ?? 0) + w * (values[i] ?? NaN);
    den[g] = (den[g] ?? 0) + w;
  }
  const out = new Float64Array(a.groupCount);
  for (let g = 0; g < a.groupCount; g++) {
    const d = den[g] ?? 0;
    out[g] = d > 0 ? (num[g] ?? NaN) / d : NaN;
  }
  return out;
}

/** Rate from summed numerators and denominators, times `scale` (never an average of rates). */
export function ratioBy(
  numerator: Float64Array,
  denominator: Float64Array,
  a: Assignment,
  scale = 1,
): Float64Array {
  const num = sumBy(numerator, a);
  const den = sumBy(denominator, a);
  const out = new Float64Array(a.groupCount);
  for (let g = 0; g < a.groupCount; g++) {
    const d = den[g] ?? NaN;
    out[g] = d > 0 ? ((num[g] ?? NaN) / d) * scale : NaN;
  }
  return out;
}

/**
 * Share of the weight (population) living in areas where `flag` is 1, times `scale`: the
 * valid way to summarise deciles over a group (e.g. share of population in Core20 LSOAs).
 * A flag of NaN (unknown decile) makes the group unknown.
 */
export function shareWhereBy(
  flag: Float64Array,
  weights: Float64Array,
  a: Assignment,
  scale = 100,
): Float64Array {
  const inFlag = new Float64Array(flag.length);
  for (let i = 0; i < flag.length; i++) {
    const f = flag[i] ?? NaN;
    inFlag[i] = Number.isNaN(f) ? NaN : f === 1 ? (weights[i] ?? NaN) : 0;
  }
  return ratioBy(inFlag, weights, a, scale);
}

function emptyGroupsToNaN(out: Float64Array, a: Assignment): Float64Array {
  const seen = new Uint8Array(a.groupCount);
  for (let i = 0; i < a.group.length; i++) {
    const g = a.group[i] ?? -1;
    if (g >= 0) seen[g] = 1;
  }
  for (let g = 0; g < a.groupCount; g++) if (!seen[g]) out[g] = NaN;
  return out;
}
