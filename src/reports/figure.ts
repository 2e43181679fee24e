/**
 * Print figures: a pure description of a figure (title, subtitle, legend, sources, alt text)
 * drawn either on a 2D canvas (PNG) or as an SVG document built with DOM APIs (so user-typed
 * titles are text nodes, never markup).
 */

export const SVG_NS = 'http://www.w3.org/2000/svg';

/** Print width in pixels of every PNG export. */
export const PRINT_WIDTH = 3200;

export interface LegendEntry {
  /** CSS colour, or null for the hatched no-data swatch. */
  colour: string | null;
  label: string;
  /** Class box (default), point-layer circle, or a bold sub-heading with no swatch. */
  shape?: 'box' | 'circle' | 'heading';
}

export interface FigureText {
  title: string;
  subtitle: string;
  /** Source and licence lines, period and vintage, export date. */
  footer: string[];
  alt: string;
}

export interface ScaleBar {
  /** Length of the bar in the figure's own units (pixels of the figure). */
  length: number;
  label: string;
}

/** Layout of one figure in figure units; the PNG is drawn at `scale` times these. */
export interface FigureLayout {
  width: number;
  margin: number;
  titleSize: number;
  subtitleSize: number;
  textSize: number;
  lineGap: number;
}

export const LAYOUT: FigureLayout = {
  width: 1000,
  margin: 30,
  titleSize: 30,
  subtitleSize: 18,
  textSize: 13,
  lineGap: 1.45,
};

/** A "nice" scale-bar distance (1, 2 or 5 x 10^n metres) under `maxMetres`. */
export function niceDistance(maxMetres: number): number {
  const p = Math.pow(10, Math.floor(Math.log10(maxMetres)));
  for (const m of [5, 2, 1]) if (m * p <= maxMetres) return m * p;
  return p;
}

export function distanceLabel(metres: number): string {
  return metres >= 1000 ? `${metres / 1000} km` : `${metres} m`;
}

/** Greedy word wrap for canvas or SVG text, using an approximate character width. */
export function wrapText(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > maxChars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** Today's date as "22 November 2026" (UK style) for the export line. */
export function exportDate(d = new Date()): string {
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
}

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

/** Lines of the header (title, subtitle) wrapped for the figure width. */
function headerLines(t: FigureText, L: FigureLayout): { title: string[]; subtitle: string[] } {
  const inner = L.width - 2 * L.margin;
  return {
    title: wrapText(t.title, Math.floor(inner / (L.titleSize * 0.55))),
    subtitle: wrapText(t.subtitle, Math.floor(inner / (L.subtitleSize * 0.5))),
  };
}

export function headerHeight(t: FigureText, L: FigureLayout = LAYOUT): number {
  const h = headerLines(t, L);
  return (
    L.margin +
    h.title.length * L.titleSize * 1.2 +
    h.subtitle.length * L.subtitleSize * L.lineGap +
    L.margin / 2
  );
}

export function footerLines(t: FigureText, L: FigureLayout = LAYOUT): string[] {
  const max = Math.floor((L.width - 2 * L.margin) / (L.textSize * 0.5));
  return t.footer.flatMap((f) => wrapText(f, max));
}

export function footerHeight(t: FigureText, L: FigureLayout = LAYOUT): number {
  return footerLines(t, L).length * L.textSize * L.lineGap + L.margin;
}

const FONT = 'Arial, Helvetica, sans-serif';

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

/** The same header and footer on a canvas already scaled to figure units. */
export function canvasHeaderFooter(
  ctx: CanvasRenderingContext2D,
  t: FigureText,
  totalHeight: number,
  L: FigureLayout = LAYOUT,
): void {
  const h = headerLines(t, L);
  ctx.textBaseline = 'alphabetic';
  let y = L.margin;
  ctx.fillStyle = '#000';
  ctx.font = `bold ${L.titleSize}px ${FONT}`;
  for (const line of h.title) {
    y += L.titleSize;
    ctx.fillText(line, L.margin, y);
    y += L.titleSize * 0.2;
  }
  ctx.fillStyle = '#444';
  ctx.font = `${L.subtitleSize}px ${FONT}`;
  for (const line of h.subtitle) {
    y += L.subtitleSize * L.lineGap;
    ctx.fillText(line, L.margin, y);
  }
  const foot = footerLines(t, L);
  ctx.fillStyle = '#333';
  ctx.font = `${L.textSize}px ${FONT}`;
  let fy = totalHeight - L.margin / 2 - (foot.length - 1) * L.textSize * L.lineGap;
  for (const line of foot) {
    ctx.fillText(line, L.margin, fy);
    fy += L.textSize * L.lineGap;
  }
}

export const LEGEND_ROW = 22;

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

export function canvasLegend(
  ctx: CanvasRenderingContext2D,
  heading: string,
  entries: LegendEntry[],
  x: number,
  y: number,
  L: FigureLayout = LAYOUT,
): void {
  ctx.fillStyle = '#000';
  ctx.font = `bold ${L.textSize}px ${FONT}`;
  ctx.fillText(heading, x, y + L.textSize);
  ctx.font = `${L.textSize}px ${FONT}`;
  entries.forEach((e, i) => {
    const ry = y + 10 + (i + 1) * LEGEND_ROW;
    if (e.shape === 'heading') {
      ctx.fillStyle = '#000';
      ctx.font = `bold ${L.textSize}px ${FONT}`;
      ctx.fillText(e.label, x, ry);
      ctx.font = `${L.textSize}px ${FONT}`;
      return;
    }
    if (e.shape === 'circle') {
      ctx.beginPath();
      ctx.arc(x + 9, ry - 5, 7, 0, 2 * Math.PI);
      ctx.fillStyle = e.colour ?? '#444';
      ctx.fill();
      ctx.strokeStyle = '#fff';
      ctx.lineWidth = 1.5;
      ctx.stroke();
      ctx.fillStyle = '#000';
      ctx.fillText(e.label, x + 26, ry);
      return;
    }
    if (e.colour) {
      ctx.fillStyle = e.colour;
      ctx.fillRect(x, ry - 13, 18, 16);
    } else {
      ctx.fillStyle = '#fff';
      ctx.fillRect(x, ry - 13, 18, 16);
      ctx.save();
      ctx.beginPath();
      ctx.rect(x, ry - 13, 18, 16);
      ctx.clip();
      ctx.strokeStyle = '#888';
      ctx.lineWidth = 1.5;
      for (let d = -16; d < 18; d += 5) {
        ctx.beginPath();
        ctx.moveTo(x + d, ry + 3);
        ctx.lineTo(x + d + 16, ry - 13);
        ctx.stroke();
      }
      ctx.restore();
    }
    ctx.strokeStyle = '#555';
    ctx.lineWidth = 0.5;
    ctx.strokeRect(x, ry - 13, 18, 16);
    ctx.fillStyle = '#000';
    ctx.fillText(e.label, x + 26, ry);
  });
}

export function legendHeight(entries: LegendEntry[]): number {
  return 10 + (entries.length + 1) * LEGEND_ROW;
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

export function canvasScaleBar(
  ctx: CanvasRenderingContext2D,
  s: ScaleBar,
  x: number,
  y: number,
): void {
  ctx.fillStyle = '#222';
  ctx.fillRect(x, y, s.length, 6);
  ctx.font = `${LAYOUT.textSize}px ${FONT}`;
  ctx.fillText(`Scale: ${s.label}`, x, y - 5);
}

export { FONT };
