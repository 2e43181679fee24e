/**
 * Turns one parsed series into an `ImportedIndicator`: joins its rows to the detected
 * geography's codes, lists every row that is not joined and why, refuses conflicting
 * duplicates, and fills the metadata every atlas indicator carries (source, period, vintage,
 * licence, method). Pure: the clock comes in as `importedAt`.
 */
import { GEOGRAPHY_LEVELS, type GeographyId } from '../../contracts/geography.ts';
import type { IndicatorKind, IndicatorMeta, Polarity } from '../../contracts/manifest.ts';
import { detectGeography, type KnownCodes, type StrayCode } from './detect_geography.ts';
import {
  IMPORT_ID_PREFIX,
  ImportedIndicatorSchema,
  type ImportedIndicator,
  type ImportReport,
} from './imported_indicator.ts';
import {
  seriesLabel,
  summariseSeries,
  type ImportRow,
  type ParsedIndicatorFile,
  type ParsedSeries,
} from './parse_indicator_csv.ts';
import { NAME_MAX, plainTextOrNull, TEXT_MAX } from './plain_text.ts';

/** What the user chose or typed; everything is optional and has a stated default. */
export interface BuildChoices {
  /** Series to import (default: the one `summariseSeries` picks). */
  seriesKey?: string;
  /** Geography to join to (default: detected; set it to choose between two vintages). */
  geography?: GeographyId;
  /** Leave out codes that are not areas of the atlas instead of refusing the file. */
  ignoreUnknownCodes?: boolean;
  /** Name shown in the atlas (default: the series' indicator, sex, age, period). */
  label?: string;
  /** Unit (default: the file's unit column, else "unit not stated"). */
  unit?: string;
  /** Default "rate" when the file gives denominators, else "score". */
  kind?: IndicatorKind;
  /** Decimal places shown (default: the most the file's values are written with). */
  decimals?: number;
  /** Default "neutral": the map does not say which end is worse until the user does. */
  polarity?: Polarity;
  /** Default: the file's time period, else "not stated". */
  period?: string;
  definition?: string;
  /** Default: OGL for a Fingertips export, "not stated" for a plain file. */
  licence?: string;
}

export interface BuildContext {
  known: KnownCodes;
  /** The atlas area's name, for messages ("Sefton"). */
  areaName?: string;
  /** ISO 8601 time of the import. */
  importedAt: string;
}

export type BuildResult =
  | { ok: true; indicator: ImportedIndicator }
  | {
      ok: false;
      reason: string;
      /** How far the join got, when it got that far (duplicates, unmatched rows). */
      report: ImportReport | null;
    };

const THEME = 'Imported';
const UNIT_NOT_STATED = 'unit not stated';
const PERIOD_NOT_STATED = 'not stated';
/** Slug part of an id; the hash keeps ids distinct. */
const SLUG_MAX = 40;

