/**
 * "Custom areas": pick areas of the geography on screen (on the map or from a list, for the
 * keyboard), or draw a polygon; save, rename, delete and export them; show their figures.
 * (About 400 lines: the section's form and its list of saved areas share one state; drawing,
 * storage, figures and export already live in their own modules.)
 */
import type { AtlasView } from '../state/atlas_view.ts';
import { GEOGRAPHY_LEVELS, type GeographyId } from '../../contracts/geography.ts';
import { openIndexedDbRecordBackend } from '../storage/indexeddb_record_backend.ts';
import { MemoryRecordBackend } from '../storage/memory_record_backend.ts';
import { download, el } from '../ui/dom.ts';
import { AreaPicker } from './area_picker.ts';
import { exportFileName } from './custom_area_geojson.ts';
import { requestReport } from '../reports/report_requests.ts';
import { buildCustomAreaReport, type CustomAreaReport } from './custom_area_report.ts';
import {
  createCustomAreaStore,
  newCustomAreaId,
  type CustomArea,
  type CustomAreaStore,
} from './custom_area_store.ts';
import { exportText, renderCustomAreaFigures } from './custom_area_figures_view.ts';
import { areas, count } from './format.ts';
import type { MapClickCapture } from './map_click_capture.ts';
import { lsoaGeographyOf, type PanelContext } from './panel_context.ts';
import { PolygonDrawer, type LonLat } from './polygon_drawer.ts';

export class CustomAreaSection {
  readonly root: HTMLDetailsElement;
  private readonly picker: AreaPicker;
  private readonly drawer: PolygonDrawer;
  private readonly status = el('p', { id: 'custom-status', role: 'status', 'aria-live': 'polite' });
  private readonly pickButton = el('button', {
    type: 'button',
    id: 'pick-toggle',
    'aria-pressed': 'false',
    text: 'Pick areas on the map',
  });
  private readonly drawButton = el('button', {
    type: 'button',
    id: 'draw-start',
    text: 'Draw a polygon',
  });
  private readonly pickPanel = el('div', { id: 'pick-panel', hidden: '' });
  private readonly options = el('div', { id: 'pick-options', role: 'group' });
  private readonly nameInput = el('input', { id: 'custom-name', type: 'text', maxlength: '120' });
  private readonly list = el('ul', { id: 'custom-list' });
  private readonly stats = el('div', { id: 'custom-area-stats', 'aria-live': 'polite' });
  private picking: { geography: GeographyId; codes: Set<string> } | null = null;
  private areas: CustomArea[] = [];
  private shown: { id: string; report: CustomAreaReport | null } | null = null;
  private token = 0;
  private readonly store: Promise<CustomAreaStore>;

