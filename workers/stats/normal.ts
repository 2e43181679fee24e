/**
 * The 97.5th percentile of the standard normal distribution (R's `qnorm(0.975)`), used for
 * every 95% interval here. PHEindicatormethods uses this full-precision value rather than
 * 1.96, so we do too to agree with its published figures.
 */
export const Z_975 = 1.959963984540054;
