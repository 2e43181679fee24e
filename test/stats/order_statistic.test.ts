import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { kthSmallest } from '../../workers/stats/order_statistic.ts';

describe('kthSmallest', () => {
  it('agrees with a full sort for every rank, with ties and NaN', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ noNaN: false })), {
          minLength: 1,
          maxLength: 60,
        }),
        fc.nat(),
        (xs, r) => {
          const k = r % xs.length;
          const sorted = Float64Array.from(xs).sort();
          expect(kthSmallest(Float64Array.from(xs), k)).toBe(sorted[k]);
        },
      ),
    );
  });

  it('finds both 95% limits of 100,000 draws like a sort does', () => {
    const draws = new Float64Array(100_000);
    for (let i = 0; i < draws.length; i++) draws[i] = Math.sin(i * 12.9898) * 43758.5453;
    const sorted = Float64Array.from(draws).sort();
    expect(kthSmallest(draws, 2499)).toBe(sorted[2499]);
    expect(kthSmallest(draws, 97_499)).toBe(sorted[97_499]);
  });

  it('rejects a rank outside the array', () => {
    expect(() => kthSmallest(new Float64Array(3), 3)).toThrow(RangeError);
  });
});
