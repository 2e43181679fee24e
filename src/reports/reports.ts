/**
 * "Export figure": print-resolution PNG and designer SVG of the current map (with legend, scale
 * bar, sources, period, vintage and date) and of the north-south gap and SII charts. Every
 * figure carries alternative text generated from its data, in the SVG and on screen. The
 * figures are drawn from the view model and the SII answer on screen (never read back from the
 * page), each once as SVG; the PNG is that SVG rasterised. Also opens the report pages.
 */
import type { AtlasView } from '../state/atlas_view.ts';
import { el } from '../ui/dom.ts';
import { panelContextOf } from '../analysis_panel/panel_context.ts';
import { chartFigureSvg, gapChartFigure, siiChartFigure } from './chart_figures.ts';
import { PRINT_WIDTH, type FigureText } from './figure.ts';
import { downloadBlob, svgBlob, svgToPng } from './figure_files.ts';
import { mapFigureSvg } from './map_figure.ts';
import { ReportView, type ReportsHost } from './report_view.ts';
import {
  defaultSubtitle,
  defaultTitle,
  layerSourceLines,
  mapAltText,
  sourceLines,
  type FigureKind,
} from './view_text.ts';

export type { ReportsHost } from './report_view.ts';

function fileStem(view: AtlasView, kind: FigureKind): string {
  return `gap-atlas-${kind}-${view.indicator.id}-${view.geography}`;
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
    this.alt.value = mapAltText(view);
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
    const base = this.text(view, 'map', mapAltText(view));
    const text = {
      ...base,
      footer: [...base.footer.slice(0, -1), ...layerSourceLines(view), ...base.footer.slice(-1)],
    };
    this.alt.value = text.alt;
    const name = `${fileStem(view, 'map')}.${format}`;
    if (format === 'png')
      downloadBlob(name, await svgToPng(await mapFigureSvg(view, text, PRINT_WIDTH)));
    else downloadBlob(name, svgBlob(await mapFigureSvg(view, text)));
  }

  private async exportChart(kind: 'gap' | 'sii', format: 'png' | 'svg'): Promise<void> {
    const view = this.host.view();
    const figure = kind === 'gap' ? gapChartFigure(view) : siiChartFigure(view);
    const text = this.text(view, kind, figure.alt);
    this.alt.value = figure.alt;
    const name = `${fileStem(view, kind)}.${format}`;
    if (format === 'svg') downloadBlob(name, svgBlob(chartFigureSvg(figure, text)));
    else downloadBlob(name, await svgToPng(chartFigureSvg(figure, text, PRINT_WIDTH)));
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
