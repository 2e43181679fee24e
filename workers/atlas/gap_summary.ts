/**
 * Population-weighted means of an indicator over two localities and their difference
 * (the north-south summary of the gap view). Pure.
 */
export interface LocalitySummary {
  name: string;
  mean: number | null;
  population: number;
  areas: number;
}

export function localitySummaries(
  values: ArrayLike<number | null>,
  population: ArrayLike<number | null>,
  locality: ArrayLike<number>,
  names: readonly string[],
): LocalitySummary[] {
  return names.map((name, l) => {
    let num = 0;
    let den = 0;
    let areas = 0;
    let complete = true;
    for (let i = 0; i < values.length; i++) {
      if (locality[i] !== l) continue;
      areas++;
      const v = values[i];
      const p = population[i];
      if (v === null || v === undefined || p === null || p === undefined || !(p > 0)) {
        complete = false;
        continue;
      }
      num += v * p;
      den += p;
    }
    // A mean over part of a locality would be silently wrong: no value unless all areas have one.
    return { name, mean: complete && den > 0 ? num / den : null, population: den, areas };
  });
}

/** The default comparison where an authority has no named localities. */
export const FIFTH_NAMES = [
  'Most deprived fifth of residents',
  'Least deprived fifth of residents',
] as const;

/**
 * Each area's group for the default comparison: 0 when it lies in the most deprived fifth of
 * the population (areas ranked by deprivation score, highest first, counted by cumulative
 * population at each area's midpoint), 1 in the least deprived fifth, -1 otherwise or when its
 * score or population is missing. The fifths are of residents, not of areas, as the Core20
 * idea of "the most deprived 20%" is; with few areas a fifth may hold one or two. Pure.
 */
export function deprivationFifths(
  scores: ArrayLike<number | null>,
  population: ArrayLike<number | null>,
): Int32Array {
  const out = new Int32Array(scores.length).fill(-1);
  const ranked: number[] = [];
  let total = 0;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    const p = population[i];
    if (s === null || s === undefined || p === null || p === undefined || !(p > 0)) continue;
    ranked.push(i);
    total += p;
  }
  ranked.sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b);
  let before = 0;
  for (const i of ranked) {
    const p = population[i] ?? 0;
    const mid = (before + p / 2) / total;
    if (mid <= 0.2) out[i] = 0;
    else if (mid >= 0.8) out[i] = 1;
    before += p;
  }
  return out;
}

/**
 * Each ward's locality index (-1 for none), in the order of `wardCodes`, from localities given
 * as lists of ward codes (the user's own, or an authority's named ones). Pure.
 */
export function wardLocalityIndex(
  wardCodes: readonly string[],
  groups: readonly { wards: readonly string[] }[],
): Int32Array {
  const at = new Map<string, number>();
  groups.forEach((g, l) => {
    for (const w of g.wards) at.set(w, l);
  });
  return Int32Array.from(wardCodes, (c) => at.get(c) ?? -1);
}

/**
 * A first suggestion for two localities: each ward's group, 0 (north) or 1 (south), splitting
 * the wards ranked by the latitude of their population centre where half the residents lie
 * north; -1 for a ward without a centre or population. Pure.
 */
export function northSouthHalves(
  lat: ArrayLike<number | null>,
  population: ArrayLike<number | null>,
): Int32Array {
  const out = new Int32Array(lat.length).fill(-1);
  const ranked: number[] = [];
  let total = 0;
  for (let i = 0; i < lat.length; i++) {
    const y = lat[i];
    const p = population[i];
    if (y === null || y === undefined || !Number.isFinite(y) || !p || !(p > 0)) continue;
    ranked.push(i);
    total += p;
  }
  ranked.sort((a, b) => (lat[b] ?? 0) - (lat[a] ?? 0) || a - b);
  let before = 0;
  for (const i of ranked) {
    const p = population[i] ?? 0;
    out[i] = (before + p / 2) / total <= 0.5 ? 0 : 1;
    before += p;
  }
  return out;
}
