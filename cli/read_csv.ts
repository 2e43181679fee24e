/**
 * Reads an analyst's CSV with csv-parse, keeping each record's line number, and validates
 * every row with a zod schema so that errors name the file, line, column and value.
 */
import { readFile } from 'node:fs/promises';
import { CsvError, parse } from 'csv-parse/sync';
import { z } from 'zod';
import { InputError } from './input_error.ts';

/** One validated row and the line it came from (the header is line 1). */
export interface CsvRow<T> {
  line: number;
  value: T;
}

export interface CsvTable<T> {
  columns: string[];
  rows: CsvRow<T>[];
}

/** csv-parse's `info: true` output, checked rather than cast. */
const parsedEnvelope = z.array(
  z.object({
    info: z.object({ lines: z.number() }),
    record: z.record(z.string(), z.string()),
  }),
);

/** A decimal number cell: digits with optional sign, point and exponent; nothing else. */
export const numberCell = z
  .string()
  .regex(/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/, { error: 'not a number' })
  .transform(Number);

/** A required text cell. */
export const textCell = z.string().min(1, { error: 'empty' });

/**
 * Read and validate a CSV file.
 * @param file path as the user typed it (used in messages).
 * @param required columns that must be in the header.
 * @param schema validates one row (an object of column name -> cell text).
 * @throws InputError naming the file, line, column and value of the first problem.
 */
export async function readCsv<S extends z.ZodType>(
  file: string,
  required: readonly string[],
  schema: S,
): Promise<CsvTable<z.output<S>>> {
  let text: Buffer;
  try {
    text = await readFile(file);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError(file, null, null, null, `cannot read the file: ${reason}`);
  }
  let header: string[] = [];
  let parsed: unknown;
  try {
    parsed = parse(text, {
      columns: (names: string[]) => {
        header = names.map((n) => n.trim());
        return header;
      },
      info: true,
      bom: true,
      trim: true,
      skip_empty_lines: true,
    });
  } catch (error) {
    if (error instanceof CsvError) {
      const line = typeof error['lines'] === 'number' ? error['lines'] : null;
      throw new InputError(file, line, null, null, `not valid CSV: ${error.message}`);
    }
    throw error;
  }
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
  const rows: CsvRow<z.output<S>>[] = [];
  for (const { info, record } of parsedEnvelope.parse(parsed)) {
    const result = schema.safeParse(record);
    if (!result.success) {
      const issue = result.error.issues[0];
      const column = typeof issue?.path[0] === 'string' ? issue.path[0] : null;
      const value = column === null ? null : (record[column] ?? null);
      throw new InputError(file, info.lines, column, value, issue?.message ?? 'invalid row');
    }
    rows.push({ line: info.lines, value: result.data });
  }
  return { columns: header, rows };
}
