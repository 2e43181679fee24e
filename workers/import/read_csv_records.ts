/**
 * CSV text to header and records, each with the line it starts on, as the import words
 * things: the shared reader (workers/csv) with its refusals turned into ImportProblems.
 */
import { CsvError } from '../csv/csv_error.ts';
import { readCsv, type CsvRecord, type CsvRecords } from '../csv/read_csv.ts';
import { importProblem, importProblemOf, type ImportProblem } from './import_problem.ts';

export type { CsvRecord };

export type CsvReadResult =
  { ok: true; header: string[]; records: CsvRecord[] } | { ok: false; problem: ImportProblem };

/**
 * Reads `text` (BOM, CRLF, CR or LF line ends, RFC 4180 quoting). Lines that are empty, or
 * whose cells are all empty (spreadsheets write `,,,` rows), are skipped. More than
 * `maxRows` data records is refused without reading the rest.
 */
export function readCsvRecords(text: string, maxRows: number): CsvReadResult {
  let csv: CsvRecords;
  try {
    // The user's file name is not needed here: the import shows problems beside the file.
    csv = readCsv(text, { file: '', maxRows });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const problem = error.problems[0];
    if (error.failure === 'too-many-rows' || problem === undefined) {
      return {
        ok: false,
        problem: importProblem({
          problem: `the file has more than ${maxRows.toLocaleString('en-GB')} rows, the most this atlas imports; split it or keep only the rows of this area`,
        }),
      };
    }
    return { ok: false, problem: importProblemOf(problem) };
  }
  if (csv.header.length === 0) {
    return {
      ok: false,
      problem: importProblem({ problem: 'the file is empty: expected a header line and rows' }),
    };
  }
  return { ok: true, header: csv.header, records: csv.records };
}
