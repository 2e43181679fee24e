/**
 * Choropleth classification (pure). Values are NaN where missing; missing values get class -1.
 * Breaks are the upper bounds of classes 0..k-2 (class k-1 takes everything above). Quantile
 * breaks are d3-array's `quantileSorted` (R's type 7: linear between order statistics);
 * natural breaks are `naturalBreaks` below.
 */
import { quantileSorted } from 'd3-array';
import { ckmeans } from 'simple-statistics';

/** 'jenks' stays the id (it is in saved links); the classes are Ckmeans.1d.dp's, see below. */
export const CLASS_METHODS = ['quantile', 'equal', 'jenks', 'decile'] as const;
export type ClassMethod = (typeof CLASS_METHODS)[number];

export const CLASS_METHOD_LABELS: Record<ClassMethod, string> = {
  quantile: 'Quantiles (equal counts)',
  equal: 'Equal intervals',
  jenks: 'Natural breaks (Ckmeans)',
  decile: 'National deciles (fixed, 1 = most deprived)',
};

export interface Classification {
  method: ClassMethod;
  /** Upper bounds of all classes but the last, ascending. */
  breaks: number[];
  /** Class per value, 0..k-1, -1 for missing. */
  classes: Int8Array;
  /** Number of classes actually used. */
  k: number;
  min: number;
  max: number;
}

export function classify(
  values: ArrayLike<number>,
  method: ClassMethod,
  k: number,
): Classification {
  const present = Array.from(values)
    .filter((v) => Number.isFinite(v))
    .sort((a, b) => a - b);
  const min = present[0] ?? NaN;
  const max = present.at(-1) ?? NaN;
  let breaks: number[];
  if (method === 'decile') {
    // Decile values 1..10 are classes of their own.
    breaks = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    k = 10;
  } else if (present.length === 0) {
    breaks = [];
  } else if (method === 'equal') {
    breaks = Array.from({ length: k - 1 }, (_, i) => min + ((max - min) * (i + 1)) / k);
  } else if (method === 'quantile') {
    breaks = Array.from({ length: k - 1 }, (_, i) => quantileSorted(present, (i + 1) / k) ?? NaN);
  } else {
    breaks = naturalBreaks(present, k);
  }
  breaks = dedupe(breaks);
  const used = method === 'decile' ? 10 : Math.min(k, breaks.length + 1);
  const classes = new Int8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? NaN;
    classes[i] = Number.isFinite(v) ? classOf(v, breaks) : -1;
  }
  return { method, breaks, classes, k: used, min, max };
}

function classOf(v: number, breaks: readonly number[]): number {
  let c = 0;
  while (c < breaks.length && v > (breaks[c] ?? Infinity)) c++;
  return c;
}

function dedupe(b: number[]): number[] {
  return b.filter((x, i) => i === 0 || x > (b[i - 1] ?? -Infinity));
}

/**
 * Natural breaks: the upper bounds of the first k - 1 of the k classes with the least total
 * within-class sum of squared deviations. That is the optimum Jenks' natural breaks seek
 * (G. F. Jenks, "The data model concept in statistical mapping", International Yearbook of
 * Cartography 7, 1967; W. D. Fisher, JASA 53, 1958), found exactly by Ckmeans.1d.dp
 * (H. Wang and M. Song, "Ckmeans.1d.dp: optimal k-means clustering in one dimension by dynamic
 * programming", The R Journal 3(2), 2011) as simple-statistics implements it. It reproduces
 * PySAL mapclassify's published Fisher-Jenks breaks for its California example
 * (test/atlas/classify.test.ts).
 *
 * @param sorted finite values, ascending.
 */
export function naturalBreaks(sorted: readonly number[], k: number): number[] {
  if (sorted.length <= k) return sorted.slice(0, -1);
  const max = sorted[sorted.length - 1] ?? NaN;
  // With fewer distinct values than classes, clusters can split tied values: keep only the
  // breaks below the maximum, so that no class is left empty.
  return ckmeans(sorted, k)
    .map((cluster) => cluster[cluster.length - 1] ?? NaN)
    .filter((upper) => upper < max);
}

/**
 * Rank of each value with 1 = worst (highest when higher is worse, lowest when higher is
 * better; for neutral indicators 1 = highest). Ties share the smallest rank; missing -> 0.
 */
export function rankWorstFirst(values: ArrayLike<number>, higherIsWorse: boolean): Int32Array {
  const idx = Array.from({ length: values.length }, (_, i) => i).filter((i) =>
    Number.isFinite(values[i] ?? NaN),
  );
  const val = (i: number) => values[i] ?? NaN;
  idx.sort((a, b) => (higherIsWorse ? val(b) - val(a) : val(a) - val(b)));
  const ranks = new Int32Array(values.length);
  idx.forEach((i, pos) => {
    const prev = idx[pos - 1];
    ranks[i] = prev !== undefined && val(prev) === val(i) ? (ranks[prev] ?? pos + 1) : pos + 1;
  });
  return ranks;
}
