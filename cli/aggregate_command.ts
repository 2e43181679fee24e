/**
 * `aggregate FILE.csv --to ward|msoa|lad`: rolls an LSOA-level CSV up to wards, MSOAs or the
 * local authority with the atlas's own lookups and roll-ups (METHODS.md §4): sums, means,
 * population-weighted means, and rates from summed numerators and denominators. The LSOA
 * vintage is detected from the codes (workers/import/detect_geography.ts); a group with any
 * LSOA lacking a value gets no value, never a partial one.
 */
import { chooseWardLookup } from '../data/ward_lookup.ts';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_DATA_OPTIONS } from '../data/defaults.ts';
import { PipelineError } from '../data/errors.ts';
import { readLsoaToMsoa, readLsoaToWardAreaFit, readOfficialWardLookup } from '../data/lookups.ts';
import { isCodeOfLevel, type GeographyId } from '../contracts/geography.ts';
import {
  IndicatorTableSchema,
  ManifestSchema,
  type IndicatorTable,
  type Manifest,
} from '../contracts/manifest.ts';
import {
  assignByLookup,
  ratioBy,
  sumBy,
  weightedMeanBy,
  type Assignment,
} from '../workers/rollup/aggregate.ts';
import {
  detectGeography,
  type GeographyDetection,
  type StrayCode,
} from '../workers/import/detect_geography.ts';
import { parseCommandArgs } from './args.ts';
import { EXIT, type Command } from './command.ts';
import { InputError, UsageError } from './input_error.ts';
import { readCsv, textCell } from './read_csv.ts';

const TARGETS = ['ward', 'msoa', 'lad'] as const;
type Target = (typeof TARGETS)[number];
const METHODS = ['sum', 'mean', 'weighted-mean', 'rate'] as const;
type Method = (typeof METHODS)[number];
type Vintage = '2011' | '2021';

const usage = `usage: npm run cli -- aggregate FILE.csv --to ward|msoa|lad [options]

FILE.csv: one row per LSOA (2011 or 2021 codes, detected), column area_code plus the
columns the method uses. Empty or NA cells are missing values; a ward, MSOA or authority
with any LSOA missing gets no value (a partial sum or mean would be silently wrong).

  --to ward|msoa|lad      what to roll up to (required)
  --method M              sum (counts), mean (unweighted), weighted-mean, rate; default
                          rate with --numerator/--denominator, weighted-mean with --weight
  --value COLUMN          the values to sum or average (default "value")
  --weight COLUMN         weights for weighted-mean, e.g. population
  --numerator COLUMN      with --denominator, for rate: sum(numerator) / sum(denominator)
  --denominator COLUMN
  --scale N               multiply rates by N, e.g. 1000 for per 1,000 (default 1)
  --vintage 2011|2021     LSOA vintage of the codes, when they fit both equally
  --data DIR              the built app data (default ${path.relative(process.cwd(), DEFAULT_DATA_OPTIONS.outDir) || '.'})
  --raw DIR               raw open data with the lookups (default ${DEFAULT_DATA_OPTIONS.rawDir})
  --json                  print JSON instead of CSV

Prints CSV (area_code,area_name,value,lsoas,lsoas_missing), or JSON with the method and
the lookup used; in CSV mode those go to stderr. Exit 0 done, 2 bad input.`;

