/**
 * A problem with the analyst's input file, located precisely enough to fix it: which file,
 * which line, which column, and the offending value.
 */
export class InputError extends Error {
  constructor(
    readonly file: string,
    /** 1-based line in the file; the header is line 1. Null when no single line is at fault. */
    readonly line: number | null,
    /** Column (field) name, or null for whole-row problems. */
    readonly column: string | null,
    /** The value as written in the file, or null when the value is absent. */
    readonly value: string | null,
    readonly problem: string,
  ) {
    super(InputError.describe(file, line, column, value, problem));
    this.name = 'InputError';
  }

  /** `file:line: column "x": problem: "value"`, the shape editors and grep understand. */
  static describe(
    file: string,
    line: number | null,
    column: string | null,
    value: string | null,
    problem: string,
  ): string {
    const where = line === null ? file : `${file}:${line}`;
    const field = column === null ? '' : ` column "${column}":`;
    const got = value === null ? '' : ` (got "${value}")`;
    return `${where}:${field} ${problem}${got}`;
  }
}

/** A command-line usage problem (unknown command, bad option). */
export class UsageError extends Error {
  override name = 'UsageError';
}
