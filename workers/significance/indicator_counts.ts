/**
 * Which indicators are counts over a denominator, so that the engine can put confidence limits
 * on them (Wilson for proportions, workers/stats/proportion.ts) and
 * draw them on a funnel plot; and, for every other indicator, why not. Counts and denominators
 * are what add up (../shared/METHODS.md section 4), so they are what the limits are built on.
 * Pure: runs on any thread.
 */

/** Indicator values of one geography, one per area in table order (null = no value). */
export interface CountColumns {
  values: Readonly<Record<string, readonly (number | null)[] | undefined>>;
}

/** How the numerator and denominator of a counted indicator are found in the tables. */
interface CountRule {
  /** The column of people or households the percentage is of. */
  denominator: string;
  /** The column of the count itself; absent when it is the rate times the denominator. */
  numerator?: string;
  /** What the count is, in words, for the method line. */
  describe: string;
}

/**
 * The indicators of the bundle whose counts are known or derivable. IoD income and employment
 * rates are published as shares of the IoD's own mid-2015 denominators (File 6), so the count
 * is rate x denominator; the Census 2021 and mid-2020 shares are built from count columns of
 * the same table.
 */
const RULES: Readonly<Record<string, CountRule>> = {
  imd2019_income_rate: {
    denominator: 'imd2019_pop_mid2015',
    describe:
      'people in income deprivation = rate × IoD 2019 mid-2015 population (the IoD denominator)',
  },
  imd2019_employment_rate: {
    denominator: 'imd2019_pop_working_age_mid2015',
    describe:
      'working-age people in employment deprivation = rate × IoD 2019 mid-2015 working-age population',
  },
  pop2020_0_15_share: {
    numerator: 'pop2020_0_15',
    denominator: 'pop2020_total',
    describe: 'children aged 0-15 out of the mid-2020 population',
  },
  pop2020_65plus_share: {
    numerator: 'pop2020_65plus',
    denominator: 'pop2020_total',
    describe: 'people aged 65 and over out of the mid-2020 population',
  },
  census2021_disabled_share: {
    numerator: 'census2021_disabled',
    denominator: 'census2021_residents',
    describe: 'disabled residents out of usual residents, Census 2021',
  },
  census2021_hh_deprived_1plus_share: {
    numerator: 'census2021_hh_deprived_1plus',
    denominator: 'census2021_households',
    describe: 'households deprived in 1+ dimensions out of all households, Census 2021',
  },
  census2021_hh_deprived_2plus_share: {
    numerator: 'census2021_hh_deprived_2plus',
    denominator: 'census2021_households',
    describe: 'households deprived in 2+ dimensions out of all households, Census 2021',
  },
};

/** What the caller knows of an indicator. */
export interface CountedMeta {
  id: string;
  kind: 'score' | 'rate' | 'rank' | 'decile' | 'count' | 'share';
  label: string;
}

export type CountModel =
  | {
      ok: true;
      /** Always a proportion here: Wilson limits, binomial funnels. */
      model: 'proportion';
      denominatorId: string;
      numeratorId: string | null;
      /** Values are percentages: proportion x 100. */
      multiplier: 100;
      describe: string;
    }
  | { ok: false; reason: string };

/** Whether an indicator has counts behind it, and if not, why not (in words for the screen). */
export function countModelOf(meta: CountedMeta): CountModel {
  const rule = RULES[meta.id];
  if (rule) {
    return {
      ok: true,
      model: 'proportion',
      denominatorId: rule.denominator,
      numeratorId: rule.numerator ?? null,
      multiplier: 100,
      describe: rule.describe,
    };
  }
  switch (meta.kind) {
    case 'rank':
    case 'decile':
      return {
        ok: false,
        reason: 'a rank or decile is a position, not a count of events: it has no sampling model',
      };
    case 'score':
      return {
        ok: false,
        reason:
          'a score or standardised ratio is published without its counts, so neither a binomial nor a Poisson model applies',
      };
    case 'count':
      return {
        ok: false,
        reason: 'a count of people is the denominator of other indicators, not a rate',
      };
    default:
      if (/core20/.test(meta.id))
        return {
          ok: false,
          reason:
            'the Core20 share says whether whole LSOAs are among the most deprived; it is not a count of people with a condition',
        };
      return {
        ok: false,
        reason: 'its numerator and denominator are not in this atlas’s data',
      };
  }
}

/** One area's count and denominator (null where either is missing or not usable). */
export interface AreaCount {
  numerator: number;
  denominator: number;
}

/**
 * The numerator and denominator of area `i`: the count column when there is one, else
 * rate / 100 x denominator (METHODS.md section 4: counts and denominators are what add up).
 */
export function areaCount(
  model: Extract<CountModel, { ok: true }>,
  table: CountColumns,
  id: string,
  i: number,
): AreaCount | null {
  const denominator = table.values[model.denominatorId]?.[i] ?? null;
  if (denominator === null || !(denominator > 0)) return null;
  let numerator: number | null;
  if (model.numeratorId) numerator = table.values[model.numeratorId]?.[i] ?? null;
  else {
    const rate = table.values[id]?.[i] ?? null;
    numerator = rate === null ? null : (rate / model.multiplier) * denominator;
  }
  if (numerator === null || !(numerator >= 0) || numerator > denominator) return null;
  return { numerator, denominator };
}

/** Every indicator of a list that can have limits, in the list's order. */
export function countedIndicators<T extends CountedMeta>(metas: Iterable<T>): T[] {
  return [...metas].filter((m) => countModelOf(m).ok);
}