  constructor(
    private readonly ctx: PanelContext,
    capture: MapClickCapture,
  ) {
    const map = ctx.host.view().map;
    this.picker = new AreaPicker(map, capture, (code) => this.toggle(code));
    this.drawer = new PolygonDrawer(map, capture, {
      onChange: (n) =>
        this.say(
          `Drawing: ${n} corner${n === 1 ? '' : 's'}. Click the map to add corners; double-click or press Enter to finish; Escape cancels.`,
        ),
      onFinish: (ring) => void this.saveDrawn(ring),
      onCancel: (reason) => {
        this.drawButton.setAttribute('aria-pressed', 'false');
        this.say(`No polygon: ${reason}.`);
      },
    });
    this.store = openIndexedDbRecordBackend({ name: 'gap-atlas-custom-areas' })
      .catch((err: unknown) => {
        this.say(
          `Custom areas cannot be kept in this browser (${(err as Error).message}); they will last until the page is closed.`,
        );
        return new MemoryRecordBackend();
      })
      .then(createCustomAreaStore);
    const filter = el('input', {
      type: 'search',
      id: 'pick-filter',
      'aria-label': 'Filter the list of areas',
    });
    filter.oninput = () => {
      const q = filter.value.trim().toLowerCase();
      for (const label of this.options.querySelectorAll('label'))
        label.hidden = q !== '' && !(label.textContent ?? '').toLowerCase().includes(q);
    };
    const save = el('button', { type: 'button', id: 'pick-save', text: 'Save custom area' });
    const clear = el('button', { type: 'button', id: 'pick-clear', text: 'Clear' });
    save.onclick = () => void this.savePicked();
    clear.onclick = () => this.setPicked(new Set());
    this.pickPanel.append(
      el(
        'details',
        { id: 'pick-list' },
        el('summary', { text: 'Pick from a list (keyboard)' }),
        filter,
        this.options,
      ),
      el('label', { for: 'custom-name', text: 'Name ' }),
      this.nameInput,
      el('div', { class: 'button-row' }, save, clear),
    );
    this.pickButton.onclick = () => (this.picking ? this.stopPicking('') : this.startPicking());
    this.drawButton.onclick = () =>
      this.drawer.active ? this.drawer.finish() : this.startDrawing();
    this.root = el(
      'details',
      { id: 'custom-area-section', class: 'analysis-block' },
      el('summary', { text: 'Custom areas' }),
      el('p', {
        class: 'hint',
        text: 'Pick areas of the geography on the map, or draw a polygon, and get their population, deprivation, assets and any indicator. Kept in this browser only.',
      }),
      el('div', { class: 'button-row' }, this.pickButton, this.drawButton),
      this.status,
      this.pickPanel,
      el('h3', { class: 'small-heading', text: 'Your custom areas' }),
      this.list,
      this.stats,
    );
    this.root.addEventListener('toggle', () => {
      if (!this.root.open) {
        this.stopPicking('');
        this.drawer.cancel();
      }
    });
    ctx.host.onViewChange((view) => this.viewChanged(view));
    void this.load();
  }

  private say(text: string): void {
    this.status.textContent = text;
  }

  private async load(): Promise<void> {
    const { areas, skipped } = await (await this.store).list();
    this.areas = areas;
    this.renderList();
    if (skipped.length > 0)
      this.say(`${skipped.length} saved custom area(s) could not be read and were left out.`);
  }

  // ---- picking ----

  private startPicking(): void {
    this.drawer.cancel();
    const view = this.ctx.host.view();
    const g = view.geography;
    this.picking = { geography: g, codes: new Set() };
    this.picker.start(g);
    this.pickButton.setAttribute('aria-pressed', 'true');
    this.pickButton.textContent = 'Stop picking';
    const t = view.model.table(g);
    this.options.setAttribute('aria-label', `${GEOGRAPHY_LEVELS[g].label} areas`);
    this.options.replaceChildren(
      ...t.codes.map((code, i) => {
        const box = el('input', { type: 'checkbox', value: code });
        box.onchange = () => this.toggle(code);
        return el('label', {}, box, ` ${t.names[i] ?? code} (${code})`);
      }),
    );
    this.pickPanel.hidden = false;
    this.setPicked(new Set());
  }

  private stopPicking(reason: string): void {
    if (!this.picking) return;
    this.picking = null;
    this.picker.stop();
    this.pickButton.setAttribute('aria-pressed', 'false');
    this.pickButton.textContent = 'Pick areas on the map';
    this.pickPanel.hidden = true;
    this.outlineShown();
    if (reason) this.say(reason);
  }

  private toggle(code: string): void {
    if (!this.picking) return;
    const codes = new Set(this.picking.codes);
    if (codes.has(code)) codes.delete(code);
    else codes.add(code);
    this.setPicked(codes);
  }

