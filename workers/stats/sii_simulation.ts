/**
 * The Monte Carlo part of the SII: draw every quantile's value from Normal(y_i, SE_i), refit,
 * and keep the percentiles of each confidence level (2.5th and 97.5th for 95%), as
 * `SimulationFunc` in PHEindicatormethods does. The refit is the fixed linear combination from
 * `siiDesign`, so one draw costs a few multiply-adds per quantile and the loop allocates
 * nothing. For rates and proportions fitted on their own scale (phe_sii's default without a
 * transform), each draw is made on the log or logit scale and turned back before the refit.
 * ../shared/METHODS.md section 2: "95% CI by simulation: draw each y_i from Normal(y_i, SE_i),
 * refit, take the 2.5th and 97.5th percentiles"; OHID uses 100,000 draws, never fewer than
 * 1,000, from a seeded generator (random.ts) so that results are reproducible.
 */
import { kthSmallest } from './order_statistic.ts';
import { seededNormal } from './random.ts';
import { fromFittingScale, type Transform } from './transform.ts';

export interface SimulationInput {
  /** Fitted slope and intercept on the fitting scale. */
  beta1: number;
  beta0: number;
  /** Weights giving beta1 and beta0 from the y values (`siiDesign`). */
  slopeWeights: Float64Array;
  interceptWeights: Float64Array;
  /** y_i and SE_i on the fitting scale, most deprived first. */
  y: Float64Array;
  se: Float64Array;
  transform: Transform;
  simulations: number;
  seed: number;
  /**
   * Turn each drawn y_i back from the `transform` scale before refitting, so the line is
   * fitted in the indicator's own units while the draws follow the log or logit scale
   * (phe_sii with value_type 1 or 2 and transform = FALSE). Default false.
   */
  fitOriginalScale?: boolean;
  /** Confidence levels besides 95% (fractions); 95% is always computed. */
  levels?: readonly number[];
}

/** Limits of the simulated statistics at one confidence level. */
export interface LevelLimits {
  confidence: number;
  slope: [number, number];
  rii: [number, number];
  range: [number, number];
}

/** 95% limits of the simulated statistics, all on the fitting scale except `range`. */
export interface SimulatedLimits {
  slope: [number, number];
  /** (beta0 + beta1) / beta0 per draw; only meaningful untransformed. */
  rii: [number, number];
  /** Least minus most deprived quantile's drawn value, in the indicator's own units. */
  range: [number, number];
  /** The same at each level of `levels`, in that order. */
  byLevel: LevelLimits[];
}

/** R's `round()`: halves go to the even neighbour (IEC 60559). */
function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/**
 * 0-based ranks of the lower and upper limits among `n` sorted draws, computed as
 * `SimulationFunc` does (positions `round(n * (1 - c))` and `round(n * c)`, 1-based, with
 * c = level + (1 - level) / 2; for 95%, `round(n * 0.025)` and `round(n * 0.975)`).
 */
export function percentileRanks(n: number, level = 0.95): [number, number] {
  const confidenceValue = level + (1 - level) / 2;
  const lower = roundHalfEven(n * (1 - confidenceValue));
  const upper = roundHalfEven(n * confidenceValue);
  return [Math.max(lower, 1) - 1, Math.min(upper, n) - 1];
}

/** Run the simulation and return the limits of slope, RII and range. */
export function simulateLimits(input: SimulationInput): SimulatedLimits {
  const { beta1, beta0, slopeWeights, interceptWeights, y, se, transform, simulations } = input;
  if (input.fitOriginalScale === true && transform !== 'none') return simulateOnOwnScale(input);
  const q = y.length;
  const last = q - 1;
  // Per-quantile effect of one standard normal deviate on each coefficient.
  const k1 = new Float64Array(q);
  const k0 = new Float64Array(q);
  for (let i = 0; i < q; i++) {
    k1[i] = (slopeWeights[i] as number) * (se[i] as number);
    k0[i] = (interceptWeights[i] as number) * (se[i] as number);
  }
  const yFirst = y[0] as number;
  const seFirst = se[0] as number;
  const yLast = y[last] as number;
  const seLast = se[last] as number;

  const slopes = new Float64Array(simulations);
  const riis = new Float64Array(simulations);
  const ranges = new Float64Array(simulations);
  const normal = seededNormal(input.seed);
  const identity = transform === 'none';

  for (let d = 0; d < simulations; d++) {
    const zFirst = normal();
    let b1 = beta1 + (k1[0] as number) * zFirst;
    let b0 = beta0 + (k0[0] as number) * zFirst;
    let zLast = zFirst;
    for (let i = 1; i < q; i++) {
      zLast = normal();
      b1 += (k1[i] as number) * zLast;
      b0 += (k0[i] as number) * zLast;
    }
    slopes[d] = b1;
    riis[d] = (b0 + b1) / b0;
    const most = yFirst + seFirst * zFirst;
    const least = yLast + seLast * zLast;
    ranges[d] = identity
      ? least - most
      : fromFittingScale(transform, least) - fromFittingScale(transform, most);
  }

  return percentiles(slopes, riis, ranges, input.levels ?? []);
}

/** Each draw made on the transform's scale, turned back, and the line fitted on that. */
function simulateOnOwnScale(input: SimulationInput): SimulatedLimits {
  const { slopeWeights, interceptWeights, y, se, transform, simulations } = input;
  const q = y.length;
  const last = q - 1;
  const slopes = new Float64Array(simulations);
  const riis = new Float64Array(simulations);
  const ranges = new Float64Array(simulations);
  const normal = seededNormal(input.seed);
  for (let d = 0; d < simulations; d++) {
    let b1 = 0;
    let b0 = 0;
    let most = 0;
    let least = 0;
    for (let i = 0; i < q; i++) {
      const drawn = fromFittingScale(transform, (y[i] as number) + (se[i] as number) * normal());
      b1 += (slopeWeights[i] as number) * drawn;
      b0 += (interceptWeights[i] as number) * drawn;
      if (i === 0) most = drawn;
      if (i === last) least = drawn;
    }
    slopes[d] = b1;
    riis[d] = (b0 + b1) / b0;
    ranges[d] = least - most;
  }
  return percentiles(slopes, riis, ranges, input.levels ?? []);
}

function percentiles(
  slopes: Float64Array,
  riis: Float64Array,
  ranges: Float64Array,
  levels: readonly number[],
): SimulatedLimits {
  const at = (level: number): LevelLimits => {
    const [lo, hi] = percentileRanks(slopes.length, level);
    const limits = (draws: Float64Array): [number, number] => [
      kthSmallest(draws, lo),
      kthSmallest(draws, hi),
    ];
    return { confidence: level, slope: limits(slopes), rii: limits(riis), range: limits(ranges) };
  };
  const { slope, rii, range } = at(0.95);
  return { slope, rii, range, byLevel: levels.map(at) };
}
