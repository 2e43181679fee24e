/**
 * Funnel plot control limits at 95% (2 sigma) and 99.8% (3 sigma) around a target, as
 * PHEindicatormethods `calculate_funnel_limits` and PHE's funnel plot tool compute them:
 * for proportions, the population at which a Wilson score limit would touch the target,
 * solved in closed form; for rates, exact Poisson limits found by bisection.
 *
 * References: Spiegelhalter DJ. Funnel plots for comparing institutional performance. Stat
 * Med 2005;24:1185-1202. PHE (APHO) technical briefing 2, "Commonly used public health
 * statistics and their confidence intervals", 2008 (funnel plot spreadsheet method).
 */
import { qnorm } from './distributions.ts';

export type Side = 'low' | 'high';

/**
 * The proportion at which a population of `population` sits on the funnel: the value whose
 * Wilson interval at probability p just reaches `target` (PHE's "sigma adjustment").
 * @param p 0.975 for the 95% funnel, 0.999 for 99.8%.
 * @returns the limit as a proportion times `multiplier`.
 */
export function proportionFunnelLimit(
  p: number,
  population: number,
  target: number,
  side: Side,
  multiplier: number,
): number {
  const z2 = qnorm(p) ** 2;
  const first = target * (population / z2 + 1);
  const adj = Math.sqrt(
    (-8 * target * (population / z2 + 1)) ** 2 -
      64 *
        (1 / z2 + 1 / population) *
        target *
        (population * (target * (population / z2 + 2) - 1) + z2 * (target - 1)),
  );
  const last = 1 / z2 + 1 / population;
  const limit = side === 'low' ? (first - adj / 8) / last : (first + adj / 8) / last;
  return (limit / population) * multiplier;
}

/** Probability that a Poisson(mean) count lies in from..to, summed term by term. */
function poissonInterval(mean: number, from: number, to: number): number {
  let q = 1;
  let total = 0;
  let s = 0;
  let k = 0;
  while (k <= mean || q > total * 1e-10) {
    total += q;
    if (k >= from && k <= to) s += q;
    if (total > 1e30) {
      s /= 1e30;
      total /= 1e30;
      q /= 1e30;
    }
    k++;
    q = (q * mean) / k;
  }
  return s / total;
}

/**
 * The Poisson mean at which `observed` events sit at tail probability `p`, by bisection on
 * v = mean / (mean + 1 + observed) to 1e-7, as PHE's funnel plot tool.
 * side 'low' gives the mean below which observed is significantly high; 'high' the mean above
 * which it is significantly low.
 */
export function poissonFunnelMean(observed: number, p: number, side: Side): number {
  let v = 0.5;
  let dv = 0.5;
  while (dv > 1e-7) {
    dv /= 2;
    const mean = ((1 + observed) * v) / (1 - v);
    const tail =
      side === 'low' ? poissonInterval(mean, observed, 1e10) : poissonInterval(mean, 0, observed);
    if (side === 'low' ? tail > p : tail < p) v -= dv;
    else v += dv;
  }
  return ((1 + observed) * v) / (1 - v);
}

export interface FunnelPoint {
  /** 95% (2 sigma) and 99.8% (3 sigma) limits, in the statistic's units. */
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
  /** The target (baseline) in the statistic's units. */
  target: number;
}

/**
 * Funnel limits of a proportion at one population size.
 * @param target the comparator as a proportion (0..1), e.g. the sum of numerators over the
 *   sum of denominators of all areas (PHEindicatormethods' default).
 * @param multiplier 100 for percentages. Limits are kept within 0..multiplier.
 */
export function proportionFunnel(
  population: number,
  target: number,
  multiplier = 100,
): FunnelPoint {
  const limit = (p: number, side: Side): number => {
    const x = proportionFunnelLimit(p, population, target, side, multiplier);
    return side === 'low' ? Math.max(0, x) : Math.min(multiplier, x);
  };
  return {
    lower95: limit(0.975, 'low'),
    upper95: limit(0.975, 'high'),
    lower998: limit(0.999, 'low'),
    upper998: limit(0.999, 'high'),
    target: target * multiplier,
  };
}

/** Funnel limits of a rate at one number of events, with the populations they belong to. */
export interface RateFunnelPoint extends FunnelPoint {
  events: number;
  /** Person-years per year at which each limit is reached. */
  population95Lower: number;
  population95Upper: number;
  population998Lower: number;
  population998Upper: number;
}

/**
 * Funnel limits of a rate where `events` are observed.
 * @param target the comparator rate per person-year (e.g. total events / total person-years).
 * @param multiplier rate per this many (e.g. 100,000).
 * @param years years of data the populations cover (populations are per year).
 */
export function rateFunnel(
  events: number,
  target: number,
  multiplier: number,
  years: number,
): RateFunnelPoint {
  const population = (p: number, side: Side): number => poissonFunnelMean(events, p, side) / target;
  const p95L = population(0.025, 'high');
  const p95U = population(0.025, 'low');
  const p998L = population(0.001, 'high');
  const p998U = population(0.001, 'low');
  return {
    events,
    lower95: (events / p95L) * multiplier,
    upper95: (events / p95U) * multiplier,
    lower998: (events / p998L) * multiplier,
    upper998: (events / p998U) * multiplier,
    target: target * multiplier,
    population95Lower: p95L / years,
    population95Upper: p95U / years,
    population998Lower: p998L / years,
    population998Upper: p998U / years,
  };
}
