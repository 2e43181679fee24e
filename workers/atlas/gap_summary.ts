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
