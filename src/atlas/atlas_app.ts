import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Remote } from 'comlink';
import type { GeographyId } from '../../contracts/geography.ts';
import type { IndicatorMeta, LayerMeta } from '../../contracts/manifest.ts';
import type { PointCollection } from '../../contracts/point_layer.ts';
import type { AtlasDataApi, ChoroplethResult } from '../../workers/atlas/atlas_data_api.ts';
import type { ImportedIndicator } from '../../workers/import_api.ts';
import type { AtlasModel } from '../atlas_model.ts';
import { setFlag, showGeography } from '../map/area_layers.ts';
import { addContextLayers } from '../map/context_layers.ts';
import { setPointLayerVisible } from '../map/point_layers.ts';
import { serializeViewState, type ViewState } from '../state/view_state.ts';
import type { AtlasView, GapInputs } from '../state/atlas_view.ts';
import { byId } from '../ui/dom.ts';
import { GapChart } from '../ui/gap_chart.ts';
import { renderIndicatorMeta } from '../ui/indicator_picker.ts';
import { TableView } from '../ui/table_view.ts';
import { afterNextFrame, debounce, yieldToMain } from '../ui/schedule.ts';
import { AreaLocator } from './area_locator.ts';
import {
  fillAreaList,
  renderIndicatorChoices,
  syncControls,
  syncLevels,
  wireControls,
} from './controls.ts';
import { type Areas, DecodedAreas } from './decoded_areas.ts';
import { decilesOf } from './deciles.ts';
import { resolveView } from './resolve_view.ts';
import {
  addAreasOnce,
  addBundlePoints,
  nextIdleFrame,
  paintChoropleth,
  showPointLayers,
  showWardContext,
} from './map_paint.ts';
import { searchArea, tooltipText } from './area_text.ts';
import { gapInputs } from './gap_inputs.ts';
import { showGpPractices } from './gp_colouring.ts';
import { joinImported } from './join_imported.ts';
import { MapInteraction } from './map_interaction.ts';
import { renderMapKey } from './map_key.ts';
import { renderGapMeasuresLater } from './gap_measures_later.ts';
import { putLayerMeta } from './layer_list.ts';
import type { PlaceFiles } from '../places/places.ts';

export const AREA_GEOGRAPHIES: GeographyId[] = ['lsoa11', 'lsoa21', 'msoa11', 'msoa21', 'ward'];

/**
 * The atlas screen: holds the view state and draws it. Each part has its own module (controls,
 * map interaction, imports, map key, gap inputs, point joins); this class only sequences them.
 * Everything user-visible is set as text. (About 440 lines: the render sequence with its
 * supersede checks reads best in one place; the work itself is in the modules it calls.)
 */
export class AtlasApp {
  private geography: GeographyId = 'lsoa11';
  private choropleth: ChoroplethResult | null = null;
  private hovered: string | undefined;
  private readonly table: TableView;
  private readonly gap: GapChart;
  private readonly locator: AreaLocator;
  private interaction: MapInteraction | null = null;
  private renderToken = 0;
  private firstRenderDone = false;
  private drawKey: () => void = () => undefined;
  private lastGap: GapInputs | null = null;
  private readonly areas: DecodedAreas;
  private readonly viewListeners: ((view: AtlasView) => void)[] = [];
  /** The indicator list must be rebuilt (first render, or an indicator was added or removed). */
  private pickerStale = true;
  /** firstuse: the bundle's place files (search index, neighbours), set by main before start. */
  placeFiles: PlaceFiles | null = null;

  constructor(
    private readonly map: MapLibreMap,
    private readonly worker: Remote<AtlasDataApi>,
    private readonly model: AtlasModel,
    private readonly points: Map<string, PointCollection>,
    private state: ViewState,
    private readonly notice: (message: string) => void,
    /** Decodes more geographies (the first frame needs one; the rest come after it). */
    loadAreas: (gs: GeographyId[]) => Promise<Areas>,
    /** URL of each geography's GeoJSON for the map (MapLibre loads it in its worker). */
    private readonly mapData: Partial<Record<GeographyId, string>> = {},
  ) {
    this.table = new TableView(
      byId('table-view'),
      (c) => void this.select(c),
      (c) => this.hover(c),
    );
    this.gap = new GapChart(
      byId('gap-chart'),
      (c) => this.hover(c),
      (c) => void this.select(c),
    );
    this.areas = new DecodedAreas(map, loadAreas);
    this.locator = new AreaLocator(model, points, async (g, xy) => {
      await this.areas.ensure([g]);
      return worker.locatePoints(g, xy);
    });
  }

