/**
 * Typed rows from CSV records: one zod schema validates each row, keyed by column name.
 * Problems are collected (up to a cap) rather than thrown at the first, so a file can be
 * fixed in one pass.
 */
import type { z } from 'zod';
import { csvProblem, type CsvProblem } from './csv_error.ts';
import type { CsvRecords } from './read_csv.ts';

/** One validated row and the line it starts on (the header is line 1). */
export interface CsvRow<T> {
  line: number;
  value: T;
}

export interface ValidatedRows<T> {
  rows: CsvRow<T>[];
  /** At most `maxProblems`, one per bad cell (the first issue of each), in file order. */
  problems: CsvProblem[];
  /** Rows with any problem, including those past the cap. */
  badRows: number;
}

export interface ValidateRowsOptions {
  /** Most problems collected; later bad rows are only counted (default 200). */
  maxProblems?: number;
  /**
   * The key each row object has for each 0-based column index. Default: every header
   * name keys its own column (a repeated name keeps its last column).
   */
  columns?: Readonly<Record<string, number>>;
}

const MAX_PROBLEMS = 200;

/** Validates every record; never throws: each caller words its own refusal. */
export function validateRows<S extends z.ZodType>(
  csv: CsvRecords,
  schema: S,
  options: ValidateRowsOptions = {},
): ValidatedRows<z.output<S>> {
  const maxProblems = options.maxProblems ?? MAX_PROBLEMS;
  // A Map, not an object: a header may be named `__proto__` or `toString`.
  const columnOf = new Map(
    options.columns === undefined
      ? csv.header.map((name, i) => [name, i] as const)
      : Object.entries(options.columns),
  );
  const rows: CsvRow<z.output<S>>[] = [];
  const problems: CsvProblem[] = [];
  let badRows = 0;
  for (const { line, cells } of csv.records) {
    const record: Record<string, string> = Object.fromEntries(
      Array.from(columnOf, ([key, index]) => [key, cells[index] ?? '']),
    );
    const parsed = schema.safeParse(record);
    if (parsed.success) {
      rows.push({ line, value: parsed.data });
      continue;
    }
    badRows++;
    // One problem per cell is enough: a bad code fails both its shape and prefix checks.
    const reported = new Set<string>();
    for (const issue of parsed.error.issues) {
      if (problems.length >= maxProblems) break;
      const key = typeof issue.path[0] === 'string' ? issue.path[0] : null;
      if (reported.has(key ?? '')) continue;
      reported.add(key ?? '');
      const index = key === null ? undefined : columnOf.get(key);
      problems.push(
        csvProblem({
          file: csv.file,
          line,
          column: index === undefined ? null : index + 1,
          field: index === undefined ? key : (csv.header[index] ?? key),
          value: key === null || !Object.hasOwn(record, key) ? null : (record[key] ?? null),
          message: issue.message,
        }),
      );
    }
  }
  return { rows, problems, badRows };
}

/** Header names of `required` that the file lacks, in the order given. */
export function missingColumns(csv: CsvRecords, required: readonly string[]): string[] {
  return required.filter((c) => !csv.header.includes(c));
}
