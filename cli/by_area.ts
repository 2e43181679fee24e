/** Rows of an analyst's CSV grouped by their `area` column, in first-seen order. */
import type { Result } from '../workers/stats/result.ts';
import { EXIT, type CliOutput } from './command.ts';
import type { CsvRow } from './read_csv.ts';

export interface AreaRows<T> {
  /** Line of the area's first row (the header is line 1). */
  firstLine: number;
  rows: CsvRow<T>[];
}

export function byArea<T extends { area: string }>(rows: CsvRow<T>[]): Map<string, AreaRows<T>> {
  const areas = new Map<string, AreaRows<T>>();
  for (const row of rows) {
    const area = areas.get(row.value.area) ?? { firstLine: row.line, rows: [] };
    area.rows.push(row);
    areas.set(row.value.area, area);
  }
  return areas;
}

/**
 * Compute one answer per area and print `{file, results: [{area, ...}]}`; an area refused
 * says why (on stderr too) while the others still compute.
 * @returns the exit code: refused only when every area was.
 */
export function printPerArea<T, R extends object>(
  file: string,
  out: CliOutput,
  areas: Map<string, AreaRows<T>>,
  compute: (area: string, rows: AreaRows<T>) => Result<R>,
): number {
  let refused = 0;
  const results = [...areas].map(([area, rows]) => {
    const r = compute(area, rows);
    if (r.ok) return { area, ...r.value };
    refused++;
    out.stderr(`${file}: not computed for area "${area}": ${r.reason}\n`);
    return { area, refused: true, reason: r.reason };
  });
  out.stdout(JSON.stringify({ file, results }, null, 2) + '\n');
  return refused === results.length ? EXIT.refused : EXIT.ok;
}
