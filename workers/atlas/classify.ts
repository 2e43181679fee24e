/**
 * Choropleth classification (pure). Values are NaN where missing; missing values get class -1.
 * Breaks are the upper bounds of classes 0..k-2 (class k-1 takes everything above).
 */
export const CLASS_METHODS = ['quantile', 'equal', 'jenks', 'decile'] as const;
export type ClassMethod = (typeof CLASS_METHODS)[number];

export const CLASS_METHOD_LABELS: Record<ClassMethod, string> = {
  quantile: 'Quantiles (equal counts)',
  equal: 'Equal intervals',
  jenks: 'Natural breaks (Jenks)',
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
    breaks = Array.from({ length: k - 1 }, (_, i) => quantileSorted(present, (i + 1) / k));
  } else {
    breaks = jenksBreaks(present, k);
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

function quantileSorted(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo] ?? NaN;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] ?? NaN;
  return a + (b - a) * (h - lo);
}

function dedupe(b: number[]): number[] {
  return b.filter((x, i) => i === 0 || x > (b[i - 1] ?? -Infinity));
}

/**
 * Jenks natural breaks by the classic dynamic programme (minimum within-class variance).
 * O(k n^2): fine for one authority's areas (n of a few thousand at most).
 */
export function jenksBreaks(sorted: readonly number[], k: number): number[] {
  const n = sorted.length;
  if (n <= k) return sorted.slice(0, -1);
  const lower = Array.from({ length: n + 1 }, () => new Int32Array(k + 1));
  const variance = Array.from({ length: n + 1 }, () => new Float64Array(k + 1).fill(Infinity));
  for (let j = 1; j <= k; j++) {
    (lower[1] as Int32Array)[j] = 1;
    (variance[1] as Float64Array)[j] = 0;
  }
  for (let l = 2; l <= n; l++) {
    let s1 = 0;
    let s2 = 0;
    let w = 0;
    let v = 0;
    for (let m = 1; m <= l; m++) {
      const i3 = l - m + 1;
      const val = sorted[i3 - 1] ?? 0;
      s2 += val * val;
      s1 += val;
      w++;
      v = s2 - (s1 * s1) / w;
      const i4 = i3 - 1;
      if (i4 !== 0) {
        for (let j = 2; j <= k; j++) {
          const cand = v + ((variance[i4] as Float64Array)[j - 1] ?? Infinity);
          if (((variance[l] as Float64Array)[j] ?? Infinity) >= cand) {
            (lower[l] as Int32Array)[j] = i3;
            (variance[l] as Float64Array)[j] = cand;
          }
        }
      }
    }
    (lower[l] as Int32Array)[1] = 1;
    (variance[l] as Float64Array)[1] = v;
  }
  const breaks: number[] = [];
  let kk = n;
  for (let j = k; j >= 2; j--) {
    const id = ((lower[kk] as Int32Array)[j] ?? 1) - 2;
    breaks.unshift(sorted[id] ?? NaN);
    kk = ((lower[kk] as Int32Array)[j] ?? 1) - 1;
  }
  return breaks;
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
