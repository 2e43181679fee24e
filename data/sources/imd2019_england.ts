import { readFile } from 'node:fs/promises';
import { parseCsvTable, type Row } from '../csv_table.ts';
import { PipelineError, type InputProblem } from '../errors.ts';
import { RAW, rawPath } from '../raw_catalogue.ts';
import { Imd2019Row } from './imd2019.ts';

export interface EnglandFileOptions {
  /** LSOAs the file must hold: a shorter file would give a value that is not England's. */
  expectedLsoas?: number;
}

/** IoD 2019 ranks all 32,844 LSOAs (2011) of England. */
export const ENGLAND_LSOAS_2011 = 32_844;

/**
 * Every LSOA (2011) of England from the IoD 2019 England file, in file order, validated like
 * the LCR file. Refuses a repeated code (it would count twice) and a file that is not the
 * whole of England.
 */
export function parseImd2019England(
  text: string,
  { expectedLsoas = ENGLAND_LSOAS_2011 }: EnglandFileOptions = {},
): Row<Imd2019Row>[] {
  return checkEnglandRows(parseCsvTable(text, RAW.imd2019England.path, Imd2019Row), {
    expectedLsoas,
  });
}

/** Refuses a repeated code (it would count twice) and a file that is not the whole of England. */
export function checkEnglandRows(
  rows: Row<Imd2019Row>[],
  { expectedLsoas = ENGLAND_LSOAS_2011 }: EnglandFileOptions = {},
): Row<Imd2019Row>[] {
  const file = RAW.imd2019England.path;
  const firstLine = new Map<string, number>();
  const duplicates: InputProblem[] = [];
  for (const { line, value } of rows) {
    const prev = firstLine.get(value.lsoa11cd);
    if (prev === undefined) firstLine.set(value.lsoa11cd, line);
    else
      duplicates.push({
        file,
        line,
        field: 'lsoa11cd',
        value: value.lsoa11cd,
        message: `duplicate area code (first on line ${prev})`,
      });
  }
  if (duplicates.length > 0)
    throw new PipelineError(`${file} repeats ${duplicates.length} area code(s).`, duplicates);
  if (rows.length !== expectedLsoas) {
    throw new PipelineError(
      `${file} holds ${rows.length.toLocaleString('en-GB')} LSOAs, not the ${expectedLsoas.toLocaleString('en-GB')} of England; it should hold ${RAW.imd2019England.source}.`,
      [{ file, message: `${rows.length} data rows` }],
    );
  }
  return rows;
}

export async function readImd2019England(
  rawDir: string,
  options?: EnglandFileOptions,
): Promise<Row<Imd2019Row>[]> {
  return parseImd2019England(await readFile(rawPath(rawDir, 'imd2019England'), 'utf8'), options);
}
