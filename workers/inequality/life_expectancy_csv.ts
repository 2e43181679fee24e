/**
 * Life expectancy from a user's CSV of deaths and populations by the 20 age bands (columns
 * area, age_band, deaths, population, as the CLI's `life-expectancy` command), and its SII
 * across local deprivation quantiles. Pure: the app runs it in
 * workers/inequality/inequality.worker.ts, so the file is read and computed in the browser and
 * sent nowhere.
 */
import { z } from 'zod';
import { decimalCell } from '../csv/decimal.ts';
import { deprivationGroups, quantileNoun, type QuantileCount } from './deprivation_groups.ts';
import { importProblem } from '../import/import_problem.ts';
import { readCsvRecords } from '../import/read_csv_records.ts';
import {
  AGE_BANDS,
  lifeExpectancy,
  lifeExpectancyAt,
  type AgeBand,
} from '../stats/life_expectancy.ts';
import { ok, refuse, type Result } from '../stats/result.ts';
import { sii, type SiiResult } from '../stats/sii.ts';

export const LIFE_EXPECTANCY_COLUMNS = ['area', 'age_band', 'deaths', 'population'] as const;

/** One area's deaths and person-years in the 20 bands, youngest first. */
export interface AreaBands {
  area: string;
  deaths: Float64Array;
  population: Float64Array;
}

export type ParsedLifeExpectancyCsv =
  { ok: true; areas: AreaBands[] } | { ok: false; problems: string[] };

const NOT_A_COUNT = 'not a number of 0 or more';
const numberCell = decimalCell(NOT_A_COUNT).refine((n) => n >= 0, NOT_A_COUNT);

const RowSchema = z.object({
  area: z.string().trim().min(1, { error: 'empty area' }).max(120),
  age_band: z.enum(AGE_BANDS, { error: `unknown age band; use ${AGE_BANDS.join(', ')}` }),
  deaths: numberCell,
  population: numberCell,
});

/** Problems listed before the rest are only counted. */
const MAX_PROBLEMS = 20;

/**
 * Reads the CSV: header names any order (case-insensitive), one row per area and age band.
 * @returns the areas in file order, or every problem found (line, column, what is wrong):
 *   bad cells, unknown or duplicate bands, areas missing a band.
 */
export function parseLifeExpectancyCsv(text: string, maxRows = 100_000): ParsedLifeExpectancyCsv {
  const read = readCsvRecords(text, maxRows);
  if (!read.ok) return { ok: false, problems: [read.problem.message] };
  const header = read.header.map((h) => h.toLowerCase());
  const columnIndex = LIFE_EXPECTANCY_COLUMNS.map((c) => header.indexOf(c));
  const missing = LIFE_EXPECTANCY_COLUMNS.filter((_, k) => (columnIndex[k] ?? -1) < 0);
  if (missing.length > 0) {
    return {
      ok: false,
      problems: [
        importProblem({
          line: 1,
          problem: `missing column ${missing.map((m) => `"${m}"`).join(', ')}; the header must have ${LIFE_EXPECTANCY_COLUMNS.join(',')}`,
        }).message,
      ],
    };
  }
  const problems: string[] = [];
  const say = (message: string) => {
    problems.push(message);
  };
  const areas = new Map<string, { bands: AreaBands; lines: Map<AgeBand, number>; first: number }>();
  for (const record of read.records) {
    const raw = Object.fromEntries(
      LIFE_EXPECTANCY_COLUMNS.map((c, k) => [c, record.cells[columnIndex[k] ?? -1] ?? '']),
    );
    const row = RowSchema.safeParse(raw);
    if (!row.success) {
      const issue = row.error.issues[0];
      const field = typeof issue?.path[0] === 'string' ? issue.path[0] : null;
      say(
        importProblem({
          line: record.line,
          field,
          value: field === null ? null : (raw[field] ?? null),
          problem: issue?.message ?? 'invalid row',
        }).message,
      );
      continue;
    }
    const { area, age_band: band, deaths, population } = row.data;
    let entry = areas.get(area);
    if (!entry) {
      entry = {
        bands: {
          area,
          deaths: new Float64Array(AGE_BANDS.length),
          population: new Float64Array(AGE_BANDS.length),
        },
        lines: new Map(),
        first: record.line,
      };
      areas.set(area, entry);
    }
    const earlier = entry.lines.get(band);
    if (earlier !== undefined) {
      say(
        importProblem({
          line: record.line,
          field: 'age_band',
          value: band,
          problem: `duplicate age band for area "${area}" (first on line ${earlier})`,
        }).message,
      );
      continue;
    }
    const i = AGE_BANDS.indexOf(band);
    entry.lines.set(band, record.line);
    entry.bands.deaths[i] = deaths;
    entry.bands.population[i] = population;
  }
  for (const [area, entry] of areas) {
    const absent = AGE_BANDS.filter((b) => !entry.lines.has(b));
    if (absent.length > 0) {
      say(
        importProblem({
          line: entry.first,
          field: 'age_band',
          problem: `area "${area}" has no row for age band ${absent.map((b) => `"${b}"`).join(', ')}`,
        }).message,
      );
    }
  }
  if (areas.size === 0 && problems.length === 0) say('the file has a header but no rows');
  if (problems.length > 0) {
    const shown = problems.slice(0, MAX_PROBLEMS);
    if (problems.length > MAX_PROBLEMS)
      shown.push(`and ${problems.length - MAX_PROBLEMS} more problems`);
    return { ok: false, problems: shown };
  }
  return { ok: true, areas: [...areas.values()].map((e) => e.bands) };
}

