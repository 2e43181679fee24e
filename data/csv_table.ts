import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { CsvError, type CsvProblem } from '../workers/csv/csv_error.ts';
import { decimalCell, decimalOrMissingCell } from '../workers/csv/decimal.ts';
import { readCsv, type CsvRecords } from '../workers/csv/read_csv.ts';
import { missingColumns, validateRows, type CsvRow } from '../workers/csv/validate_rows.ts';
import { PipelineError, type InputProblem } from './errors.ts';

/** A validated CSV row with the line it starts on. */
export type Row<T> = CsvRow<T>;

/** Most problems listed before giving up on a file. */
const MAX_PROBLEMS = 200;

/**
 * Parses CSV text and validates each row with `schema` (keyed by header name). Every
 * problem names the file, line, column and value; any problem fails the whole file.
 * The pipeline's face of workers/csv: its errors are PipelineErrors.
 */
export function parseCsvTable<S extends z.ZodType>(
  text: string,
  file: string,
  schema: S,
): Row<z.infer<S>>[] {
  let csv: CsvRecords;
  try {
    csv = readCsv(text, { file });
  } catch (error) {
    if (error instanceof CsvError) {
      throw new PipelineError(`Could not read ${file} as CSV.`, error.problems.map(inputProblem));
    }
    throw error;
  }
  const missing = missingColumns(csv, requiredColumns(schema));
  if (missing.length > 0) {
    throw new PipelineError(`${file} lacks required column(s): ${missing.join(', ')}.`, [
      { file, line: 1, message: `header has ${csv.header.join(', ')}` },
    ]);
  }
  const { rows, problems } = validateRows(csv, schema, { maxProblems: MAX_PROBLEMS });
  if (problems.length > 0) {
    throw new PipelineError(
      `${file} has ${problems.length} invalid value(s).`,
      problems.map(inputProblem),
    );
  }
  return rows;
}

export async function readCsvTable<S extends z.ZodType>(
  path: string,
  displayName: string,
  schema: S,
): Promise<Row<z.infer<S>>[]> {
  return parseCsvTable(await readFile(path, 'utf8'), displayName, schema);
}

function inputProblem(p: CsvProblem): InputProblem {
  return {
    file: p.file,
    line: p.line ?? undefined,
    column: p.column ?? undefined,
    field: p.field ?? undefined,
    // A cell the schema wanted but the header lacks (an optional column left out).
    value: p.value ?? (p.field !== null && p.column === null ? '(missing)' : undefined),
    message: p.message,
  };
}

function requiredColumns(schema: z.ZodType): string[] {
  if (schema instanceof z.ZodObject) {
    return Object.entries(schema.shape as Record<string, z.ZodType>)
      .filter(([, s]) => !s.safeParse(undefined).success)
      .map(([k]) => k);
  }
  return [];
}

// Cell parsers: CSV cells are strings; an empty cell is a missing value.

/** A required finite number (workers/csv/decimal.ts says what a number is). */
export const num = decimalCell('expected a number');

/** A number or an empty cell (null). */
export const optNum = decimalOrMissingCell('expected a number or an empty cell', ['']);

/** A required whole number. */
export const int = z
  .string()
  .trim()
  .regex(/^-?\d+$/, 'expected a whole number')
  .transform(Number);

/** A GSS code with one of the given prefixes, e.g. gss('E01'). */
export function gss(...prefixes: string[]) {
  return z
    .string()
    .trim()
    .regex(/^[EWSN]\d{8}$/, 'expected a 9-character GSS code like E01006512')
    .refine((c) => prefixes.length === 0 || prefixes.some((p) => c.startsWith(p)), {
      message: `expected a code starting ${prefixes.join(' or ')}`,
    });
}

export const text = z.string();
export const yesNo = z.enum(['Y', 'N']);

/** Like optNum, but also takes "NA", which R exports (Fingertips extracts) write for missing. */
export const optNumOrNA = decimalOrMissingCell('expected a number, NA or an empty cell', [
  '',
  'NA',
]);
