/**
 * The one CSV writer (csv-stringify's browser build, so the screen and the server can
 * share it). Every text cell is quoted and guarded against spreadsheet formulas, so a cell
 * like `Foo;=1+1;bar` stays text even in a spreadsheet that splits on `;`.
 */
import { stringify } from 'csv-stringify/browser/esm/sync';

/** A cell: text is quoted and guarded; numbers are written as they are; null is empty. */
export type CsvValue = string | number | null;

export interface WriteCsvOptions {
  /** Line end (default `\n`); RFC 4180 and Excel prefer `\r\n`. */
  eol?: '\n' | '\r\n';
  /** Start with a byte order mark so Excel reads the file as UTF-8 (default false). */
  bom?: boolean;
}

/**
 * A spreadsheet runs a cell starting with = + - @ (or tab/CR) as a formula; a leading
 * apostrophe makes it text. Only text is guarded: numbers we write ourselves stay numbers.
 */
export function guardFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const STRINGIFY = {
  quoted_string: true,
  cast: { string: guardFormula },
} as const;

/** Rows to CSV text, each row ended by `eol`. */
export function writeCsv(
  rows: readonly (readonly CsvValue[])[],
  options: WriteCsvOptions = {},
): string {
  return stringify(rows as CsvValue[][], {
    ...STRINGIFY,
    bom: options.bom ?? false,
    record_delimiter: options.eol === '\r\n' ? 'windows' : 'unix',
  });
}

/** One row without a line end, for callers that assemble lines themselves. */
export function writeCsvLine(cells: readonly CsvValue[]): string {
  return stringify([cells as CsvValue[]], { ...STRINGIFY, eof: false });
}
