/**
 * Parses a user's indicator CSV: a Fingertips data export or a plain `area_code,value` file.
 * Detects the format from the header, validates every row with zod (problems name line,
 * column and value), and groups a Fingertips export into its series (indicator × sex × age ×
 * period × category) so the user can pick one. Pure: text in, rows out. (About 400 lines:
 * the two formats share one row loop and one problem list, which read best side by side.)
 */
import { z } from 'zod';
import { parseDecimal } from '../csv/decimal.ts';
import { validateRows } from '../csv/validate_rows.ts';
import {
  detectGeography,
  type DetectOptions,
  type GeographyDetection,
  type KnownCodes,
} from './detect_geography.ts';
import { IMPORT_LIMITS } from './import_limits.ts';
import { importProblem, importProblemOf, type ImportProblem } from './import_problem.ts';
import {
  detectFormat,
  FINGERTIPS_COLUMNS,
  matchColumns,
  PLAIN_COLUMNS,
  type ColumnSpec,
  type Field,
  type ImportFormat,
} from './indicator_columns.ts';
import { NAME_MAX, plainText, plainTextOrNull, TEXT_MAX } from './plain_text.ts';
import { readCsvRecords } from './read_csv_records.ts';

/** One data row, validated. Text is plain (see plain_text.ts); numbers are finite or null. */
export interface ImportRow {
  /** 1-based line the row starts on (the header is line 1). */
  line: number;
  /** Area code, trimmed and upper-cased (not yet checked against any geography). */
  code: string;
  name: string | null;
  areaType: string | null;
  value: number | null;
  /** Why `value` is null: the file's value note, or the missing-value mark it used. */
  missingReason: string | null;
  /** Decimal places the value was written with. */
  decimals: number;
  /** 95% limits for a Fingertips export; the file's own `lower`/`upper` for a plain file. */
  lower: number | null;
  upper: number | null;
  lower998: number | null;
  upper998: number | null;
  count: number | null;
  denominator: number | null;
}

/** The rows of one indicator × sex × age × period × category. */
export interface ParsedSeries {
  /** Opaque and stable for the same file: pass it back to choose this series. */
  key: string;
  indicatorId: string | null;
  indicatorName: string;
  sex: string | null;
  age: string | null;
  period: string | null;
  categoryType: string | null;
  category: string | null;
  /** The file's unit column, when it has one. */
  unit: string | null;
  rows: ImportRow[];
}

export interface ParsedIndicatorFile {
  format: ImportFormat;
  /** The file name, as plain text. */
  fileName: string;
  /** The header as written (plain text). */
  header: string[];
  rowCount: number;
  series: ParsedSeries[];
}

export type ParseIndicatorResult =
  { ok: true; file: ParsedIndicatorFile } | { ok: false; problems: ImportProblem[] };

export interface ParseOptions {
  /** Most data rows accepted (default IMPORT_LIMITS.maxRows). */
  maxRows?: number;
}

// ---- Cell schemas: every cell arrives as text ----

const DECIMAL_COMMA = /^[-+]?\d+,\d+$/;

/**
 * Marks that statistical tables use for "no value": empty, NA, and the ONS/GSS symbols
 * (x not available, c confidential, * and .. suppressed, : and - not applicable).
 */
const MISSING_MARKS = new Set(['', 'na', 'n/a', 'x', 'c', '*', '..', ':', '-']);

interface NumberCell {
  value: number | null;
  /** The mark written for a missing value, or null. */
  mark: string | null;
  decimals: number;
}

