/**
 * Quantile functions of the distributions the confidence limits need, named as R names them
 * (`qnorm`, `qchisq`, `qt`) so that each formula reads like the PHEindicatormethods source it
 * reproduces. They come from stdlib (@stdlib/stats-base-dists-*-quantile), whose inverse
 * incomplete gamma and beta functions are ports of Boost's and agree with R to about 1e-15
 * relative (checked against R's values in test/stats/distributions.test.ts).
 */
import chisquareQuantile from '@stdlib/stats-base-dists-chisquare-quantile';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/** p-th quantile of the standard normal distribution (R `qnorm(p)`). */
export function qnorm(p: number): number {
  return normalQuantile(p, 0, 1);
}

/** p-th quantile of the chi-square distribution with `df` degrees of freedom (R `qchisq`). */
export function qchisq(p: number, df: number): number {
  // R gives 0 for df = 0 (a point mass at zero): the exact lower limit of a zero count.
  if (df === 0) return 0;
  return chisquareQuantile(p, df);
}

/** p-th quantile of Student's t distribution with `df` degrees of freedom (R `qt`). */
export function qt(p: number, df: number): number {
  return tQuantile(p, df);
}
