import type { IndicatorMeta } from '../../contracts/manifest.ts';
import { writeCsv } from '../../workers/csv/write_csv.ts';

/** One row of the table of areas. */
export interface TableRow {
  index: number;
  code: string;
  name: string;
  value: number | null;
  rank: number;
  decile: number | null;
}

/**
 * The table of areas as CSV with the shared writer (every text cell quoted and guarded
 * against spreadsheet formulas), then a blank line and the source, period, vintage and
 * licence of the figures.
 */
export function tableCsv(meta: IndicatorMeta, rows: readonly TableRow[]): string {
  return writeCsv([
    ['code', 'name', meta.label, 'rank (1 = worst)', 'national IMD decile'],
    ...rows.map((r) => [r.code, r.name, r.value, r.rank || null, r.decile]),
    [],
    [`Source: ${meta.source}; period ${meta.period}; vintage ${meta.vintage}. ${meta.licence}`],
  ]);
}
