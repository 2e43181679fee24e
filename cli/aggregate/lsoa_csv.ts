/**
 * The user's LSOA file: read and checked (one row per code, numbers or empty/NA in the
 * columns the method uses), its LSOA vintage told from the codes, and every refusal or
 * left-out row placed on the line at fault.
 */
import { z } from 'zod';
import { isCodeOfLevel } from '../../contracts/geography.ts';
import type { IndicatorTable } from '../../contracts/manifest.ts';
import { decimalOrMissingCell } from '../../workers/csv/decimal.ts';
import {
  detectGeography,
  type GeographyDetection,
  type StrayCode,
} from '../../workers/import/detect_geography.ts';
import { InputError } from '../input_error.ts';
import { readCsv, textCell } from '../read_csv.ts';
import type { Vintage } from './options.ts';

/** A number, or an empty/NA cell (NaN: missing). */
const valueCell = decimalOrMissingCell('not a number (or empty/NA)', ['', 'NA']).transform(
  (v) => v ?? NaN,
);

/** A validated input row: the area code and the numeric columns the method reads. */
export type LsoaRow = { area_code: string; [column: string]: string | number };

/** Reads and checks the input: the columns the method uses, one row per area code. */
export async function readLsoaCsv(
  file: string,
  used: readonly string[],
): Promise<{ rows: LsoaRow[]; lineOf: Map<string, number> }> {
  const valueColumns: Record<string, typeof valueCell> = Object.fromEntries(
    used.map((c) => [c, valueCell]),
  );
  const rowSchema: z.ZodType<LsoaRow> = z.object({ ...valueColumns, area_code: textCell });
  const table = await readCsv(file, ['area_code', ...used], rowSchema);
  const lineOf = new Map<string, number>();
  for (const { line, value } of table.rows) {
    const first = lineOf.get(value.area_code);
    if (first !== undefined)
      throw new InputError(
        file,
        line,
        'area_code',
        value.area_code,
        `duplicate area code (first on line ${first})`,
      );
    lineOf.set(value.area_code, line);
  }
  return { rows: table.rows.map((r) => r.value), lineOf };
}

/** The LSOA vintage of the codes, or an error on the first line at fault. */
export function detectLsoaVintage(
  file: string,
  lineOf: ReadonlyMap<string, number>,
  tables: Record<'lsoa11' | 'lsoa21', IndicatorTable>,
  areaName: string,
  vintage: Vintage | undefined,
): Extract<GeographyDetection, { ok: true }> & { geography: 'lsoa11' | 'lsoa21' } {
  if (![...lineOf.keys()].some((c) => isCodeOfLevel(c, 'lsoa11'))) {
    throw new InputError(file, null, 'area_code', null, 'aggregate needs LSOA codes (E01…)');
  }
  const detection = detectGeography(
    lineOf.keys(),
    { lsoa11: tables.lsoa11.codes, lsoa21: tables.lsoa21.codes },
    {
      areaName,
      geography: vintage === undefined ? undefined : vintage === '2011' ? 'lsoa11' : 'lsoa21',
    },
  );
  if (!detection.ok) throw codeError(file, detection.reason, detection.stray, lineOf);
  const geography = detection.geography;
  if (geography !== 'lsoa11' && geography !== 'lsoa21') {
    throw new InputError(file, null, 'area_code', null, 'aggregate needs LSOA codes (E01…)');
  }
  if (detection.ambiguous && vintage === undefined) {
    throw new InputError(
      file,
      null,
      'area_code',
      null,
      'every code exists in both LSOA 2011 and LSOA 2021, so the vintage cannot be told from the codes: say which with --vintage 2011 or --vintage 2021',
    );
  }
  return { ...detection, geography };
}

/** A refusal from the geography check, placed on the first line at fault. */
function codeError(
  file: string,
  reason: string,
  stray: readonly StrayCode[],
  lineOf: ReadonlyMap<string, number>,
): InputError {
  const culprits = stray
    .filter((s) => s.kind !== 'not-this-geography')
    .map((s) => ({ code: s.code, line: lineOf.get(s.code) ?? Infinity }))
    .sort((a, b) => a.line - b.line);
  const first = culprits[0];
  return first === undefined || !Number.isFinite(first.line)
    ? new InputError(file, null, 'area_code', null, reason)
    : new InputError(file, first.line, 'area_code', first.code, reason);
}

/** One line per reason rows were left out, with a count and the first line. */
export function describeIgnored(
  stray: readonly StrayCode[],
  lineOf: ReadonlyMap<string, number>,
): string[] {
  const byReason = new Map<string, number[]>();
  for (const s of stray) {
    const lines = byReason.get(s.reason) ?? [];
    lines.push(lineOf.get(s.code) ?? 0);
    byReason.set(s.reason, lines);
  }
  return [...byReason].map(
    ([reason, lines]) =>
      `${lines.length} row${lines.length === 1 ? '' : 's'} left out, ${reason} (first on line ${Math.min(...lines)})`,
  );
}
