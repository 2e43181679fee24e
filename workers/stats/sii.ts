/**
 * Slope index of inequality (SII) and relative index of inequality (RII) across deprivation
 * quantiles, as OHID computes them (Low & Low, J Public Health 2004;26:388-395;
 * PHEindicatormethods `phe_sii`; METHODS.md section 2).
 *
 * Direction, stated once and used everywhere: quantile 1 is the MOST deprived. Quantiles are
 * laid along the cumulative population scale b from 0 (most deprived end) to 1 (least
 * deprived end). SII = fitted value at b = 1 minus fitted value at b = 0, i.e. least minus
 * most deprived: positive for life expectancy when the least deprived live longer.
 */
import { confidenceLabels, confidenceLevels, type Interval } from './confidence.ts';
import { Z_975 } from './normal.ts';
import { ok, refuse, type Result } from './result.ts';
import { simulateLimits, type LevelLimits } from './sii_simulation.ts';
import {
  fromFittingScale,
  outsideDomain,
  toFittingScale,
  TRANSFORMS,
  type Transform,
} from './transform.ts';
import { dot, siiDesign } from './wls.ts';

/** One quantile's input. Give either `se`, or both `lower` and `upper`. */
export interface SiiQuantileInput {
  /** 1 = most deprived .. q = least deprived. */
  quantile: number;
  /** Persons in the quantile (the denominator); must be > 0. */
  population: number;
  /** Indicator value in its own units (proportions as 0..1 when using logit). */
  value: number;
  /** Standard error of `value`, in the value's units. Not allowed with a transform. */
  se?: number;
  /** Lower and upper 95% confidence limits of `value`. */
  lower?: number;
  upper?: number;
}

export interface SiiOptions {
  /** Simulated draws for the 95% limits; at least 1,000. OHID uses 100,000. */
  simulations?: number;
  /** Seed of the random generator: the same seed gives the same limits. */
  seed?: number;
  /** 'log' for rates, 'logit' for proportions; fitted on that scale, reported in own units. */
  transform?: Transform;
  /** How many quantiles there should be; by default the highest quantile number given. */
  quantiles?: number;
  /**
   * What the values are (phe_sii `value_type`): 'normal' (default; e.g. life expectancy),
   * 'rate' or 'proportion' (0..1). A rate or proportion needs 95% limits, not an SE: its SE
   * is worked out on the log or logit scale and the simulation draws on that scale, while
   * the line is fitted in the indicator's own units unless `transform` is 'log' or 'logit'.
   * Defaults to 'rate' with transform 'log' and 'proportion' with 'logit'.
   */
  valueType?: ValueType;
  /**
   * Confidence level(s) of `intervals` on each estimate, e.g. 0.998 or [0.95, 0.998]
   * (fractions or percentages, 90% to 99.9%). `lower95`/`upper95` are always 95%.
   */
  confidence?: number | readonly number[];
  /**
   * Scale of the SII, its limits and the range (phe_sii `multiplier`): e.g. 100 to give a
   * proportion's SII in percentage points; a negative one flips the sign (and the RII is
   * inverted) for indicators where higher is worse. Default 1; not 0.
   */
  multiplier?: number;
}

export const VALUE_TYPES = ['normal', 'rate', 'proportion'] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

export const SII_DEFAULTS = {
  simulations: 100_000,
  seed: 1,
  transform: 'none',
  multiplier: 1,
  confidence: 0.95,
} as const;

/** A point estimate with its 95% confidence limits (and any other levels asked for). */
export interface Estimate {
  value: number;
  lower95: number;
  upper95: number;
  /** Limits at every level of the `confidence` option, in the order asked. */
  intervals?: Interval[];
}

export interface SiiResult {
  /** Least minus most deprived end of the fitted line, in the indicator's units. */
  sii: Estimate;
  /** OHID/PHE RII: fitted value at the least deprived end / at the most deprived end. */
  rii: Estimate;
  /** Least deprived quantile's value minus most deprived quantile's value (same sign as SII). */
  range: Estimate;
  /** Fitted value at the most deprived end (b = 0), in the indicator's units. */
  intercept: number;
  quantiles: number;
  simulations: number;
  seed: number;
  transform: Transform;
  /** What the values were taken to be (see `SiiOptions.valueType`). */
  valueType: ValueType;
  multiplier: number;
  /** "95%, 99.8%": the levels of `intervals`. */
  confidence: string;
  method: string;
  riiDefinition: string;
  direction: string;
}

export const SII_DIRECTION =
  'Quantile 1 is the most deprived. SII = fitted value at the least deprived end minus fitted ' +
  'value at the most deprived end; range = least deprived quantile minus most deprived quantile.';

export const RII_DEFINITION =
  'OHID/PHE RII = (beta0 + beta1) / beta0: fitted value at the least deprived end divided by ' +
  'fitted value at the most deprived end (not ScotPHO RII = SII / mean).';

/** Validated inputs on the fitting scale, most deprived first. */
interface Prepared {
  populations: Float64Array;
  values: Float64Array;
  y: Float64Array;
  se: Float64Array;
}

