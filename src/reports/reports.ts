/**
 * "Export figure": print-resolution PNG and designer SVG of the current map (with legend, scale
 * bar, sources, period, vintage and date) and of the north-south gap and SII charts. Every
 * figure carries alternative text generated from its data, in the SVG and on screen.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { AtlasView } from '../state/atlas_view.ts';
import { GEOGRAPHY_LEVELS } from '../../contracts/geography.ts';
import { el } from '../ui/dom.ts';
import { yieldToMain } from '../ui/schedule.ts';
import {
  canvasHeaderFooter,
  canvasLegend,
  canvasScaleBar,
  distanceLabel,
  footerHeight,
  headerHeight,
  LAYOUT,
  legendHeight,
  niceDistance,
  PRINT_WIDTH,
  serializeSvg,
  wrapText,
  SVG_NS,
  svgEl,
  svgHatchDefs,
  svgHeaderFooter,
  svgLegend,
  svgScaleBar,
  type FigureText,
  type LegendEntry,
  type ScaleBar,
} from './figure.ts';
import {
  defaultSubtitle,
  defaultTitle,
  layerEntries,
  layerSourceLines,
  legendEntries,
  mapAltText,
  sourceLines,
  type FigureKind,
} from './view_text.ts';

import { panelContextOf } from '../analysis_panel/panel_context.ts';
import { ReportView, type ReportsHost } from './report_view.ts';

export type { ReportsHost } from './report_view.ts';

const SCALE = PRINT_WIDTH / LAYOUT.width;

/** Map column width (figure units); the legend sits to its right. */
const MAP_WIDTH = 680;
const LEGEND_X = LAYOUT.margin + MAP_WIDTH + 24;

function metresPerCssPixel(map: MapLibreMap): number {
  const lat = map.getCenter().lat;
  return (40_075_016.686 * Math.cos((lat * Math.PI) / 180)) / (512 * Math.pow(2, map.getZoom()));
}

function scaleBar(map: MapLibreMap, figurePerCss: number): ScaleBar {
  const mPerUnit = metresPerCssPixel(map) / figurePerCss;
  const metres = niceDistance(160 * mPerUnit);
  return { length: metres / mPerUnit, label: distanceLabel(metres) };
}

/**
 * Renders the map at a higher pixel ratio and copies the WebGL canvas inside the render
 * callback (works without preserveDrawingBuffer), then restores the screen's pixel ratio.
 */
async function captureMap(map: MapLibreMap, widthPx: number): Promise<HTMLCanvasElement> {
  const canvas = map.getCanvas();
  const cssWidth = canvas.clientWidth || canvas.width;
  const old = map.getPixelRatio();
  map.setPixelRatio(Math.max(1, widthPx / cssWidth));
  try {
    await new Promise<void>((resolve) => {
      map.once('idle', () => resolve());
      map.triggerRepaint();
    });
    const out = document.createElement('canvas');
    await new Promise<void>((resolve) => {
      map.once('render', () => {
        out.width = canvas.width;
        out.height = canvas.height;
        out.getContext('2d')?.drawImage(canvas, 0, 0);
        resolve();
      });
      map.triggerRepaint();
    });
    return out;
  } finally {
    map.setPixelRatio(old);
  }
}

function canvasToBlob(c: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => {
    c.toBlob(
      (b) => (b ? resolve(b) : reject(new Error('the figure could not be encoded'))),
      'image/png',
    );
  });
}

function blobToDataUrl(b: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () =>
      typeof r.result === 'string' ? resolve(r.result) : reject(new Error('no data URL'));
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(b);
  });
}

export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 5000);
}

function fileStem(view: AtlasView, kind: FigureKind): string {
  return `gap-atlas-${kind}-${view.indicator.id}-${view.geography}`;
}

interface MapFigure {
  text: FigureText;
  entries: LegendEntry[];
  heading: string;
  image: HTMLCanvasElement;
  mapHeight: number;
  bar: ScaleBar;
  height: number;
  top: number;
}

