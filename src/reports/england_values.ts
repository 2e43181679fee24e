/** England's value of each atlas indicator, from the comparators in headline.json. */
import { ENGLAND_CODE } from '../../contracts/geography.ts';
import type { Headline } from '../../contracts/manifest.ts';
import type { EnglandValue } from './profile_model.ts';

export function englandValues(headline: Headline | string): ReadonlyMap<string, EnglandValue> {
  if (typeof headline === 'string') return new Map();
  return new Map(
    headline.comparators
      .filter((c) => c.areaCode === ENGLAND_CODE)
      .map((c) => [c.indicatorId, { value: c.value, method: c.method }]),
  );
}
