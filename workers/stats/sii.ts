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
import { Z_975 } from './normal.ts';
import { ok, refuse, type Result } from './result.ts';
import { simulateLimits } from './sii_simulation.ts';
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
}

export const SII_DEFAULTS = { simulations: 100_000, seed: 1, transform: 'none' } as const;

/** A point estimate with its 95% confidence limits. */
export interface Estimate {
  value: number;
  lower95: number;
  upper95: number;
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
    const se = standardError(row, transform);
    if (!se.ok) return refuse(`quantile ${k}: ${se.reason}`);
    prepared.populations[k - 1] = row.population;
    prepared.values[k - 1] = row.value;
    prepared.y[k - 1] = toFittingScale(transform, row.value);
    prepared.se[k - 1] = se.value;
  }
  return ok(prepared);
}

/** SE on the fitting scale: as given, or (upper - lower) / (2 * 1.959964) after transforming. */
function standardError(row: SiiQuantileInput, transform: Transform): Result<number> {
  const { se, lower, upper } = row;
  if (se !== undefined && transform !== 'none') {
    return refuse(
      `a ${transform} transform needs the 95% confidence limits, not a standard error, ` +
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

/**
 * Slope index of inequality, relative index of inequality and range, with 95% limits by
 * seeded simulation.
 *
 * @param rows one row per quantile (1 = most deprived), any order; population in persons,
 *   value in the indicator's units with its SE or 95% limits.
 * @param options simulations (>= 1,000, default 100,000), seed (default 1), transform
 *   ('none' | 'log' | 'logit', default 'none'), expected number of quantiles.
 * @returns the estimates, or a refusal saying why (a missing quantile, a non-positive
 *   population, no standard error, too few simulations, fewer than 5 or more than 100
 *   quantiles as `phe_sii` allows).
 */
export function sii(
  rows: readonly SiiQuantileInput[],
  options: SiiOptions = {},
): Result<SiiResult> {
  const simulations = options.simulations ?? SII_DEFAULTS.simulations;
  const seed = options.seed ?? SII_DEFAULTS.seed;
  const transform = options.transform ?? SII_DEFAULTS.transform;
  if (!Number.isInteger(simulations) || simulations < 1000) {
    return refuse(
      `${simulations} simulations is too few: the 95% limits need at least 1,000 draws (OHID uses 100,000)`,
    );
  }
  if (!Number.isInteger(seed)) return refuse(`seed ${seed} is not a whole number`);
  if (!TRANSFORMS.includes(transform)) {
    return refuse(`unknown transform "${String(transform)}"; use ${TRANSFORMS.join(', ')}`);
  }
  const q = options.quantiles ?? Math.max(0, ...rows.map((r) => r.quantile));
  if (!Number.isInteger(q) || q < 5 || q > 100) {
    return refuse(`the SII needs between 5 and 100 quantiles (as phe_sii), not ${q}`);
  }
  const prepared = prepare(rows, q, transform);
  if (!prepared.ok) return prepared;
  const { populations, values, y, se } = prepared.value;

  const design = siiDesign(populations);
  const beta1 = dot(design.slopeWeights, y);
  const beta0 = dot(design.interceptWeights, y);
  const limits = simulateLimits({
    beta1,
    beta0,
    slopeWeights: design.slopeWeights,
    interceptWeights: design.interceptWeights,
    y,
    se,
    transform,
    simulations,
    seed,
  });

  const range: Estimate = {
    value: (values[q - 1] as number) - (values[0] as number),
    lower95: limits.range[0],
    upper95: limits.range[1],
  };
  let siiEstimate: Estimate;
  let riiEstimate: Estimate;
  if (transform === 'none') {
    siiEstimate = { value: beta1, lower95: limits.slope[0], upper95: limits.slope[1] };
    riiEstimate = {
      value: (beta0 + beta1) / beta0,
      lower95: limits.rii[0],
      upper95: limits.rii[1],
    };
  } else {
    // As phe_sii: keep the fitted midpoint (b = 1/2) and spread the slope limits either side
    // of it, then back-transform both ends.
    const f = (x: number): number => fromFittingScale(transform, x);
    const half = beta0 + beta1 / 2;
    const ends = (slope: number): [number, number] => [f(half - slope / 2), f(half + slope / 2)];
    const [mostL, leastL] = ends(limits.slope[0]);
    const [mostU, leastU] = ends(limits.slope[1]);
    const most = f(beta0);
    const least = f(beta0 + beta1);
    siiEstimate = { value: least - most, lower95: leastL - mostL, upper95: leastU - mostU };
    riiEstimate = { value: least / most, lower95: leastL / mostL, upper95: leastU / mostU };
  }

  return ok({
    sii: siiEstimate,
    rii: riiEstimate,
    range,
    intercept: fromFittingScale(transform, beta0),
    quantiles: q,
    simulations,
    seed,
    transform,
    method:
      'Slope index of inequality: weighted least squares of the value on the midpoint of each ' +
      "quantile's population band, weighted by population share (Low & Low 2004; " +
      `PHEindicatormethods phe_sii); 95% limits from ${simulations} simulated draws, seed ${seed}` +
      (transform === 'none' ? '' : `; fitted on the ${transform} scale and back-transformed`),
    riiDefinition: RII_DEFINITION,
    direction: SII_DIRECTION,
  });
}