async function buildMapFigure(view: AtlasView, text: FigureText): Promise<MapFigure> {
  const entries = [...legendEntries(), ...layerEntries(view)];
  const map = view.map;
  const css = map.getCanvas();
  const cssW = css.clientWidth || css.width;
  const cssH = css.clientHeight || css.height;
  const image = await captureMap(map, MAP_WIDTH * SCALE);
  await yieldToMain();
  const mapHeight = (MAP_WIDTH * cssH) / cssW;
  const top = headerHeight(text);
  const body = Math.max(mapHeight, legendHeight(entries) + 80);
  const height = top + body + 16 + footerHeight(text);
  return {
    text,
    entries,
    heading: `${view.indicator.unit} by ${GEOGRAPHY_LEVELS[view.geography].label}`,
    image,
    mapHeight,
    bar: scaleBar(map, MAP_WIDTH / cssW),
    height,
    top,
  };
}

export async function mapPng(view: AtlasView, text: FigureText): Promise<Blob> {
  const f = await buildMapFigure(view, text);
  const c = document.createElement('canvas');
  c.width = PRINT_WIDTH;
  c.height = Math.ceil(f.height * SCALE);
  const ctx = c.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  ctx.scale(SCALE, SCALE);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, LAYOUT.width, f.height);
  canvasHeaderFooter(ctx, text, f.height);
  ctx.drawImage(f.image, LAYOUT.margin, f.top, MAP_WIDTH, f.mapHeight);
  ctx.strokeStyle = '#999';
  ctx.lineWidth = 0.5;
  ctx.strokeRect(LAYOUT.margin, f.top, MAP_WIDTH, f.mapHeight);
  canvasLegend(ctx, f.heading, f.entries, LEGEND_X, f.top);
  canvasScaleBar(ctx, f.bar, LEGEND_X, f.top + legendHeight(f.entries) + 40);
  await yieldToMain();
  return canvasToBlob(c);
}

function figureSvg(width: number, height: number, text: FigureText): SVGSVGElement {
  const svg = svgEl('svg', {
    xmlns: SVG_NS,
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
  });
  svg.append(svgEl('title', {}, text.title), svgEl('desc', {}, text.alt));
  svg.append(svgEl('rect', { width, height, fill: '#fff' }));
  return svg;
}

export async function mapSvg(view: AtlasView, text: FigureText): Promise<string> {
  const f = await buildMapFigure(view, text);
  const svg = figureSvg(LAYOUT.width, Math.ceil(f.height), text);
  svg.append(svgHatchDefs());
  svgHeaderFooter(svg, text, f.height);
  const href = await blobToDataUrl(await canvasToBlob(f.image));
  // The map itself is a raster: an embedded PNG <image> rendered from the WebGL map at print
  // resolution. Title, legend, scale bar and sources are real SVG text and shapes.
  svg.append(document.createComment(' Map: embedded PNG rendered from the WebGL map '));
  svg.append(
    svgEl('image', {
      x: LAYOUT.margin,
      y: f.top,
      width: MAP_WIDTH,
      height: f.mapHeight,
      href,
      preserveAspectRatio: 'none',
    }),
  );
  const g = svgEl('g', { id: 'legend' });
  svgLegend(g, f.heading, f.entries, LEGEND_X, f.top);
  svgScaleBar(g, f.bar, LEGEND_X, f.top + legendHeight(f.entries) + 40);
  svg.append(g);
  return serializeSvg(svg);
}

const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'opacity',
  'font-size',
  'font-family',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'display',
] as const;

/** A copy of an on-screen chart with its stylesheet styles written inline, so it stands alone. */
async function standaloneChart(src: SVGSVGElement): Promise<SVGSVGElement> {
  const copy = src.cloneNode(true);
  if (!(copy instanceof SVGSVGElement)) throw new Error('not an SVG chart');
  const a = [src, ...src.querySelectorAll('*')];
  const b = [copy, ...copy.querySelectorAll('*')];
  for (let i = 0; i < a.length; i++) {
    const from = a[i];
    const to = b[i];
    if (!(from instanceof SVGElement) || !(to instanceof SVGElement)) continue;
    const cs = getComputedStyle(from);
    for (const p of STYLE_PROPS) {
      const v = cs.getPropertyValue(p);
      if (v) to.style.setProperty(p, v);
    }
    if (i % 300 === 299) await yieldToMain();
  }
  copy.removeAttribute('width');
  copy.removeAttribute('class');
  return copy;
}

