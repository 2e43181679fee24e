import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hilbertIndex, hilbertOrder } from '../../workers/geometry/hilbert_order.ts';

describe('hilbertIndex', () => {
  it('walks a 64 x 64 grid one neighbouring cell at a time, visiting each once', () => {
    // Cells at multiples of 1024 of the 16-bit grid follow the order-6 curve.
    const side = 64;
    const cells: { key: number; x: number; y: number }[] = [];
    for (let x = 0; x < side; x++) {
      for (let y = 0; y < side; y++) cells.push({ key: hilbertIndex(x * 1024, y * 1024), x, y });
    }
    cells.sort((a, b) => a.key - b.key);
    expect(new Set(cells.map((c) => c.key)).size).toBe(side * side);
    for (let i = 1; i < cells.length; i++) {
      const a = cells[i - 1];
      const b = cells[i];
      expect(Math.abs((a?.x ?? 0) - (b?.x ?? 0)) + Math.abs((a?.y ?? 0) - (b?.y ?? 0))).toBe(1);
    }
  });
});

describe('hilbertOrder', () => {
  it('returns a permutation of the point indices', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noDefaultInfinity: false }), { maxLength: 400 }),
        (values) => {
          const xy = new Float64Array(values.length - (values.length % 2));
          xy.set(values.slice(0, xy.length));
          const order = Array.from(hilbertOrder(xy)).sort((a, b) => a - b);
          return order.length === xy.length / 2 && order.every((v, i) => v === i);
        },
      ),
      { seed: 3 },
    );
  });

  it('orders points along the curve, so consecutive points are close', () => {
    // 32 x 32 grid points, shuffled: in Hilbert order every step is one grid step.
    const side = 32;
    const points: [number, number][] = [];
    for (let x = 0; x < side; x++) for (let y = 0; y < side; y++) points.push([x, y]);
    for (let i = points.length - 1; i > 0; i--) {
      const j = (i * 7919) % (i + 1);
      [points[i], points[j]] = [points[j] ?? [0, 0], points[i] ?? [0, 0]];
    }
    const xy = new Float64Array(points.flat());
    const order = hilbertOrder(xy);
    for (let k = 1; k < order.length; k++) {
      const a = order[k - 1] ?? 0;
      const b = order[k] ?? 0;
      const step =
        Math.abs((xy[2 * a] ?? 0) - (xy[2 * b] ?? 0)) +
        Math.abs((xy[2 * a + 1] ?? 0) - (xy[2 * b + 1] ?? 0));
      expect(step).toBe(1);
    }
  });
});