  private setPicked(codes: Set<string>): void {
    if (!this.picking) return;
    this.picking.codes = codes;
    const g = this.picking.geography;
    this.picker.outline(g, codes);
    for (const box of this.options.querySelectorAll<HTMLInputElement>('input[type="checkbox"]'))
      box.checked = codes.has(box.value);
    const view = this.ctx.host.view();
    const t = view.model.table(g);
    const pop = t.values[view.model.populationId(g)] ?? [];
    let people = 0;
    t.codes.forEach((c, i) => {
      if (codes.has(c)) people += pop[i] ?? 0;
    });
    const noun = GEOGRAPHY_LEVELS[g].noun;
    this.say(
      codes.size === 0
        ? `Picking ${noun}: click areas on the map, or tick them in the list, then save.`
        : `${areas(codes.size, noun)} picked, ${count(people)} people. Click again to drop one.`,
    );
  }

  private async savePicked(): Promise<void> {
    const p = this.picking;
    if (!p || p.codes.size === 0) {
      this.say('Pick at least one area before saving.');
      return;
    }
    const noun = GEOGRAPHY_LEVELS[p.geography].noun;
    const area: CustomArea = {
      id: newCustomAreaId(),
      kind: 'picked',
      name:
        this.nameInput.value.trim() ||
        `${areas(p.codes.size, noun)} (${new Date().toLocaleDateString('en-GB')})`,
      createdAt: new Date().toISOString(),
      geography: p.geography,
      codes: [...p.codes],
    };
    this.nameInput.value = '';
    await this.add(area);
    this.stopPicking('');
  }

  // ---- drawing ----

  private startDrawing(): void {
    this.stopPicking('');
    this.drawButton.setAttribute('aria-pressed', 'true');
    this.drawer.start();
  }

  private async saveDrawn(ring: LonLat[]): Promise<void> {
    this.drawButton.setAttribute('aria-pressed', 'false');
    const g = lsoaGeographyOf(this.ctx.host.view().geography);
    const name = `Drawn area ${this.areas.filter((a) => a.kind === 'drawn').length + 1}`;
    this.say(`"${name}" saved with ${ring.length} corners; rename it below.`);
    await this.add({
      id: newCustomAreaId(),
      kind: 'drawn',
      name,
      createdAt: new Date().toISOString(),
      geography: g,
      ring,
    });
  }

  // ---- saved areas ----

  private async add(area: CustomArea): Promise<void> {
    try {
      await (await this.store).put(area);
    } catch (err) {
      this.say(`Not saved: ${(err as Error).message}`);
      return;
    }
    this.areas.push(area);
    this.renderList();
    await this.show(area);
  }

  private renderList(): void {
    this.list.replaceChildren(
      ...this.areas.map((area) => {
        const name = el('input', {
          type: 'text',
          value: area.name,
          maxlength: '120',
          'aria-label': 'Name of the custom area',
        });
        // Handlers look the area up by id: a rename replaces the object.
        const current = (): CustomArea => this.areas.find((a) => a.id === area.id) ?? area;
        name.onchange = () => void this.rename(current(), name.value);
        const show = el('button', { type: 'button', class: 'show', text: 'Show' });
        show.onclick = () => void this.show(current());
        const exp = el('button', { type: 'button', class: 'export', text: 'Export GeoJSON' });
        exp.onclick = () => void this.export(current());
        const page = el('button', { type: 'button', class: 'profile-page', text: 'Profile page' });
        page.onclick = () => void this.profilePage(current());
        const del = el('button', { type: 'button', class: 'delete', text: 'Delete' });
        del.onclick = () => void this.remove(current());
        const kind =
          area.kind === 'drawn'
            ? 'drawn'
            : areas(area.codes.length, GEOGRAPHY_LEVELS[area.geography].noun);
        return el(
          'li',
          { 'data-id': area.id },
          name,
          el('span', { class: 'hint', text: ` ${kind} ` }),
          el('span', { class: 'button-row' }, show, exp, page, del),
        );
      }),
    );
    if (this.areas.length === 0) this.list.append(el('li', { class: 'hint', text: 'None yet.' }));
  }

