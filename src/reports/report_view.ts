/**
 * The report pages over the atlas: a modal dialog with A4 previews of "The gap in <place>" or
 * an area profile, a toolbar (report, area, orientation, title, data tables) and "Print or save
 * as PDF", which hands the pages to the browser's print with the page size set. Everything on
 * the pages is built from the view the atlas shows, as text and SVG.
 */
import './report.css';
import type { AtlasView } from '../state/atlas_view.ts';
import type { GeographyId } from '../../contracts/geography.ts';
import type { Headline } from '../../contracts/manifest.ts';
import { headlineSii } from '../gap/headline_sii.ts';
import { computedLeOutput, computedLeSiiFor, type ComputedLeSii } from './computed_le_sii.ts';
import type { AtlasHost, PanelContext } from '../analysis_panel/panel_context.ts';
import type { ViewState } from '../state/view_state.ts';
import type { ProfileAssets } from '../ui/area_profile.ts';
import { el } from '../ui/dom.ts';
import { debounce } from '../ui/schedule.ts';
import type { InequalityOutput } from '../../workers/inequality/inequality_by_deprivation.ts';
import type { Result } from '../../workers/stats/result.ts';
import { englandValues, regionValues } from './england_values.ts';
import { loadHeadline } from '../headline_source.ts';
import { onePagerPages } from './one_pager.ts';
import { defaultReportSubtitle, defaultReportTitle, type Orientation } from './one_pager_model.ts';
import type { ProfileTarget } from './profile_model.ts';
import { areaProfilePages, customProfilePages } from './profile_page.ts';
import { fallbackArea, profileAreaGroups } from './report_area_options.ts';
import { onReportRequest, type ReportRequest } from './report_requests.ts';

/** The part of `AtlasApp` the report pages use. */
export interface ReportsHost extends AtlasHost {
  assetsIn(g: GeographyId, index: number): Promise<ProfileAssets[]>;
  patchState(change: Partial<ViewState>): void;
}

type Kind = 'gap' | 'profile';

export class ReportView {
  /**
   * A dialog in the document flow rather than a modal <dialog>: the browser's top layer would
   * take it out of the flow, and print would not break it into pages.
   */
  readonly root: HTMLElement;
  private readonly kindSelect = el(
    'select',
    { id: 'report-kind' },
    el('option', { value: 'gap', text: 'The gap: one-page summary' }),
    el('option', { value: 'profile', text: 'Area profile' }),
  );
  private readonly areaSelect = el('select', { id: 'report-area' });
  private readonly areaLabel = el('label', { for: 'report-area', text: 'Area' });
  private readonly titleInput = el('input', {
    id: 'report-page-title',
    type: 'text',
    maxlength: '160',
  });
  private readonly subtitleInput = el('input', {
    id: 'report-page-subtitle',
    type: 'text',
    maxlength: '300',
  });
  private readonly tablesBox = el('input', { id: 'report-tables', type: 'checkbox' });
  private readonly printButton = el('button', {
    id: 'report-print',
    type: 'button',
    text: 'Print or save as PDF',
  });
  private readonly closeButton = el('button', {
    id: 'report-close',
    type: 'button',
    text: 'Close',
  });
  private readonly status = el('p', { id: 'report-status', role: 'status', 'aria-live': 'polite' });
  // Focusable so that keyboard users can scroll the preview.
  private readonly pages = el('div', {
    id: 'report-pages',
    class: 'report-pages portrait',
    tabindex: '0',
    role: 'region',
    'aria-label': 'Preview of the report pages',
  });
  private readonly pageStyle = el('style', { id: 'report-page-style' });
  private kind: Kind = 'gap';
  private orientation: Orientation = 'portrait';
  private custom: Extract<ProfileTarget, { kind: 'custom' }> | null = null;
  private titleEdited = false;
  private subtitleEdited = false;
  private token = 0;
  private rendering: Promise<void> = Promise.resolve();
  private opener: Element | null = null;

