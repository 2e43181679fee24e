/**
 * The SII chart figure as data: the chart's spec, the computed figures printed under it and its
 * text alternative, from the inequality answer the analysis panel shows (`shown_sii.ts`).
 * Pure: no DOM. The worker fits y_i = b0 + b1 * x_i by least squares weighted by each group's
 * population share, x_i being the midpoint of the group's band of the population ranked from
 * most (0) to least (1) deprived: SII = b1, RII = (b0 + b1) / b0 (Low and Low, J Public Health
 * 2004;26:388-395; ../shared/METHODS.md section 2). Signs are turned by the indicator's polarity
 * with `orient`, as on screen.
 */
import { fixed, withLimits } from '../analysis_panel/format.ts';
import { siiChartLabel, type SiiChartSpec } from '../analysis_panel/sii_chart.ts';
import { orient } from '../../workers/inequality/inequality_by_deprivation.ts';
import { wrapText, type KeyRow } from './figure.ts';
import type { ShownSii } from './shown_sii.ts';

/** One "term: value" line of the figures, worded as the inequality section words them. */
export interface SiiTerm {
  term: string;
  value: string;
}

/** Characters per line of the figures under the chart. */
const LINE_CHARS = 130;

export function siiChartSpec(s: ShownSii): SiiChartSpec {
  return {
    groups: s.output.groups,
    intercept: s.output.sii.intercept,
    slope: s.output.sii.sii.value,
    label: s.meta.label,
    unit: s.meta.unit,
    decimals: s.meta.decimals,
    noun: s.noun,
  };
}

/** SII, RII and the range, in the indicator's own precision (at most two decimals). */
export function siiTerms(s: ShownSii): SiiTerm[] {
  const { sii } = s.output;
  const shown = orient(sii.sii, s.meta.polarity);
  const range = orient(sii.range, s.meta.polarity);
  const d = Math.min(s.meta.decimals, 2);
  return [
    {
      term: 'Slope index of inequality (SII)',
      value: `${fixed(shown.value, d)} (95% limits ${fixed(shown.lower95, d)} to ${fixed(shown.upper95, d)}); ${shown.meaning}.`,
    },
    {
      term: 'Relative index of inequality (RII)',
      value: `${withLimits(sii.rii, 3)}. ${sii.riiDefinition}`,
    },
    {
      term: `Range between the most and least deprived ${s.noun} (same sign as the SII)`,
      value: withLimits(range, d),
    },
  ];
}

export interface SiiFigureModel {
  spec: SiiChartSpec;
  /** The figures as "term: value" lines, wrapped for the figure. */
  key: KeyRow[];
  alt: string;
}

export function siiFigureModel(s: ShownSii): SiiFigureModel {
  const spec = siiChartSpec(s);
  const lines = siiTerms(s).map((t) => `${t.term}: ${t.value}`);
  return {
    spec,
    key: lines.flatMap((l) => wrapText(l, LINE_CHARS)).map((text) => ({ kind: 'text', text })),
    alt: `${siiChartLabel(spec)} ${lines.join(' ')}`,
  };
}
