/**
 * CSV text to header and records, each with the line it starts on. Uses csv-parse's browser
 * build so the same code runs in the import worker and in Node tests.
 */
import { CsvError, parse } from 'csv-parse/browser/esm/sync';
import { z } from 'zod';
import { importProblem, type ImportProblem } from './import_problem.ts';

export interface CsvRecord {
  /** 1-based line the record starts on (the header is line 1). */
  line: number;
  cells: string[];
}

export type CsvReadResult =
  { ok: true; header: string[]; records: CsvRecord[] } | { ok: false; problem: ImportProblem };

/** csv-parse's `info: true` output, checked rather than cast. */
const Envelope = z.array(
  z.object({ record: z.array(z.string()), info: z.object({ lines: z.number() }) }),
);

/**
 * Reads `text` (BOM, CRLF, CR or LF line ends, RFC 4180 quoting). Lines that are empty, or
 * whose cells are all empty (spreadsheets write `,,,` rows), are skipped. More than
 * `maxRows` data records is refused without reading the rest.
 */
export function readCsvRecords(text: string, maxRows: number): CsvReadResult {
  // One line-end convention, so csv-parse's line count is right inside quoted fields too.
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let lastRecordLine = 0;
  let parsed: unknown;
  try {
    parsed = parse(normalised, {
      info: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      // The header plus one record too many is enough to know the file is too long.
      to: maxRows + 2,
      on_record: (record: string[], context: { lines: number }) => {
        lastRecordLine = context.lines;
        return record;
      },
    });
  } catch (error) {
    if (error instanceof CsvError) return { ok: false, problem: csvProblem(error, lastRecordLine) };
    throw error;
  }
  const rows = Envelope.parse(parsed);
  const [head, ...body] = rows;
  if (head === undefined) {
    return {
      ok: false,
      problem: importProblem({ problem: 'the file is empty: expected a header line and rows' }),
    };
  }
  if (body.length > maxRows) {
    return {
      ok: false,
      problem: importProblem({
        problem: `the file has more than ${maxRows.toLocaleString('en-GB')} rows, the most this atlas imports; split it or keep only the rows of this area`,
      }),
    };
  }
  const records = body.map(({ record, info }) => ({
    // csv-parse reports the line a record ends on; count back over line breaks in its cells.
    line: info.lines - record.reduce((n, cell) => n + countLineBreaks(cell), 0),
    cells: record,
  }));
  return { ok: true, header: head.record.map((h) => h.trim()), records };
}

function countLineBreaks(cell: string): number {
  let n = 0;
  for (let i = cell.indexOf('\n'); i >= 0; i = cell.indexOf('\n', i + 1)) n++;
  return n;
}

function csvProblem(error: CsvError, lastRecordLine: number): ImportProblem {
  const line = typeof error.lines === 'number' ? error.lines : null;
  const column = typeof error.column === 'number' ? error.column + 1 : null;
  switch (error.code) {
    case 'CSV_INVALID_CLOSING_QUOTE':
      return importProblem({
        line,
        column,
        problem:
          'a quoted field is followed by more text before the comma; a quote inside a quoted field must be doubled ("")',
      });
    case 'CSV_QUOTE_NOT_CLOSED':
      return importProblem({
        line: lastRecordLine + 1,
        problem: 'a quoted field starting on this line or a later one is never closed',
      });
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
    case 'CSV_RECORD_INCONSISTENT_COLUMNS':
      return importProblem({
        line,
        problem: `wrong number of fields: ${error.message.replace(/^Invalid Record Length: /, '').replace(/ on line \d+$/, '')} (the header sets the number)`,
      });
    default:
      return importProblem({ line, column, problem: `not valid CSV: ${error.message}` });
  }
}
