/**
 * The k-th smallest value of an array (0-based), found by quickselect in O(n) on average.
 * Used for simulation percentiles: two order statistics from 100,000 draws cost far less
 * than a full sort. Reorders `values` in place. NaN counts as larger than every number,
 * as in `Float64Array.prototype.sort`.
 * @param values the draws; reordered.
 * @param k 0-based rank, 0 <= k < values.length.
 */
export function kthSmallest(values: Float64Array, k: number): number {
  if (!Number.isInteger(k) || k < 0 || k >= values.length) {
    throw new RangeError(`rank ${k} is outside 0..${values.length - 1}`);
  }
  let left = 0;
  let right = values.length - 1;
  while (right > left) {
    const pivot = medianOfThree(values, left, (left + right) >>> 1, right);
    // Hoare partition around the pivot value.
    let i = left;
    let j = right;
    while (i <= j) {
      while (less(at(values, i), pivot)) i++;
      while (less(pivot, at(values, j))) j--;
      if (i <= j) {
        const tmp = at(values, i);
        values[i] = at(values, j);
        values[j] = tmp;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return at(values, k);
  }
  return at(values, k);
}

/** Total order with NaN last, so partitioning terminates on any input. */
function less(a: number, b: number): boolean {
  return a < b || (b !== b && a === a);
}

function at(values: Float64Array, i: number): number {
  // Indices here are always in range; typed arrays return undefined only out of range.
  return values[i] as number;
}

function medianOfThree(values: Float64Array, a: number, b: number, c: number): number {
  const x = at(values, a);
  const y = at(values, b);
  const z = at(values, c);
  if (less(x, y)) {
    if (less(y, z)) return y;
    return less(x, z) ? z : x;
  }
  if (less(x, z)) return x;
  return less(y, z) ? z : y;
}