export function buildImportedIndicator(
  file: ParsedIndicatorFile,
  choices: BuildChoices,
  context: BuildContext,
): BuildResult {
  const detectOptions = {
    areaName: context.areaName,
    geography: choices.geography,
    ignoreUnknownCodes: choices.ignoreUnknownCodes,
  };
  const key =
    choices.seriesKey ??
    (file.series.length === 1
      ? file.series[0]?.key
      : summariseSeries(file, context.known, detectOptions).defaultSeries);
  const series = file.series.find((s) => s.key === key);
  if (series === undefined) {
    return { ok: false, reason: 'the chosen series is not in the file', report: null };
  }
  const label = plainTextOrNull(choices.label ?? '', NAME_MAX) ?? seriesLabel(series);
  const detection = detectGeography(
    series.rows.map((r) => r.code),
    context.known,
    detectOptions,
  );
  if (!detection.ok) return { ok: false, reason: detection.reason, report: null };

  const geography = detection.geography;
  const codes = [...(context.known[geography] ?? [])];
  const join = joinRows(series.rows, codes, detection.stray);
  const report: ImportReport = {
    format: file.format,
    series: label,
    rows: series.rows.length,
    matched: join.byArea.filter((r) => r !== undefined).length,
    withValue: join.byArea.filter((r) => r !== undefined && r.value !== null).length,
    unmatched: join.unmatched,
    duplicates: join.duplicates,
    missing: codes.filter((_, i) => join.byArea[i] === undefined),
    suppressed: join.byArea.flatMap((r) =>
      r !== undefined && r.value === null
        ? [{ line: r.line, code: r.code, reason: r.missingReason ?? 'no value' }]
        : [],
    ),
    note: detection.note,
  };
  const conflicts = join.duplicates.filter((d) => !d.identical);
  if (conflicts.length > 0) {
    const shown = conflicts
      .slice(0, 5)
      .map((d) => `${d.code} (lines ${d.firstLine} and ${d.line})`)
      .join(', ');
    return {
      ok: false,
      reason: `${conflicts.length} area code${conflicts.length === 1 ? ' appears' : 's appear'} more than once with different figures: ${shown}${conflicts.length > 5 ? ', …' : ''}; keep one row per area`,
      report,
    };
  }
  if (report.withValue === 0) {
    return {
      ok: false,
      reason: `no ${GEOGRAPHY_LEVELS[geography].label} area has a value in this series (${report.matched} matched, all without a value)`,
      report,
    };
  }

  const joined = join.byArea.filter((r): r is ImportRow => r !== undefined);
  const has = (f: (r: ImportRow) => number | null) => joined.some((r) => f(r) !== null);
  const columnOf = (f: (r: ImportRow) => number | null) =>
    join.byArea.map((r) => (r === undefined ? null : f(r)));
  const limits: Pick<ImportedIndicator, 'lower' | 'upper' | 'interval'> =
    has((r) => r.lower) || has((r) => r.upper)
      ? {
          lower: columnOf((r) => r.lower),
          upper: columnOf((r) => r.upper),
          interval: file.format === 'fingertips' ? '95%' : 'as supplied',
        }
      : has((r) => r.lower998) || has((r) => r.upper998)
        ? {
            lower: columnOf((r) => r.lower998),
            upper: columnOf((r) => r.upper998),
            interval: '99.8%',
          }
        : { interval: null };
  // Both levels of a Fingertips export: the 99.8% ones too when `lower`/`upper` are the 95%.
  const limits998 =
    limits.interval === '95%' && (has((r) => r.lower998) || has((r) => r.upper998))
      ? { lower998: columnOf((r) => r.lower998), upper998: columnOf((r) => r.upper998) }
      : {};
  const benchmarks = benchmarkRows(series.rows, join.unmatched);

  const meta = metaFor(file, series, label, geography, joined, choices);
  const indicator: ImportedIndicator = {
    meta,
    geography,
    codes,
    values: columnOf((r) => r.value),
    ...limits,
    ...limits998,
    ...(benchmarks.length > 0 ? { benchmarks } : {}),
    ...(has((r) => r.count) ? { count: columnOf((r) => r.count) } : {}),
    ...(has((r) => r.denominator) ? { denominator: columnOf((r) => r.denominator) } : {}),
    fileName: file.fileName,
    importedAt: context.importedAt,
    report,
  };
  // Checked like anything read back from storage, so a bad choice fails here, not later.
  return { ok: true, indicator: ImportedIndicatorSchema.parse(indicator) };
}

/**
 * The values of the rows that are England, a region or a local authority (`not-this-geography`),
 * first row of each code: what Fingertips compares the areas with.
 */
function benchmarkRows(
  rows: readonly ImportRow[],
  unmatched: ImportReport['unmatched'],
): NonNullable<ImportedIndicator['benchmarks']> {
  const lines = new Set(
    unmatched.filter((u) => u.kind === 'not-this-geography').map((u) => u.line),
  );
  const seen = new Set<string>();
  return rows.flatMap((r) => {
    if (!lines.has(r.line) || r.value === null || seen.has(r.code)) return [];
    seen.add(r.code);
    return [{ code: r.code, name: r.name, value: r.value }];
  });
}

interface Join {
  /** The row joined to each area, in code order. */
  byArea: (ImportRow | undefined)[];
  unmatched: ImportReport['unmatched'];
  duplicates: ImportReport['duplicates'];
}

