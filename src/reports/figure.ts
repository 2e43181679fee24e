/**
 * Print figures, the pure part: what a figure says (title, subtitle, legend, sources, alt text)
 * and where its parts go, in figure units. No DOM: `figure_svg.ts` draws it as SVG, and the PNG
 * is that SVG rasterised (`figure_files.ts`), so every figure is drawn once.
 */

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

/** One row of a chart's key under a figure. */
export type KeyRow =
  | {
      kind: 'chips';
      label: string;
      chips: { colour: string; textColour: string; text: string }[];
      suffix: string;
    }
  | { kind: 'line'; colour: string; dash: string | null; text: string }
  | { kind: 'text'; text: string };

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

/** Lines of the header (title, subtitle) wrapped for the figure width. */
export function headerLines(
  t: FigureText,
  L: FigureLayout,
): { title: string[]; subtitle: string[] } {
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

/** The one typeface of every figure (SVG text, rasterised into the PNG). */
export const FONT = 'Arial, Helvetica, sans-serif';

/** Height of a legend row, figure units. */
export const LEGEND_ROW = 22;

/** Height of a legend: its heading and one row per entry. */
export function legendHeight(entries: LegendEntry[]): number {
  return 10 + (entries.length + 1) * LEGEND_ROW;
}
