import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Remote } from 'comlink';
import type { GeographyId } from '../../contracts/geography.ts';
import type { IndicatorMeta, LayerMeta } from '../../contracts/manifest.ts';
import type { PointCollection } from '../../contracts/point_layer.ts';
import type { AtlasDataApi, ChoroplethResult } from '../../workers/atlas_data_api.ts';
import type { ImportedIndicator } from '../../workers/import_api.ts';
import type { AreaCollection } from '../../workers/geometry_decode.ts';
import { formatValue, ordinal, rankMeaning, type AtlasModel } from '../atlas_model.ts';
import { addAreaLayers, paintAreas, setFlag, showGeography } from '../map/area_layers.ts';
import { addContextLayers } from '../map/context_layers.ts';
import { colourForClass } from '../map/palettes.ts';
import { setPointLayerVisible } from '../map/point_layers.ts';
import { serializeViewState, type Level, type ViewState } from '../state/view_state.ts';
import type { AtlasView, GapInputs } from '../state/atlas_view.ts';
import { renderProfile } from '../ui/area_profile.ts';
import { byId } from '../ui/dom.ts';
import { GapChart, renderGpGradient } from '../ui/gap_chart.ts';
import { renderIndicatorMeta, renderIndicatorPicker } from '../ui/indicator_picker.ts';
import { TableView } from '../ui/table_view.ts';
import { debounce, yieldToMain } from '../ui/schedule.ts';
import { startAnalysisPanel } from '../analysis_panel/analysis_panel.ts';
import { startReports } from '../reports/reports.ts';
import { AreaLocator } from './area_locator.ts';
import {
  fillAreaList,
  findArea,
  noAreaMessage,
  syncControls,
  syncLevels,
  wireControls,
} from './controls.ts';
import { decilesOf } from './deciles.ts';
import { gapInputs } from './gap_inputs.ts';
import { addGpColouring } from './gp_colouring.ts';
import { joinImported, startImportedIndicators } from './imported_indicators.ts';
import { MapInteraction } from './map_interaction.ts';
import { renderMapKey } from './map_key.ts';
// firstuse: search any place at any geography; LSOAs named with their ward (src/places/).
import { nameWithPlace } from '../places/area_names.ts';
import { findPlace } from '../places/place_finder.ts';
import type { PlaceFiles } from '../places/places.ts';
import { panelContextOf } from '../analysis_panel/panel_context.ts';
import { renderGapMeasures } from '../gap/gap_measures_view.ts';

export const AREA_GEOGRAPHIES: GeographyId[] = ['lsoa11', 'lsoa21', 'msoa11', 'msoa21', 'ward'];

