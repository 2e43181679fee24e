import { ENGLAND_CODE } from '../contracts/geography.ts';
import type { Comparator } from '../contracts/manifest.ts';
import type { Assignment } from '../workers/rollup/aggregate.ts';
import type { LsoaColumn } from './columns.ts';
import type { Row } from './csv_table.ts';
import { imd2019Columns, type Imd2019Row } from './sources/imd2019.ts';
import { readImd2019England, type EnglandFileOptions } from './sources/imd2019_england.ts';
import { rollUpColumns, round, storedDecimals } from './tables.ts';

/** Every source area in one group: the whole of England. */
function oneGroup(n: number): Assignment {
  return { group: new Int32Array(n), groupCount: 1 };
}

/**
 * England values of every column that can be rolled up, by the column's own roll-up rule
 * (the same rule and code that make the authority's value), from `columns` holding every
 * LSOA in England. Ranks and deciles, and any value the LSOAs cannot all give, are left out
 * rather than guessed.
 */
export function englandComparators(
  columns: readonly LsoaColumn[],
  lsoaCount: number,
  sourceNote: string,
  area: { code: string; name: string } = { code: ENGLAND_CODE, name: 'England' },
): Comparator[] {
  const rolled = rollUpColumns(columns, oneGroup(lsoaCount));
  const out: Comparator[] = [];
  for (const col of columns) {
    const r = rolled.get(col.meta.id);
    const v = r?.values[0];
    if (!r || v === undefined || !Number.isFinite(v)) continue;
    out.push({
      indicatorId: col.meta.id,
      areaCode: area.code,
      areaName: area.name,
      value: round(v, storedDecimals(col.meta.decimals)),
      method: `${r.method}, over all ${lsoaCount.toLocaleString('en-GB')} LSOAs in ${area.name === 'England' ? 'England' : `the ${area.name} region`}`,
      source: `${col.meta.source}, ${sourceNote}`,
      period: col.meta.period,
      vintage: col.meta.vintage,
      licence: col.meta.licence,
    });
  }
  return out;
}

/** England comparators from the IoD 2019 England file (IoD 2025's has no denominators). */
export async function readEnglandComparators(
  rawDir: string,
  options?: EnglandFileOptions,
): Promise<Comparator[]> {
  return englandComparatorsOf(await readImd2019England(rawDir, options));
}

/** England comparators from the validated rows of the IoD 2019 England file. */
export function englandComparatorsOf(rows: readonly Row<Imd2019Row>[]): Comparator[] {
  return englandComparators(
    imd2019Columns(rows.map((r) => r.value)),
    rows.length,
    'every LSOA in England (ranks, deciles and mid-2015 denominators from Files 2 and 6; scores as republished by mySociety)',
  );
}