/** Life expectancy of one area at one age, or why it is not shown. */
export interface AreaLifeExpectancy {
  area: string;
  /** Person-years in all bands. */
  population: number;
  /** Start age of the band the value is at (0 = at birth, 65, ...). */
  age: number;
  /** Years of life expected from `age` (e0 at birth, e65 at 65); null when suppressed. */
  e0: number | null;
  lower95: number | null;
  upper95: number | null;
  /** Limits at `level` (the same as the 95% ones at 95%). */
  level: number;
  lower: number | null;
  upper: number | null;
  /** Why the value is not shown, or null. */
  reason: string | null;
}

export interface AreaLifeExpectancyOptions {
  /** Start age of one of the 20 bands (default 0, at birth). */
  age?: number;
  /** Level of `lower`/`upper` (default 0.95; Fingertips also shows 0.998). */
  level?: number;
}

/**
 * Life expectancy of one area at `age` with limits at `level`: Chiang II with Silcocks' final
 * band (../shared/METHODS.md section 3, workers/stats/life_expectancy.ts, `lifeExpectancyAt`
 * for the age, its `confidence` option for the level).
 */
export function areaLifeExpectancy(
  bands: AreaBands,
  options: AreaLifeExpectancyOptions = {},
): AreaLifeExpectancy {
  const age = options.age ?? 0;
  const level = options.level ?? 0.95;
  const population = bands.population.reduce((s, p) => s + p, 0);
  const none = (reason: string): AreaLifeExpectancy => ({
    area: bands.area,
    population,
    age,
    e0: null,
    lower95: null,
    upper95: null,
    level,
    lower: null,
    upper: null,
    reason,
  });
  // The engine refuses a level given twice: 95% alone, or 95% and the other.
  const table = lifeExpectancy(bands.deaths, bands.population, {
    confidence: level === 0.95 ? 0.95 : [0.95, level],
  });
  if (!table.ok) return none(table.reason);
  const at = lifeExpectancyAt(table.value, age);
  if (!at.ok) return none(at.reason);
  const row = at.value;
  const limits = row.intervals.find((i) => i.confidence === level) ?? row.intervals[0];
  return {
    area: bands.area,
    population,
    age,
    e0: row.value,
    lower95: row.lower95,
    upper95: row.upper95,
    level,
    lower: row.value === null ? null : (limits?.lower ?? null),
    upper: row.value === null ? null : (limits?.upper ?? null),
    reason: row.suppressed,
  };
}

/** Life expectancy at birth with 95% limits (the panel's first form, and the CLI's). */
export function lifeExpectancyAtBirth(bands: AreaBands): AreaLifeExpectancy {
  return areaLifeExpectancy(bands);
}

/**
 * All the file's areas together: deaths and person-years summed band by band (counts add up,
 * ../shared/METHODS.md section 4), the benchmark each area is compared with. When the file
 * covers every ward of an authority this is the authority's life expectancy.
 */