function prepare(
  rows: readonly SiiQuantileInput[],
  q: number,
  transform: Transform,
  asked: string,
): Result<Prepared> {
  const byQuantile = new Map<number, SiiQuantileInput>();
  for (const row of rows) {
    if (!Number.isInteger(row.quantile) || row.quantile < 1 || row.quantile > q) {
      return refuse(`quantile ${row.quantile} is not one of 1..${q}`);
    }
    if (byQuantile.has(row.quantile)) {
      return refuse(`quantile ${row.quantile} appears more than once`);
    }
    byQuantile.set(row.quantile, row);
  }
  const prepared: Prepared = {
    populations: new Float64Array(q),
    values: new Float64Array(q),
    y: new Float64Array(q),
    se: new Float64Array(q),
  };
  for (let k = 1; k <= q; k++) {
    const row = byQuantile.get(k);
    if (row === undefined) {
      return refuse(`quantile ${k} is missing: the SII needs every quantile 1..${q}`);
    }
    if (!(Number.isFinite(row.population) && row.population > 0)) {
      return refuse(
        `quantile ${k} has population ${row.population}: every quantile needs a positive population`,
      );
    }
    const valueProblem = outsideDomain(transform, row.value);
    if (valueProblem) return refuse(`quantile ${k} value ${row.value} ${valueProblem}`);
    const se = standardError(row, transform, asked);
    if (!se.ok) return refuse(`quantile ${k}: ${se.reason}`);
    prepared.populations[k - 1] = row.population;
    prepared.values[k - 1] = row.value;
    prepared.y[k - 1] = toFittingScale(transform, row.value);
    prepared.se[k - 1] = se.value;
  }
  return ok(prepared);
}

/**
 * SE on the fitting scale: as given, or (upper - lower) / (2 * 1.959964) after transforming
 * (../shared/METHODS.md section 2, the input).
 */
function standardError(row: SiiQuantileInput, transform: Transform, asked: string): Result<number> {
  const { se, lower, upper } = row;
  if (se !== undefined && transform !== 'none') {
    return refuse(
      `${asked} needs the 95% confidence limits, not a standard error, ` +
        `because the standard error must be worked out on the ${transform} scale`,
    );
  }
  if (se !== undefined) {
    if (!(Number.isFinite(se) && se >= 0)) return refuse(`standard error ${se} is not 0 or more`);
    return ok(se);
  }
  if (lower === undefined || upper === undefined) {
    return refuse('no standard error and no pair of 95% confidence limits');
  }
  for (const [name, x] of [
    ['lower limit', lower],
    ['upper limit', upper],
  ] as const) {
    const problem = outsideDomain(transform, x);
    if (problem) return refuse(`${name} ${x} ${problem}`);
  }
  if (upper < lower) return refuse(`upper limit ${upper} is below lower limit ${lower}`);
  return ok((toFittingScale(transform, upper) - toFittingScale(transform, lower)) / (2 * Z_975));
}

/** The scale a value type's draws are made on: log for rates, logit for proportions. */
const DRAW_SCALE: Record<ValueType, Transform> = {
  normal: 'none',
  rate: 'log',
  proportion: 'logit',
};

/** Multiply an estimate's value and limits; a negative multiplier swaps the limits. */
function scaled(value: number, limits: [number, number], m: number): [number, number, number] {
  const [a, b] = [limits[0] * m, limits[1] * m];
  return [value * m, Math.min(a, b), Math.max(a, b)];
}

/** RII limits as phe_sii reports them: inverted (and so swapped) when the multiplier is < 0. */
function riiWithSign(value: number, limits: [number, number], m: number): [number, number, number] {
  if (m > 0) return [value, limits[0], limits[1]];
  return [1 / value, 1 / limits[1], 1 / limits[0]];
}

/**
 * Slope index of inequality, relative index of inequality and range, with 95% limits (and
 * any other levels) by seeded simulation.
 *
 * @param rows one row per quantile (1 = most deprived), any order; population in persons,
 *   value in the indicator's units with its SE or 95% limits.
 * @param options simulations (>= 1,000, default 100,000), seed (default 1), transform
 *   ('none' | 'log' | 'logit', default 'none'), value type ('normal' | 'rate' | 'proportion'),
 *   confidence level(s), multiplier, expected number of quantiles.
 * @returns the estimates, or a refusal saying why (a missing quantile, a non-positive
 *   population, no standard error, too few simulations, fewer than 5 or more than 100
 *   quantiles as `phe_sii` allows, a transform that does not fit the value type).
 */
