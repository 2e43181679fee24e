/**
 * Statistics of a custom area: a set of member areas (picked on the map, or the LSOAs whose
 * centre lies inside a drawn polygon) rolled up as ../shared/METHODS.md section 4 asks (counts
 * add up, scores and rates are weighted by their denominators, as MHCLG makes its local
 * authority average IMD score; ranks and deciles are not averaged) with the pure
 * roll-ups of aggregate.ts. Pure: runs on any thread.
 */
import { sumBy, weightedMeanBy, type Assignment } from './aggregate.ts';

/** What the roll-up needs to know of an indicator. */
export interface RollupMeta {
  id: string;
  kind: 'score' | 'rate' | 'rank' | 'decile' | 'count' | 'share';
  unit: string;
}

/** Indicator values of one geography, one per area in table order (null = no value). */
export interface AreaValues {
  values: Readonly<Record<string, readonly (number | null)[] | undefined>>;
}

export type RollupRule =
  | { kind: 'sum'; describe: string }
  | { kind: 'weightedMean'; weight: string; describe: string }
  | { kind: 'none'; reason: string };

/** Plain names of the weights, for the method text. */
export const WEIGHT_LABELS: Readonly<Record<string, string>> = {
  imd2019_pop_mid2015: 'IoD 2019 mid-2015 population denominators, as MHCLG weights its averages',
  imd2019_pop_working_age_mid2015: 'IoD 2019 mid-2015 working-age population',
  pop2020_total: 'mid-2020 population estimates',
  census2021_residents: 'Census 2021 usual residents',
  census2021_households: 'Census 2021 households',
};

/** Weights to try, best first: the indicator's own denominator, then the area's population. */
function weightCandidates(meta: RollupMeta, populationId: string): string[] {
  const out: string[] = [];
  if (meta.unit.includes('household')) out.push('census2021_households');
  if (meta.id.startsWith('imd2019_')) {
    if (meta.unit.includes('working-age')) out.push('imd2019_pop_working_age_mid2015');
    out.push('imd2019_pop_mid2015');
  }
  if (meta.id.startsWith('pop2020_')) out.push('pop2020_total');
  if (meta.id.startsWith('census2021_') || meta.id.startsWith('imd2025_')) {
    out.push('census2021_residents');
  }
  out.push(populationId);
  return out;
}

/**
 * How an indicator is rolled up over areas (../shared/METHODS.md section 4): counts add up;
 * scores, rates and shares are weighted by their denominator (a mean of rates weighted by
 * their denominators equals the rate from summed numerators and denominators); ranks and
 * deciles cannot be averaged.
 *
 * @param has whether a weight column exists on the geography.
 * @param populationId the geography's population column, the fallback weight.
 */
export function rollupRuleFor(
  meta: RollupMeta,
  has: (id: string) => boolean,
  populationId: string,
): RollupRule {
  if (meta.kind === 'rank' || meta.kind === 'decile') {
    return {
      kind: 'none',
      reason:
        'ranks and deciles cannot be averaged over areas (METHODS.md section 4); the share of the population in Core20 areas says it instead',
    };
  }
  if (meta.kind === 'count') return { kind: 'sum', describe: 'sum of the areas’ counts' };
  const weight = weightCandidates(meta, populationId).find(has);
  if (weight === undefined) {
    return { kind: 'none', reason: 'there is no population on this geography to weight by' };
  }
  return {
    kind: 'weightedMean',
    weight,
    describe: `mean of the areas’ values weighted by ${WEIGHT_LABELS[weight] ?? weight}`,
  };
}

export interface RolledUp {
  /** The custom area's value; null when not computed. */
  value: number | null;
  rule: RollupRule;
  /** Why there is no value, or null. */
  reason: string | null;
}

function column(table: AreaValues, id: string, n: number): Float64Array {
  const values = table.values[id];
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = values?.[i] ?? NaN;
  return out;
}

/** One group holding the members, every other area in none. */
function oneGroup(n: number, members: readonly number[]): Assignment {
  const group = new Int32Array(n).fill(-1);
  for (const m of members) if (m >= 0 && m < n) group[m] = 0;
  return { group, groupCount: 1 };
}

/**
 * One indicator over the members.
 * @param n number of areas in the table.
 * @param members indices of the member areas.
 */
export function rollUp(
  table: AreaValues,
  n: number,
  members: readonly number[],
  meta: RollupMeta,
  populationId: string,
): RolledUp {
  const rule = rollupRuleFor(meta, (id) => table.values[id] !== undefined, populationId);
  if (rule.kind === 'none') return { value: null, rule, reason: rule.reason };
  if (members.length === 0) return { value: null, rule, reason: 'the custom area holds no areas' };
  const values = column(table, meta.id, n);
  const weights = rule.kind === 'weightedMean' ? column(table, rule.weight, n) : null;
  const lacking = members.filter(
    (m) => Number.isNaN(values[m] ?? NaN) || (weights !== null && Number.isNaN(weights[m] ?? NaN)),
  ).length;
  if (lacking > 0) {
    // A partial sum or mean would be silently wrong (aggregate.ts gives NaN too).
    return {
      value: null,
      rule,
      reason: `${lacking} of the ${members.length} areas have no value${weights ? ' or weight' : ''}`,
    };
  }
  const assignment = oneGroup(n, members);
  const out =
    weights === null ? sumBy(values, assignment) : weightedMeanBy(values, weights, assignment);
  const value = out[0] ?? NaN;
  return Number.isFinite(value)
    ? { value, rule, reason: null }
    : { value: null, rule, reason: 'the weights add up to nothing' };
}

/** Indices of the areas located inside the custom area (`locatePoints` answer >= 0). */
export function membersInside(located: Int32Array): number[] {
  const out: number[] = [];
  located.forEach((f, i) => {
    if (f >= 0) out.push(i);
  });
  return out;
}

/** Points inside the custom area per category, in `categories` order. */
export function countInside(
  located: Int32Array,
  categoryOf: Uint32Array,
  categories: number,
): number[] {
  const counts = new Array<number>(categories).fill(0);
  located.forEach((f, i) => {
    const c = categoryOf[i] ?? -1;
    if (f >= 0 && c >= 0 && c < categories) counts[c] = (counts[c] ?? 0) + 1;
  });
  return counts;
}

/** The columns the headline figures are built from on one geography. */
export interface HeadlineColumns {
  population: RollupMeta;
  imdScore: RollupMeta;
  core20: RollupMeta;
}

export interface CustomAreaFigures {
  /** Member areas. */
  areas: number;
  population: RolledUp;
  /** Population-weighted IMD score (weights as `rollupRuleFor`). */
  imdScore: RolledUp;
  /** Share of the population in Core20 LSOAs (national IMD deciles 1-2), per cent. */
  core20: RolledUp;
}

/** Population, population-weighted IMD score and Core20 share of the members. */
export function customAreaFigures(
  table: AreaValues,
  n: number,
  members: readonly number[],
  columns: HeadlineColumns,
): CustomAreaFigures {
  const populationId = columns.population.id;
  return {
    areas: members.length,
    population: rollUp(table, n, members, columns.population, populationId),
    imdScore: rollUp(table, n, members, columns.imdScore, populationId),
    core20: rollUp(table, n, members, columns.core20, populationId),
  };
}
