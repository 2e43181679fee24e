/**
 * The gap and SII chart figures as SVG documents, drawn from data: the chart is drawn afresh
 * by the same function the screen uses (`drawGapSvg`, `renderSiiChart`) from the view model or
 * the SII answer on screen, then framed with the title, key and sources. Nothing is read back
 * from the page.
 */
import { renderSiiChart } from '../analysis_panel/sii_chart.ts';
import type { AtlasView } from '../state/atlas_view.ts';
import { drawGapSvg } from '../ui/gap_chart.ts';
import {
  FONT,
  footerHeight,
  headerHeight,
  LAYOUT,
  type FigureText,
  type KeyRow,
} from './figure.ts';
import { figureSvg, KEY_ROW, svgHeaderFooter, svgKey } from './figure_svg.ts';
import { gapFigureModel } from './gap_figure_model.ts';
import { shownSii } from './shown_sii.ts';
import { siiFigureModel } from './sii_figure_model.ts';

/** A chart ready to frame: its SVG, its key and its text alternative. */
export interface ChartFigure {
  chart: SVGSVGElement;
  key: KeyRow[];
  alt: string;
}

/** The north-south gap chart of the view; throws when the atlas has not drawn one. */
export function gapChartFigure(view: AtlasView): ChartFigure {
  if (!view.gap) throw new Error('no gap chart on screen');
  const m = gapFigureModel(view.gap);
  return { chart: drawGapSvg(m.data), key: m.key, alt: m.alt };
}

/** The SII chart of the answer the inequality section shows for this view. */
export function siiChartFigure(view: AtlasView): ChartFigure {
  const shown = shownSii(view.geography, view.indicator.id);
  if (!shown) throw new Error('run the inequality analysis first to draw the SII chart');
  const m = siiFigureModel(shown);
  return { chart: renderSiiChart(m.spec), key: m.key, alt: m.alt };
}

/** The chart framed as a figure, `pixelWidth` wide (its units stay figure units). */
export function chartFigureSvg(
  f: ChartFigure,
  text: FigureText,
  pixelWidth: number = LAYOUT.width,
): SVGSVGElement {
  const [, , vbW = 600, vbH = 400] = (f.chart.getAttribute('viewBox') ?? '')
    .split(/\s+/)
    .map(Number);
  const inner = LAYOUT.width - 2 * LAYOUT.margin;
  const chartH = (inner * vbH) / vbW;
  const top = headerHeight(text);
  const keyH = f.key.length ? f.key.length * KEY_ROW + 12 : 0;
  const height = Math.ceil(top + chartH + keyH + 16 + footerHeight(text));
  const svg = figureSvg(height, text, pixelWidth);
  svgHeaderFooter(svg, text, height);
  const body = f.chart;
  body.removeAttribute('class');
  body.setAttribute('x', String(LAYOUT.margin));
  body.setAttribute('y', String(top));
  body.setAttribute('width', String(inner));
  body.setAttribute('height', String(chartH));
  // The screen's charts take their typeface from the page; a figure names its own.
  body.setAttribute('font-family', FONT);
  svg.append(body);
  if (f.key.length) svg.append(svgKey(f.key, LAYOUT.margin, top + chartH));
  return svg;
}
