/**
 * The north-south gap chart figure as data: the key printed under the chart (decile colours,
 * the localities' means and their difference) and its text alternative, from what the gap chart
 * on screen is drawn from (`AtlasView.gap`). Pure: no DOM.
 */
import {
  DECILE_NOTE,
  DECILES,
  decileColour,
  decileTextColour,
  gapChartLabel,
  localityLines,
  localityStroke,
  type GapChartData,
} from '../ui/gap_chart.ts';
import type { KeyRow } from './figure.ts';

/** The dash of each locality's key line: longer than the chart's, to read at key size. */
const KEY_DASH = ['6 4', '2 3'] as const;

export function gapKeyRows(d: GapChartData): KeyRow[] {
  const rows: KeyRow[] = [
    {
      kind: 'chips',
      label: `${d.decileLabel}:`,
      chips: DECILES.map((n) => ({
        colour: decileColour(n),
        textColour: decileTextColour(n),
        text: String(n),
      })),
      suffix: DECILE_NOTE.trim(),
    },
  ];
  for (const line of localityLines(d))
    rows.push(
      line.locality === null
        ? { kind: 'text', text: line.text }
        : {
            kind: 'line',
            colour: localityStroke(line.locality).colour,
            dash: KEY_DASH[line.locality] ?? localityStroke(line.locality).dash,
            text: line.text,
          },
    );
  return rows;
}

export interface GapFigureModel {
  data: GapChartData;
  key: KeyRow[];
  alt: string;
}

export function gapFigureModel(d: GapChartData): GapFigureModel {
  return { data: d, key: gapKeyRows(d), alt: gapChartLabel(d) };
}