  /**
   * Called after every completed render (geography, indicator, selection or classes changed),
   * and at once when a view is already on screen: panels loaded after the first frame start
   * from the view they find.
   */
  onViewChange(listener: (view: AtlasView) => void): void {
    this.viewListeners.push(listener);
    if (this.firstRenderDone) listener(this.view());
  }

  /** What is on screen now, for panels that build on the atlas (analysis, reports). */
  view(): AtlasView {
    return {
      geography: this.geography,
      indicator: this.meta(),
      selection: this.state.sel,
      state: this.state,
      model: this.model,
      map: this.map,
      points: this.points,
      classes: this.choropleth,
      areas: this.areas.byGeography,
      gap: this.lastGap,
    };
  }

  /** Adds map layers and wires every control; then draws the first view. */
  async start(areas: Areas | Promise<Areas>): Promise<void> {
    // The map draws from its URLs; the decoded areas (point location, panels) may come later.
    this.areas.start(areas);
    wireControls(this.state, this.model.manifest.layers, {
      update: (change) => void this.update(change),
      search: (q) => this.search(q),
      exportCsv: () =>
        this.table.exportCsv(
          `${this.state.ind}_${this.geography}_${this.model.manifest.area.id}.csv`,
        ),
    });
    this.interaction = new MapInteraction(this.map, {
      hover: (code) => this.hover(code),
      select: (code) => void this.select(code),
      tooltip: (code) => this.tooltipText(code),
      moved: (at) => this.patchState({ at }),
    });
    // Stored imports are needed first only when the link names one; otherwise they load
    // after the first frame (opening IndexedDB and the import worker takes a while).
    const imports = this.state.ind.startsWith('import_') ? await this.startImports() : null;
    performance.mark('step 4.2 imports ready');
    await this.render();
    if (imports === null)
      void this.startImports().catch((err: unknown) =>
        this.notice(`Imported indicators could not be loaded: ${(err as Error).message}`),
      );
  }

  /**
   * After the first frame: the other geographies (for switching, reports and analyses), the
   * ward lines drawn over the other geographies, and the ward names.
   */
  async addContext(): Promise<void> {
    await this.areas.ensure(AREA_GEOGRAPHIES.filter((g) => this.model.tables[g]));
    const decoded = this.areas.byGeography;
    addContextLayers(this.map, this.model, new Map(), this.mapData.ward ?? decoded.ward);
    // Every geography's source now, its layers hidden: MapLibre's worker parses them ahead,
    // so a geography switch only shows layers (no fetch, no parse, no source rebuilt).
    for (const g of AREA_GEOGRAPHIES) this.addGeography(g);
    showWardContext(this.map, this.geography);
    for (const l of this.viewListeners) l(this.view());
  }

  /** The import panel and its worker are code the first frame does not need: loaded later. */
  private async startImports(): Promise<void> {
    const { startImportedIndicators } = await import('./imported_indicators.ts');
    return startImportedIndicators(this.model, {
      added: (ind, show) => this.addImported(ind, show),
      removed: (id) => this.removeImported(id),
      notice: this.notice,
    }).then(() => {
      if (this.pickerStale && this.firstRenderDone) this.refreshPicker();
    });
  }

  /** Joins an imported indicator to its geography by code and makes it pickable. */
  async addImported(ind: ImportedIndicator, show: boolean): Promise<void> {
    const joined = joinImported(this.model, ind);
    if (!joined) {
      this.notice(`"${ind.meta.label}" is at ${ind.geography} level, which the map does not show.`);
      return;
    }
    await this.worker.putIndicator(ind.geography, ind.meta.id, joined.values);
    this.pickerStale = true;
    if (show) await this.update({ ind: ind.meta.id, level: joined.level });
  }

  async removeImported(id: string): Promise<void> {
    this.model.removeIndicator(id);
    this.pickerStale = true;
    await this.update(this.state.ind === id ? { ind: 'imd2019_score' } : {});
  }

  private search(query: string): void {
    searchArea(query, {
      placeFiles: this.placeFiles,
      model: this.model,
      geography: () => this.geography,
      locate: (g, xy) => this.worker.locatePoints(g, xy),
      select: (code) => void this.select(code),
      map: this.map,
      notice: this.notice,
    });
  }