/**
 * The atlas screen: holds the view state and draws it. Each part has its own module (controls,
 * map interaction, imports, map key, gap inputs, point joins); this class only sequences them.
 * Everything user-visible is set as text.
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
  private lastGap: GapInputs | null = null;
  private areas: Record<string, AreaCollection> = {};
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
    this.locator = new AreaLocator(model, points, (g, xy) => worker.locatePoints(g, xy));
  }

  /** Called after every completed render (geography, indicator, selection or classes changed). */
  onViewChange(listener: (view: AtlasView) => void): void {
    this.viewListeners.push(listener);
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
      areas: this.areas,
      gap: this.lastGap,
    };
  }

  /** Adds map layers and wires every control; then draws the first view. */
  async start(areas: Record<string, AreaCollection>): Promise<void> {
    this.areas = areas;
    addContextLayers(this.map, this.model, this.points, this.areas.ward);
    performance.mark('step 4.1 layers added');
    wireControls(this.state, this.model.manifest.layers, {
      update: (change) => void this.update(change),
      search: (q) => this.search(q),
      exportCsv: () =>
        this.table.exportCsv(
          `${this.state.ind}_${this.geography}_${this.model.manifest.area.id}.csv`,
        ),
    });
    const gp = this.points.get('gp_practices');
    if (gp) addGpColouring(this.map, gp, byId('layers'));
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
    renderGpGradient(
      byId('gp-chart'),
      (gp?.features ?? []).map((f) => ({
        name: String(f.properties.name ?? ''),
        lat: f.geometry.coordinates[1],
        male: numberOrNull(f.properties.le_male_2016_20),
        female: numberOrNull(f.properties.le_female_2016_20),
      })),
    );
    performance.mark('step 4.3 charts ready');
    startAnalysisPanel(this);
    startReports(this);
    await this.render();
    if (imports === null)
      void this.startImports().catch((err: unknown) =>
        this.notice(`Imported indicators could not be loaded: ${(err as Error).message}`),
      );
  }

  private startImports(): Promise<void> {
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
    const notFound = () =>
      this.notice(
        noAreaMessage(query.toLowerCase(), this.geography, this.model.manifest.area.name),
      );
    // firstuse: any ward, neighbourhood, LSOA or postcode, whatever geography is on screen.
    if (this.placeFiles) {
      void findPlace(query, this.placeFiles, {
        geography: () => this.geography,
        table: (g) => this.model.table(g),
        locate: (g, xy) => this.worker.locatePoints(g, xy),
        select: (code) => void this.select(code),
        show: (at) => this.map.easeTo({ center: at, zoom: Math.max(this.map.getZoom(), 11.5) }),
        say: (message) => (byId('search-status').textContent = message),
      }).then((found) => {
        if (!found) notFound();
      });
      return;
    }
    const t = this.model.table(this.geography);
    const i = findArea(query, t.names, t.codes);
    if (i >= 0) void this.select(t.codes[i]);
    else notFound();
  }

  private tooltipText(code: string) {
    const t = this.model.table(this.geography);
    const i = t.codes.indexOf(code);
    const meta = this.meta();
    const rank = this.choropleth?.ranks[i] ?? 0;
    return {
      name: nameWithPlace(code, t.names[i] ?? code), // firstuse: "(Linacre ward, Bootle Strand)"
      value: `${formatValue(meta, this.model.value(this.geography, meta.id, i))} ${meta.unit.startsWith('%') ? '' : meta.unit}`,
      rank: rank
        ? `${ordinal(rank)} of ${this.choropleth?.n ?? 0} (${rankMeaning(meta)})`
        : 'no data',
    };
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

  /**
   * Between pieces of an update, give the browser a turn, except on the first render: nothing
   * is on screen yet to keep responsive, and each turn would let the map draw a needless frame.
   */
  private async pause(): Promise<void> {
    if (this.firstRenderDone) await yieldToMain();
  }

  /** The indicator and geography to draw, correcting a state that names what cannot be drawn. */
  private resolveView(): { meta: IndicatorMeta; geography: GeographyId } {
    if (!this.model.indicators.has(this.state.ind)) {
      this.notice(
        `Indicator "${this.state.ind}" is not in this atlas; showing the IMD 2019 score.`,
      );
      this.state = { ...this.state, ind: 'imd2019_score' };
    }
    const meta = this.meta();
    if (this.state.cls === 'decile' && meta.kind !== 'decile') {
      this.notice(
        `National deciles are the classes of a published decile; ${meta.label} is shown in quantiles.`,
      );
      this.state = { ...this.state, cls: 'quantile' };
    }
    const available = (['lsoa', 'msoa', 'ward'] as Level[]).filter((l) =>
      this.model.geographyFor(l, meta),
    );
    let geography = this.model.geographyFor(this.state.level, meta);
    if (!geography) {
      const fallback = available[0];
      if (!fallback) throw new Error(`${meta.label} has no values to map`);
      this.state = { ...this.state, level: fallback };
      geography = this.model.geographyFor(fallback, meta) as GeographyId;
    }
    syncLevels(this.state.level, available, meta);
    return { meta, geography };
  }

  /** Draws the whole view from the state. Later calls supersede earlier ones still waiting. */
  async render(): Promise<void> {
    const token = ++this.renderToken;
    const { meta, geography } = this.resolveView();
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
    const geoLabel =
      this.model.manifest.geographies.find((x) => x.id === geography)?.label ?? geography;
    // Each piece below is its own task: the map paints first, then the panels fill in.
    await this.pause();
    if (token !== this.renderToken) return;
    renderMapKey(meta, c, this.state.pal, geoLabel, this.visibleLayers());
    if (this.pickerStale) this.refreshPicker();
    renderIndicatorMeta(byId('ind-meta'), meta, meta.geographies[geography]?.method);
    syncControls(this.state, meta, c);
    const t = this.model.table(geography);
    if (previous !== geography || !byId('area-list').hasChildNodes())
      fillAreaList(t.names, t.codes);
    await this.pause();
    if (token !== this.renderToken) return;

    const deciles = decilesOf(this.model, geography);
    this.table.update(
      meta,
      t,
      c.ranks,
      geography.startsWith('lsoa') ? deciles.values : null,
      `${meta.label} by ${geoLabel}, ${this.model.manifest.area.name}. Source: ${meta.source}, ${meta.period}.`,
    );
    await this.pause();
    if (token !== this.renderToken) return;
    const gap = await gapInputs(
      this.model,
      geography,
      meta,
      this.state.order,
      deciles,
      this.locator,
    );
    if (token !== this.renderToken) return;
    this.lastGap = gap;
    this.gap.render(gap.meta, gap.items, gap.order, gap.decileLabel, gap.summaries, gap.areaNoun);
    // firstuse: range, locality difference and the one SII, named, above the chart.
    void renderGapMeasures(
      byId('gap-measures'),
      byId('gap-title'),
      this.view(),
      panelContextOf(this),
    );
    await this.pause();
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
    const fc = this.areas[g];
    if (fc && !this.map.getSource(`areas-${g}`)) {
      // A geography's layers are added the first time it is shown: less for MapLibre at start.
      addAreaLayers(this.map, g, fc, 'ward-context');
      this.interaction?.bindGeography(g);
    }
    const better = meta.polarity === 'higher-is-better';
    paintAreas(
      this.map,
      g,
      this.model.table(g).codes,
      Array.from(c.classes, (cls) =>
        cls < 0 ? null : colourForClass(this.state.pal, c.k, cls, better),
      ),
    );
    showGeography(this.map, g, AREA_GEOGRAPHIES);
    this.map.setLayoutProperty('ward-context', 'visibility', g === 'ward' ? 'none' : 'visible');
    const visible = new Set(this.visibleLayers().map((l) => l.id));
    for (const l of this.model.manifest.layers)
      setPointLayerVisible(this.map, l.id, visible.has(l.id));
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
    renderIndicatorPicker(
      byId<HTMLSelectElement>('ind-select'),
      byId<HTMLInputElement>('ind-search'),
      this.model.indicators.values(),
      this.state.ind,
    );
    this.pickerStale = false;
  }

  /**
   * A point layer that arrives after start (the community register): counted in area profiles
   * and offered to the catchment analysis like the pipeline's layers.
   */
  addAnalysisLayer(meta: LayerMeta, points: PointCollection): void {
    this.points.set(meta.id, points);
    const layers = this.model.manifest.layers;
    const i = layers.findIndex((l) => l.id === meta.id);
    if (i >= 0) layers.splice(i, 1, meta);
    else layers.push(meta);
    this.locator.forgetAssets();
    for (const l of this.viewListeners) l(this.view());
  }
}

const numberOrNull = (v: unknown) => (typeof v === 'number' ? v : null);
