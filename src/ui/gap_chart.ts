import { axisBottom } from 'd3-axis';
import { scaleBand, scaleLinear } from 'd3-scale';
import { interpolateCividis } from 'd3-scale-chromatic';
import { select } from 'd3-selection';
import type { IndicatorMeta } from '../../contracts/manifest.ts';
import type { LocalitySummary } from '../../workers/atlas/gap_summary.ts';
import { formatValue } from '../atlas_model.ts';
import { chartData } from './data_table.ts';
import { el } from './dom.ts';

export interface GapItem {
  code: string;
  name: string;
  value: number | null;
  /** Latitude of the population centre. */
  lat: number;
  /** Deprivation score (higher = more deprived), for the deprivation order. */
  deprivation: number | null;
  /** Deprivation decile, 1 = most deprived. */
  decile: number | null;
}

export const decileColour = (d: number) => interpolateCividis((d - 1) / 9);
/** Text colour on a decile's chip: white on the dark deciles 1 to 6, black on the light ones. */
export const decileTextColour = (d: number) => (d > 6 ? '#000' : '#fff');
export const DECILES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
/** What the decile numbers mean, after the chips. */
export const DECILE_NOTE = ' (1 = most deprived)';

/** What the gap chart is drawn from (the same fields as the view model's `GapInputs`). */
export interface GapChartData {
  meta: IndicatorMeta;
  items: GapItem[];
  order: 'north' | 'deprivation';
  decileLabel: string;
  summaries: LocalitySummary[];
  areaNoun: string;
}

/**
 * Chart size in chart units: width (default 340) and the plot's height (default 6 per area, 240
 * to 640). Print figures size it to their box so its text prints legibly.
 */
export interface GapChartSize {
  width?: number;
  plotHeight?: number;
}

/**
 * Line colour and dash of each locality's mean: the first black dashed, the second red dotted;
 * more localities (the user's own) get blue, green, purple and brown, each with its own dash.
 */
const STROKES = [
  { colour: '#000', dash: '4 3' },
  { colour: '#b2182b', dash: '1 2' },
  { colour: '#2166ac', dash: '6 2 1 2' },
  { colour: '#1b7837', dash: '2 4' },
  { colour: '#762a83', dash: '8 3' },
  { colour: '#8c510a', dash: '3 1' },
] as const;
export function localityStroke(i: number): { colour: string; dash: string } {
  return STROKES[i % STROKES.length] ?? STROKES[0];
}

/** The areas with a value, in the chart's order (north first, or most deprived first). */
export function gapRows(items: readonly GapItem[], order: GapChartData['order']): GapItem[] {
  const rows = items.filter((d) => d.value !== null);
  rows.sort((a, b) =>
    order === 'north' ? b.lat - a.lat : (b.deprivation ?? -Infinity) - (a.deprivation ?? -Infinity),
  );
  return rows;
}

/** The chart's text alternative: what it shows, its order and the localities' means. */
export function gapChartLabel(d: GapChartData): string {
  const n = d.items.filter((i) => i.value !== null).length;
  const sorted =
    d.order === 'north' ? 'north at the top, south at the bottom' : 'most deprived at the top';
  return `${d.meta.label} for ${n} ${d.areaNoun}, ${sorted}; ${d.summaries.map((s) => `${s.name} ${formatValue(d.meta, s.mean)}`).join(', ')}.`;
}

/**
 * The lines under the chart: each locality's population-weighted mean (with the index of its
 * line in the chart), then the difference of the first two when both have a mean.
 */
export function localityLines(d: GapChartData): { text: string; locality: number | null }[] {
  const { meta, summaries, areaNoun } = d;
  const lines: { text: string; locality: number | null }[] = summaries.map((s, i) => ({
    text: `${s.name}: ${formatValue(meta, s.mean)} (population-weighted mean of ${s.areas} ${areaNoun})`,
    locality: i,
  }));
  const [a, b] = summaries;
  if (summaries.length === 2 && a && b && a.mean !== null && b.mean !== null)
    lines.push({
      text: `Difference (${a.name} minus ${b.name}): ${formatValue(meta, a.mean - b.mean)}`,
      locality: null,
    });
  // More localities (the user's own): the highest mean minus the lowest, when all have one.
  const means = summaries.map((s) => s.mean);
  if (summaries.length > 2 && means.every((v) => v !== null)) {
    const hi = summaries.reduce((x, y) => ((y.mean ?? 0) > (x.mean ?? 0) ? y : x));
    const lo = summaries.reduce((x, y) => ((y.mean ?? 0) < (x.mean ?? 0) ? y : x));
    lines.push({
      text: `Difference (highest, ${hi.name}, minus lowest, ${lo.name}): ${formatValue(meta, (hi.mean ?? 0) - (lo.mean ?? 0))}`,
      locality: null,
    });
  }
  return lines;
}

