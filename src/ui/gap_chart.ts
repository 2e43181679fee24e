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
    /**
     * Chart size in chart units: width (default 340) and the plot's height (default 6 per
     * area, 240 to 640). Print figures size it to their box so its text prints legibly.
     */
    size: { width?: number; plotHeight?: number } = {},
  ): void {
    const rows = items.filter((d) => d.value !== null);
    rows.sort((a, b) =>
      order === 'north'
        ? b.lat - a.lat
        : (b.deprivation ?? -Infinity) - (a.deprivation ?? -Infinity),
    );
    const width = size.width ?? 340;
    const margin = { top: 18, right: 12, bottom: 34, left: 12 };
    const height =
      (size.plotHeight ?? Math.max(240, Math.min(640, rows.length * 6))) +
      margin.top +
      margin.bottom;
    const values = rows.map((d) => d.value ?? 0);
    const x = scaleLinear()
      .domain([Math.min(...values), Math.max(...values)])
      .nice()
      .range([margin.left, width - margin.right]);
    const y = scaleBand<string>()
      .domain(rows.map((d) => d.code))
      .range([margin.top, height - margin.bottom])
      .padding(0.1);
    const r = Math.max(2.2, Math.min(6, y.bandwidth() / 1.6));
    const svg = select(el('div'))
      .append('svg')
      .attr('viewBox', `0 0 ${width} ${height}`)
      .attr('width', '100%')
      .attr('role', 'img');
    const sorted =
      order === 'north' ? 'north at the top, south at the bottom' : 'most deprived at the top';
    svg.attr(
      'aria-label',
      `${meta.label} for ${rows.length} ${areaNoun}, ${sorted}; ${summaries.map((s) => `${s.name} ${formatValue(meta, s.mean)}`).join(', ')}.`,
    );
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
    summaries.forEach((s, i) => {
      if (s.mean === null) return;
      const g = svg.append('g').attr('class', 'locality-mean');
      g.append('line')
        .attr('x1', x(s.mean))
        .attr('x2', x(s.mean))
        .attr('y1', margin.top)
        .attr('y2', height - margin.bottom)
        .attr('stroke', i === 0 ? '#000' : '#b2182b')
        .attr('stroke-dasharray', i === 0 ? '4 3' : '1 2')
        .attr('stroke-width', 1.5);
    });
    svg
      .append('g')
      .selectAll('circle')
      .data(rows)
      .join('circle')
      .attr('cx', (d) => x(d.value ?? 0))
      .attr('cy', (d) => (y(d.code) ?? 0) + y.bandwidth() / 2)
      .attr('r', r)
      .attr('data-code', (d) => d.code)
      .attr('fill', (d) => (d.decile === null ? '#bbbbbb' : decileColour(d.decile)))
      .attr('stroke', '#fff')
      .attr('stroke-width', 0.5)
      .on('mouseenter', (_, d) => this.onHover(d.code))
      .on('mouseleave', () => this.onHover(undefined))
      .on('click', (_, d) => this.onSelect(d.code))
      .append('title')
      .text(
        (d) =>
          `${d.name}: ${formatValue(meta, d.value)}${d.decile !== null ? `, decile ${d.decile}` : ''}`,
      );
    this.svg = svg.node();
    const legend = el(
      'div',
      { class: 'decile-legend' },
      el('span', { text: `${decileLabel}: ` }),
      ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((d) =>
        el('span', {
          class: 'decile-chip',
          style: `background:${decileColour(d)};color:${d > 6 ? '#000' : '#fff'}`,
          text: String(d),
        }),
      ),
      el('span', { text: ' (1 = most deprived)' }),
    );
    const gap =
      summaries.length === 2 && summaries[0]?.mean != null && summaries[1]?.mean != null
        ? (summaries[0].mean as number) - (summaries[1].mean as number)
        : null;
    const summary = el(
      'ul',
      { class: 'locality-summary' },
      ...summaries.map((s, i) =>
        el(
          'li',
          {},
          el('span', { class: `locality-key locality-${i}`, 'aria-hidden': 'true' }),
          `${s.name}: ${formatValue(meta, s.mean)} (population-weighted mean of ${s.areas} ${areaNoun})`,
        ),
      ),
      gap !== null
        ? el('li', {
            text: `Difference (${summaries[0]?.name} minus ${summaries[1]?.name}): ${formatValue(meta, gap)}`,
          })
        : null,
    );
    const data = chartData(
      `${meta.label} by area, in the order of the chart, with the deprivation decile of its colour.`,
      [{ label: 'Area' }, { label: meta.unit, numeric: true }, { label: 'Decile', numeric: true }],
      rows.map((d) => [
        `${d.name} (${d.code})`,
        formatValue(meta, d.value),
        String(d.decile ?? ''),
      ]),
    );
    this.root.replaceChildren(legend, svg.node() as Node, summary, data);
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