  private tooltipText(code: string) {
    return tooltipText(this.model, this.geography, this.meta(), this.choropleth, code);
  }

  private meta(): IndicatorMeta {
    const m = this.model.indicators.get(this.state.ind);
    if (!m) throw new Error(`unknown indicator ${this.state.ind}`);
    return m;
  }

  /** Changes state that needs no redraw of the atlas (the open report page) and the URL. */
  patchState(change: Partial<ViewState>): void {
    this.state = { ...this.state, ...change };
    this.writeUrl();
  }

  async update(change: Partial<ViewState>): Promise<void> {
    this.state = { ...this.state, ...change };
    await this.render();
  }

  private paintedOnce: () => void = () => undefined;
  /** Resolves when the first choropleth has been handed to the map (before the panels). */
  readonly firstPaint = new Promise<void>((resolve) => (this.paintedOnce = resolve));

  /** The indicator and geography to draw, correcting a state that names what cannot be drawn. */
  private resolveView(): { meta: IndicatorMeta; geography: GeographyId } {
    const r = resolveView(this.model, this.state);
    for (const message of r.notices) this.notice(message);
    this.state = r.state;
    syncLevels(this.state.level, r.available, r.meta);
    return r;
  }

  /** Draws the whole view from the state. Later calls supersede earlier ones still waiting. */
  async render(): Promise<void> {
    const token = ++this.renderToken;
    const { meta, geography } = this.resolveView();
    // A geography the map loads by URL is drawn before the worker has decoded it.
    const decoded = this.areas.ensure([geography]);
    decoded.catch(() => undefined); // awaited below, unless a later render supersedes this one
    if (!this.mapData[geography]) await decoded;
    if (token !== this.renderToken) return;
    const previous = this.geography;
    const c = await this.worker.choropleth({
      geography,
      indicator: meta.id,
      method: meta.kind === 'decile' ? 'decile' : this.state.cls,
      k: this.state.k,
      higherIsWorse: meta.polarity !== 'higher-is-better',
    });
    if (token !== this.renderToken) return;
    if (previous !== geography) {
      setFlag(this.map, previous, this.hovered, 'hover', false);
      setFlag(this.map, previous, this.state.sel, 'selected', false);
    }
    this.geography = geography;
    this.choropleth = c;
    this.paintMap(meta, geography, c);
    this.paintedOnce();
    const geoLabel =
      this.model.manifest.geographies.find((x) => x.id === geography)?.label ?? geography;
    // Then the panels, each piece its own task; the first time, after the map's first frame.
    await (this.firstRenderDone ? afterNextFrame() : nextIdleFrame(this.map));
    await decoded;
    if (token !== this.renderToken) return;
    this.drawKey = () => renderMapKey(meta, c, this.state.pal, geoLabel, this.visibleLayers());
    this.drawKey();
    if (this.pickerStale) this.refreshPicker();
    renderIndicatorMeta(byId('ind-meta'), meta, meta.geographies[geography]?.method);
    syncControls(this.state, meta, c);
    const t = this.model.table(geography);
    if (previous !== geography || !byId('area-list').hasChildNodes())
      fillAreaList(t.names, t.codes);
    await yieldToMain();
    if (token !== this.renderToken) return;

    const deciles = decilesOf(this.model, geography);
    this.table.update(
      meta,
      t,
      c.ranks,
      geography.startsWith('lsoa') ? deciles.values : null,
      `${meta.label} by ${geoLabel}, ${this.model.manifest.area.name}. Source: ${meta.source}, ${meta.period}.`,
    );
    await yieldToMain();
    if (token !== this.renderToken) return;
    const gap = await gapInputs(
      this.model,
      geography,
      meta,
      this.state.order,
      deciles,
      this.locator,
      this.state.loc,
    );
    if (token !== this.renderToken) return;
    this.lastGap = gap;
    this.gap.render(gap.meta, gap.items, gap.order, gap.decileLabel, gap.summaries, gap.areaNoun);
    // firstuse: range, locality difference and the one SII, named, above the chart.
    void renderGapMeasuresLater(this.view(), this);
    await yieldToMain();
    if (token !== this.renderToken) return;
    if (this.state.sel && !t.codes.includes(this.state.sel))
      this.state = { ...this.state, sel: undefined };
    await this.renderSelection();
    this.writeUrl();
    this.firstRenderDone = true;
    for (const l of this.viewListeners) l(this.view());
  }

