import { PipelineError, type InputProblem } from './errors.ts';
import type { Row } from './csv_table.ts';

export interface JoinTarget {
  /** Area codes of the geometry, in geometry order. */
  codes: readonly string[];
  /** e.g. "LSOA 2011". */
  vintageLabel: string;
  /** Districts being built: rows of these districts must match the geometry. */
  districts: ReadonlySet<string>;
  /** Codes that exist only in the other vintage, to name a vintage mismatch as such. */
  otherVintageCodes: ReadonlySet<string>;
  otherVintageLabel: string;
}

/**
 * Puts rows in geometry order. Refuses (listing every code) on duplicate codes, on codes of
 * the area that the geometry lacks, on codes of the other boundary vintage (never joined
 * silently), and on geometry areas that have no row.
 */
export function joinToGeometry<T>(
  file: string,
  rows: Row<T>[],
  codeOf: (r: T) => string,
  districtOf: (r: T) => string,
  target: JoinTarget,
  options: {
    allowMissing?: boolean;
    /** Rows are already those of the target's districts (data/slices.ts): each one must join. */
    sliced?: boolean;
  } = {},
): (T | undefined)[] {
  const index = new Map(target.codes.map((c, i) => [c, i]));
  const out: (T | undefined)[] = new Array<T | undefined>(target.codes.length).fill(undefined);
  const firstLine = new Map<string, number>();
  const duplicates: InputProblem[] = [];
  const unknown: InputProblem[] = [];
  const mismatched: InputProblem[] = [];
  for (const row of rows) {
    const code = codeOf(row.value);
    const i = index.get(code);
    if (i === undefined) {
      if (!options.sliced && !target.districts.has(districtOf(row.value))) continue;
      const list = target.otherVintageCodes.has(code) ? mismatched : unknown;
      list.push({
        file,
        line: row.line,
        value: code,
        message:
          list === mismatched
            ? `code is ${target.otherVintageLabel}, not ${target.vintageLabel}`
            : `code not in the ${target.vintageLabel} boundaries`,
      });
      continue;
    }
    const prev = firstLine.get(code);
    if (prev !== undefined) {
      duplicates.push({
        file,
        line: row.line,
        value: code,
        message: `duplicate area code (first on line ${prev})`,
      });
      continue;
    }
    firstLine.set(code, row.line);
    out[i] = row.value;
  }
  if (mismatched.length > 0) {
    throw new PipelineError(
      `Boundary vintage mismatch: ${file} holds ${target.otherVintageLabel} codes but is joined to ${target.vintageLabel} boundaries. Convert it with the LSOA 2011-2021 lookup or join it to the other vintage.`,
      mismatched,
    );
  }
  if (duplicates.length > 0)
    throw new PipelineError(`${file} repeats ${duplicates.length} area code(s).`, duplicates);
  if (unknown.length > 0)
    throw new PipelineError(`${file} has ${unknown.length} unknown area code(s).`, unknown);
  if (!options.allowMissing) {
    const missing = target.codes.filter((_, i) => out[i] === undefined);
    if (missing.length > 0) {
      throw new PipelineError(
        `${file} has no row for ${missing.length} ${target.vintageLabel} area(s) of the boundaries: ${missing.slice(0, 20).join(', ')}${missing.length > 20 ? ', …' : ''}.`,
      );
    }
  }
  return out;
}
