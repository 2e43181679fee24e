/**
 * The Monte Carlo part of the SII: draw every quantile's value from Normal(y_i, SE_i), refit,
 * and keep the 2.5th and 97.5th percentiles, as `SimulationFunc` in PHEindicatormethods does.
 * The refit is the fixed linear combination from `siiDesign`, so one draw costs a few
 * multiply-adds per quantile and the loop allocates nothing.
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
}

/** 95% limits of the simulated statistics, all on the fitting scale except `range`. */
export interface SimulatedLimits {
  slope: [number, number];
  /** (beta0 + beta1) / beta0 per draw; only meaningful untransformed. */
  rii: [number, number];
  /** Least minus most deprived quantile's drawn value, in the indicator's own units. */
  range: [number, number];
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
 * 0-based ranks of the lower and upper 95% limits among `n` sorted draws, computed as
 * `SimulationFunc` does (positions `round(n * 0.025)` and `round(n * 0.975)`, 1-based).
 */
export function percentileRanks(n: number): [number, number] {
  const confidenceValue = 0.95 + (1 - 0.95) / 2;
  const lower = roundHalfEven(n * (1 - confidenceValue));
  const upper = roundHalfEven(n * confidenceValue);
  return [Math.max(lower, 1) - 1, Math.min(upper, n) - 1];
}

/** Run the simulation and return the 95% limits of slope, RII and range. */
export function simulateLimits(input: SimulationInput): SimulatedLimits {
  const { beta1, beta0, slopeWeights, interceptWeights, y, se, transform, simulations } = input;
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

  const [lo, hi] = percentileRanks(simulations);
  const limits = (draws: Float64Array): [number, number] => [
    kthSmallest(draws, lo),
    kthSmallest(draws, hi),
  ];
  return { slope: limits(slopes), rii: limits(riis), range: limits(ranges) };
}
