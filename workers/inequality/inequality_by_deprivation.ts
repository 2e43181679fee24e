/**
 * The inequality panel's statistic: areas -> deprivation groups -> population-weighted group
 * values with between-area standard errors -> SII, RII and range with seeded simulated 95%
 * limits. The SII and RII are Low & Low's (J Public Health 2004;26:388-395) as OHID computes
 * them (PHEindicatormethods `phe_sii`, 100,000 draws); see ../shared/METHODS.md sections 1-2.
 * Pure: the app runs it in workers/inequality/inequality.worker.ts.
 */
import {
  deprivationGroups,
  groupValues,
  quantileNoun,
  type GroupValue,
  type GroupingKind,
  type QuantileCount,
} from './deprivation_groups.ts';
import { Z_975 } from '../stats/normal.ts';
import { ok, type Result } from '../stats/result.ts';
import { sii, type Estimate, type SiiResult } from '../stats/sii.ts';

export interface InequalityInput {
  /** Indicator value per area; NaN = no value. */
  values: Float64Array;
  /** Population per area (the weights). */
  populations: Float64Array;
  /** IMD score per area ('local') or published national decile ('national'); NaN = none. */
  deprivation: Float64Array;
  grouping: GroupingKind;
  quantiles: QuantileCount;
  /** Simulated draws for the 95% limits (OHID: 100,000). */
  simulations: number;
  seed: number;
}

export interface GroupEstimate extends GroupValue {
  /** value -/+ 1.96 SE. */
  lower95: number;
  upper95: number;
}

export interface InequalityOutput {
  groups: GroupEstimate[];
  sii: SiiResult;
  /** Areas that entered a group with a value. */
  areasUsed: number;
  /** Areas left out: no deprivation figure, or no value or population. */
  leftOut: number;
}

export function inequalityByDeprivation(input: InequalityInput): Result<InequalityOutput> {
  const groups = deprivationGroups(input.deprivation, input.grouping, input.quantiles);
  if (!groups.ok) return groups;
  const summary = groupValues(groups.value, input.populations, input.values, input.quantiles);
  if (!summary.ok) return summary;
  const fitted = sii(
    summary.value.map((g) => ({
      quantile: g.quantile,
      population: g.population,
      value: g.value,
      se: g.se,
    })),
    { simulations: input.simulations, seed: input.seed, quantiles: input.quantiles },
  );
  if (!fitted.ok) return fitted;
  const areasUsed = summary.value.reduce((s, g) => s + g.areas, 0);
  return ok({
    groups: summary.value.map((g) => ({
      ...g,
      lower95: g.value - Z_975 * g.se,
      upper95: g.value + Z_975 * g.se,
    })),
    sii: fitted.value,
    areasUsed,
    leftOut: input.values.length - areasUsed,
  });
}

export type Polarity = 'higher-is-worse' | 'higher-is-better' | 'neutral';

/** A statistic turned so that its sign reads the same way for every indicator. */
export interface OrientedEstimate extends Estimate {
  /** What a positive value means, in words. */
  meaning: string;
}

/**
 * The SII (or range) as the panel shows it: positive when the most deprived fare worse.
 * The SII of Low & Low and `phe_sii` (../shared/METHODS.md section 2) is the least deprived end
 * minus the most deprived end; that already reads
 * this way for higher-is-better indicators (life expectancy: the same sign as Fingertips
 * 92901), and is negated for higher-is-worse ones (IMD score, mortality). Neutral indicators
 * keep that sign.
 */
export function orient(estimate: Estimate, polarity: Polarity): OrientedEstimate {
  if (polarity === 'higher-is-worse') {
    return {
      value: -estimate.value,
      lower95: -estimate.upper95,
      upper95: -estimate.lower95,
      meaning: 'positive = higher (worse) values at the most deprived end',
    };
  }
  if (polarity === 'higher-is-better') {
    return {
      ...estimate,
      meaning: 'positive = lower (worse) values at the most deprived end, as Fingertips',
    };
  }
  return {
    ...estimate,
    meaning: 'positive = higher values at the least deprived end',
  };
}

/** "local deciles of the IMD 2019 score within Sefton" and similar, for the method text. */
export function groupingDescription(
  grouping: GroupingKind,
  quantiles: QuantileCount,
  deprivationLabel: string,
  place: string,
): string {
  const noun = quantileNoun(quantiles);
  if (grouping === 'local') {
    return `local ${noun}s of the ${deprivationLabel} score within ${place}, assigned as OHID's phe_quantile (ranked by score, ties take the lowest rank; ${noun} 1 = most deprived)`;
  }
  return quantiles === 10
    ? `national ${deprivationLabel} deciles as published (decile 1 = most deprived 10% of LSOAs in England)`
    : `national ${deprivationLabel} deciles paired into quintiles (quintile 1 = national deciles 1 and 2, the most deprived)`;
}
