/**
 * A small trend chart of one headline figure: the area and England over every period in the
 * data (its periods are printed beside it, at a legible size). Its text alternative lists every
 * value.
 */
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { svgEl } from './figure_svg.ts';
import { periodLabel, type TrendPoint } from './headline_figures.ts';

const W = 120;
const H = 34;
export const AREA_COLOUR = '#0b5394';
export const ENGLAND_COLOUR = '#767676';

export function trendSparkline(points: readonly TrendPoint[], areaName: string): SVGSVGElement {
  const values = points.flatMap((p) => [p.area, p.england]).filter((v): v is number => v !== null);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const x = scaleLinear()
    .domain([0, Math.max(1, points.length - 1)])
    .range([3, W - 3]);
  const y = scaleLinear()
    .domain(hi > lo ? [lo, hi] : [lo - 1, hi + 1])
    .range([H - 4, 4]);
  const describe = (key: 'area' | 'england') =>
    points
      .filter((p) => p[key] !== null)
      .map((p) => `${periodLabel(p.period)} ${p[key]}`)
      .join(', ');
  const svg = svgEl('svg', {
    viewBox: `0 0 ${W} ${H}`,
    class: 'sparkline',
    role: 'img',
    'aria-label': `Trend. ${areaName}: ${describe('area')}. England: ${describe('england')}.`,
  });
  for (const [key, colour, dash] of [
    ['england', ENGLAND_COLOUR, '3 2'],
    ['area', AREA_COLOUR, ''],
  ] as const) {
    const d = line<TrendPoint>()
      .defined((p) => p[key] !== null)
      .x((_, i) => x(i))
      .y((p) => y(p[key] ?? 0))(points as TrendPoint[]);
    const path = svgEl('path', { d: d ?? '', fill: 'none', stroke: colour, 'stroke-width': 1.6 });
    if (dash) path.setAttribute('stroke-dasharray', dash);
    svg.append(path);
    const lastIndex = points.findLastIndex((p) => p[key] !== null);
    const last = points[lastIndex];
    if (last && last[key] !== null)
      svg.append(
        svgEl('circle', { cx: x(lastIndex), cy: y(last[key] ?? 0), r: 1.8, fill: colour }),
      );
  }
  return svg;
}
