/**
 * Life expectancy worked out from the user's own file, as an indicator the atlas can map and the
 * report pages can use (the one-pager takes the indicator on screen). It stays in this page:
 * unlike an imported CSV, it is not kept in the browser's storage.
 */
import { GEOGRAPHY_LEVELS, type GeographyId } from '../../contracts/geography.ts';
import type { AreaLifeExpectancy } from '../../workers/inequality/inequality_api.ts';
import {
  IMPORT_ID_PREFIX,
  type ImportedIndicator,
} from '../../workers/import/imported_indicator.ts';
import { LIFE_EXPECTANCY_METHOD } from '../../workers/stats/life_expectancy.ts';

/** An id from the file name, inside the imported-indicator id space. */
export function lifeExpectancyId(fileName: string): string {
  const stem = fileName
    .toLowerCase()
    .replace(/\.csv$/, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
    .slice(0, 40);
  return `${IMPORT_ID_PREFIX}le_${stem || 'file'}`;
}

/**
 * The computed values joined to the codes of geography `g`; null when none of the file's areas
 * is an area of `g`.
 */
export function lifeExpectancyIndicator(
  areas: readonly AreaLifeExpectancy[],
  g: GeographyId,
  codes: readonly string[],
  fileName: string,
  now: Date = new Date(),
): ImportedIndicator | null {
  const byCode = new Map(areas.map((a) => [a.area, a]));
  const matched = codes.filter((c) => byCode.has(c));
  if (matched.length === 0) return null;
  const level = GEOGRAPHY_LEVELS[g];
  const value = (c: string) => byCode.get(c)?.e0 ?? null;
  return {
    meta: {
      id: lifeExpectancyId(fileName),
      label: `Life expectancy at birth, from ${fileName}`,
      theme: 'Your data',
      unit: 'years',
      kind: 'score',
      decimals: 1,
      polarity: 'higher-is-better',
      definition: `Life expectancy at birth worked out in this browser from deaths and populations by age band in ${fileName}: ${LIFE_EXPECTANCY_METHOD}. Values whose 95% interval is wider than 20 years are suppressed.`,
      source: `Computed in this browser from ${fileName}`,
      period: 'as in the file',
      vintage: level.label,
      licence: 'Your own data, not published by Gap Atlas.',
      geographies: {
        [g]: { method: 'worked out from the deaths and populations in your file', derived: false },
      },
    },
    geography: g,
    codes: [...codes],
    values: codes.map(value),
    lower: codes.map((c) => byCode.get(c)?.lower95 ?? null),
    upper: codes.map((c) => byCode.get(c)?.upper95 ?? null),
    interval: '95%',
    fileName,
    importedAt: now.toISOString(),
    report: {
      format: 'plain',
      series: 'Life expectancy at birth (computed)',
      rows: areas.length,
      matched: matched.length,
      withValue: codes.filter((c) => value(c) !== null).length,
      unmatched: [],
      duplicates: [],
      missing: codes.filter((c) => !byCode.has(c)),
      suppressed: [],
      note: null,
    },
  };
}