export function chartElement(kind: 'gap' | 'sii'): SVGSVGElement | null {
  const sel = kind === 'gap' ? '#gap-chart svg' : 'svg.sii-chart';
  return document.querySelector<SVGSVGElement>(sel);
}

const KEY_ROW = 22;

/** One row of a chart's key, read back from what the atlas shows under the chart. */
type KeyRow =
  | { kind: 'chips'; label: string; chips: { colour: string; text: string }[]; suffix: string }
  | { kind: 'line'; colour: string; dash: string | null; text: string }
  | { kind: 'text'; text: string };

/** The gap chart's decile colours and locality means, which sit outside its SVG on screen. */
export function chartKey(chart: SVGSVGElement): KeyRow[] {
  if (chart.classList.contains('sii-chart'))
    return siiFigures().map((text) => ({ kind: 'text', text }));
  const root = chart.parentElement;
  if (!root) return [];
  const rows: KeyRow[] = [];
  const legend = root.querySelector('.decile-legend');
  if (legend) {
    const spans = [...legend.querySelectorAll<HTMLElement>(':scope > span')];
    const chips = spans.filter((x) => x.classList.contains('decile-chip'));
    const plain = spans.filter((x) => !x.classList.contains('decile-chip'));
    rows.push({
      kind: 'chips',
      label: (plain[0]?.textContent ?? '').trim(),
      chips: chips.map((c) => ({
        colour: getComputedStyle(c).backgroundColor,
        text: c.textContent ?? '',
      })),
      suffix: (plain[1]?.textContent ?? '').trim(),
    });
  }
  for (const li of root.querySelectorAll<HTMLLIElement>('.locality-summary li')) {
    const key = li.querySelector<HTMLElement>('.locality-key');
    const text = (li.textContent ?? '').trim();
    if (!key) {
      rows.push({ kind: 'text', text });
      continue;
    }
    const cs = getComputedStyle(key);
    const style = cs.borderTopStyle;
    rows.push({
      kind: 'line',
      colour: cs.borderTopColor,
      dash: style === 'dashed' ? '6 4' : style === 'dotted' ? '2 3' : null,
      text,
    });
  }
  return rows;
}

/** The SII, RII and range the analysis panel computed, as "term: value" lines, wrapped. */
export function siiFigures(): string[] {
  const dl = document.querySelector('#inequality-section .ineq-figures');
  if (!dl) return [];
  const out: string[] = [];
  for (const dt of dl.querySelectorAll('dt')) {
    const dd = dt.nextElementSibling;
    const line = `${(dt.textContent ?? '').trim()}: ${(dd?.textContent ?? '').trim()}`;
    out.push(...wrapText(line, 130));
  }
  return out;
}

function svgKey(rows: KeyRow[], x: number, y: number): SVGGElement {
  const g = svgEl('g', { class: 'chart-key' });
  const font = { 'font-size': LAYOUT.textSize, 'font-family': 'Arial, Helvetica, sans-serif' };
  rows.forEach((r, i) => {
    const ry = y + (i + 1) * KEY_ROW;
    if (r.kind === 'chips') {
      g.append(svgEl('text', { x, y: ry, ...font }, r.label));
      let cx = x + r.label.length * LAYOUT.textSize * 0.55 + 8;
      r.chips.forEach((c, j) => {
        g.append(
          svgEl('rect', { x: cx, y: ry - 14, width: 22, height: 18, fill: c.colour }),
          svgEl(
            'text',
            { x: cx + 11, y: ry, 'text-anchor': 'middle', fill: j > 5 ? '#000' : '#fff', ...font },
            c.text,
          ),
        );
        cx += 24;
      });
      g.append(svgEl('text', { x: cx + 6, y: ry, ...font }, r.suffix));
    } else if (r.kind === 'line') {
      const line = svgEl('line', {
        x1: x,
        x2: x + 28,
        y1: ry - 5,
        y2: ry - 5,
        stroke: r.colour,
        'stroke-width': 2,
      });
      if (r.dash) line.setAttribute('stroke-dasharray', r.dash);
      g.append(line, svgEl('text', { x: x + 36, y: ry, ...font }, r.text));
    } else g.append(svgEl('text', { x, y: ry, ...font }, r.text));
  });
  return g;
}