export function sii(
  rows: readonly SiiQuantileInput[],
  options: SiiOptions = {},
): Result<SiiResult> {
  const simulations = options.simulations ?? SII_DEFAULTS.simulations;
  const seed = options.seed ?? SII_DEFAULTS.seed;
  const transform = options.transform ?? SII_DEFAULTS.transform;
  const multiplier = options.multiplier ?? SII_DEFAULTS.multiplier;
  if (!Number.isInteger(simulations) || simulations < 1000) {
    return refuse(
      `${simulations} simulations is too few: the 95% limits need at least 1,000 draws (OHID uses 100,000)`,
    );
  }
  if (!Number.isInteger(seed)) return refuse(`seed ${seed} is not a whole number`);
  if (!TRANSFORMS.includes(transform)) {
    return refuse(`unknown transform "${String(transform)}"; use ${TRANSFORMS.join(', ')}`);
  }
  const valueType: ValueType =
    options.valueType ??
    (transform === 'log' ? 'rate' : transform === 'logit' ? 'proportion' : 'normal');
  if (!VALUE_TYPES.includes(valueType)) {
    return refuse(`unknown value type "${String(valueType)}"; use ${VALUE_TYPES.join(', ')}`);
  }
  if (transform !== 'none' && DRAW_SCALE[valueType] !== transform) {
    return refuse(
      `a ${transform} transform is for ${transform === 'log' ? 'rates' : 'proportions'}, not ${valueType} values`,
    );
  }
  if (!(Number.isFinite(multiplier) && multiplier !== 0)) {
    return refuse(`the multiplier must be a number other than 0, not ${multiplier}`);
  }
  const levels = confidenceLevels(options.confidence ?? SII_DEFAULTS.confidence);
  if (!levels.ok) return levels;
  const q = options.quantiles ?? Math.max(0, ...rows.map((r) => r.quantile));
  if (!Number.isInteger(q) || q < 5 || q > 100) {
    return refuse(`the SII needs between 5 and 100 quantiles (as phe_sii), not ${q}`);
  }
  // The scale the draws (and SEs) are on; the line is fitted on it only with a transform.
  const drawScale = DRAW_SCALE[valueType];
  const asked = transform !== 'none' ? `a ${transform} transform` : `a ${valueType}`;
  const prepared = prepare(rows, q, drawScale, asked);
  if (!prepared.ok) return prepared;
  const { populations, values, y, se } = prepared.value;
  const fitOriginalScale = transform === 'none' && drawScale !== 'none';
  const fitted = fitOriginalScale ? values : y;

  const design = siiDesign(populations);
  const beta1 = dot(design.slopeWeights, fitted);
  const beta0 = dot(design.interceptWeights, fitted);
  const simulated = simulateLimits({
    beta1,
    beta0,
    slopeWeights: design.slopeWeights,
    interceptWeights: design.interceptWeights,
    y,
    se,
    transform: drawScale,
    simulations,
    seed,
    fitOriginalScale,
    levels: levels.value,
  });

  const rangeValue = (values[q - 1] as number) - (values[0] as number);
  /** SII, RII and range at one level: [value, lower, upper] each, multiplier applied. */
  const atLevel = (l: Pick<LevelLimits, 'slope' | 'rii' | 'range'>) => {
    const range = scaled(rangeValue, l.range, multiplier);
    if (transform === 'none') {
      return {
        sii: scaled(beta1, l.slope, multiplier),
        rii: riiWithSign((beta0 + beta1) / beta0, l.rii, multiplier),
        range,
      };
    }
    // As phe_sii: keep the fitted midpoint (b = 1/2) and spread the slope limits either side
    // of it, then back-transform both ends.
    const f = (x: number): number => fromFittingScale(transform, x);
    const half = beta0 + beta1 / 2;
    const ends = (slope: number): [number, number] => [f(half - slope / 2), f(half + slope / 2)];
    const [mostL, leastL] = ends(l.slope[0]);
    const [mostU, leastU] = ends(l.slope[1]);
    const most = f(beta0);
    const least = f(beta0 + beta1);
    return {
      sii: scaled(least - most, [leastL - mostL, leastU - mostU], multiplier),
      rii: riiWithSign(least / most, [leastL / mostL, leastU / mostU], multiplier),
      range,
    };
  };
  const at95 = atLevel(simulated);
  const others = simulated.byLevel.map((l) => ({ confidence: l.confidence, ...atLevel(l) }));
  const estimate = (key: 'sii' | 'rii' | 'range'): Estimate => {
    const [value, lower95, upper95] = at95[key];
    const intervals = others.map((o) => ({
      confidence: o.confidence,
      lower: o[key][1],
      upper: o[key][2],
    }));
    return { value, lower95, upper95, intervals };
  };

  const confidence = confidenceLabels(levels.value);
  return ok({
    sii: estimate('sii'),
    rii: estimate('rii'),
    range: estimate('range'),
    intercept: fitOriginalScale ? beta0 : fromFittingScale(transform, beta0),
    quantiles: q,
    simulations,
    seed,
    transform,
    valueType,
    multiplier,
    confidence,
    method:
      'Slope index of inequality: weighted least squares of the value on the midpoint of each ' +
      "quantile's population band, weighted by population share (Low & Low 2004; " +
      `PHEindicatormethods phe_sii); ${confidence} limits from ${simulations} simulated draws, seed ${seed}` +
      (transform !== 'none'
        ? `; fitted on the ${transform} scale and back-transformed`
        : fitOriginalScale
          ? `; draws made on the ${drawScale} scale of each ${valueType}, fitted in its own units`
          : '') +
      (multiplier === 1 ? '' : `; SII and range multiplied by ${multiplier}`),
    riiDefinition: RII_DEFINITION,
    direction: SII_DIRECTION,
  });
}
