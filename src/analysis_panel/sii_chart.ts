/**
 * The indicator by deprivation group: each group's value with its 95% interval, placed at the
 * midpoint of its band of the population ranked from most deprived (left) to least deprived
 * (right), and the fitted SII line across the whole range. Data go in as text only.
 */
import { axisBottom, axisLeft } from 'd3-axis';
import { scaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import { siiDesign } from '../../workers/stats/wls.ts';
import { el } from '../ui/dom.ts';
import { fixed } from './format.ts';

export interface ChartGroup {
  quantile: number;
  population: number;
  value: number;
  lower95: number;
  upper95: number;
}

export interface SiiChartSpec {
  groups: readonly ChartGroup[];
  /** Fitted value at the most deprived end (b = 0). */
  intercept: number;
  /**
   * SII = fitted value at the least deprived end minus at the most deprived end (b1 of the
   * population-weighted fit; Low and Low 2004, ../shared/METHODS.md section 2).
   */
  slope: number;
  label: string;
  unit: string;
  decimals: number;
  /** "decile" or "quintile". */
  noun: string;
  /**
   * Size in chart units (default 340 x 230). A print figure passes the size of its box in page
   * pixels, so that the 10-unit text prints at about 7 points.
   */
  width?: number;
  height?: number;
}

const DEFAULT_WIDTH = 340;
const DEFAULT_HEIGHT = 230;
const M = { top: 14, right: 12, bottom: 46, left: 46 };
const LINE = '#0072B2';
const DOT = '#1b1b1b';

/** The chart's text alternative: every group's value and the ends of the fitted line. */
export function siiChartLabel(spec: SiiChartSpec): string {
  const fitted = [spec.intercept, spec.intercept + spec.slope];
  return `${spec.label} by deprivation ${spec.noun}, most deprived on the left: ${spec.groups
    .map((g) => `${spec.noun} ${g.quantile} ${fixed(g.value, spec.decimals)}`)
    .join(
      ', ',
    )}. Fitted line from ${fixed(fitted[0], spec.decimals)} at the most deprived end to ${fixed(fitted[1], spec.decimals)} at the least deprived end.`;
}

export function renderSiiChart(spec: SiiChartSpec): SVGSVGElement {
  const WIDTH = spec.width ?? DEFAULT_WIDTH;
  const HEIGHT = spec.height ?? DEFAULT_HEIGHT;
  // Narrow charts keep the end labels short enough not to meet.
  const narrow = WIDTH < 300;
  const { midpoints } = siiDesign(spec.groups.map((g) => g.population));
  const fitted = [spec.intercept, spec.intercept + spec.slope];
  const ys = [...spec.groups.flatMap((g) => [g.lower95, g.upper95]), ...fitted];
  const x = scaleLinear()
    .domain([0, 1])
    .range([M.left, WIDTH - M.right]);
  const y = scaleLinear()
    .domain([Math.min(...ys), Math.max(...ys)])
    .nice()
    .range([HEIGHT - M.bottom, M.top]);
  const svg = select(el('div'))
    .append('svg')
    .attr('viewBox', `0 0 ${WIDTH} ${HEIGHT}`)
    .attr('width', '100%')
    .attr('role', 'img')
    .attr('class', 'sii-chart')
    .attr('aria-label', siiChartLabel(spec));
  svg
    .append('g')
    .attr('transform', `translate(0,${HEIGHT - M.bottom})`)
    .call(
      axisBottom(x)
        .tickValues(Array.from(midpoints))
        .tickFormat((_, i) => String(spec.groups[i]?.quantile ?? '')),
    )
    .attr('font-size', 10);
  svg
    .append('g')
    .attr('transform', `translate(${M.left},0)`)
    .call(axisLeft(y).ticks(5))
    .attr('font-size', 10);
  const below = HEIGHT - M.bottom + 28;
  svg
    .append('text')
    .attr('x', M.left)
    .attr('y', below)
    .attr('font-size', 10.5)
    .text(narrow ? '◀ Most deprived' : `◀ Most deprived (${spec.noun} 1)`);
  svg
    .append('text')
    .attr('x', WIDTH - M.right)
    .attr('y', below)
    .attr('text-anchor', 'end')
    .attr('font-size', 10.5)
    .text('Least deprived ▶');
  svg
    .append('text')
    .attr('x', (M.left + WIDTH - M.right) / 2)
    .attr('y', HEIGHT - 4)
    .attr('text-anchor', 'middle')
    .attr('font-size', 9.5)
    .attr('fill', '#4a4a4a')
    .text('population ranked by deprivation');
  svg
    .append('text')
    .attr('transform', `translate(11,${(M.top + HEIGHT - M.bottom) / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .attr('font-size', 10)
    .text(spec.unit);
  svg
    .append('line')
    .attr('class', 'sii-fit')
    .attr('x1', x(0))
    .attr('x2', x(1))
    .attr('y1', y(fitted[0] ?? 0))
    .attr('y2', y(fitted[1] ?? 0))
    .attr('stroke', LINE)
    .attr('stroke-width', 2);
  const group = svg
    .append('g')
    .selectAll('g')
    .data(spec.groups.map((g, i) => ({ ...g, b: midpoints[i] ?? 0 })))
    .join('g')
    .attr('class', 'sii-group');
  group
    .append('line')
    .attr('x1', (d) => x(d.b))
    .attr('x2', (d) => x(d.b))
    .attr('y1', (d) => y(d.lower95))
    .attr('y2', (d) => y(d.upper95))
    .attr('stroke', DOT)
    .attr('stroke-width', 1.2);
  group
    .append('circle')
    .attr('cx', (d) => x(d.b))
    .attr('cy', (d) => y(d.value))
    .attr('r', 3.8)
    .attr('fill', DOT)
    .append('title')
    .text(
      (d) =>
        `${spec.noun} ${d.quantile}: ${fixed(d.value, spec.decimals)} (95% interval ${fixed(d.lower95, spec.decimals)} to ${fixed(d.upper95, spec.decimals)})`,
    );
  const node = svg.node();
  if (!node) throw new Error('chart not drawn');
  return node;
}

/** The chart's key, as text beside it. */
export function chartKey(): HTMLElement {
  return el(
    'p',
    { class: 'hint chart-key' },
    el('span', { class: 'key-fit', 'aria-hidden': 'true' }),
    ' fitted SII line; ',
    el('span', { class: 'key-dot', 'aria-hidden': 'true' }),
    ' group value with its 95% interval; groups sit at the middle of their share of the population.',
  );
}
