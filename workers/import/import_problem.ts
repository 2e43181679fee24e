import type { CsvProblem } from '../csv/csv_error.ts';
import { plainText } from './plain_text.ts';

/** A problem in an imported file, located well enough to fix it. */
export interface ImportProblem {
  /** 1-based line in the file (the header is line 1), or null for whole-file problems. */
  line: number | null;
  /** 1-based column number, when one column is at fault. */
  column: number | null;
  /** The column's header as written (plain text), when known. */
  field: string | null;
  /** The offending cell as written (plain text, shortened), when there is one. */
  value: string | null;
  /** What is wrong, without the location. */
  problem: string;
  /** Location and problem in one line, for display: `line 5, column 13 (Value): not a number (got "1O")`. */
  message: string;
}

/** Longest cell value quoted back in a message. */
const VALUE_MAX = 60;

export function importProblem(p: {
  line?: number | null;
  column?: number | null;
  field?: string | null;
  value?: string | null;
  problem: string;
}): ImportProblem {
  const line = p.line ?? null;
  const column = p.column ?? null;
  const field = p.field === undefined || p.field === null ? null : plainText(p.field, VALUE_MAX);
  // An empty cell is said by the problem itself ("empty area code"); quoting "" adds nothing.
  const value = p.value ? plainText(p.value, VALUE_MAX) || null : null;
  const where: string[] = [];
  if (line !== null) where.push(`line ${line}`);
  if (column !== null) where.push(`column ${column}${field === null ? '' : ` (${field})`}`);
  else if (field !== null) where.push(`column ${field}`);
  const got = value === null ? '' : ` (got "${value}")`;
  const message = `${where.length > 0 ? `${where.join(', ')}: ` : ''}${p.problem}${got}`;
  return { line, column, field, value, problem: p.problem, message };
}

/** A problem the shared CSV reader or row validator found, as the import shows it. */
export function importProblemOf(p: CsvProblem): ImportProblem {
  return importProblem({
    line: p.line,
    column: p.column,
    field: p.field,
    value: p.value,
    problem: p.message,
  });
}
