import type { IndicatorMeta } from '../contracts/manifest.ts';
import type { CarryKind } from '../workers/rollup/vintage_convert.ts';

/** How a column is rolled up from LSOAs to wards, MSOAs and the authority (METHODS.md §4). */
export type RollupSpec =
  | { kind: 'sum' }
  /** Weighted mean; also how a rate is rebuilt from numerators = rate x denominator. */
  | { kind: 'weightedMean'; weight: string; describe: string }
  /** Unweighted mean, where the raw data has no weights for the areas: `describe` says so. */
  | { kind: 'mean'; describe: string }
  | { kind: 'ratio'; numerator: string; denominator: string; scale: number }
  | { kind: 'none'; reason: string };

/** One LSOA-level indicator column before it is spread over the geographies. */
export interface LsoaColumn {
  meta: Omit<IndicatorMeta, 'geographies'>;
  lsoaVintage: '2011' | '2021';
  values: Float64Array;
  rollup: RollupSpec;
  /** How a 2011 column is carried onto 2021 LSOAs; null for 2021 columns. */
  carry: CarryKind | null;
}

/** Column values in geometry order from joined rows (undefined row or null cell -> NaN). */
export function columnOf<T>(
  rows: readonly (T | undefined)[],
  get: (r: T) => number | null,
): Float64Array {
  const out = new Float64Array(rows.length);
  rows.forEach((r, i) => {
    const v = r === undefined ? null : get(r);
    out[i] = v === null ? NaN : v;
  });
  return out;
}

export function carryKindOf(kind: IndicatorMeta['kind']): CarryKind {
  if (kind === 'count') return 'count';
  if (kind === 'rank' || kind === 'decile') return 'category';
  return 'value';
}

/** A numeric field of a validated row whose key is built at run time (domain columns). */
export function numField(row: object, key: string): number | null {
  const v = (row as Record<string, unknown>)[key];
  return typeof v === 'number' ? v : null;
}