  private async rename(area: CustomArea, name: string): Promise<void> {
    const trimmed = name.trim();
    if (!trimmed) {
      this.say('A custom area needs a name; the old one was kept.');
      this.renderList();
      return;
    }
    const renamed: CustomArea = { ...area, name: trimmed };
    await (await this.store).put(renamed);
    this.areas = this.areas.map((a) => (a.id === area.id ? renamed : a));
    if (this.shown?.id === area.id && this.shown.report) {
      this.shown.report = { ...this.shown.report, area: renamed };
      const title = this.stats.querySelector('#custom-stats-title');
      if (title) title.textContent = trimmed;
    }
    this.say(`Renamed to "${trimmed}".`);
  }

  private async remove(area: CustomArea): Promise<void> {
    await (await this.store).remove(area.id);
    this.areas = this.areas.filter((a) => a.id !== area.id);
    if (this.shown?.id === area.id) {
      this.shown = null;
      this.stats.replaceChildren();
      this.outlineShown();
    }
    this.renderList();
    this.say(`Deleted "${area.name}".`);
  }

  private async show(area: CustomArea): Promise<void> {
    const token = ++this.token;
    this.shown = { id: area.id, report: null };
    this.outlineShown();
    this.stats.replaceChildren(el('p', { class: 'hint', text: `Working out "${area.name}"…` }));
    let report: CustomAreaReport;
    try {
      report = await buildCustomAreaReport(this.ctx, area);
    } catch (err) {
      if (token === this.token)
        this.stats.replaceChildren(
          el('p', { class: 'refusal', text: `Could not work it out: ${(err as Error).message}` }),
        );
      return;
    }
    if (token !== this.token) return;
    this.shown = { id: area.id, report };
    this.stats.replaceChildren(renderCustomAreaFigures(this.ctx.host.view(), report));
    this.root.dataset.shown = area.id;
  }

  /** The area's A4 profile page (src/reports/), built from the same figures as "Show". */
  private async profilePage(area: CustomArea): Promise<void> {
    const current = this.shown?.id === area.id ? this.shown.report : null;
    try {
      const report = current ?? (await buildCustomAreaReport(this.ctx, area));
      if (!requestReport({ kind: 'profile', target: { kind: 'custom', report } }))
        this.say('The report pages are not ready yet; try again in a moment.');
    } catch (err) {
      this.say(`Cannot make the profile of "${area.name}": ${(err as Error).message}`);
    }
  }

  private async export(area: CustomArea): Promise<void> {
    const current = this.shown?.id === area.id ? this.shown.report : null;
    let report: CustomAreaReport;
    try {
      report = current ?? (await buildCustomAreaReport(this.ctx, area));
    } catch (err) {
      this.say(`Cannot export "${area.name}": ${(err as Error).message}`);
      return;
    }
    const text = exportText(this.ctx.host.view(), report);
    if (text === null) {
      this.say(
        `Cannot export "${area.name}": the ${GEOGRAPHY_LEVELS[area.geography].label} boundaries are not on the map yet; show ${GEOGRAPHY_LEVELS[area.geography].noun} once.`,
      );
      return;
    }
    download(exportFileName(area.name), 'application/geo+json', text);
    this.say(`Exported "${area.name}" as GeoJSON.`);
  }

  /** Outlines the shown area on the map: picked areas by feature-state, a drawn one as a shape. */
  private outlineShown(): void {
    if (this.picking) return;
    const area = this.areas.find((a) => a.id === this.shown?.id);
    const view = this.ctx.host.view();
    if (area?.kind === 'picked') {
      this.picker.outline(area.geography, new Set(area.codes));
      this.drawer.show(null);
    } else {
      this.picker.outline(view.geography, new Set());
      this.drawer.show(area?.kind === 'drawn' ? area.ring : null);
    }
  }

  private viewChanged(view: AtlasView): void {
    if (this.picking && this.picking.geography !== view.geography) {
      this.stopPicking(
        `Picking stopped: the map now shows ${GEOGRAPHY_LEVELS[view.geography].label}. Start again to pick those.`,
      );
    }
  }
}
