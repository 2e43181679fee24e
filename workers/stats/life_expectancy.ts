/**
 * Period life expectancy from deaths and populations in 20 age bands: Chiang's abridged life
 * table (method II) with Silcocks et al.'s variance for the open final band, as the PHE life
 * expectancy calculator and PHEindicatormethods `phe_life_expectancy` (METHODS.md section 3).
 * Life expectancy is in years; populations are person-years at risk.
 */
import { confidenceLevels, zFor, type Interval } from './confidence.ts';
import { Z_975 } from './normal.ts';
import { ok, refuse, type Result } from './result.ts';

/** The 20 age bands, youngest first, written as the CLI and data files write them. */
export const AGE_BANDS = [
  '0',
  '1-4',
  '5-9',
  '10-14',
  '15-19',
  '20-24',
  '25-29',
  '30-34',
  '35-39',
  '40-44',
  '45-49',
  '50-54',
  '55-59',
  '60-64',
  '65-69',
  '70-74',
  '75-79',
  '80-84',
  '85-89',
  '90+',
] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Start age (years) of each band. */
export const AGE_BAND_STARTS: readonly number[] = AGE_BANDS.map((b) => Number.parseInt(b, 10));

const BANDS = AGE_BANDS.length;
const FINAL = BANDS - 1;
/** Below this many person-years in total, life expectancy is not robust (Toson & Baker 2003). */
export const MIN_PERSON_YEARS = 5000;
/**
 * Limits use the normal quantile itself, qnorm(0.975) for 95% (PHEindicatormethods
 * `phe_life_expectancy`), not the rounded 1.96 of the PHE calculator's spreadsheet: on a large
 * comparison 1.96 moved limits by up to 8e-5 years and flipped one age across the 20-year
 * suppression rule.
 */
/** Values whose 95% interval is wider than this many years are suppressed. */
export const MAX_CI_WIDTH_YEARS = 20;

export const LIFE_EXPECTANCY_METHOD =
  "Chiang II abridged life table (a = 0.1 under 1, 0.5 otherwise) with Silcocks et al.'s " +
  'variance for the 90+ band, as the PHE life expectancy calculator and PHEindicatormethods ' +
  'phe_life_expectancy';

/** Life expectancy at the start of one age band. */
export interface LifeExpectancyAtAge {
  band: AgeBand;
  /** Years. */
  startAge: number;
  /** Expected further years of life; null when suppressed or not defined. */
  value: number | null;
  /** 95% limits (years); shown even when the value is suppressed, as PHE does. */
  lower95: number | null;
  upper95: number | null;
  /** Limits at every requested level (default 95% only), in the order asked. */
  intervals: Interval[];
  /** Why `value` is not shown, or null. */
  suppressed: string | null;
}

export interface LifeTable {
  ages: LifeExpectancyAtAge[];
  method: string;
}

export interface LifeExpectancyOptions {
  /**
   * Confidence level(s) of `intervals`: 0.95 (default), 0.998, [0.95, 0.998], ... (fractions
   * or percentages, 90% to 99.9%). `lower95`/`upper95` are always the 95% limits, and the
   * 20-year suppression rule is always judged on the 95% interval, as PHE does.
   */
  confidence?: number | readonly number[];
}

/** Reason the whole table cannot be computed, or null (checks in METHODS.md order). */
function refusalReason(deaths: ArrayLike<number>, population: ArrayLike<number>): string | null {
  if (deaths.length !== BANDS || population.length !== BANDS) {
    return `life expectancy needs all ${BANDS} age bands (0, 1-4, 5-9, ..., 85-89, 90+); got ${deaths.length} deaths and ${population.length} populations`;
  }
  let total = 0;
  for (let i = 0; i < BANDS; i++) {
    const d = deaths[i] as number;
    const p = population[i] as number;
    const band = AGE_BANDS[i] as AgeBand;
    if (!Number.isFinite(d) || d < 0) {
      return `age band ${band} has ${d} deaths; deaths must be 0 or more`;
    }
    if (!Number.isFinite(p) || p <= 0) {
      return `age band ${band} has a population of ${p}; every age band needs people in it`;
    }
    if (d > p) {
      return `age band ${band} has more deaths (${d}) than population (${p})`;
    }
    total += p;
  }
  if (total <= MIN_PERSON_YEARS) {
    return `total person-years ${total} is ${MIN_PERSON_YEARS.toLocaleString('en-GB')} or fewer, too few for a robust life expectancy`;
  }
  if (!((deaths[FINAL] as number) > 0)) {
    return 'there are no deaths in the 90+ band, so the length of life in it cannot be estimated';
  }
  return null;
}

/**
 * Life expectancy at every age band with 95% confidence limits.
 *
 * @param deaths deaths in each of the 20 bands of `AGE_BANDS`, youngest first.
 * @param population person-years (mid-year population times years) in the same bands.
 * @param options confidence level(s) for `intervals` (default 95%).
 * @returns the table, or a refusal (zero population in a band, deaths exceeding population,
 *   total person-years of 5,000 or fewer, or no death in 90+). Values whose 95% interval is
 *   wider than 20 years are suppressed with a reason but keep their limits.
 */
