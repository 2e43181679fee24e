// Reads a small CSV fixture from test/fixtures/stats into objects of strings.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDecimal } from '../../workers/csv/decimal.ts';
import { readCsv } from '../../workers/csv/read_csv.ts';

export const FIXTURES = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../fixtures/stats',
);

/** Rows as header name -> cell, read with the app's own reader. */
export function readFixture(name: string): Record<string, string>[] {
  const { header, records } = readCsv(readFileSync(path.join(FIXTURES, name)), { file: name });
  return records.map(({ cells }) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
}

/** A numeric field of a fixture row; throws if absent so a broken fixture fails loudly. */
export function num(row: Record<string, string>, field: string): number {
  const raw = row[field];
  if (raw === undefined) throw new Error(`fixture row has no field ${field}`);
  const x = parseDecimal(raw.trim());
  if (x === null) throw new Error(`fixture field ${field} is not a number: ${raw}`);
  return x;
}

/** Rows grouped by one field, keeping first-seen order. */
export function groupBy(
  rows: Record<string, string>[],
  field: string,
): Map<string, Record<string, string>[]> {
  const groups = new Map<string, Record<string, string>[]>();
  for (const row of rows) {
    const key = row[field] ?? '';
    const list = groups.get(key) ?? [];
    list.push(row);
    groups.set(key, list);
  }
  return groups;
}

/**
 * The count of a PHEindicatormethods test row. An empty cell is 0: the package reads a missing
 * count as zero events (`na.zero`), and testdata_tiny has one in band 10-14.
 */
export function count(row: Record<string, string>): number {
  return row['count'] === '' ? 0 : num(row, 'count');
}