/** The chart figure as an SVG document, `pixelWidth` wide (its units stay figure units). */
export async function chartSvg(
  chart: SVGSVGElement,
  text: FigureText,
  pixelWidth: number = LAYOUT.width,
): Promise<SVGSVGElement> {
  const vb = chart.viewBox.baseVal;
  const vbW = vb.width || chart.clientWidth || 600;
  const vbH = vb.height || chart.clientHeight || 400;
  const inner = LAYOUT.width - 2 * LAYOUT.margin;
  const chartH = (inner * vbH) / vbW;
  const top = headerHeight(text);
  const key = chartKey(chart);
  const keyH = key.length ? key.length * KEY_ROW + 12 : 0;
  const height = Math.ceil(top + chartH + keyH + 16 + footerHeight(text));
  const svg = figureSvg(LAYOUT.width, height, text);
  svg.setAttribute('width', String(pixelWidth));
  svg.setAttribute('height', String(Math.ceil((height * pixelWidth) / LAYOUT.width)));
  svgHeaderFooter(svg, text, height);
  const body = await standaloneChart(chart);
  body.setAttribute('x', String(LAYOUT.margin));
  body.setAttribute('y', String(top));
  body.setAttribute('width', String(inner));
  body.setAttribute('height', String(chartH));
  if (!body.getAttribute('viewBox')) body.setAttribute('viewBox', `0 0 ${vbW} ${vbH}`);
  svg.append(body);
  if (key.length) svg.append(svgKey(key, LAYOUT.margin, top + chartH));
  return svg;
}