export function lifeExpectancy(
  deaths: ArrayLike<number>,
  population: ArrayLike<number>,
  options: LifeExpectancyOptions = {},
): Result<LifeTable> {
  const levels = confidenceLevels(options.confidence ?? 0.95);
  if (!levels.ok) return levels;
  const reason = refusalReason(deaths, population);
  if (reason !== null) return refuse(reason);

  const n = new Float64Array(BANDS);
  const a = new Float64Array(BANDS);
  const m = new Float64Array(BANDS);
  const q = new Float64Array(BANDS);
  const l = new Float64Array(BANDS + 1);
  const bigL = new Float64Array(BANDS);
  for (let i = 0; i < BANDS; i++) {
    const d = deaths[i] as number;
    const p = population[i] as number;
    m[i] = d / p;
    a[i] = i === 0 ? 0.1 : 0.5;
    n[i] =
      i === FINAL
        ? Number.NaN
        : (AGE_BAND_STARTS[i + 1] as number) - (AGE_BAND_STARTS[i] as number);
  }
  // ../shared/METHODS.md section 3: a_x = 0.1 at age 0, 0.5 otherwise; M_x = deaths /
  // population; q_x = n M_x / (1 + n (1 - a_x) M_x), 1 in the final band and wherever deaths
  // exceed population / (n a_x); l_0 = 100,000; d_x = l_x q_x.
  l[0] = 100_000;
  for (let i = 0; i < BANDS; i++) {
    const mi = m[i] as number;
    const ni = n[i] as number;
    const ai = a[i] as number;
    const d = deaths[i] as number;
    const p = population[i] as number;
    // Everyone dies in the open band, and where the rate is too high for the formula.
    const qi = i === FINAL || d > p / ni / ai ? 1 : (ni * mi) / (1 + ni * (1 - ai) * mi);
    q[i] = qi;
    l[i + 1] = (l[i] as number) * (1 - qi);
  }
  // METHODS.md section 3: L_x = n (l_{x+n} + a_x d_x); the final band's L = l / M;
  // T_x = sum of L from x up; e_x = T_x / l_x.
  for (let i = 0; i < BANDS; i++) {
    const li = l[i] as number;
    const di = li - (l[i + 1] as number);
    bigL[i] =
      i === FINAL
        ? li / (m[i] as number)
        : (n[i] as number) * ((l[i + 1] as number) + (a[i] as number) * di);
  }
  const e = new Float64Array(BANDS);
  let t = 0;
  for (let i = FINAL; i >= 0; i--) {
    t += bigL[i] as number;
    const li = l[i] as number;
    e[i] = li === 0 ? 0 : t / li;
  }
  // Variance contributions, summed from the oldest band down (METHODS.md section 3):
  // Var(q_x) = q_x^2 (1 - q_x) / D_x; band contribution l_x^2 [(1 - a_x) n + e_{x+n}]^2 Var(q_x);
  // final band (l_w / 2)^2 * 4 / (D_w M_w^2); SE(e_x) = sqrt(sum from x up) / l_x.
  const sumVar = new Float64Array(BANDS);
  let acc = 0;
  for (let i = FINAL; i >= 0; i--) {
    const li = l[i] as number;
    const d = deaths[i] as number;
    let contribution: number;
    if (i === FINAL) {
      const mi = m[i] as number;
      contribution = (li / 2) ** 2 * (4 / (d * mi * mi));
    } else {
      const qi = q[i] as number;
      const dead = li - (l[i + 1] as number);
      const varQ = dead === 0 ? 0 : (qi * qi * (1 - qi)) / d;
      const w = (1 - (a[i] as number)) * (n[i] as number) + (e[i + 1] as number);
      contribution = li * li * w * w * varQ;
    }
    acc += contribution;
    sumVar[i] = acc;
  }

  const ages: LifeExpectancyAtAge[] = [];
  for (let i = 0; i < BANDS; i++) {
    const band = AGE_BANDS[i] as AgeBand;
    const startAge = AGE_BAND_STARTS[i] as number;
    const li = l[i] as number;
    if (li === 0) {
      ages.push({
        band,
        startAge,
        value: null,
        lower95: null,
        upper95: null,
        intervals: levels.value.map((confidence) => ({ confidence, lower: null, upper: null })),
        // PHEindicatormethods shows 0 here with undefined (NaN) limits; we say why instead.
        suppressed: `no one in the life table survives to age ${startAge}`,
      });
      continue;
    }
    const ei = e[i] as number;
    const se = Math.sqrt((sumVar[i] as number) / (li * li));
    // 95% CI = e_x -/+ z SE with z = qnorm(0.975), not 1.96 (issue 14); suppressed when wider
    // than 20 years (METHODS.md section 3).
    const halfWidth = Z_975 * se;
    const tooWide = 2 * halfWidth > MAX_CI_WIDTH_YEARS;
    ages.push({
      band,
      startAge,
      value: tooWide ? null : ei,
      lower95: ei - halfWidth,
      upper95: ei + halfWidth,
      intervals: levels.value.map((confidence) => {
        const z = zFor(confidence);
        return { confidence, lower: ei - z * se, upper: ei + z * se };
      }),
      suppressed: tooWide
        ? `the 95% confidence interval is ${(2 * halfWidth).toFixed(1)} years wide, more than ${MAX_CI_WIDTH_YEARS}`
        : null,
    });
  }
  return ok({ ages, method: LIFE_EXPECTANCY_METHOD });
}

/**
 * Life expectancy at one age, e.g. 65, from a computed table (PHEindicatormethods `le_age`).
 * @param age the start age of one of the 20 bands (0, 1, 5, 10, ..., 85, 90).
 * @returns that band's row, or a refusal naming the ages that can be asked for.
 */
export function lifeExpectancyAt(table: LifeTable, age: number): Result<LifeExpectancyAtAge> {
  const row = table.ages.find((a) => a.startAge === age);
  if (row === undefined) {
    return refuse(
      `life expectancy is given at the start of an age band: ${AGE_BAND_STARTS.join(', ')}; not at ${age}`,
    );
  }
  return ok(row);
}