/** A number, or an empty/NA cell (NaN: missing). */
const valueCell = z
  .string()
  .regex(/^([-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?|NA|)$/, { error: 'not a number (or empty/NA)' })
  .transform((s) => (s === '' || s === 'NA' ? NaN : Number(s)));

/** A validated input row: the area code and the numeric columns the method reads. */
type CsvRowValues = { area_code: string; [column: string]: string | number };

interface Plan {
  method: Method;
  /** Columns the method reads, by role. */
  columns: { value?: string; weight?: string; numerator?: string; denominator?: string };
  scale: number;
}

export interface AggregateRow {
  area_code: string;
  area_name: string;
  value: number | null;
  /** LSOAs assigned to the area. */
  lsoas: number;
  /** Of those, LSOAs without a row or with a missing value in a column the method uses. */
  lsoas_missing: number;
}

export const aggregateCommand: Command = {
  summary: 'roll LSOA values up to wards, MSOAs or the authority (sum, mean, weighted mean, rate)',
  usage,
  async run(args, out) {
    const { file, values: opt } = parseCommandArgs(args, {
      to: { type: 'string' },
      method: { type: 'string' },
      value: { type: 'string' },
      weight: { type: 'string' },
      numerator: { type: 'string' },
      denominator: { type: 'string' },
      scale: { type: 'string' },
      vintage: { type: 'string' },
      data: { type: 'string' },
      raw: { type: 'string' },
      json: { type: 'boolean' },
    });
    const target = oneOf('to', opt.to, TARGETS, true);
    const vintage = oneOf('vintage', opt.vintage, ['2011', '2021'] as const, false);
    const plan = planOf(opt);
    const dataDir = path.resolve(opt.data ?? DEFAULT_DATA_OPTIONS.outDir);
    const rawDir = path.resolve(opt.raw ?? DEFAULT_DATA_OPTIONS.rawDir);

    const used = Object.values(plan.columns);
    const { rows, lineOf } = await readLsoaCsv(file, used);
    const manifest = await readManifest(dataDir);
    const tables = {
      lsoa11: await readTable(dataDir, manifest, 'lsoa11'),
      lsoa21: await readTable(dataDir, manifest, 'lsoa21'),
    };
    const detection = detectLsoaVintage(file, lineOf, tables, manifest.area.name, vintage);
    const lsoaVintage: Vintage = detection.geography === 'lsoa11' ? '2011' : '2021';
    const lsoas = tables[detection.geography];

    const targetGeo = targetGeography(target, lsoaVintage);
    const targetTable = await readTable(dataDir, manifest, targetGeo);
    const { lookup, lookupMethod } = await lookupFor(
      target,
      lsoaVintage,
      lsoas,
      targetTable,
      manifest,
      rawDir,
    );
    const { assignment, unassigned } = assignByLookup(lsoas.codes, lookup, targetTable.codes);
    if (unassigned.length > 0) {
      out.stderr(
        `${file}: ${unassigned.length} LSOA(s) of the atlas have no ${target} in the lookup: ${unassigned.slice(0, 10).join(', ')}\n`,
      );
      return EXIT.refused;
    }

    const results = rollUpRows(plan, rows, lsoas.codes, assignment, targetTable);
    const method = describeMethod(plan);
    const ignored = describeIgnored(detection.stray, lineOf);
    const provenance = {
      file,
      lsoaVintage: `LSOA ${lsoaVintage}`,
      to: targetGeo,
      method,
      lookup: lookupMethod,
      scale: plan.scale,
      rowsRead: rows.length,
      rowsIgnored: ignored,
      data: dataDir,
    };
    if (opt.json) {
      out.stdout(JSON.stringify({ ...provenance, results }, null, 2) + '\n');
    } else {
      out.stdout(toCsv(results));
      out.stderr(`method: ${method}\nlookup: ${lookupMethod}\nLSOA vintage: ${lsoaVintage}\n`);
      for (const line of ignored) out.stderr(`note: ${line}\n`);
    }
    return EXIT.ok;
  },
};

/** Reads and checks the input: the columns the method uses, one row per area code. */
async function readLsoaCsv(
  file: string,
  used: readonly string[],
): Promise<{ rows: CsvRowValues[]; lineOf: Map<string, number> }> {
  const valueColumns: Record<string, typeof valueCell> = Object.fromEntries(
    used.map((c) => [c, valueCell]),
  );
  const rowSchema: z.ZodType<CsvRowValues> = z.object({ ...valueColumns, area_code: textCell });
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
function detectLsoaVintage(
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

/** The roll-up per target area, with how many member LSOAs lack a value. */
function rollUpRows(
  plan: Plan,
  rows: readonly CsvRowValues[],
  lsoaCodes: readonly string[],
  assignment: Assignment,
  targets: IndicatorTable,
): AggregateRow[] {
  const byCode = new Map(rows.map((r) => [r.area_code, r]));
  const used = Object.values(plan.columns);
  // LSOAs of the atlas without a row get NaN: missing, like an empty cell.
  const inputs = new Map(
    used.map((name) => [
      name,
      Float64Array.from(lsoaCodes, (code) => {
        const v = byCode.get(code)?.[name];
        return typeof v === 'number' ? v : NaN;
      }),
    ]),
  );
  const result = rollUp(plan, (name) => inputs.get(name) ?? new Float64Array(), assignment);
  const members = new Uint32Array(assignment.groupCount);
  const missing = new Uint32Array(assignment.groupCount);
  assignment.group.forEach((g, i) => {
    if (g < 0) return;
    members[g] = (members[g] ?? 0) + 1;
    if (used.some((name) => Number.isNaN(inputs.get(name)?.[i] ?? NaN)))
      missing[g] = (missing[g] ?? 0) + 1;
  });
  return targets.codes.map((code, g) => {
    const v = result[g] ?? NaN;
    return {
      area_code: code,
      area_name: targets.names[g] ?? '',
      value: Number.isFinite(v) ? tidy(v) : null,
      lsoas: members[g] ?? 0,
      lsoas_missing: missing[g] ?? 0,
    };
  });
}

function oneOf<T extends string>(
  name: string,
  raw: string | undefined,
  allowed: readonly T[],
  required: true,
): T;
function oneOf<T extends string>(
  name: string,
  raw: string | undefined,
  allowed: readonly T[],
  required: false,
): T | undefined;
function oneOf<T extends string>(
  name: string,
  raw: string | undefined,
  allowed: readonly T[],
  required: boolean,
): T | undefined {
  if (raw === undefined) {
    if (required) throw new UsageError(`--${name} is required: one of ${allowed.join(', ')}`);
    return undefined;
  }
  const hit = allowed.find((a) => a === raw);
  if (hit === undefined)
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, not "${raw}"`);
  return hit;
}

/** The method and the columns it reads, from the options; contradictions are usage errors. */
function planOf(opt: {
  method?: string;
  value?: string;
  weight?: string;
  numerator?: string;
  denominator?: string;
  scale?: string;
}): Plan {
  const inferred: Method | undefined =
    opt.numerator !== undefined || opt.denominator !== undefined
      ? 'rate'
      : opt.weight !== undefined
        ? 'weighted-mean'
        : undefined;
  const method = oneOf('method', opt.method ?? inferred, METHODS, false);
  if (method === undefined) {
    throw new UsageError(
      '--method is required without --weight or --numerator/--denominator: sum for counts, mean for an unweighted mean',
    );
  }
  const scale = opt.scale === undefined ? 1 : Number(opt.scale);
  if (
    !(Number.isFinite(scale) && scale > 0) ||
    (opt.scale !== undefined && opt.scale.trim() === '')
  )
    throw new UsageError(`--scale must be a positive number, not "${opt.scale}"`);
  if (method !== 'rate' && opt.scale !== undefined)
    throw new UsageError('--scale applies to --method rate only');
  if (method === 'rate') {
    if (opt.numerator === undefined || opt.denominator === undefined)
      throw new UsageError('--method rate needs --numerator COLUMN and --denominator COLUMN');
    if (opt.weight !== undefined || opt.value !== undefined)
      throw new UsageError(
        '--method rate reads --numerator and --denominator, not --value or --weight',
      );
    return { method, columns: { numerator: opt.numerator, denominator: opt.denominator }, scale };
  }
  if (opt.numerator !== undefined || opt.denominator !== undefined)
    throw new UsageError(`--numerator/--denominator apply to --method rate, not ${method}`);
  const value = opt.value ?? 'value';
  if (method === 'weighted-mean') {
    if (opt.weight === undefined)
      throw new UsageError('--method weighted-mean needs --weight COLUMN');
    return { method, columns: { value, weight: opt.weight }, scale };
  }
  if (opt.weight !== undefined)
    throw new UsageError(`--weight applies to --method weighted-mean, not ${method}`);
  return { method, columns: { value }, scale };
}

function rollUp(plan: Plan, column: (name: string) => Float64Array, a: Assignment): Float64Array {
  const { value = '', weight = '', numerator = '', denominator = '' } = plan.columns;
  switch (plan.method) {
    case 'sum':
      return sumBy(column(value), a);
    case 'mean': {
      const v = column(value);
      return weightedMeanBy(v, new Float64Array(v.length).fill(1), a);
    }
    case 'weighted-mean':
      return weightedMeanBy(column(value), column(weight), a);
    case 'rate':
      return ratioBy(column(numerator), column(denominator), a, plan.scale);
  }
}

function describeMethod(plan: Plan): string {
  const c = plan.columns;
  switch (plan.method) {
    case 'sum':
      return `sum of LSOA "${c.value}"`;
    case 'mean':
      return `unweighted mean of LSOA "${c.value}" (each LSOA counts once)`;
    case 'weighted-mean':
      return `mean of LSOA "${c.value}" weighted by "${c.weight}"`;
    case 'rate':
      return `rate from summed "${c.numerator}" over summed "${c.denominator}"${plan.scale === 1 ? '' : ` x ${plan.scale}`} (never an average of LSOA rates)`;
  }
}

function targetGeography(target: Target, vintage: Vintage): GeographyId {
  if (target === 'msoa') return vintage === '2011' ? 'msoa11' : 'msoa21';
  return target;
}

/**
 * The LSOA -> target lookup the data pipeline uses (data/build.ts): exact nesting for MSOAs
 * and the authority; for wards, per district, the official ONS best-fit lookup where its
 * wards are the atlas's wards, else the derived largest-area-share lookup.
 */
async function lookupFor(
  target: Target,
  vintage: Vintage,
  lsoas: IndicatorTable,
  targets: IndicatorTable,
  manifest: Manifest,
  rawDir: string,
): Promise<{ lookup: Map<string, string>; lookupMethod: string }> {
  if (target === 'lad') {
    return {
      lookup: new Map(lsoas.codes.map((c, i) => [c, lsoas.districts[i] ?? ''])),
      lookupMethod: 'local authority of each LSOA (LSOAs nest exactly)',
    };
  }
  if (target === 'msoa') {
    return {
      lookup: await raw(rawDir, () => readLsoaToMsoa(rawDir, vintage)),
      lookupMethod: `the LSOA ${vintage} to MSOA ${vintage} lookup (exact nesting)`,
    };
  }
  return chooseWardLookup({
    vintage,
    lsoaCodes: lsoas.codes,
    lsoaDistricts: lsoas.districts,
    wardCodes: new Set(targets.codes),
    districts: manifest.area.districts,
    official: await raw(rawDir, () => readOfficialWardLookup(rawDir, vintage)),
    areaFit: await raw(rawDir, () => readLsoaToWardAreaFit(rawDir, vintage)),
  });
}

/** Raw-file problems name the raw folder and the file; they are bad input too. */
async function raw<T>(rawDir: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof PipelineError || isNotFound(error)) {
      const message = error instanceof Error ? error.message : String(error);
      throw new InputError(rawDir, null, null, null, `cannot read the lookups (--raw): ${message}`);
    }
    throw error;
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError(
      file,
      null,
      null,
      null,
      `cannot read the app data (build it with npm run data, or give --data): ${reason}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new InputError(file, null, null, null, 'not valid JSON');
  }
}

async function readManifest(dataDir: string): Promise<Manifest> {
  const file = path.join(dataDir, 'manifest.json');
  const parsed = ManifestSchema.safeParse(await readJson(file));
  if (!parsed.success)
    throw new InputError(
      file,
      null,
      null,
      null,
      `not an atlas manifest: ${z.prettifyError(parsed.error)}`,
    );
  return parsed.data;
}

async function readTable(
  dataDir: string,
  manifest: Manifest,
  geo: GeographyId,
): Promise<IndicatorTable> {
  const meta = manifest.geographies.find((g) => g.id === geo);
  if (meta === undefined)
    throw new InputError(
      path.join(dataDir, 'manifest.json'),
      null,
      null,
      null,
      `no ${geo} geography`,
    );
  const file = path.join(dataDir, meta.table);
  const parsed = IndicatorTableSchema.safeParse(await readJson(file));
  if (!parsed.success)
    throw new InputError(
      file,
      null,
      null,
      null,
      `not an atlas table: ${z.prettifyError(parsed.error)}`,
    );
  return parsed.data;
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
function describeIgnored(
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

/** Drops float noise (27.034999999999997) without losing a small rate's digits. */
function tidy(v: number): number {
  return Number(v.toPrecision(12));
}

function toCsv(rows: readonly AggregateRow[]): string {
  const field = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = ['area_code,area_name,value,lsoas,lsoas_missing'];
  for (const r of rows)
    lines.push(
      [
        field(r.area_code),
        field(r.area_name),
        r.value === null ? '' : String(r.value),
        r.lsoas,
        r.lsoas_missing,
      ].join(','),
    );
  return lines.join('\n') + '\n';
}