/**
 * The chart itself as SVG, from its data alone: the screen, the report page and the figure export
 * all draw it here. `on` wires hover and click (the screen's chart only).
 */
export function drawGapSvg(
  d: GapChartData,
  size: GapChartSize = {},
  on?: { hover: (code: string | undefined) => void; select: (code: string) => void },
): SVGSVGElement {
  const { meta, order } = d;
  const rows = gapRows(d.items, order);
  const width = size.width ?? 340;
  const margin = { top: 18, right: 12, bottom: 34, left: 12 };
  const height =
    (size.plotHeight ?? Math.max(240, Math.min(640, rows.length * 6))) + margin.top + margin.bottom;
  const values = rows.map((r) => r.value ?? 0);
  const x = scaleLinear()
    .domain([Math.min(...values), Math.max(...values)])
    .nice()
    .range([margin.left, width - margin.right]);
  const y = scaleBand<string>()
    .domain(rows.map((r) => r.code))
    .range([margin.top, height - margin.bottom])
    .padding(0.1);
  const r = Math.max(2.2, Math.min(6, y.bandwidth() / 1.6));
  const svg = select(el('div'))
    .append('svg')
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('width', '100%')
    .attr('role', 'img');
  svg.attr('aria-label', gapChartLabel(d));
  svg
    .append('g')
    .attr('transform', `translate(0,${height - margin.bottom})`)
    .call(axisBottom(x).ticks(5))
    .attr('font-size', 10);
  svg
    .append('text')
    .attr('x', width / 2)
    .attr('y', height - 4)
    .attr('text-anchor', 'middle')
    .attr('font-size', 11)
    .text(meta.unit);
  svg
    .append('text')
    .attr('x', margin.left)
    .attr('y', 11)
    .attr('font-size', 11)
    .attr('fill', '#333')
    .text(order === 'north' ? '▲ North' : '▲ Most deprived');
  d.summaries.forEach((s, i) => {
    if (s.mean === null) return;
    const stroke = localityStroke(i);
    const g = svg.append('g').attr('class', 'locality-mean');
    g.append('line')
      .attr('x1', x(s.mean))
      .attr('x2', x(s.mean))
      .attr('y1', margin.top)
      .attr('y2', height - margin.bottom)
      .attr('stroke', stroke.colour)
      .attr('stroke-dasharray', stroke.dash)
      .attr('stroke-width', 1.5);
  });
  const dots = svg
    .append('g')
    .selectAll('circle')
    .data(rows)
    .join('circle')
    .attr('cx', (p) => x(p.value ?? 0))
    .attr('cy', (p) => (y(p.code) ?? 0) + y.bandwidth() / 2)
    .attr('r', r)
    .attr('data-code', (p) => p.code)
    .attr('fill', (p) => (p.decile === null ? '#bbbbbb' : decileColour(p.decile)))
    .attr('stroke', '#fff')
    .attr('stroke-width', 0.5);
  if (on)
    dots
      .on('mouseenter', (_, p) => on.hover(p.code))
      .on('mouseleave', () => on.hover(undefined))
      .on('click', (_, p) => on.select(p.code));
  dots
    .append('title')
    .text(
      (p) =>
        `${p.name}: ${formatValue(meta, p.value)}${p.decile !== null ? `, decile ${p.decile}` : ''}`,
    );
  const node = svg.node();
  if (!node) throw new Error('gap chart not drawn');
  return node;
}

/**
 * The north-south gap chart: one dot per area, ordered north (top) to south or most to least
 * deprived, coloured by deprivation decile, with the two localities' population-weighted means.
 */
export class GapChart {
  private svg: SVGSVGElement | null = null;
  constructor(
    private readonly root: HTMLElement,
    private readonly onHover: (code: string | undefined) => void,
    private readonly onSelect: (code: string) => void,
  ) {}

