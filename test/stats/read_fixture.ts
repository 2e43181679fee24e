// Reads a small CSV fixture from test/fixtures/stats into objects of strings.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

export const FIXTURES = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../fixtures/stats',
);

export function readFixture(name: string): Record<string, string>[] {
  return parse<Record<string, string>>(readFileSync(path.join(FIXTURES, name)), {
    columns: true,
    skip_empty_lines: true,
  });
}

/** A numeric field of a fixture row; throws if absent so a broken fixture fails loudly. */
export function num(row: Record<string, string>, field: string): number {
  const raw = row[field];
  if (raw === undefined) throw new Error(`fixture row has no field ${field}`);
  const x = Number(raw);
  if (!Number.isFinite(x)) throw new Error(`fixture field ${field} is not a number: ${raw}`);
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