function decimalsOf(text: string): number {
  const m = /^[-+]?\d*(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/.exec(text);
  const places = (m?.[1]?.length ?? 0) - Number(m?.[2] ?? 0);
  return Math.min(6, Math.max(0, places));
}

const numberCell = z.string().transform((raw, ctx): NumberCell => {
  const text = raw.trim();
  if (MISSING_MARKS.has(text.toLowerCase())) return { value: null, mark: text, decimals: 0 };
  const value = parseDecimal(text);
  if (value === null) {
    ctx.addIssue({
      code: 'custom',
      message: DECIMAL_COMMA.test(text)
        ? 'not a number: write decimals with a point, not a comma'
        : 'not a number (empty, NA, x, c, *, .., : or - are read as no value)',
    });
    return z.NEVER;
  }
  return { value, mark: null, decimals: decimalsOf(text) };
});

const optionalText = (max: number) => z.string().transform((s) => plainTextOrNull(s, max));

const requiredText = z.string().transform((raw, ctx) => {
  const text = plainText(raw, NAME_MAX);
  if (text === '') {
    ctx.addIssue({ code: 'custom', message: 'empty' });
    return z.NEVER;
  }
  return text;
});

/** GSS codes are 9 characters; anything much longer is not a code, so keep little of it. */
const CODE_MAX = 40;

const codeCell = z.string().transform((raw, ctx) => {
  const code = plainText(raw, CODE_MAX).toUpperCase();
  if (code === '') {
    ctx.addIssue({ code: 'custom', message: 'empty area code' });
    return z.NEVER;
  }
  return code;
});

/** One row keyed by field; a field is absent when the file has no such column. */
const RowSchema = z.object({
  indicatorId: optionalText(NAME_MAX).optional(),
  indicatorName: requiredText.optional(),
  areaCode: codeCell,
  areaName: optionalText(NAME_MAX).optional(),
  areaType: optionalText(NAME_MAX).optional(),
  sex: optionalText(NAME_MAX).optional(),
  age: optionalText(NAME_MAX).optional(),
  categoryType: optionalText(NAME_MAX).optional(),
  category: optionalText(NAME_MAX).optional(),
  period: requiredText.optional(),
  value: numberCell,
  lower: numberCell.optional(),
  upper: numberCell.optional(),
  lower998: numberCell.optional(),
  upper998: numberCell.optional(),
  count: numberCell.optional(),
  denominator: numberCell.optional(),
  valueNote: optionalText(TEXT_MAX).optional(),
  unit: optionalText(NAME_MAX).optional(),
});
type RowFields = z.output<typeof RowSchema>;

const MARK_MEANING: Record<string, string> = {
  '': 'no value given',
  na: 'not available (NA)',
  'n/a': 'not available (n/a)',
  x: 'not available (x)',
  c: 'confidential (c)',
  '*': 'suppressed (*)',
  '..': 'suppressed or not available (..)',
  ':': 'not available (:)',
  '-': 'not applicable (-)',
};

/** Parses and validates the whole file; every problem is listed (up to a cap), none is fatal alone. */
export function parseIndicatorCsv(
  text: string,
  fileName: string,
  options: ParseOptions = {},
): ParseIndicatorResult {
  const maxRows = options.maxRows ?? IMPORT_LIMITS.maxRows;
  const csv = readCsvRecords(text, maxRows);
  if (!csv.ok) return { ok: false, problems: [csv.problem] };
  const header = csv.header.map((h) => plainText(h, NAME_MAX));
  const format = detectFormat(csv.header);
  if (format === null) {
    return {
      ok: false,
      problems: [
        importProblem({
          line: 1,
          problem: `unrecognised columns (${header.map((h) => `"${h}"`).join(', ')}): expected a Fingertips data export (Indicator Name, Area Code, Time period, Value, …) or a plain file with area_code,value`,
        }),
      ],
    };
  }
  const specs = format === 'fingertips' ? FINGERTIPS_COLUMNS : PLAIN_COLUMNS;
  const match = matchColumns(csv.header, specs);
  if (!match.ok) {
    return {
      ok: false,
      problems: [
        ...match.missing.map((f) =>
          importProblem({
            line: 1,
            field: displayOf(specs, f),
            problem: `missing column "${displayOf(specs, f)}" (a ${format === 'fingertips' ? 'Fingertips export' : 'plain file'} needs ${specs
              .filter((s) => s.required)
              .map((s) => s.display)
              .join(', ')})`,
          }),
        ),
        ...match.repeated.map((r) =>
          importProblem({
            line: 1,
            field: displayOf(specs, r.field),
            problem: `column "${displayOf(specs, r.field)}" appears more than once (columns ${r.columns.map((c) => c + 1).join(' and ')})`,
          }),
        ),
      ],
    };
  }
  if (csv.records.length === 0) {
    return {
      ok: false,
      problems: [importProblem({ line: 1, problem: 'the file has a header but no rows' })],
    };
  }

  const checked = validateRows(
    { file: fileName, header: csv.header, records: csv.records },
    RowSchema,
    {
      columns: match.columns,
      maxProblems: IMPORT_LIMITS.maxProblems,
    },
  );
  const problems = checked.problems.map(importProblemOf);
  const badRows = checked.badRows;
  const series = new Map<string, ParsedSeries>();
  const fileTitle = plainText(fileName.replace(/\.[^.]*$/, ''), NAME_MAX) || 'Imported indicator';
  for (const { line, value: row } of checked.rows) {
    const key = format === 'fingertips' ? seriesKey(row) : 'plain';
    let s = series.get(key);
    if (s === undefined) {
      s = {
        key,
        indicatorId: row.indicatorId ?? null,
        indicatorName: row.indicatorName ?? fileTitle,
        sex: row.sex ?? null,
        age: row.age ?? null,
        period: row.period ?? null,
        categoryType: row.categoryType ?? null,
        category: row.category ?? null,
        unit: null,
        rows: [],
      };
      series.set(key, s);
    }
    s.unit ??= row.unit ?? null;
    s.rows.push(toImportRow(line, row));
  }
  if (problems.length > 0) {
    if (badRows > problems.length)
      problems.push(
        importProblem({
          problem: `${badRows.toLocaleString('en-GB')} rows have problems in all; the first are listed`,
        }),
      );
    return { ok: false, problems };
  }
  return {
    ok: true,
    file: {
      format,
      fileName: plainText(fileName, NAME_MAX),
      header,
      rowCount: csv.records.length,
      series: [...series.values()],
    },
  };
}

function displayOf(specs: readonly ColumnSpec[], field: Field): string {
  return specs.find((s) => s.field === field)?.display ?? field;
}

function seriesKey(row: RowFields): string {
  return JSON.stringify([
    row.indicatorId ?? '',
    row.indicatorName ?? '',
    row.sex ?? '',
    row.age ?? '',
    row.period ?? '',
    row.categoryType ?? '',
    row.category ?? '',
  ]);
}

function toImportRow(line: number, row: RowFields): ImportRow {
  const value = row.value;
  const missingReason =
    value.value !== null
      ? null
      : (row.valueNote ?? MARK_MEANING[(value.mark ?? '').toLowerCase()] ?? 'no value');
  return {
    line,
    code: row.areaCode,
    name: row.areaName ?? null,
    areaType: row.areaType ?? null,
    value: value.value,
    missingReason,
    decimals: value.decimals,
    lower: row.lower?.value ?? null,
    upper: row.upper?.value ?? null,
    lower998: row.lower998?.value ?? null,
    upper998: row.upper998?.value ?? null,
    count: row.count?.value ?? null,
    denominator: row.denominator?.value ?? null,
  };
}

// ---- Series for the user to choose from ----

/** What the UI shows for one series (no rows: they stay in the worker's reach). */
export interface SeriesSummary {
  key: string;
  /** One line for a picker: "Life expectancy at birth — Female, All ages, 2016 - 20". */
  label: string;
  indicatorId: string | null;
  indicatorName: string;
  sex: string | null;
  age: string | null;
  period: string | null;
  categoryType: string | null;
  category: string | null;
  unit: string | null;
  rows: number;
  /** Rows without a value (suppressed or missing). */
  missingValues: number;
  /** Distinct `Area Type`s of its rows (Fingertips exports). */
  areaTypes: string[];
  detection: GeographyDetection;
}

export function seriesLabel(
  s: Pick<ParsedSeries, 'indicatorName' | 'sex' | 'age' | 'period' | 'categoryType' | 'category'>,
): string {
  const parts = [s.sex, s.age, s.period].filter((p): p is string => p !== null);
  if (s.category !== null)
    parts.push(s.categoryType !== null ? `${s.categoryType}: ${s.category}` : s.category);
  return parts.length > 0 ? `${s.indicatorName} — ${parts.join(', ')}` : s.indicatorName;
}

/**
 * Each series with its geography, and the default choice: the series with the most areas of
 * the atlas (a geography it can be joined to first, then the most rows, then file order).
 */
export function summariseSeries(
  file: ParsedIndicatorFile,
  known: KnownCodes,
  options: DetectOptions = {},
): { series: SeriesSummary[]; defaultSeries: string | null } {
  const series = file.series.map((s): SeriesSummary => {
    const { rows, ...rest } = s;
    return {
      ...rest,
      label: seriesLabel(s),
      rows: rows.length,
      missingValues: rows.filter((r) => r.value === null).length,
      areaTypes: [...new Set(rows.flatMap((r) => (r.areaType === null ? [] : [r.areaType])))],
      detection: detectGeography(
        rows.map((r) => r.code),
        known,
        options,
      ),
    };
  });
  let best: SeriesSummary | null = null;
  const score = (s: SeriesSummary): [number, number, number] => [
    s.detection.ok ? 1 : 0,
    s.detection.ok ? s.detection.matched : (s.detection.best?.matched ?? 0),
    s.rows,
  ];
  for (const s of series) {
    if (best === null || compare(score(s), score(best)) > 0) best = s;
  }
  return { series, defaultSeries: best?.key ?? null };
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
