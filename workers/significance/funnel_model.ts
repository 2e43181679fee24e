/**
 * A funnel plot of one counted indicator over the areas of a geography: each area's percentage
 * against its denominator, with the 95% and 99.8% control limits around a target (the
 * authority's value, or the pooled value of the areas). The limits are PHE's for a proportion
 * (`proportionFunnel` in workers/stats/funnel.ts: the value whose Wilson interval just reaches
 * the target, Spiegelhalter 2005), so an area outside the 95% funnel is one whose Wilson 95%
 * interval excludes the target, as in the area profile. Pure: runs on any thread; a few hundred
 * areas take well under a millisecond.
 */
import { proportionFunnel, type FunnelPoint } from '../stats/funnel.ts';
import { verdictOf, type Polarity, type Verdict } from './compare.ts';
import { areaCount, type CountColumns, type CountModel } from './indicator_counts.ts';

/** Where an area sits against the funnel. */
export type Band = 'above998' | 'above95' | 'within' | 'below95' | 'below998';

export interface FunnelArea {
  index: number;
  code: string;
  name: string;
  numerator: number;
  denominator: number;
  /** Percentage. */
  value: number;
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

/** The band of a value against the limits at its denominator. */
export function bandOf(value: number, f: FunnelPoint): Band {
  if (value > f.upper998) return 'above998';
  if (value > f.upper95) return 'above95';
  if (value < f.lower998) return 'below998';
  if (value < f.lower95) return 'below95';
  return 'within';
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
    const value = (c.numerator / c.denominator) * 100;
    const band = bandOf(value, proportionFunnel(c.denominator, p, 100));
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
