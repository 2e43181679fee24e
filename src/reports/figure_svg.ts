/**
 * Print figures drawn as SVG documents with DOM APIs, so user-typed titles are text nodes, never
 * markup: header and footer, legend, scale bar and the no-data hatch. The layout comes from
 * `figure.ts`; the PNG exports are these SVGs rasterised.
 */
import {
  FONT,
  footerLines,
  headerLines,
  LAYOUT,
  LEGEND_ROW,
  type FigureLayout,
  type FigureText,
  type KeyRow,
  type LegendEntry,
  type ScaleBar,
} from './figure.ts';

export const SVG_NS = 'http://www.w3.org/2000/svg';

/** SVG element helper: attributes set with setAttribute, text as a text node. */
export function svgEl<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number> = {},
  text?: string,
): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

export function serializeSvg(svg: SVGSVGElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(svg)}`;
}

/** Header and footer as SVG text, appended to `svg`; returns nothing (positions are fixed). */
export function svgHeaderFooter(
  svg: SVGSVGElement,
  t: FigureText,
  totalHeight: number,
  L: FigureLayout = LAYOUT,
): void {
  const h = headerLines(t, L);
  let y = L.margin;
  for (const line of h.title) {
    y += L.titleSize;
    svg.append(
      svgEl(
        'text',
        { x: L.margin, y, 'font-size': L.titleSize, 'font-weight': 'bold', 'font-family': FONT },
        line,
      ),
    );
    y += L.titleSize * 0.2;
  }
  for (const line of h.subtitle) {
    y += L.subtitleSize * L.lineGap;
    svg.append(
      svgEl(
        'text',
        { x: L.margin, y, 'font-size': L.subtitleSize, fill: '#444', 'font-family': FONT },
        line,
      ),
    );
  }
  const foot = footerLines(t, L);
  let fy = totalHeight - L.margin / 2 - (foot.length - 1) * L.textSize * L.lineGap;
  for (const line of foot) {
    svg.append(
      svgEl(
        'text',
        { x: L.margin, y: fy, 'font-size': L.textSize, fill: '#333', 'font-family': FONT },
        line,
      ),
    );
    fy += L.textSize * L.lineGap;
  }
}

/** Legend rows as SVG: swatch and label. */
export function svgLegend(
  g: SVGGElement,
  heading: string,
  entries: LegendEntry[],
  x: number,
  y: number,
  L: FigureLayout = LAYOUT,
): void {
  g.append(
    svgEl(
      'text',
      { x, y: y + L.textSize, 'font-size': L.textSize, 'font-weight': 'bold', 'font-family': FONT },
      heading,
    ),
  );
  entries.forEach((e, i) => {
    const ry = y + 10 + (i + 1) * LEGEND_ROW;
    if (e.shape === 'heading') {
      g.append(
        svgEl(
          'text',
          { x, y: ry, 'font-size': L.textSize, 'font-weight': 'bold', 'font-family': FONT },
          e.label,
        ),
      );
      return;
    }
    if (e.shape === 'circle') {
      g.append(
        svgEl('circle', {
          cx: x + 9,
          cy: ry - 5,
          r: 7,
          fill: e.colour ?? '#444',
          stroke: '#fff',
          'stroke-width': 1.5,
        }),
        svgEl('text', { x: x + 26, y: ry, 'font-size': L.textSize, 'font-family': FONT }, e.label),
      );
      return;
    }
    g.append(
      svgEl('rect', {
        x,
        y: ry - 13,
        width: 18,
        height: 16,
        fill: e.colour ?? 'url(#nodata-hatch)',
        stroke: '#555',
        'stroke-width': 0.5,
      }),
      svgEl('text', { x: x + 26, y: ry, 'font-size': L.textSize, 'font-family': FONT }, e.label),
    );
  });
}

export function svgHatchDefs(): SVGDefsElement {
  const defs = svgEl('defs');
  const p = svgEl('pattern', {
    id: 'nodata-hatch',
    width: 6,
    height: 6,
    patternUnits: 'userSpaceOnUse',
    patternTransform: 'rotate(45)',
  });
  p.append(
    svgEl('rect', { width: 6, height: 6, fill: '#fff' }),
    svgEl('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: '#888', 'stroke-width': 2 }),
  );
  defs.append(p);
  return defs;
}

export function svgScaleBar(g: SVGGElement, s: ScaleBar, x: number, y: number): void {
  g.append(
    svgEl('rect', { x, y, width: s.length, height: 6, fill: '#222' }),
    svgEl(
      'text',
      { x, y: y - 5, 'font-size': LAYOUT.textSize, 'font-family': FONT },
      `Scale: ${s.label}`,
    ),
  );
}

/**
 * An empty figure: `height` figure units tall and LAYOUT.width wide, drawn `pixelWidth` pixels
 * wide (the PNG exports rasterise it at that size), with its title, description and white page.
 */
export function figureSvg(
  height: number,
  text: FigureText,
  pixelWidth: number = LAYOUT.width,
): SVGSVGElement {
  const width = LAYOUT.width;
  const svg = svgEl('svg', {
    xmlns: SVG_NS,
    width: pixelWidth,
    height: Math.ceil((height * pixelWidth) / width),
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
  });
  svg.append(svgEl('title', {}, text.title), svgEl('desc', {}, text.alt));
  svg.append(svgEl('rect', { width, height, fill: '#fff' }));
  return svg;
}

/** Height of a row of a chart's key under a figure. */
export const KEY_ROW = 22;

/** A chart's key under it: decile chips, locality lines and lines of text. */
export function svgKey(rows: readonly KeyRow[], x: number, y: number): SVGGElement {
  const g = svgEl('g', { class: 'chart-key' });
  const font = { 'font-size': LAYOUT.textSize, 'font-family': FONT };
  rows.forEach((r, i) => {
    const ry = y + (i + 1) * KEY_ROW;
    if (r.kind === 'chips') {
      g.append(svgEl('text', { x, y: ry, ...font }, r.label));
      let cx = x + r.label.length * LAYOUT.textSize * 0.55 + 8;
      for (const c of r.chips) {
        g.append(
          svgEl('rect', { x: cx, y: ry - 14, width: 22, height: 18, fill: c.colour }),
          svgEl(
            'text',
            { x: cx + 11, y: ry, 'text-anchor': 'middle', fill: c.textColour, ...font },
            c.text,
          ),
        );
        cx += 24;
      }
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
