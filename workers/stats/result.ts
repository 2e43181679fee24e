/**
 * Outcome of a statistic that may be refused. Expected refusals (too few areas, a missing
 * quantile, too small a population) are values, not exceptions, so callers must show the
 * reason to the user instead of a blank.
 */
export type Result<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Wrap a computed value. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Refuse to compute, saying why in words a public health analyst would use. */
export function refuse<T = never>(reason: string): Result<T> {
  return { ok: false, reason };
}