  render(
    meta: IndicatorMeta,
    items: GapItem[],
    order: 'north' | 'deprivation',
    decileLabel: string,
    summaries: LocalitySummary[],
    areaNoun: string,
    size: GapChartSize = {},
  ): void {
    const d: GapChartData = { meta, items, order, decileLabel, summaries, areaNoun };
    const rows = gapRows(items, order);
    this.svg = drawGapSvg(d, size, { hover: this.onHover, select: this.onSelect });
    const legend = el(
      'div',
      { class: 'decile-legend' },
      el('span', { text: `${decileLabel}: ` }),
      ...DECILES.map((n) =>
        el('span', {
          class: 'decile-chip',
          style: `background:${decileColour(n)};color:${decileTextColour(n)}`,
          text: String(n),
        }),
      ),
      el('span', { text: DECILE_NOTE }),
    );
    const summary = el(
      'ul',
      { class: 'locality-summary' },
      ...localityLines(d).map((line) =>
        line.locality === null
          ? el('li', { text: line.text })
          : el(
              'li',
              {},
              el('span', {
                class: `locality-key locality-${line.locality}`,
                'aria-hidden': 'true',
              }),
              line.text,
            ),
      ),
    );
    const data = chartData(
      `${meta.label} by area, in the order of the chart, with the deprivation decile of its colour.`,
      [{ label: 'Area' }, { label: meta.unit, numeric: true }, { label: 'Decile', numeric: true }],
      rows.map((r) => [
        `${r.name} (${r.code})`,
        formatValue(meta, r.value),
        String(r.decile ?? ''),
      ]),
    );
    this.root.replaceChildren(legend, this.svg, summary, data);
  }

  highlight(code: string | undefined): void {
    if (!this.svg) return;
    for (const c of this.svg.querySelectorAll<SVGCircleElement>('circle[data-code]')) {
      const on = c.dataset.code === code;
      c.classList.toggle('highlight', on);
      if (on) c.parentNode?.append(c);
    }
  }
}

/** GP practice life expectancy (2016-20) by practice latitude: male and female dots. */
export function renderGpGradient(
  root: HTMLElement,
  practices: { name: string; lat: number; male: number | null; female: number | null }[],
): void {
  const rows = practices
    .filter((p) => p.male !== null || p.female !== null)
    .sort((a, b) => b.lat - a.lat);
  if (rows.length === 0) {
    root.replaceChildren(
      el('p', { text: 'No GP practice life expectancy in the data for this area.' }),
    );
    return;
  }
  const width = 340;
  const height = Math.max(200, rows.length * 8) + 40;
  const all = rows.flatMap((p) => [p.male, p.female]).filter((v): v is number => v !== null);
  const x = scaleLinear()
    .domain([Math.min(...all), Math.max(...all)])
    .nice()
    .range([12, width - 12]);
  const y = scaleBand<string>()
    .domain(rows.map((p) => p.name))
    .range([16, height - 30])
    .padding(0.2);
  const svg = select(el('div'))
    .append('svg')
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('width', '100%')
    .attr('role', 'img');
  svg.attr(
    'aria-label',
    `Life expectancy at birth of ${rows.length} GP practice populations, 2016-20, north at the top. Male ${Math.min(...rows.map((p) => p.male ?? Infinity)).toFixed(1)} to ${Math.max(...rows.map((p) => p.male ?? 0)).toFixed(1)} years.`,
  );
  svg
    .append('g')
    .attr('transform', `translate(0,${height - 30})`)
    .call(axisBottom(x).ticks(5))
    .attr('font-size', 10);
  svg.append('text').attr('x', 12).attr('y', 11).attr('font-size', 11).text('▲ North');
  for (const [key, colour] of [
    ['male', '#0072B2'],
    ['female', '#D55E00'],
  ] as const) {
    svg
      .append('g')
      .selectAll('circle')
      .data(rows.filter((p) => p[key] !== null))
      .join('circle')
      .attr('cx', (p) => x(p[key] ?? 0))
      .attr('cy', (p) => (y(p.name) ?? 0) + y.bandwidth() / 2)
      .attr('r', 3.5)
      .attr('fill', colour)
      .append('title')
      .text((p) => `${p.name}: ${key} ${p[key]?.toFixed(1)} years`);
  }
  root.replaceChildren(
    el(
      'p',
      { class: 'hint' },
      el('span', { class: 'key-male', text: '● male' }),
      ' ',
      el('span', { class: 'key-female', text: '● female' }),
      ' life expectancy at birth, years (OHID Fingertips 650, 2016-20)',
    ),
    svg.node() as Node,
    chartData(
      'Life expectancy at birth of GP practice populations, 2016-20 (years), north to south.',
      [{ label: 'Practice' }, { label: 'Male', numeric: true }, { label: 'Female', numeric: true }],
      rows.map((p) => [p.name, p.male?.toFixed(1) ?? '', p.female?.toFixed(1) ?? '']),
    ),
  );
}
