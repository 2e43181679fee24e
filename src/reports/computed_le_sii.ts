/**
 * The SII of life expectancy worked out from the user's deaths file (the analysis panel's "Life
 * expectancy from your own file"), for the one-page report when that life expectancy is the
 * indicator on the map. OHID's method, not the headline SII's: each local deprivation decile's
 * deaths and person-years are pooled by age band and its life expectancy worked out with its
 * 95% limits (Chiang II with Silcocks' final band, ../shared/METHODS.md section 3); the line is
 * fitted across the population ranked by deprivation with those limits, its 95% limits by
 * simulation (Low & Low 2004, METHODS.md section 2). The panel publishes it when it maps the
 * values; the report reads it. A mailbox like `shown_sii.ts`. The conversions are pure.
 */
import type { GeographyId } from '../../contracts/geography.ts';
import { groupingDescription } from '../../workers/inequality/inequality_by_deprivation.ts';
import type { InequalityOutput } from '../../workers/inequality/inequality_by_deprivation.ts';
import type { LifeExpectancyInequality } from '../../workers/inequality/life_expectancy_csv.ts';
import { quantileNoun, type QuantileCount } from '../../workers/inequality/deprivation_groups.ts';
import { qnorm } from '../../workers/stats/distributions.ts';

export interface ComputedLeSii {
  /** The mapped indicator's id (`lifeExpectancyId`). */
  indicatorId: string;
  geography: GeographyId;
  fileName: string;
  quantiles: QuantileCount;
  /** "IMD 2025" and "Sefton", for the definition. */
  deprivationLabel: string;
  place: string;
  simulations: number;
  inequality: LifeExpectancyInequality;
}

let published: ComputedLeSii | null = null;

/** Called by the life expectancy panel when it maps its values (null withdraws it). */
export function publishComputedLeSii(s: ComputedLeSii | null): void {
  published = s;
}

/** The published SII when it is of this geography and indicator; null otherwise. */
export function computedLeSiiFor(
  geography: GeographyId,
  indicatorId: string,
): ComputedLeSii | null {
  return published && published.geography === geography && published.indicatorId === indicatorId
    ? published
    : null;
}

/**
 * The panel's answer in the shape the one-pager and its data tables draw: each group's life
 * expectancy as its value, its standard error from its 95% limits (upper - lower) / (2 z),
 * as METHODS.md section 2 takes it.
 */
export function computedLeOutput(s: ComputedLeSii): InequalityOutput {
  const z = qnorm(0.975);
  const groups = s.inequality.groups.map((g) => ({
    quantile: g.quantile,
    areas: g.areas,
    population: g.population,
    value: g.e0,
    se: (g.upper95 - g.lower95) / (2 * z),
    lower95: g.lower95,
    upper95: g.upper95,
  }));
  return {
    groups,
    sii: s.inequality.sii,
    areasUsed: groups.reduce((n, g) => n + g.areas, 0),
    leftOut: 0,
  };
}

/** One sentence for under the one-pager's SII chart, in place of its usual note. */
export function computedLeShortDefinition(s: ComputedLeSii): string {
  const noun = quantileNoun(s.quantiles);
  return `Dots: each local ${s.deprivationLabel} ${noun}'s life expectancy from its pooled deaths and person-years (Chiang II) with 95% limits; line: the fitted slope (SII; limits from ${s.simulations.toLocaleString('en-GB')} simulations, Low & Low 2004), as OHID. Method with the data tables.`;
}

/** The full definition, for the data tables. */
export function computedLeDefinition(s: ComputedLeSii): string {
  const noun = quantileNoun(s.quantiles);
  return `SII: life expectancy at birth computed in this browser from ${s.fileName}, by ${groupingDescription('local', s.quantiles, s.deprivationLabel, s.place)}; each ${noun}'s deaths and person-years summed by age band and its life expectancy worked out with its 95% limits (Chiang II with Silcocks' final band, as the PHE life expectancy calculator); the line fitted by least squares weighted by each ${noun}'s share of the population, with x the midpoint of its band of residents ranked from most to least deprived; 95% limits from ${s.simulations.toLocaleString('en-GB')} seeded simulations of each ${noun}'s life expectancy within its limits (Low & Low 2004, as OHID's Fingertips indicator 92901). Positive when the least deprived live longer.`;
}
