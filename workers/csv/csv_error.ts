/**
 * The one error a CSV file can fail with, in every layer: each problem says which file, line
 * and column, and which value, so the user can find and fix every cell in one pass.
 */

/** One thing wrong with a CSV file. */
export interface CsvProblem {
  /** The file as the user knows it (a path, or a name in the browser). */
  file: string;
  /** 1-based line the record starts on (the header is line 1), or null for the whole file. */
  line: number | null;
  /** 1-based column number, when one column is at fault. */
  column: number | null;
  /** The column's header (or field) name, when known. */
  field: string | null;
  /** The cell as written, when one cell is at fault. */
  value: string | null;
  /** What is wrong, without the location. */
  message: string;
}

/** Why a file was refused before its rows were validated, for callers that word it their way. */
export type CsvFailure = 'syntax' | 'too-many-rows' | 'rows';

/** Most problems named in the error's message; all are in `problems`. */
const LISTED = 20;
/** Longest value quoted back in a message. */
const VALUE_MAX = 60;

export class CsvError extends Error {
  override name = 'CsvError';
  constructor(
    readonly failure: CsvFailure,
    readonly problems: readonly CsvProblem[],
  ) {
    const lines = problems.slice(0, LISTED).map((p) => `  - ${describeCsvProblem(p)}`);
    if (problems.length > LISTED) lines.push(`  … and ${problems.length - LISTED} more`);
    const file = problems[0]?.file ?? 'CSV';
    super([`${file}: ${plural(problems.length, 'problem')}`, ...lines].join('\n'));
  }
}

/** A problem with defaults for what it does not name. */
export function csvProblem(
  p: Partial<CsvProblem> & Pick<CsvProblem, 'file' | 'message'>,
): CsvProblem {
  return {
    file: p.file,
    line: p.line ?? null,
    column: p.column ?? null,
    field: p.field ?? null,
    value: p.value ?? null,
    message: p.message,
  };
}

/** `file, line 3, column 2 (score): not a number (got "twelve")`. */
export function describeCsvProblem(p: CsvProblem): string {
  const where = [p.file];
  if (p.line !== null) where.push(`line ${p.line}`);
  if (p.column !== null) where.push(`column ${p.column}${p.field === null ? '' : ` (${p.field})`}`);
  else if (p.field !== null) where.push(`column ${p.field}`);
  const value = p.value === null ? '' : ` (got ${JSON.stringify(truncate(p.value))})`;
  return `${where.join(', ')}: ${p.message}${value}`;
}

function truncate(s: string): string {
  return s.length > VALUE_MAX ? `${s.slice(0, VALUE_MAX)}…` : s;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
