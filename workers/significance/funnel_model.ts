/**
 * A funnel plot of one counted indicator over the areas of a geography: each area's percentage
 * against its denominator, with the 95% and 99.8% control limits around a target (the
 * authority's value, or the pooled value of the areas). The limits are PHE's for a proportion
 * (`proportionFunnel` in workers/stats/funnel.ts: the value whose Wilson interval just reaches
 * the target, Spiegelhalter 2005), so an area outside the 95% funnel is one whose Wilson 95%
 * interval excludes the target, as in the area profile. Each area's band comes from
 * `funnelVerdict` (workers/stats/funnel_significance.ts), the function the CLI's `funnel`
 * command uses, so the screen, its CSV export and the CLI class an area alike. Pure: runs on
 * any thread; a few hundred areas take well under a millisecond.
 */
import { writeCsv } from '../csv/write_csv.ts';
import { proportionFunnel, type FunnelPoint } from '../stats/funnel.ts';
import {
  FUNNEL_BAND_WORDS,
  funnelVerdict,
  PHE_SIGNIFICANCE,
  type FunnelBand,
} from '../stats/funnel_significance.ts';
import { verdictOf, type Polarity, type Verdict } from './compare.ts';
import { areaCount, type CountColumns, type CountModel } from './indicator_counts.ts';

/** Where an area sits against the funnel (the CLI's `funnel` bands: one definition). */
export type Band = FunnelBand;

export interface FunnelArea {
  index: number;
  code: string;
  name: string;
  numerator: number;
  denominator: number;
  /** Percentage. */
  value: number;
  /** 95% and 99.8% limits at the area's denominator, percentages. */
  limits: FunnelPoint;
  band: Band;
  /** better/worse (or higher/lower) beyond the 95% limits; 'similar' inside them. */
  verdict: Verdict;
}

export interface FunnelModel {
  /** Target as a percentage, and where it came from. */
  target: number;
  targetSource: string;
  areas: FunnelArea[];
  /** Areas left out for want of a value or a denominator. */
  leftOut: number;
  /** The limits at denominators spanning the areas', for drawing the funnel. */
  curve: (FunnelPoint & { denominator: number })[];
}

export interface FunnelInput {
  id: string;
  model: Extract<CountModel, { ok: true }>;
  table: CountColumns & { codes: readonly string[]; names: readonly string[] };
  polarity: Polarity;
  /** The benchmark as a percentage (the authority's value); null: pooled over the areas. */
  target: number | null;
  targetName: string;
  /** Points of the drawn curve (default 80). */
  steps?: number;
}

export function funnelModel(input: FunnelInput): FunnelModel {
  const { table, model } = input;
  const counted: { index: number; numerator: number; denominator: number }[] = [];
  for (let i = 0; i < table.codes.length; i++) {
    const c = areaCount(model, table, input.id, i);
    if (c) counted.push({ index: i, ...c });
  }
  let numerators = 0;
  let denominators = 0;
  for (const c of counted) {
    numerators += c.numerator;
    denominators += c.denominator;
  }
  const pooled = denominators > 0 ? (numerators / denominators) * 100 : NaN;
  const target = input.target ?? pooled;
  const targetSource =
    input.target === null
      ? `pooled value of the ${counted.length} areas (sum of counts over sum of denominators)`
      : `${input.targetName}'s value`;
  const p = target / 100;
  const areas = counted.map((c): FunnelArea => {
    // The same function as the CLI's `funnel` (assign_funnel_significance's bands).
    const { value, limits, band } = funnelVerdict(c, p, 'proportion', 100);
    const direction = band.startsWith('above')
      ? 'higher'
      : band.startsWith('below')
        ? 'lower'
        : 'similar';
    return {
      ...c,
      code: table.codes[c.index] ?? '',
      name: table.names[c.index] ?? '',
      value,
      limits,
      band,
      verdict: verdictOf(direction, input.polarity),
    };
  });
  return {
    target,
    targetSource,
    areas,
    leftOut: table.codes.length - counted.length,
    curve: funnelCurve(
      counted.map((c) => c.denominator),
      p,
      input.steps ?? 80,
    ),
  };
}

/** Limits at `steps` denominators, evenly spaced on a log scale around the areas' range. */
export function funnelCurve(
  denominators: readonly number[],
  target: number,
  steps: number,
): (FunnelPoint & { denominator: number })[] {
  if (denominators.length === 0 || !(target > 0 && target < 1)) return [];
  const lo = Math.max(1, Math.min(...denominators) * 0.8);
  const hi = Math.max(...denominators) * 1.2;
  const out: (FunnelPoint & { denominator: number })[] = [];
  for (let s = 0; s < steps; s++) {
    const n = lo * (hi / lo) ** (s / (steps - 1));
    out.push({ denominator: n, ...proportionFunnel(n, target, 100) });
  }
  return out;
}

/** Areas outside the limits of a level, worst first from the top then the bottom. */
export function outside(m: FunnelModel, level: 0.95 | 0.998): FunnelArea[] {
  const bands: Band[] =
    level === 0.998 ? ['above998', 'below998'] : ['above998', 'above95', 'below95', 'below998'];
  return m.areas.filter((a) => bands.includes(a.band)).sort((a, b) => b.value - a.value);
}

/** Every area's band, highest first (above 99.8%, above 95%, within, below 95%, below 99.8%). */
export function byBand(m: FunnelModel): FunnelArea[] {
  const order: Record<Band, number> = {
    above998: 0,
    above95: 1,
    within: 2,
    below95: 3,
    below998: 4,
  };
  return [...m.areas].sort((a, b) => order[a.band] - order[b.band] || b.value - a.value);
}

/** What the export names besides the areas: indicator, place, method and source. */
export interface FunnelCsvText {
  indicator: string;
  denominator: string;
  method: string;
  source: string;
}

/**
 * Every area with its value, denominator, limits at its denominator and band, as CSV, then the
 * target, the method and the source (the atlas's exports carry their provenance).
 */
export function funnelCsv(m: FunnelModel, text: FunnelCsvText): string {
  const round = (x: number): number => Number(x.toFixed(4));
  return writeCsv([
    [
      'area_code',
      'area_name',
      'numerator',
      'denominator',
      'value_percent',
      'lower_95',
      'upper_95',
      'lower_99_8',
      'upper_99_8',
      'band',
      'phe_significance',
      'verdict',
    ],
    ...byBand(m).map((a) => [
      a.code,
      a.name,
      round(a.numerator),
      a.denominator,
      round(a.value),
      round(a.limits.lower95),
      round(a.limits.upper95),
      round(a.limits.lower998),
      round(a.limits.upper998),
      FUNNEL_BAND_WORDS[a.band],
      PHE_SIGNIFICANCE[a.band],
      a.verdict,
    ]),
    [],
    ['indicator', text.indicator],
    ['denominator', text.denominator],
    ['target_percent', round(m.target), m.targetSource],
    ['method', text.method],
    ['source', text.source],
  ]);
}
