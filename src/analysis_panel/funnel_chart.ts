/**
 * The funnel plot: each area's percentage against its denominator (log scale), the target line
 * and the 95% and 99.8% control limits around it. Areas beyond the 95% limits are triangles
 * (up above, down below), filled beyond 99.8% and hollow between; areas within are grey dots.
 * Data go in as text only.
 */
import { axisBottom, axisLeft } from 'd3-axis';
import { scaleLinear, scaleLog } from 'd3-scale';
import { select } from 'd3-selection';
import { line, symbol, symbolCircle, symbolTriangle } from 'd3-shape';
import type { FunnelArea, FunnelModel } from '../../workers/significance/funnel_model.ts';
import { el } from '../ui/dom.ts';
import { VERDICT_COLOURS, verdictWord } from '../ui/significance_style.ts';
import { fixed } from './format.ts';

const WIDTH = 340;
const HEIGHT = 250;
const M = { top: 12, right: 12, bottom: 40, left: 46 };

export interface FunnelChartSpec {
  model: FunnelModel;
  unit: string;
  decimals: number;
  /** Noun of the denominator ("people", "households"). */
  denominatorNoun: string;
  onPick: (area: FunnelArea) => void;
}

export function funnelChartLabel(spec: FunnelChartSpec): string {
  const m = spec.model;
  const out = m.areas.filter((a) => a.band !== 'within').length;
  return `Funnel plot of ${m.areas.length} areas against their denominators (${spec.denominatorNoun}): target ${fixed(m.target, spec.decimals)}%, ${out} areas outside the 95% limits, ${m.areas.filter((a) => a.band === 'above998' || a.band === 'below998').length} outside the 99.8% limits.`;
}

export function renderFunnelChart(spec: FunnelChartSpec): SVGSVGElement {
  const { model } = spec;
  const ns = model.areas.map((a) => a.denominator);
  const first = model.curve[0];
  const last = model.curve.at(-1);
  const domain = [first?.denominator ?? Math.min(...ns), last?.denominator ?? Math.max(...ns)];
  // A log scale only where the denominators span a tenfold range; else its ticks are too few.
  const log = (domain[1] ?? 1) / (domain[0] ?? 1) >= 10;
  const x = (log ? scaleLog() : scaleLinear()).domain(domain).range([M.left, WIDTH - M.right]);
  const ys = [
    ...model.areas.map((a) => a.value),
    ...model.curve.flatMap((c) => [c.lower998, c.upper998]),
    model.target,
  ];
  const y = scaleLinear()
    .domain([Math.min(...ys), Math.max(...ys)])
    .nice()
    .range([HEIGHT - M.bottom, M.top]);
  const svg = select(el('div'))
    .append('svg')
    .attr('viewBox', `0 0 ${WIDTH} ${HEIGHT}`)
    .attr('width', '100%')
    .attr('role', 'img')
    .attr('class', 'funnel-chart')
    .attr('id', 'funnel-chart')
    .attr('aria-label', funnelChartLabel(spec));
  svg
    .append('g')
    .attr('transform', `translate(0,${HEIGHT - M.bottom})`)
    .call(
      axisBottom(x)
        .ticks(log ? 4 : 5)
        .tickFormat((d) => Number(d).toLocaleString('en-GB')),
    )
    .attr('font-size', 9.5);
  svg
    .append('g')
    .attr('transform', `translate(${M.left},0)`)
    .call(axisLeft(y).ticks(5))
    .attr('font-size', 10);
  svg
    .append('text')
    .attr('x', (M.left + WIDTH - M.right) / 2)
    .attr('y', HEIGHT - 6)
    .attr('text-anchor', 'middle')
    .attr('font-size', 10)
    .text(log ? `${spec.denominatorNoun} (log scale)` : spec.denominatorNoun);
  svg
    .append('text')
    .attr('transform', `translate(11,${(M.top + HEIGHT - M.bottom) / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .attr('font-size', 10)
    .text(spec.unit);
  const curve = (key: 'lower95' | 'upper95' | 'lower998' | 'upper998') =>
    line<FunnelModel['curve'][number]>()
      .x((d) => x(d.denominator))
      .y((d) => y(d[key]))(model.curve) ?? '';
  for (const [key, dash, width] of [
    ['lower95', '4 3', 1.2],
    ['upper95', '4 3', 1.2],
    ['lower998', '', 1.4],
    ['upper998', '', 1.4],
  ] as const) {
    svg
      .append('path')
      .attr('class', `funnel-limit funnel-${key}`)
      .attr('d', curve(key))
      .attr('fill', 'none')
      .attr('stroke', '#333')
      .attr('stroke-dasharray', dash)
      .attr('stroke-width', width);
  }
  svg
    .append('line')
    .attr('class', 'funnel-target')
    .attr('x1', M.left)
    .attr('x2', WIDTH - M.right)
    .attr('y1', y(model.target))
    .attr('y2', y(model.target))
    .attr('stroke', '#000')
    .attr('stroke-width', 1.5);
  const shape = symbol<FunnelArea>()
    .type((d) => (d.band === 'within' ? symbolCircle : symbolTriangle))
    .size((d) => (d.band === 'within' ? 30 : 60));
  // Within the limits first, so that the areas outside are drawn on top.
  const order = [...model.areas].sort(
    (a, b) => Number(a.band !== 'within') - Number(b.band !== 'within'),
  );
  svg
    .append('g')
    .selectAll('path')
    .data(order)
    .join('path')
    .attr('class', (d) => `funnel-area band-${d.band}`)
    .attr('data-code', (d) => d.code)
    .attr('d', shape)
    .attr(
      'transform',
      (d) =>
        `translate(${x(d.denominator)},${y(d.value)})${d.band.startsWith('below') ? ' rotate(180)' : ''}`,
    )
    .attr('fill', (d) =>
      d.band === 'above95' || d.band === 'below95' ? '#ffffff' : VERDICT_COLOURS[d.verdict],
    )
    .attr('stroke', (d) => (d.band === 'within' ? '#444' : VERDICT_COLOURS[d.verdict]))
    .attr('stroke-width', (d) => (d.band === 'within' ? 0.6 : 1.8))
    .style('cursor', 'pointer')
    .on('click', (_, d) => spec.onPick(d))
    .append('title')
    .text(
      (d) =>
        `${d.name}: ${fixed(d.value, spec.decimals)}% of ${d.denominator.toLocaleString('en-GB', { maximumFractionDigits: 0 })}; ${bandText(d)}`,
    );
  const node = svg.node();
  if (!node) throw new Error('chart not drawn');
  return node;
}

/** "Worse: above the 99.8% limit". */
export function bandText(a: FunnelArea): string {
  switch (a.band) {
    case 'above998':
      return `${verdictWord(a.verdict)}: above the 99.8% limit`;
    case 'above95':
      return `${verdictWord(a.verdict)}: above the 95% limit (within 99.8%)`;
    case 'below95':
      return `${verdictWord(a.verdict)}: below the 95% limit (within 99.8%)`;
    case 'below998':
      return `${verdictWord(a.verdict)}: below the 99.8% limit`;
    default:
      return 'within the 95% limits';
  }
}

/** The key, as text. */
export function funnelKey(): HTMLElement {
  return el('p', {
    class: 'hint chart-key',
    text: 'Solid lines: 99.8% limits; dashed: 95% limits; horizontal line: the target. ▲ above and ▼ below the 95% limits (filled beyond 99.8%, hollow between); ● within. Orange is worse, blue better; purple where the indicator has no direction.',
  });
}