function joinRows(
  rows: readonly ImportRow[],
  codes: readonly string[],
  stray: readonly StrayCode[],
): Join {
  const index = new Map(codes.map((c, i) => [c, i]));
  const why = new Map(stray.map((s) => [s.code, s]));
  const byArea: (ImportRow | undefined)[] = new Array<ImportRow | undefined>(codes.length).fill(
    undefined,
  );
  const unmatched: Join['unmatched'] = [];
  const duplicates: Join['duplicates'] = [];
  for (const row of rows) {
    const i = index.get(row.code);
    if (i === undefined) {
      const s = why.get(row.code);
      unmatched.push({
        line: row.line,
        code: row.code,
        kind: s?.kind ?? 'outside-area',
        reason: s?.reason ?? 'not an area of this geography',
      });
      continue;
    }
    const first = byArea[i];
    if (first !== undefined) {
      duplicates.push({
        line: row.line,
        code: row.code,
        firstLine: first.line,
        identical: sameFigures(first, row),
      });
      continue;
    }
    byArea[i] = row;
  }
  return { byArea, unmatched, duplicates };
}

function sameFigures(a: ImportRow, b: ImportRow): boolean {
  return (
    a.value === b.value &&
    a.lower === b.lower &&
    a.upper === b.upper &&
    a.lower998 === b.lower998 &&
    a.upper998 === b.upper998 &&
    a.count === b.count &&
    a.denominator === b.denominator
  );
}

function metaFor(
  file: ParsedIndicatorFile,
  series: ParsedSeries,
  label: string,
  geography: GeographyId,
  joined: readonly ImportRow[],
  choices: BuildChoices,
): IndicatorMeta {
  const fingertips = file.format === 'fingertips';
  const decimals = choices.decimals ?? inferDecimals(joined);
  const hasDenominators = joined.some((r) => r.denominator !== null);
  const from = fingertips
    ? `Imported from a Fingertips data export${series.indicatorId ? ` (indicator ${series.indicatorId})` : ''}: ${seriesLabel(series)}.`
    : `Imported from ${file.fileName}; no definition was supplied.`;
  return {
    id: indicatorId(file, series, geography, label),
    label,
    theme: THEME,
    unit: plainTextOrNull(choices.unit ?? '', NAME_MAX) ?? series.unit ?? UNIT_NOT_STATED,
    kind: choices.kind ?? (hasDenominators ? 'rate' : 'score'),
    decimals,
    polarity: choices.polarity ?? 'neutral',
    definition: plainTextOrNull(choices.definition ?? '', TEXT_MAX) ?? from,
    // Titles and source lines name what the figures are, never the file they came in
    // ("le_wards.csv"); the file name stays in the method line.
    source: fingertips
      ? `OHID Fingertips${series.indicatorId ? `, indicator ${series.indicatorId}` : ''}: ${seriesLabel(series)}`
      : 'Own data imported by the user (source not stated)',
    period: plainTextOrNull(choices.period ?? '', NAME_MAX) ?? series.period ?? PERIOD_NOT_STATED,
    vintage: GEOGRAPHY_LEVELS[geography].label,
    licence:
      plainTextOrNull(choices.licence ?? '', TEXT_MAX) ??
      (fingertips
        ? 'Contains public sector information licensed under the Open Government Licence v3.0 (OHID Fingertips).'
        : 'Licence not stated (the user\u2019s own file).'),
    geographies: { [geography]: { method: `imported from ${file.fileName}`, derived: false } },
  };
}

/**
 * Decimal places as the file writes its values, but no more than give the largest value four
 * significant figures: Fingertips exports often carry unrounded values (79.5843920).
 */
export function inferDecimals(rows: readonly Pick<ImportRow, 'value' | 'decimals'>[]): number {
  let written = 0;
  let largest = 0;
  for (const r of rows) {
    if (r.value === null) continue;
    written = Math.max(written, r.decimals);
    largest = Math.max(largest, Math.abs(r.value));
  }
  const enough = largest > 0 ? 3 - Math.floor(Math.log10(largest)) : written;
  return Math.min(written, Math.max(0, enough), 6);
}

/** `import_<slug>_<hash>`: readable, and the same file, series and choices give the same id. */
export function indicatorId(
  file: Pick<ParsedIndicatorFile, 'format' | 'fileName'>,
  series: Pick<ParsedSeries, 'key'>,
  geography: GeographyId,
  label: string,
): string {
  const slug =
    label
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .slice(0, SLUG_MAX)
      .replace(/^_+|_+$/g, '') || 'indicator';
  const hash = fnv1a32(JSON.stringify([file.format, file.fileName, series.key, geography, label]));
  return `${IMPORT_ID_PREFIX}${slug}_${hash}`;
}

/** 32-bit FNV-1a as 8 hex digits: short, stable, good enough to keep a user's ids apart. */
function fnv1a32(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
