/**
 * Reads an analyst's CSV with the shared reader (workers/csv), keeping each record's line
 * number, and validates every row with a zod schema so that errors name the file, line,
 * column and value. The CLI's face of workers/csv: its errors are InputErrors.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { CsvError } from '../workers/csv/csv_error.ts';
import { decimalCell } from '../workers/csv/decimal.ts';
import { readCsv as readCsvRecords, type CsvRecords } from '../workers/csv/read_csv.ts';
import { validateRows, type CsvRow as Row } from '../workers/csv/validate_rows.ts';
import { InputError } from './input_error.ts';

/** One validated row and the line it came from (the header is line 1). */
export type CsvRow<T> = Row<T>;

export interface CsvTable<T> {
  columns: string[];
  rows: CsvRow<T>[];
}

/** A decimal number cell: digits with optional sign, point and exponent; nothing else. */
export const numberCell = decimalCell('not a number');

/** A required text cell. */
export const textCell = z.string().min(1, { error: 'empty' });

/**
 * Read and validate a CSV file.
 * @param file path as the user typed it (used in messages).
 * @param required columns that must be in the header.
 * @param schema validates one row (an object of column name -> cell text, trimmed).
 * @throws InputError naming the file, line, column and value of the first problem.
 */
export async function readCsv<S extends z.ZodType>(
  file: string,
  required: readonly string[],
  schema: S,
): Promise<CsvTable<z.output<S>>> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError(file, null, null, null, `cannot read the file: ${reason}`);
  }
  let csv: CsvRecords;
  try {
    csv = readCsvRecords(bytes, { file, trim: true });
  } catch (error) {
    if (error instanceof CsvError) {
      const problem = error.problems[0];
      throw new InputError(
        file,
        problem?.line ?? null,
        null,
        null,
        problem?.message ?? 'not valid CSV',
      );
    }
    throw error;
  }
  const header = csv.header;
  if (header.length === 0) {
    throw new InputError(file, 1, null, null, 'the file is empty: expected a header line');
  }
  for (const column of required) {
    if (!header.includes(column)) {
      throw new InputError(
        file,
        1,
        column,
        null,
        `missing column; the header has ${header.map((h) => `"${h}"`).join(', ')}`,
      );
    }
  }
  // The CLI stops at the first problem: analysts fix and rerun one file at a time.
  const { rows, problems } = validateRows(csv, schema, { maxProblems: 1 });
  const problem = problems[0];
  if (problem !== undefined) {
    throw new InputError(file, problem.line, problem.field, problem.value, problem.message);
  }
  return { columns: header, rows };
}
