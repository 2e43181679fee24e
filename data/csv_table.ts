import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { PipelineError, type InputProblem } from './errors.ts';

/** A validated CSV row with the line it came from. */
export interface Row<T> {
  line: number;
  value: T;
}

/** Most problems listed before giving up on a file. */
const MAX_PROBLEMS = 200;

/**
 * Parses CSV text and validates each row with `schema` (keyed by header name). Every
 * problem names the file, line, column and value; any problem fails the whole file.
 */
export function parseCsvTable<S extends z.ZodType>(
  text: string,
  file: string,
  schema: S,
): Row<z.infer<S>>[] {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, {
      columns: true,
      info: true,
      bom: true,
      skip_empty_lines: true,
      relax_quotes: false,
    }) as typeof records;
  } catch (err) {
    const e = err as Error & { lines?: number; column?: number | string };
    throw new PipelineError(`Could not read ${file} as CSV.`, [
      {
        file,
        line: e.lines,
        message: e.message.replace(/^Invalid Record Length: /, 'wrong number of fields: '),
      },
    ]);
  }
  const header = firstHeader(text);
  const required = requiredColumns(schema);
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new PipelineError(`${file} lacks required column(s): ${missing.join(', ')}.`, [
      { file, line: 1, message: `header has ${header.join(', ')}` },
    ]);
  }
  const rows: Row<z.infer<S>>[] = [];
  const problems: InputProblem[] = [];
  for (const { record, info } of records) {
    const parsed = schema.safeParse(record);
    if (parsed.success) {
      rows.push({ line: info.lines, value: parsed.data });
      continue;
    }
    const reported = new Set<string>();
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '');
      // One message per cell is enough: a bad code fails both its shape and prefix checks.
      if (reported.has(field)) continue;
      reported.add(field);
      const idx = header.indexOf(field);
      problems.push({
        file,
        line: info.lines,
        column: idx >= 0 ? idx + 1 : undefined,
        field: field || undefined,
        value: field ? (record[field] ?? '(missing)') : undefined,
        message: issue.message,
      });
    }
    if (problems.length >= MAX_PROBLEMS) break;
  }
  if (problems.length > 0) {
    throw new PipelineError(`${file} has ${problems.length} invalid value(s).`, problems);
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

function firstHeader(text: string): string[] {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const rows = parse(firstLine, { to_line: 1 }) as string[][];
  return rows[0] ?? [];
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

const NUMBER_TEXT = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** A required finite number. */
export const num = z.string().trim().regex(NUMBER_TEXT, 'expected a number').transform(Number);

/** A number or an empty cell (null). */
export const optNum = z
  .string()
  .trim()
  .refine((s) => s === '' || NUMBER_TEXT.test(s), 'expected a number or an empty cell')
  .transform((s) => (s === '' ? null : Number(s)));

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
export const optNumOrNA = z
  .string()
  .trim()
  .refine(
    (s) => s === '' || s === 'NA' || NUMBER_TEXT.test(s),
    'expected a number, NA or an empty cell',
  )
  .transform((s) => (s === '' || s === 'NA' ? null : Number(s)));