  constructor(
    private readonly host: ReportsHost,
    private readonly ctx: PanelContext,
  ) {
    this.tablesBox.checked = true;
    const orient = el(
      'fieldset',
      { class: 'inline report-orient' },
      el('legend', { text: 'Page' }),
      ...(['portrait', 'landscape'] as const).map((o) => {
        const r = el('input', { type: 'radio', name: 'report-orient', value: o });
        r.checked = o === 'portrait';
        r.onchange = () => this.setOrientation(o);
        return el('label', {}, r, ` ${o[0]?.toUpperCase()}${o.slice(1)}`);
      }),
    );
    const toolbar = el(
      'div',
      { class: 'report-toolbar', role: 'group', 'aria-label': 'Report page settings' },
      el('h2', { id: 'report-dialog-title', text: 'Report pages' }),
      el('label', { for: 'report-kind', text: 'Report' }),
      this.kindSelect,
      this.areaLabel,
      this.areaSelect,
      orient,
      el('label', { for: 'report-page-title', text: 'Title' }),
      this.titleInput,
      el('label', { for: 'report-page-subtitle', text: 'Subtitle' }),
      this.subtitleInput,
      el('label', { class: 'report-tables' }, this.tablesBox, ' Data tables after the page'),
      el('div', { class: 'report-actions' }, this.printButton, this.closeButton),
      this.status,
    );
    this.root = el(
      'div',
      {
        id: 'report-view',
        class: 'report-view',
        role: 'dialog',
        'aria-modal': 'true',
        'aria-labelledby': 'report-dialog-title',
        hidden: '',
      },
      toolbar,
      this.pages,
    );
    this.root.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.close();
    });
    document.head.append(this.pageStyle);
    this.kindSelect.onchange = () => {
      this.kind = this.kindSelect.value === 'profile' ? 'profile' : 'gap';
      this.sync();
      void this.render();
    };
    this.areaSelect.onchange = () => {
      if (!this.areaSelect.value.startsWith('custom:')) this.custom = null;
      void this.render();
    };
    this.titleInput.oninput = () => {
      this.titleEdited = true;
      this.refreshText();
    };
    this.subtitleInput.oninput = () => {
      this.subtitleEdited = true;
      this.refreshText();
    };
    this.tablesBox.onchange = () => void this.render();
    this.printButton.onclick = () => void this.print();
    this.closeButton.onclick = () => this.close();
    this.setOrientation('portrait');
    host.onViewChange(() => {
      if (this.isOpen()) this.rerender();
    });
    onReportRequest((r) => this.open(r));
  }

  private readonly rerender = debounce(() => void this.render(), 200);

  open(request: ReportRequest, orientation?: Orientation): void {
    this.opener = document.activeElement;
    this.kind = request.kind;
    this.kindSelect.value = request.kind;
    if (request.kind === 'profile' && request.target?.kind === 'custom')
      this.custom = request.target;
    if (request.kind === 'profile' && request.target?.kind === 'area')
      this.areaSelect.dataset.want = `${request.target.geography}:${request.target.code}`;
    if (orientation) this.setOrientation(orientation);
    if (!this.isOpen()) {
      if (!this.root.isConnected) document.body.append(this.root);
      // Everything else is out of reach of the keyboard and screen readers while it is open.
      for (const c of document.body.children)
        if (c !== this.root && c instanceof HTMLElement) c.inert = true;
      document.body.classList.add('report-open');
      this.root.hidden = false;
    }
    this.kindSelect.focus();
    this.sync();
    void this.render();
  }

  isOpen(): boolean {
    return !this.root.hidden && this.root.isConnected;
  }

  close(): void {
    if (!this.isOpen()) return;
    this.root.hidden = true;
    for (const c of document.body.children) if (c instanceof HTMLElement) c.inert = false;
    document.body.classList.remove('report-open');
    this.host.patchState({ rep: undefined, orient: undefined });
    if (this.opener instanceof HTMLElement) this.opener.focus();
  }

  private setOrientation(o: Orientation): void {
    this.orientation = o;
    for (const r of this.root.querySelectorAll<HTMLInputElement>('input[name="report-orient"]'))
      r.checked = r.value === o;
    this.pages.classList.toggle('portrait', o === 'portrait');
    this.pages.classList.toggle('landscape', o === 'landscape');
    // The browser's print takes its paper size and margins from here.
    this.pageStyle.textContent = `@page { size: A4 ${o}; margin: 12mm; }`;
    if (this.isOpen()) {
      this.host.patchState({ orient: o });
      void this.render();
    }
  }

  /** Controls that apply to one kind of report only. */
  private sync(): void {
    const profile = this.kind === 'profile';
    this.areaSelect.hidden = !profile;
    this.areaLabel.hidden = !profile;
    this.titleInput.disabled = profile;
    this.subtitleInput.disabled = profile;
    this.host.patchState({ rep: this.kind, orient: this.orientation });
    if (profile) this.fillAreas(this.host.view());
  }

  private fillAreas(view: AtlasView): void {
    const want =
      this.areaSelect.dataset.want ??
      (this.custom
        ? `custom:${this.custom.report.area.id}`
        : this.areaSelect.value || (view.selection ? `${view.geography}:${view.selection}` : ''));
    delete this.areaSelect.dataset.want;
    const groups = profileAreaGroups(
      view,
      this.custom ? { id: this.custom.report.area.id, name: this.custom.report.area.name } : null,
    );
    this.areaSelect.replaceChildren(
      ...groups.map((g) =>
        el('optgroup', { label: g.label }, ...g.options.map((o) => el('option', o))),
      ),
    );
    this.areaSelect.value =
      want && groups.some((g) => g.options.some((o) => o.value === want))
        ? want
        : fallbackArea(view, groups);
  }

  /** Title and subtitle follow the view unless typed; shown on the page as they are typed. */
  private refreshText(): void {
    const view = this.host.view();
    if (!this.titleEdited) this.titleInput.value = defaultReportTitle(view);
    if (!this.subtitleEdited) this.subtitleInput.value = defaultReportSubtitle(view);
    if (this.kind !== 'gap') return;
    const title = this.pages.querySelector('.rp-one-pager .rp-title');
    const subtitle = this.pages.querySelector('.rp-one-pager .rp-subtitle');
    if (title) title.textContent = this.titleInput.value;
    if (subtitle) subtitle.textContent = this.subtitleInput.value;
  }

  private async siiFor(
    view: AtlasView,
  ): Promise<{ sii: Result<InequalityOutput>; computedLe: ComputedLeSii | null }> {
    // Life expectancy computed from a deaths file has OHID's SII, from the panel's life tables.
    const computedLe = computedLeSiiFor(view.geography, view.indicator.id);
    if (computedLe) return { sii: { ok: true, value: computedLeOutput(computedLe) }, computedLe };
    // firstuse: the one headline SII the gap view also shows (src/gap/headline_sii.ts).
    return { sii: await headlineSii(this.ctx, view), computedLe: null };
  }

  private render(): Promise<void> {
    this.rendering = this.draw();
    return this.rendering;
  }

  private async draw(): Promise<void> {
    const token = ++this.token;
    const view = this.host.view();
    this.pages.dataset.state = 'busy';
    this.printButton.disabled = true;
    this.refreshText();
    try {
      const headline = await loadHeadline(view.model.manifest);
      let pages: HTMLElement[];
      if (this.kind === 'gap') {
        this.status.textContent =
          'Working out the slope index of inequality (100,000 simulations)…';
        const { sii, computedLe } = await this.siiFor(view);
        if (token !== this.token) return;
        pages = onePagerPages({
          view,
          title: this.titleInput.value,
          subtitle: this.subtitleInput.value,
          headline,
          sii,
          computedLe,
          dataTables: this.tablesBox.checked,
          orientation: this.orientation,
          date: new Date(),
        });
      } else {
        pages = await this.profile(view, headline);
        if (token !== this.token) return;
      }
      this.pages.replaceChildren(...pages);
      this.pages.dataset.state = 'ready';
      this.status.textContent = `${pages.length === 1 ? 'One page' : `${pages.length} sections`} ready, A4 ${this.orientation}. Print with the button, or the browser's print (choose "Save as PDF").`;
    } catch (err) {
      if (token !== this.token) return;
      this.pages.dataset.state = 'error';
      this.pages.replaceChildren(
        el('p', {
          class: 'refusal',
          text: `The report could not be made: ${(err as Error).message}`,
        }),
      );
      this.status.textContent = 'The report could not be made.';
    } finally {
      if (token === this.token) this.printButton.disabled = false;
    }
  }

  private async profile(view: AtlasView, headline: Headline | string): Promise<HTMLElement[]> {
    const input = {
      view,
      england: englandValues(headline),
      region: regionValues(headline),
      date: new Date(),
    };
    const value = this.areaSelect.value;
    if (value.startsWith('custom:') && this.custom)
      return customProfilePages(input, this.custom.report);
    const [g, code] = value.split(':') as [GeographyId, string | undefined];
    const t = view.model.tables[g];
    const index = code ? (t?.codes.indexOf(code) ?? -1) : -1;
    if (!t || !code || index < 0)
      throw new Error(`choose an area: "${value}" is not one of the atlas's areas`);
    this.status.textContent = `Finding the assets in ${t.names[index] ?? code}…`;
    const assets = await this.host.assetsIn(g, index);
    return areaProfilePages(input, { geography: g, code }, assets);
  }

  private async print(): Promise<void> {
    await this.rendering;
    window.print();
  }
}
