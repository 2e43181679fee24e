/**
 * Weighted least-squares line through quantile midpoints, in closed form. Because the
 * design (midpoints and weights) is fixed, each coefficient is a fixed linear combination of
 * the y values; the simulation reuses those combinations instead of refitting a matrix.
 * ../shared/METHODS.md section 2: a_i = p_i / sum(p); b_i = sum(a_1..a_{i-1}) + a_i / 2 (most
 * deprived first); y_i = beta0 + beta1 b_i fitted with weights a_i; SII = beta1 and
 * RII = (beta0 + beta1) / beta0 (Low & Low, J Public Health 2004;26:388-395).
 */

/** Design of the SII regression for one set of quantile populations. */
export interface SiiDesign {
  /** a_i = p_i / sum(p): population shares, most deprived first. */
  shares: Float64Array;
  /** b_i: midpoint of quantile i on the cumulative population scale, 0 = most deprived end. */
  midpoints: Float64Array;
  /** beta1 = sum(slopeWeights_i * y_i). */
  slopeWeights: Float64Array;
  /** beta0 = sum(interceptWeights_i * y_i). */
  interceptWeights: Float64Array;
}

/**
 * Shares, midpoints and the linear weights of the WLS fit `y = beta0 + beta1 * b` with
 * weights a_i (Low & Low 2004; `FindXValues` and the `lm` in `phe_sii`).
 * @param populations population of each quantile in order 1 (most deprived) .. q; all > 0.
 */
export function siiDesign(populations: ArrayLike<number>): SiiDesign {
  const q = populations.length;
  let total = 0;
  for (let i = 0; i < q; i++) total += populations[i] as number;
  const shares = new Float64Array(q);
  const midpoints = new Float64Array(q);
  let cumulative = 0;
  for (let i = 0; i < q; i++) {
    const a = (populations[i] as number) / total;
    shares[i] = a;
    midpoints[i] = cumulative + a / 2;
    cumulative += a;
  }
  // Weighted mean of b is 1/2 in exact arithmetic; computing it keeps rounding consistent.
  let meanB = 0;
  for (let i = 0; i < q; i++) meanB += (shares[i] as number) * (midpoints[i] as number);
  let sbb = 0;
  for (let i = 0; i < q; i++) {
    const d = (midpoints[i] as number) - meanB;
    sbb += (shares[i] as number) * d * d;
  }
  const slopeWeights = new Float64Array(q);
  const interceptWeights = new Float64Array(q);
  for (let i = 0; i < q; i++) {
    const a = shares[i] as number;
    const c1 = (a * ((midpoints[i] as number) - meanB)) / sbb;
    slopeWeights[i] = c1;
    interceptWeights[i] = a - meanB * c1;
  }
  return { shares, midpoints, slopeWeights, interceptWeights };
}

/** sum(weights_i * y_i). */
export function dot(weights: Float64Array, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < weights.length; i++) s += (weights[i] as number) * (y[i] as number);
  return s;
}