export function pooledBands(areas: readonly AreaBands[], name: string): AreaBands {
  const deaths = new Float64Array(AGE_BANDS.length);
  const population = new Float64Array(AGE_BANDS.length);
  for (const a of areas) {
    for (let b = 0; b < AGE_BANDS.length; b++) {
      deaths[b] = (deaths[b] ?? 0) + (a.deaths[b] ?? 0);
      population[b] = (population[b] ?? 0) + (a.population[b] ?? 0);
    }
  }
  return { area: name, deaths, population };
}

/** The current geography's areas and their IMD scores: the frame for local quantiles. */
export interface DeprivationFrame {
  codes: readonly string[];
  scores: Float64Array;
}

export interface GroupLifeExpectancy {
  quantile: number;
  /** Areas of the file in this group. */
  areas: number;
  population: number;
  e0: number;
  lower95: number;
  upper95: number;
}

export interface LifeExpectancyInequality {
  groups: GroupLifeExpectancy[];
  sii: SiiResult;
}

/**
 * SII of life expectancy across local deprivation quantiles, as OHID builds it: the areas are
 * put in local quantiles of the IMD score (among all the frame's areas), each quantile's deaths
 * and person-years are summed band by band, and its life expectancy and 95% limits computed;
 * the SII is fitted to those with their limits.
 *
 * @returns the groups and SII, or a refusal: an area of the file that is not one of the
 *   frame's codes, a quantile with no area of the file, a quantile whose life expectancy cannot
 *   be computed or is suppressed.
 */
export function lifeExpectancyByDeprivation(
  areas: readonly AreaBands[],
  frame: DeprivationFrame,
  quantiles: QuantileCount,
  options: { simulations: number; seed: number; age?: number },
): Result<LifeExpectancyInequality> {
  const noun = quantileNoun(quantiles);
  const groups = deprivationGroups(frame.scores, 'local', quantiles);
  if (!groups.ok) return groups;
  const groupOf = new Map(frame.codes.map((c, i) => [c, groups.value[i] ?? 0]));
  const deaths = Array.from({ length: quantiles }, () => new Float64Array(AGE_BANDS.length));
  const people = Array.from({ length: quantiles }, () => new Float64Array(AGE_BANDS.length));
  const counts = new Int32Array(quantiles);
  for (const a of areas) {
    const g = groupOf.get(a.area);
    if (g === undefined) return refuse(`area "${a.area}" is not one of the areas on the map`);
    if (g < 1) return refuse(`area "${a.area}" has no IMD score, so it has no ${noun}`);
    const d = deaths[g - 1];
    const p = people[g - 1];
    if (!d || !p) continue;
    for (let b = 0; b < AGE_BANDS.length; b++) {
      d[b] = (d[b] ?? 0) + (a.deaths[b] ?? 0);
      p[b] = (p[b] ?? 0) + (a.population[b] ?? 0);
    }
    counts[g - 1] = (counts[g - 1] ?? 0) + 1;
  }
  const out: GroupLifeExpectancy[] = [];
  for (let k = 0; k < quantiles; k++) {
    const d = deaths[k] ?? new Float64Array(0);
    const p = people[k] ?? new Float64Array(0);
    if ((counts[k] ?? 0) === 0) return refuse(`${noun} ${k + 1} has no area in the file`);
    const e = areaLifeExpectancy(
      { area: `${noun} ${k + 1}`, deaths: d, population: p },
      { age: options.age ?? 0 },
    );
    if (e.e0 === null || e.lower95 === null || e.upper95 === null) {
      return refuse(`${noun} ${k + 1}: ${e.reason ?? 'no life expectancy'}`);
    }
    out.push({
      quantile: k + 1,
      areas: counts[k] ?? 0,
      population: e.population,
      e0: e.e0,
      lower95: e.lower95,
      upper95: e.upper95,
    });
  }
  const fitted = sii(
    out.map((g) => ({
      quantile: g.quantile,
      population: g.population,
      value: g.e0,
      lower: g.lower95,
      upper: g.upper95,
    })),
    { simulations: options.simulations, seed: options.seed, quantiles },
  );
  if (!fitted.ok) return fitted;
  return ok({ groups: out, sii: fitted.value });
}
