/**
 * Orders points along a Hilbert curve so that points near each other are processed one
 * after another: the same few polygons and index nodes stay in cache. Pure: runs on any
 * thread. O(n): points are snapped to a 2,048 x 2,048 grid over their bbox (cells of about
 * 300 m across England: finer buys no locality) and the 22-bit cell keys are sorted by a
 * two-pass radix sort of 11 bits, whose 2,048 counters stay in L1 cache (on 1M points it
 * measured faster than two passes of 16-bit digits over full 32-bit keys).
 */

const GRID_BITS = 11;
const GRID_MAX = (1 << GRID_BITS) - 1;
/** Grid cells are spread onto the order-16 curve, whose top 22 bits are the order-11 curve. */
const GRID_SHIFT = 16 - GRID_BITS;

/**
 * Indices of the points of `xy` (x, y interleaved) in Hilbert-curve order over the
 * points' own bounding box. Points with non-finite coordinates come first.
 */
export function hilbertOrder(xy: Float64Array): Uint32Array {
  const n = xy.length >> 1;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = xy[2 * i] ?? NaN;
    const y = xy[2 * i + 1] ?? NaN;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  const scaleX = maxX > minX ? GRID_MAX / (maxX - minX) : 0;
  const scaleY = maxY > minY ? GRID_MAX / (maxY - minY) : 0;
  const keys = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const x = xy[2 * i] ?? NaN;
    const y = xy[2 * i + 1] ?? NaN;
    // Comparisons with NaN or an infinity are false, so those points get cell (0, 0).
    const gx = x >= minX && x <= maxX ? Math.floor((x - minX) * scaleX) : 0;
    const gy = y >= minY && y <= maxY ? Math.floor((y - minY) * scaleY) : 0;
    keys[i] = hilbertIndex(gx << GRID_SHIFT, gy << GRID_SHIFT) >>> (2 * GRID_SHIFT);
  }
  return radixSortIndices(keys);
}

/**
 * Position of grid cell (x, y), each 0..65535, along the Hilbert curve of order 16.
 * The branch-free bit-parallel method of Fabian Giesen ("Hilbert curves in O(log n)
 * time"), as flatbush uses to order its boxes.
 */
export function hilbertIndex(x: number, y: number): number {
  let a = x ^ y;
  let b = 0xffff ^ a;
  let c = 0xffff ^ (x | y);
  let d = x & (y ^ 0xffff);

  let A = a | (b >> 1);
  let B = (a >> 1) ^ a;
  let C = (c >> 1) ^ (b & (d >> 1)) ^ c;
  let D = (a & (c >> 1)) ^ (d >> 1) ^ d;

  a = A;
  b = B;
  c = C;
  d = D;
  A = (a & (a >> 2)) ^ (b & (b >> 2));
  B = (a & (b >> 2)) ^ (b & ((a ^ b) >> 2));
  C ^= (a & (c >> 2)) ^ (b & (d >> 2));
  D ^= (b & (c >> 2)) ^ ((a ^ b) & (d >> 2));

  a = A;
  b = B;
  c = C;
  d = D;
  A = (a & (a >> 4)) ^ (b & (b >> 4));
  B = (a & (b >> 4)) ^ (b & ((a ^ b) >> 4));
  C ^= (a & (c >> 4)) ^ (b & (d >> 4));
  D ^= (b & (c >> 4)) ^ ((a ^ b) & (d >> 4));

  a = A;
  b = B;
  c = C;
  d = D;
  C ^= (a & (c >> 8)) ^ (b & (d >> 8));
  D ^= (b & (c >> 8)) ^ ((a ^ b) & (d >> 8));

  a = C ^ (C >> 1);
  b = D ^ (D >> 1);

  let i0 = x ^ y;
  let i1 = b | (0xffff ^ (i0 | a));

  i0 = (i0 | (i0 << 8)) & 0x00ff00ff;
  i0 = (i0 | (i0 << 4)) & 0x0f0f0f0f;
  i0 = (i0 | (i0 << 2)) & 0x33333333;
  i0 = (i0 | (i0 << 1)) & 0x55555555;

  i1 = (i1 | (i1 << 8)) & 0x00ff00ff;
  i1 = (i1 | (i1 << 4)) & 0x0f0f0f0f;
  i1 = (i1 | (i1 << 2)) & 0x33333333;
  i1 = (i1 | (i1 << 1)) & 0x55555555;

  return ((i1 << 1) | i0) >>> 0;
}

/** Indices 0..n-1 stably sorted by 22-bit key: least-significant-digit radix, 11 bits a pass. */
function radixSortIndices(keys: Uint32Array): Uint32Array {
  const n = keys.length;
  const buckets = 1 << GRID_BITS;
  let order = new Uint32Array(n);
  let spare = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const counts = new Uint32Array(buckets);
  for (const shift of [0, GRID_BITS]) {
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const digit = ((keys[i] ?? 0) >>> shift) & GRID_MAX;
      counts[digit] = (counts[digit] ?? 0) + 1;
    }
    let sum = 0;
    for (let d = 0; d < buckets; d++) {
      const c = counts[d] ?? 0;
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const index = order[i] ?? 0;
      const digit = ((keys[index] ?? 0) >>> shift) & GRID_MAX;
      const at = counts[digit] ?? 0;
      spare[at] = index;
      counts[digit] = at + 1;
    }
    [order, spare] = [spare, order];
  }
  return order;
}
