// PHEindicatormethods' tests use testthat's expect_equal, whose default tolerance is
// sqrt(.Machine$double.eps) = 1.49e-8 as a relative difference. We hold every single value to
// it (testthat averages the differences over the compared columns, which is weaker).
import { expect } from 'vitest';

export const PHE_TOLERANCE = 1.4901161193847656e-8;

/** |actual - expected| <= tolerance x |expected| (absolute when expected is 0). */
export function expectRelative(
  actual: number | null | undefined,
  expected: number,
  tolerance = PHE_TOLERANCE,
): void {
  if (actual === null || actual === undefined)
    throw new Error(`expected ${expected}, got ${actual}`);
  const scale = expected === 0 ? 1 : Math.abs(expected);
  expect(Math.abs(actual - expected) / scale, `${actual} vs ${expected}`).toBeLessThanOrEqual(
    tolerance,
  );
}
