// Property tests (fast-check) for the invariants METHODS.md relies on.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assignQuantiles } from '../../workers/stats/quantiles.ts';
import { sii, type SiiQuantileInput } from '../../workers/stats/sii.ts';

const quantileCount = fc.integer({ min: 5, max: 20 });
const populationsArb = quantileCount.chain((q) =>
  fc.array(fc.integer({ min: 50, max: 200_000 }), { minLength: q, maxLength: q }),
);

/** Midpoints b_i of each quantile's band on the cumulative population scale. */
function midpoints(populations: number[]): number[] {
  const total = populations.reduce((s, p) => s + p, 0);
  let cumulative = 0;
  return populations.map((p) => {
    const b = cumulative + p / total / 2;
    cumulative += p / total;
    return b;
  });
}

function estimate(rows: SiiQuantileInput[], seed = 3): { sii: number; lower: number; rii: number } {
  const r = sii(rows, { simulations: 1000, seed });
  if (!r.ok) throw new Error(r.reason);
  return { sii: r.value.sii.value, lower: r.value.sii.lower95, rii: r.value.rii.value };
}

describe('SII properties', () => {
  it('is unchanged when every population is scaled by the same constant', () => {
    fc.assert(
      fc.property(
        populationsArb.chain((pops) =>
          fc.tuple(
            fc.constant(pops),
            fc.array(fc.double({ min: 40, max: 95, noNaN: true }), {
              minLength: pops.length,
              maxLength: pops.length,
            }),
            fc.double({ min: 0.001, max: 1000, noNaN: true }),
          ),
        ),
        ([pops, values, scale]) => {
          const rows = (k: number): SiiQuantileInput[] =>
            pops.map((p, i) => ({
              quantile: i + 1,
              population: p * k,
              value: values[i] ?? Number.NaN,
              se: 0.7,
            }));
          const a = estimate(rows(1));
          const b = estimate(rows(scale));
          expect(b.sii).toBeCloseTo(a.sii, 8);
          expect(b.rii).toBeCloseTo(a.rii, 10);
          expect(b.lower).toBeCloseTo(a.lower, 8);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('equals the slope when values are exactly linear in the midpoints b_i', () => {
    fc.assert(
      fc.property(
        populationsArb,
        fc.double({ min: 20, max: 100, noNaN: true }),
        fc.double({ min: -30, max: 30, noNaN: true }),
        (pops, intercept, slope) => {
          const b = midpoints(pops);
          const rows = pops.map((p, i) => ({
            quantile: i + 1,
            population: p,
            value: intercept + slope * (b[i] ?? Number.NaN),
            se: 1,
          }));
          const r = estimate(rows);
          expect(r.sii).toBeCloseTo(slope, 9);
          expect(r.rii).toBeCloseTo((intercept + slope) / intercept, 9);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('quantile assignment properties', () => {
  const setup = fc.integer({ min: 1, max: 20 }).chain((q) =>
    fc.tuple(
      fc.constant(q),
      fc.uniqueArray(fc.double({ min: 0, max: 100, noNaN: true }), {
        minLength: q,
        maxLength: 400,
      }),
    ),
  );

  it('gives each quantile within one of N/q areas when scores are distinct', () => {
    fc.assert(
      fc.property(setup, ([q, scores]) => {
        const r = assignQuantiles(scores, q);
        if (!r.ok) throw new Error(r.reason);
        const counts = Array<number>(q).fill(0);
        for (const k of r.value) counts[k - 1] = (counts[k - 1] ?? 0) + 1;
        for (const c of counts) expect(Math.abs(c - scores.length / q)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });

  it('does not depend on the order of the input, ties included', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 12, maxLength: 200 }),
        fc.integer(),
        (q, scores, seed) => {
          // A seeded permutation of the areas.
          const order = scores.map((_, i) => i);
          let s = seed;
          for (let i = order.length - 1; i > 0; i--) {
            s = (Math.imul(s, 1103515245) + 12345) | 0;
            const j = (s >>> 0) % (i + 1);
            [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
          }
          const direct = assignQuantiles(scores, q);
          const shuffled = assignQuantiles(
            order.map((i) => scores[i] ?? Number.NaN),
            q,
          );
          if (!direct.ok || !shuffled.ok) throw new Error('refused');
          order.forEach((original, position) => {
            expect(shuffled.value[position]).toBe(direct.value[original]);
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('puts the single highest score in quantile 1 and the single lowest in quantile q', () => {
    fc.assert(
      fc.property(setup, ([q, scores]) => {
        const r = assignQuantiles(scores, q);
        if (!r.ok) throw new Error(r.reason);
        const max = scores.indexOf(Math.max(...scores));
        const min = scores.indexOf(Math.min(...scores));
        expect(r.value[max]).toBe(1);
        expect(r.value[min]).toBe(q);
      }),
    );
  });
});