  private visibleLayers(): LayerMeta[] {
    const on = new Set((this.state.layers ?? '').split(',').filter(Boolean));
    return this.model.manifest.layers.filter((l) => on.has(l.id));
  }

  private paintMap(meta: IndicatorMeta, g: GeographyId, c: ChoroplethResult): void {
    this.addGeography(g);
    paintChoropleth(this.map, g, this.model.table(g).codes, c, this.state.pal, meta);
    showGeography(this.map, g, AREA_GEOGRAPHIES, c.n < c.classes.length);
    showWardContext(this.map, this.geography);
    showPointLayers(this.map, this.model.manifest.layers, this.visibleLayers());
  }

  private addGeography(g: GeographyId): void {
    const data = this.mapData[g] ?? this.areas.byGeography[g];
    if (!data || !this.model.tables[g]) return;
    addAreasOnce(this.map, g, data);
    this.interaction?.bindGeography(g);
  }

  private hover(code: string | undefined): void {
    if (code === this.hovered) return;
    setFlag(this.map, this.geography, this.hovered, 'hover', false);
    this.hovered = code;
    setFlag(this.map, this.geography, code, 'hover', true);
    this.gap.highlight(code);
    document.body.dataset.hovered = code ?? '';
  }

  async select(code: string | undefined): Promise<void> {
    setFlag(this.map, this.geography, this.state.sel, 'selected', false);
    this.state = { ...this.state, sel: code };
    await this.renderSelection();
    this.writeUrl();
    for (const l of this.viewListeners) l(this.view());
  }

  private async renderSelection(): Promise<void> {
    const code = this.state.sel;
    const panel = byId('profile');
    this.table.select(code);
    if (!code) {
      panel.hidden = true;
      return;
    }
    setFlag(this.map, this.geography, code, 'selected', true);
    const i = this.model.table(this.geography).codes.indexOf(code);
    if (i < 0) return;
    // Its significance tests (and their distributions, ~38 KB gzipped) load with the first one.
    const { renderProfile } = await import('../ui/area_profile.ts');
    renderProfile(
      panel,
      this.model,
      this.geography,
      i,
      await this.assetsIn(this.geography, i),
      location.href,
      // firstuse: focus goes back to the table row the profile was opened from.
      () => void this.select(undefined).then(() => this.table.restoreFocus()),
    );
    panel.hidden = false;
  }

  /** Names of the mapped assets inside area `index` of `g`, per point layer. */
  assetsIn(g: GeographyId, index: number) {
    return this.locator.assetsIn(g, index, this.model.manifest.layers);
  }

  /** URL writes are batched: browsers throttle replaceState and each call costs. */
  private readonly writeUrl = debounce(() => {
    history.replaceState(null, '', serializeViewState(this.state));
  }, 150);

  private refreshPicker(): void {
    renderIndicatorChoices(this.model, this.state.ind);
    this.pickerStale = false;
  }

  /**
   * The bundle's point layers, loaded after the first frame: drawn (shown as the view says),
   * counted in profiles and offered to the analyses.
   */
  addPointLayers(layers: ReadonlyMap<string, PointCollection>): void {
    addBundlePoints(
      this.map,
      this.model.manifest.layers,
      layers,
      this.visibleLayers(),
      this.points,
    );
    const gp = this.points.get('gp_practices');
    if (gp) showGpPractices(this.map, gp);
    this.locator.forgetAssets();
    if (this.firstRenderDone) {
      void this.renderSelection();
      for (const l of this.viewListeners) l(this.view());
    }
  }

  /**
   * A point layer that arrives after start (the community register): counted in profiles and
   * offered to the analyses; the pipeline layer it `replaces` leaves them and the map.
   */
  addAnalysisLayer(meta: LayerMeta, points: PointCollection, replaces?: string): void {
    this.points.set(meta.id, points);
    if (replaces && putLayerMeta(this.model.manifest.layers, meta, replaces)) {
      this.points.delete(replaces);
      setPointLayerVisible(this.map, replaces, false);
    }
    this.locator.forgetAssets();
    if (this.firstRenderDone) void this.renderSelection().then(() => this.drawKey());
    for (const l of this.viewListeners) l(this.view());
  }
}
