/**
 * Scales on which the SII line may be fitted. PHEindicatormethods `phe_sii` recommends log for
 * rates and logit for proportions (0..1), with results returned in the original units
 * (../shared/METHODS.md section 2: "optional transform for rates/proportions (log / logit
 * before fitting, back-transform after)").
 */
export const TRANSFORMS = ['none', 'log', 'logit'] as const;
export type Transform = (typeof TRANSFORMS)[number];

/** Value on the fitting scale; NaN or infinite when outside the transform's domain. */
export function toFittingScale(transform: Transform, x: number): number {
  switch (transform) {
    case 'none':
      return x;
    case 'log':
      return Math.log(x);
    case 'logit':
      return Math.log(x / (1 - x));
  }
}

/** Back from the fitting scale to the indicator's own units. */
export function fromFittingScale(transform: Transform, x: number): number {
  switch (transform) {
    case 'none':
      return x;
    case 'log':
      return Math.exp(x);
    case 'logit':
      return Math.exp(x) / (1 + Math.exp(x));
  }
}

/** Why a value cannot go on this scale, or null when it can. */
export function outsideDomain(transform: Transform, x: number): string | null {
  if (!Number.isFinite(x)) return 'is not a finite number';
  if (transform === 'log' && !(x > 0)) return 'must be above 0 for a log transform';
  if (transform === 'logit' && !(x > 0 && x < 1)) {
    return 'must be strictly between 0 and 1 for a logit transform (give proportions, not percentages)';
  }
  return null;
}
