/** England's and the region's value of each atlas indicator, from the comparators in headline.json. */
import { ENGLAND_CODE } from '../../contracts/geography.ts';
import type { Headline } from '../../contracts/manifest.ts';
import type { EnglandValue, RegionValues } from './profile_model.ts';

export function englandValues(headline: Headline | string): ReadonlyMap<string, EnglandValue> {
  if (typeof headline === 'string') return new Map();
  return new Map(
    headline.comparators
      .filter((c) => c.areaCode === ENGLAND_CODE)
      .map((c) => [c.indicatorId, { value: c.value, method: c.method }]),
  );
}

/**
 * The region's values (ONS region codes E12…), when headline.json has exactly one region: a
 * district's, or a group's within one region. Null otherwise (no column rather than a guess).
 */
export function regionValues(headline: Headline | string): RegionValues | null {
  if (typeof headline === 'string') return null;
  const rows = headline.comparators.filter((c) => c.areaCode.startsWith('E12'));
  const codes = new Set(rows.map((c) => c.areaCode));
  const first = rows[0];
  if (codes.size !== 1 || !first) return null;
  return {
    code: first.areaCode,
    name: first.areaName,
    values: new Map(rows.map((c) => [c.indicatorId, { value: c.value, method: c.method }])),
  };
}
