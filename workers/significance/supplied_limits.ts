/**
 * An imported indicator's interval for one area at 95% or 99.8%, for Fingertips' comparison
 * (compare.ts): the file's own limits at that level when it has them (a Fingertips export has
 * "Lower/Upper CI 95.0 limit" and "... 99.8 limit"), else limits worked out from its Count and
 * Denominator when the value is the count over the denominator times a power of ten: Wilson's
 * for a proportion or percentage (workers/stats/proportion.ts, PHEindicatormethods
 * `phe_proportion`), exact below 10 events and Byar's from 10 for a rate
 * (workers/stats/byar.ts, `phe_rate`). A standardised rate or any other value that is not the
 * crude count over denominator gets no limits from its counts: null, with the reason.
 * Counts and denominators are what add up (../shared/METHODS.md section 4). Pure.
 */
import { poissonCountLimits } from '../stats/byar.ts';
import { wilsonLimits } from '../stats/proportion.ts';
import type { Level } from './compare.ts';

/** What the file gave for one area (null where a column is absent or empty). */
export interface SuppliedArea {
  value: number | null;
  lower95: number | null;
  upper95: number | null;
  lower998: number | null;
  upper998: number | null;
  count: number | null;
  denominator: number | null;
}

export type IntervalSource = 'file' | 'counts-wilson' | 'counts-exact-byar';

export interface SuppliedInterval {
  value: number;
  lower: number;
  upper: number;
  level: Level;
  source: IntervalSource;
}

export type SuppliedResult =
  { ok: true; interval: SuppliedInterval } | { ok: false; reason: string };

/** Powers of ten a crude figure may be per: per 1, per cent ... per 100,000. */
const MULTIPLIERS = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000];
/** A published value is rounded: 2% of it is slack enough for one decimal on a small value. */
const SLACK = 0.02;

/** The power of ten the value is the count over the denominator times; null if none. */
export function crudeMultiplier(value: number, count: number, denominator: number): number | null {
  if (!(denominator > 0) || !(count > 0) || !(value > 0)) return null;
  const ratio = value / (count / denominator);
  return MULTIPLIERS.find((m) => Math.abs(ratio / m - 1) <= SLACK) ?? null;
}

export function suppliedInterval(a: SuppliedArea, level: Level): SuppliedResult {
  const { value } = a;
  if (value === null) return { ok: false, reason: 'no value' };
  const [lower, upper] = level === 0.95 ? [a.lower95, a.upper95] : [a.lower998, a.upper998];
  if (lower !== null && upper !== null)
    return { ok: true, interval: { value, lower, upper, level, source: 'file' } };
  const pct = level === 0.95 ? '95%' : '99.8%';
  const { count, denominator } = a;
  if (count === null || denominator === null)
    return {
      ok: false,
      reason: `the file gives neither ${pct} limits nor a count and denominator`,
    };
  const m = crudeMultiplier(value, count, denominator);
  if (m === null)
    return {
      ok: false,
      reason: `no ${pct} limits in the file, and the value is not its count over its denominator (a standardised rate, say), so none can be worked out`,
    };
  if (m <= 100 && count <= denominator) {
    const [lo, hi] = wilsonLimits(count, denominator, level);
    return {
      ok: true,
      interval: { value, lower: lo * m, upper: hi * m, level, source: 'counts-wilson' },
    };
  }
  const limits = poissonCountLimits(count, level);
  return {
    ok: true,
    interval: {
      value,
      lower: ((limits.lower ?? 0) / denominator) * m,
      upper: (limits.upper / denominator) * m,
      level,
      source: 'counts-exact-byar',
    },
  };
}

/** Words for where an interval came from, for the method under the table. */
export const INTERVAL_SOURCE_WORDS: Readonly<Record<IntervalSource, string>> = {
  file: 'the file’s own limits',
  'counts-wilson': 'Wilson limits from the file’s count and denominator',
  'counts-exact-byar':
    'exact (under 10 events) or Byar limits from the file’s count and denominator',
};