/** PNG of an SVG figure: the serialized SVG drawn into a canvas through an Image. */
export async function svgToPng(svg: SVGSVGElement): Promise<Blob> {
  const w = Number(svg.getAttribute('width'));
  const h = Number(svg.getAttribute('height'));
  const url = URL.createObjectURL(new Blob([serializeSvg(svg)], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    await yieldToMain();
    const c = document.createElement('canvas');
    c.width = w;
    c.height = h;
    const ctx = c.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, w, h);
    ctx.drawImage(img, 0, 0, w, h);
    await yieldToMain();
    return await canvasToBlob(c);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The "Export figure" section in the side column. */
class ReportsSection {
  readonly root: HTMLElement;
  private readonly title = el('input', { id: 'report-title', type: 'text' });
  private readonly subtitle = el('input', { id: 'report-subtitle', type: 'text' });
  private readonly alt = el('textarea', { id: 'report-alt', rows: '5', readonly: '' });
  private readonly status = el('p', { class: 'hint', role: 'status', 'aria-live': 'polite' });
  private titleEdited = false;
  private subtitleEdited = false;
  private busy = false;

  constructor(
    private readonly host: ReportsHost,
    private readonly pages: ReportView,
  ) {
    this.title.addEventListener('input', () => (this.titleEdited = true));
    this.subtitle.addEventListener('input', () => (this.subtitleEdited = true));
    const button = (label: string, id: string, run: () => Promise<void>): HTMLButtonElement => {
      const b = el('button', { type: 'button', id, text: label });
      b.addEventListener('click', () => void this.run(label, run));
      return b;
    };
    const openPages = (kind: 'gap' | 'profile') => {
      const b = el('button', {
        type: 'button',
        id: `open-report-${kind}`,
        text: kind === 'gap' ? 'The gap: one-page report' : 'Area profile page',
      });
      b.addEventListener('click', () => {
        const view = this.host.view();
        this.pages.open(
          kind === 'profile' && view.selection
            ? { kind, target: { kind: 'area', geography: view.geography, code: view.selection } }
            : { kind },
        );
      });
      return b;
    };
    this.root = el(
      'section',
      { id: 'reports', class: 'reports', 'aria-labelledby': 'reports-title' },
      el('h2', { id: 'reports-title', text: 'Reports and figures' }),
      el('p', {
        class: 'hint',
        text: 'A4 pages for the annual report or the Board, to print or save as PDF: the gap in one page, or the profile of an area (the one selected on the map).',
      }),
      el('div', { class: 'report-buttons' }, openPages('gap'), openPages('profile')),
      el('h3', { text: 'Export figure' }),
      el('label', { for: 'report-title', text: 'Title' }),
      this.title,
      el('label', { for: 'report-subtitle', text: 'Subtitle' }),
      this.subtitle,
      el(
        'div',
        { class: 'report-buttons' },
        button('Map PNG', 'export-map-png', () => this.exportMap('png')),
        button('Map SVG', 'export-map-svg', () => this.exportMap('svg')),
        button('Gap chart PNG', 'export-gap-png', () => this.exportChart('gap', 'png')),
        button('Gap chart SVG', 'export-gap-svg', () => this.exportChart('gap', 'svg')),
        button('SII chart PNG', 'export-sii-png', () => this.exportChart('sii', 'png')),
        button('SII chart SVG', 'export-sii-svg', () => this.exportChart('sii', 'svg')),
      ),
      this.status,
      el('label', {
        for: 'report-alt',
        text: 'Alternative text of the figure (copy it with the figure)',
      }),
      this.alt,
    );
    for (const i of [this.title, this.subtitle, this.alt]) i.style.width = '100%';
  }

  /** Defaults follow the view unless the user typed their own. */
  refresh(view: AtlasView): void {
    if (!this.titleEdited) this.title.value = defaultTitle(view);
    if (!this.subtitleEdited) this.subtitle.value = defaultSubtitle(view);
    this.alt.value = mapAltText(view, legendEntries());
  }

  private text(view: AtlasView, kind: FigureKind, alt: string): FigureText {
    return {
      title: this.titleEdited ? this.title.value : defaultTitle(view, kind),
      subtitle: this.subtitle.value,
      footer: sourceLines(view),
      alt,
    };
  }

  private async run(label: string, fn: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.status.textContent = `Preparing ${label}…`;
    try {
      await fn();
      this.status.textContent = `${label} ready.`;
    } catch (err: unknown) {
      this.status.textContent = `${label} failed: ${err instanceof Error ? err.message : String(err)}`;
    } finally {
      this.busy = false;
    }
  }

  private async exportMap(format: 'png' | 'svg'): Promise<void> {
    const view = this.host.view();
    const base = this.text(view, 'map', mapAltText(view, legendEntries()));
    const text = {
      ...base,
      footer: [...base.footer.slice(0, -1), ...layerSourceLines(view), ...base.footer.slice(-1)],
    };
    this.alt.value = text.alt;
    const name = `${fileStem(view, 'map')}.${format}`;
    if (format === 'png') downloadBlob(name, await mapPng(view, text));
    else downloadBlob(name, new Blob([await mapSvg(view, text)], { type: 'image/svg+xml' }));
  }

  private async exportChart(kind: 'gap' | 'sii', format: 'png' | 'svg'): Promise<void> {
    const view = this.host.view();
    const chart = chartElement(kind);
    if (!chart)
      throw new Error(
        kind === 'sii'
          ? 'run the inequality analysis first to draw the SII chart'
          : 'no gap chart on screen',
      );
    const label = chart.getAttribute('aria-label') ?? defaultTitle(view, kind);
    const sii = kind === 'sii' ? siiFigures().join(' ') : '';
    const alt = sii ? `${label} ${sii}` : label;
    const text = this.text(view, kind, alt);
    this.alt.value = alt;
    const name = `${fileStem(view, kind)}.${format}`;
    if (format === 'svg') {
      const svg = await chartSvg(chart, text);
      downloadBlob(name, new Blob([serializeSvg(svg)], { type: 'image/svg+xml' }));
    } else downloadBlob(name, await svgToPng(await chartSvg(chart, text, PRINT_WIDTH)));
  }
}

/** Adds the "Export figure" section once the atlas has drawn its first view. */
export function startReports(host: ReportsHost): void {
  let section: ReportsSection | null = null;
  host.onViewChange((view) => {
    if (!section) {
      const side = document.querySelector('aside.side');
      if (!side) return;
      const pages = new ReportView(host, panelContextOf(host));
      section = new ReportsSection(host, pages);
      side.append(section.root);
      // A link may name an open report page (rep=gap, or rep=profile of the selected area).
      const rep = view.state.rep;
      if (rep)
        pages.open(
          rep === 'profile' && view.selection
            ? {
                kind: rep,
                target: { kind: 'area', geography: view.geography, code: view.selection },
              }
            : { kind: rep },
          view.state.orient,
        );
    }
    section.refresh(view);
  });
}
