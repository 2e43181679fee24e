import type { Map as MapLibreMap, MapLayerMouseEvent } from 'maplibre-gl';
import { interpolateCividis } from 'd3-scale-chromatic';
import { wrap } from 'comlink';
import type { ImportApi, ImportedIndicator, KnownCodes } from '../workers/import_api.ts';
import {
  createImportedIndicatorStore,
  type ImportedIndicatorStore,
} from './storage/imported_indicator_store.ts';
import { openImportedIndicatorStore } from './storage/indexeddb_record_backend.ts';
import { MemoryRecordBackend } from './storage/memory_record_backend.ts';
import { ImportPanel, levelOfGeography } from './ui/import_panel.ts';
import type { Remote } from 'comlink';
import { GEOGRAPHY_LEVELS, type GeographyId } from '../contracts/geography.ts';
import type { IndicatorMeta, LayerMeta } from '../contracts/manifest.ts';
import type { AtlasDataApi, ChoroplethResult } from '../workers/atlas/atlas_data_api.ts';
import { CLASS_METHOD_LABELS, CLASS_METHODS } from '../workers/atlas/classify.ts';
import type { AreaCollection } from '../workers/geometry/decode_areas.ts';
import { localitySummaries } from '../workers/atlas/gap_summary.ts';
import { assignQuantiles } from '../workers/stats/quantiles.ts';
import type { AtlasModel } from './atlas_model.ts';
import { formatValue, ordinal, rankMeaning } from './atlas_model.ts';
import { LOCALITIES, normaliseName } from './config/localities.ts';
import { addAreaLayers, fillLayer, paintAreas, setFlag, showGeography } from './map/area_layers.ts';
import { addPlaceLabels } from './map/place_labels.ts';
import { colourForClass, PALETTE_IDS, PALETTES } from './map/palettes.ts';
import {
  addPointLayer,
  colourPointsBy,
  LAYER_COLOURS,
  setPointLayerVisible,
  type PointCollection,
} from './map/point_layers.ts';
import { serializeViewState, type Level, type ViewState } from './state/view_state.ts';
import { renderProfile, type ProfileAssets } from './ui/area_profile.ts';
import { byId, el } from './ui/dom.ts';
import { GapChart, renderGpGradient, type GapItem } from './ui/gap_chart.ts';
import { renderIndicatorMeta, renderIndicatorPicker } from './ui/indicator_picker.ts';
import { renderLegend } from './ui/legend.ts';
import { TableView } from './ui/table_view.ts';
import { debounce, yieldToMain } from './ui/schedule.ts';
import { startAnalysisPanel } from './analysis_panel/analysis_panel.ts';
import { startReports } from './reports/reports.ts';
import type { AtlasView, GapInputs } from './state/atlas_view.ts';

export const AREA_GEOGRAPHIES: GeographyId[] = ['lsoa11', 'lsoa21', 'msoa11', 'msoa21', 'ward'];

/**
 * The atlas screen: keeps the view state, asks the worker for classes and point joins, and
 * draws map, legend, table, gap chart and profile. Everything user-visible is set as text.
 */
export class AtlasApp {
  private geography: GeographyId = 'lsoa11';
  private choropleth: ChoroplethResult | null = null;
  private hovered: string | undefined;
  private readonly pointIndex = new Map<string, Map<string, Int32Array>>();
  private readonly localityIndex = new Map<GeographyId, Int32Array>();
  private readonly table: TableView;
  private readonly gap: GapChart;
  private renderToken = 0;
  private firstRenderDone = false;

  /**
   * Between pieces of an update, give the browser a turn, except on the first render: nothing
   * is on screen yet to keep responsive, and each turn would let the map draw a needless frame.
   */
  private async pause(): Promise<void> {
    if (this.firstRenderDone) await yieldToMain();
  }
  private readonly viewListeners: ((view: AtlasView) => void)[] = [];

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
  private lastGap: GapInputs | null = null;
  private areas: Record<string, AreaCollection> = {};

  /** A geography's layers are added the first time it is shown: less for MapLibre at start. */
  private ensureGeography(g: GeographyId): void {
    const fc = this.areas[g];
    if (!fc || this.map.getSource(`areas-${g}`)) return;
    addAreaLayers(this.map, g, fc, 'ward-context');
    this.wireAreaLayers(g);
  }

  private wireAreaLayers: (g: GeographyId) => void = () => undefined;

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
  }

  /** Adds map layers and wires every control; then draws the first view. */
  async start(areas: Record<string, AreaCollection>): Promise<void> {
    this.areas = areas;
    const wards = areas.ward;
    if (wards) {
      this.map.addSource('ward-context', { type: 'geojson', data: wards });
      this.map.addLayer(
        {
          id: 'ward-context',
          type: 'line',
          source: 'ward-context',
          paint: { 'line-color': '#222', 'line-width': 1, 'line-opacity': 0.55 },
        },
        'outline',
      );
    }
    for (const layer of this.model.manifest.layers) {
      const data = this.points.get(layer.id);
      if (data) addPointLayer(this.map, layer, data);
    }
    const wardTable = this.model.tables.ward;
    if (wardTable) {
      addPlaceLabels(
        this.map,
        wardTable.codes.flatMap((_, i) => {
          const at = wardTable.centres[i];
          return at ? [{ name: wardTable.names[i] ?? '', at }] : [];
        }),
      );
    }
    performance.mark('step 4.1 layers added');
    this.wireControls();
    this.wireMap();
    // Stored imports are needed first only when the link names one; otherwise they load
    // after the first frame (opening IndexedDB and the import worker takes a while).
    const imports = this.state.ind.startsWith('import_') ? await this.startImports() : null;
    performance.mark('step 4.2 imports ready');
    renderGpGradient(
      byId('gp-chart'),
      (this.points.get('gp_practices')?.features ?? []).map((f) => ({
        name: String(f.properties.name ?? ''),
        lat: f.geometry.coordinates[1] ?? 0,
        male:
          typeof f.properties.le_male_2016_20 === 'number' ? f.properties.le_male_2016_20 : null,
        female:
          typeof f.properties.le_female_2016_20 === 'number'
            ? f.properties.le_female_2016_20
            : null,
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

  private wireControls(): void {
    const cls = byId<HTMLSelectElement>('cls');
    cls.replaceChildren(
      ...CLASS_METHODS.map((m) => el('option', { value: m, text: CLASS_METHOD_LABELS[m] })),
    );
    const k = byId<HTMLSelectElement>('k');
    k.replaceChildren(
      ...[3, 4, 5, 6, 7, 8, 9].map((n) => el('option', { value: String(n), text: String(n) })),
    );
    const pal = byId<HTMLSelectElement>('pal');
    pal.replaceChildren(
      ...PALETTE_IDS.map((p) => el('option', { value: p, text: PALETTES[p].label })),
    );
    cls.onchange = () => void this.update({ cls: cls.value as ViewState['cls'] });
    k.onchange = () => void this.update({ k: Number(k.value) });
    pal.onchange = () => void this.update({ pal: pal.value as ViewState['pal'] });
    byId<HTMLSelectElement>('ind-select').onchange = (e) =>
      void this.update({ ind: (e.target as HTMLSelectElement).value });
    for (const r of document.querySelectorAll<HTMLInputElement>('input[name="level"]')) {
      r.onchange = () => void this.update({ level: r.value as Level });
    }
    for (const r of document.querySelectorAll<HTMLInputElement>('input[name="order"]')) {
      r.onchange = () => void this.update({ order: r.value as ViewState['order'] });
    }
    const layers = byId('layers');
    const on = new Set((this.state.layers ?? '').split(',').filter(Boolean));
    for (const l of this.model.manifest.layers) {
      const box = el('input', { type: 'checkbox', value: l.id });
      box.checked = on.has(l.id);
      box.onchange = () => {
        const now = [...layers.querySelectorAll<HTMLInputElement>('input:checked')].map(
          (b) => b.value,
        );
        void this.update({ layers: now.join(',') });
      };
      layers.append(
        el(
          'label',
          {},
          box,
          ' ',
          el('span', {
            class: 'layer-key',
            style: `background:${LAYER_COLOURS[l.id] ?? '#444'}`,
            'aria-hidden': 'true',
          }),
          `${l.label} (${l.count})`,
        ),
      );
      if (l.count === 0) layers.append(el('p', { class: 'hint', text: l.coverage }));
    }
    this.addGpColouring(layers);
    byId<HTMLInputElement>('area-search').onchange = (e) => {
      const q = (e.target as HTMLInputElement).value.trim().toLowerCase();
      const t = this.model.table(this.geography);
      const i = t.codes.findIndex(
        (c, j) =>
          c.toLowerCase() === q ||
          (t.names[j] ?? '').toLowerCase() === q ||
          `${t.names[j]} (${c})`.toLowerCase() === q,
      );
      if (i >= 0) void this.select(t.codes[i]);
      else
        this.notice(
          `No ${GEOGRAPHY_LEVELS[this.geography].label} called "${q}" in ${this.model.manifest.area.name}.`,
        );
    };
    byId('export-csv').onclick = () =>
      this.table.exportCsv(
        `${this.state.ind}_${this.geography}_${this.model.manifest.area.id}.csv`,
      );
  }

  /** The import panel, and the indicators a user imported earlier (kept in IndexedDB). */
  private async startImports(): Promise<void> {
    const root = el('details', { id: 'import-panel', class: 'control import-panel' });
    document.querySelector('nav.controls')?.append(root);
    const api = wrap<ImportApi>(
      new Worker(new URL('../workers/import.worker.ts', import.meta.url), { type: 'module' }),
    );
    let store: ImportedIndicatorStore;
    try {
      store = await openImportedIndicatorStore();
    } catch (err) {
      // Private windows may refuse IndexedDB: imports then last until the page closes.
      this.notice(
        `Imported indicators cannot be kept in this browser (${(err as Error).message}); they will last until the page is closed.`,
      );
      store = createImportedIndicatorStore(new MemoryRecordBackend());
    }
    const known = () =>
      Object.fromEntries(
        Object.entries(this.model.tables).map(([g, t]) => [g, t?.codes ?? []]),
      ) as KnownCodes;
    const panel = new ImportPanel(
      root,
      api,
      store,
      known,
      this.model.manifest.area.name,
      (ind) => this.addImported(ind, true),
      (id) => this.removeImported(id),
    );
    for (const ind of await panel.start()) await this.addImported(ind, false);
    if (this.pickerStale && this.firstRenderDone) this.refreshPicker();
  }

  /** Joins an imported indicator to its geography by code and makes it pickable. */
  async addImported(ind: ImportedIndicator, show: boolean): Promise<void> {
    const level = levelOfGeography(ind.geography);
    const table = this.model.tables[ind.geography];
    if (!level || !table) {
      this.notice(`"${ind.meta.label}" is at ${ind.geography} level, which the map does not show.`);
      return;
    }
    const byCode = new Map(ind.codes.map((c, i) => [c, ind.values[i] ?? null]));
    const values = table.codes.map((c) => byCode.get(c) ?? null);
    await this.worker.putIndicator(ind.geography, ind.meta.id, values);
    table.values[ind.meta.id] = values;
    this.model.addIndicator(ind.meta);
    this.pickerStale = true;
    if (show) await this.update({ ind: ind.meta.id, level });
  }

  async removeImported(id: string): Promise<void> {
    this.model.removeIndicator(id);
    this.pickerStale = true;
    await this.update(this.state.ind === id ? { ind: 'imd2019_score' } : {});
  }

  /** GP practices can be coloured by their populations' life expectancy (2016-20). */
  private addGpColouring(layers: HTMLElement): void {
    const gp = this.points.get('gp_practices');
    if (!gp || gp.features.length === 0) return;
    const select = el('select', { id: 'gp-colour' });
    select.append(
      el('option', { value: '', text: 'as a layer colour' }),
      el('option', { value: 'le_male_2016_20', text: 'male life expectancy 2016-20' }),
      el('option', { value: 'le_female_2016_20', text: 'female life expectancy 2016-20' }),
    );
    const key = el('p', { class: 'hint', id: 'gp-colour-key' });
    select.onchange = () => {
      const prop = select.value || null;
      const values = gp.features
        .map((f) => f.properties[prop ?? ''])
        .filter((v): v is number => typeof v === 'number');
      const range: [number, number] = [Math.min(...values), Math.max(...values)];
      const colours = [0, 0.25, 0.5, 0.75, 1].map((t) => interpolateCividis(t));
      colourPointsBy(this.map, 'gp_practices', prop, range, colours);
      key.textContent = prop
        ? `GP practices: darker = shorter lives, ${range[0].toFixed(1)} to ${range[1].toFixed(1)} years (OHID Fingertips 650); grey = not published.`
        : '';
    };
    layers.append(
      el('label', { for: 'gp-colour', class: 'gp-colour-label', text: 'Colour GP practices by ' }),
      select,
      key,
    );
  }

  private wireMap(): void {
    const tooltip = byId('tooltip');
    const move = (e: MapLayerMouseEvent) => {
      const f = e.features?.[0];
      const code = typeof f?.properties?.code === 'string' ? f.properties.code : undefined;
      this.hover(code);
      if (!code) return;
      const t = this.model.table(this.geography);
      const i = t.codes.indexOf(code);
      const meta = this.meta();
      const rank = this.choropleth?.ranks[i] ?? 0;
      tooltip.replaceChildren(
        el('strong', { text: t.names[i] ?? code }),
        el('br'),
        `${formatValue(meta, this.model.value(this.geography, meta.id, i))} ${meta.unit.startsWith('%') ? '' : meta.unit}`,
        el('br'),
        rank ? `${ordinal(rank)} of ${this.choropleth?.n ?? 0} (${rankMeaning(meta)})` : 'no data',
      );
      tooltip.hidden = false;
      tooltip.style.left = `${e.point.x + 14}px`;
      tooltip.style.top = `${e.point.y + 14}px`;
      this.map.getCanvas().style.cursor = 'pointer';
    };
    const leave = () => {
      this.hover(undefined);
      tooltip.hidden = true;
      this.map.getCanvas().style.cursor = '';
    };
    // MapLibre binds layer events to layers that exist: each geography's are bound when its
    // layers are first added (ensureGeography).
    this.wireAreaLayers = (g) => {
      for (const layer of [fillLayer(g), `${g}-hatch`]) {
        this.map.on('mousemove', layer, move);
        this.map.on('mouseleave', layer, leave);
        this.map.on('click', layer, (e) => {
          const code = e.features?.[0]?.properties?.code;
          if (typeof code === 'string') void this.select(code);
        });
      }
    };
    this.map.on('moveend', () => {
      const c = this.map.getCenter();
      this.state = {
        ...this.state,
        at: `${this.map.getZoom().toFixed(2)}/${c.lat.toFixed(5)}/${c.lng.toFixed(5)}`,
      };
      this.writeUrl();
    });
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

  /** Draws the whole view from the state. Later calls supersede earlier ones still waiting. */
  async render(): Promise<void> {
    const token = ++this.renderToken;
    if (!this.model.indicators.has(this.state.ind)) {
      this.notice(
        `Indicator "${this.state.ind}" is not in this atlas; showing the IMD 2019 score.`,
      );
      this.state = { ...this.state, ind: 'imd2019_score' };
    }
    const meta = this.meta();
    let geography = this.model.geographyFor(this.state.level, meta);
    const available = (['lsoa', 'msoa', 'ward'] as Level[]).filter((l) =>
      this.model.geographyFor(l, meta),
    );
    for (const r of document.querySelectorAll<HTMLInputElement>('input[name="level"]')) {
      r.disabled = !available.includes(r.value as Level);
      r.checked = r.value === this.state.level;
    }
    byId('level-note').textContent =
      available.length < 3
        ? `${meta.label} is published for ${available.map((l) => l.toUpperCase()).join(', ') || 'no area'} only: ranks and deciles cannot be averaged over bigger areas.`
        : '';
    if (!geography) {
      const fallback = available[0];
      if (!fallback) throw new Error(`${meta.label} has no values to map`);
      this.state = { ...this.state, level: fallback };
      geography = this.model.geographyFor(fallback, meta) as GeographyId;
      for (const r of document.querySelectorAll<HTMLInputElement>('input[name="level"]'))
        r.checked = r.value === fallback;
    }
    const previous = this.geography;
    const c = await this.worker.choropleth({
      geography,
      indicator: meta.id,
      method:
        meta.kind === 'decile'
          ? 'decile'
          : this.state.cls === 'decile'
            ? 'quantile'
            : this.state.cls,
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
    const t = this.model.table(geography);
    const better = meta.polarity === 'higher-is-better';
    this.ensureGeography(geography);
    paintAreas(
      this.map,
      geography,
      t.codes,
      Array.from(c.classes, (cls) =>
        cls < 0 ? null : colourForClass(this.state.pal, c.k, cls, better),
      ),
    );
    showGeography(this.map, geography, AREA_GEOGRAPHIES);
    this.map.setLayoutProperty(
      'ward-context',
      'visibility',
      geography === 'ward' ? 'none' : 'visible',
    );
    const visible = new Set((this.state.layers ?? '').split(',').filter(Boolean));
    for (const l of this.model.manifest.layers)
      setPointLayerVisible(this.map, l.id, visible.has(l.id));
    const geoMeta = this.model.manifest.geographies.find((x) => x.id === geography);
    // Each piece below is its own task: the map paints first, then the panels fill in.
    await this.pause();
    if (token !== this.renderToken) return;
    renderLegend(byId('legend'), meta, c, this.state.pal, geoMeta?.label ?? geography);
    byId('legend').append(
      el('p', { class: 'legend-source', text: `${meta.source}, ${meta.period}. ${meta.licence}` }),
      // Licence lines of the point layers on screen (kept off the map's own attribution box,
      // which would otherwise cover the south of the borough).
      ...this.model.manifest.layers
        .filter((l) => visible.has(l.id) && l.count > 0)
        .map((l) => el('p', { class: 'legend-source', text: `${l.label}: ${l.licence}` })),
    );
    if (this.pickerStale) this.refreshPicker();
    byId<HTMLSelectElement>('ind-select').value = meta.id;
    renderIndicatorMeta(byId('ind-meta'), meta, meta.geographies[geography]?.method);
    byId<HTMLSelectElement>('cls').value = c.method;
    byId<HTMLSelectElement>('cls').disabled = meta.kind === 'decile';
    byId<HTMLSelectElement>('k').value = String(this.state.k);
    byId<HTMLSelectElement>('k').disabled = meta.kind === 'decile';
    byId<HTMLSelectElement>('pal').value = this.state.pal;
    for (const r of document.querySelectorAll<HTMLInputElement>('input[name="order"]'))
      r.checked = r.value === this.state.order;
    if (previous !== geography || !byId('area-list').hasChildNodes()) {
      byId('area-list').replaceChildren(
        ...t.codes.map((code, i) => el('option', { value: `${t.names[i] ?? code} (${code})` })),
      );
    }
    await this.pause();
    if (token !== this.renderToken) return;

    const deciles = this.deciles(geography);
    this.table.update(
      meta,
      t,
      c.ranks,
      geography.startsWith('lsoa') ? deciles.values : null,
      `${meta.label} by ${geoMeta?.label ?? geography}, ${this.model.manifest.area.name}. Source: ${meta.source}, ${meta.period}.`,
    );
    await this.pause();
    if (token !== this.renderToken) return;
    await this.renderGap(meta, geography, deciles);
    await this.pause();
    if (token !== this.renderToken) return;
    if (this.state.sel && !t.codes.includes(this.state.sel))
      this.state = { ...this.state, sel: undefined };
    await this.renderSelection();
    this.writeUrl();
    this.firstRenderDone = true;
    for (const l of this.viewListeners) l(this.view());
  }

  /** National deciles on LSOAs; local deciles of the IMD score on MSOAs and wards. */
  private deciles(g: GeographyId): { values: (number | null)[]; label: string } {
    const dep = this.model.deprivationOf(g);
    const t = this.model.table(g);
    if (dep.decileId && t.values[dep.decileId])
      return { values: t.values[dep.decileId] ?? [], label: `National ${dep.label} decile` };
    const scores = t.values[dep.scoreId] ?? [];
    const q = assignQuantiles(
      Float64Array.from(scores, (v) => v ?? NaN),
      10,
    );
    if (!q.ok) return { values: scores.map(() => null), label: `No deciles: ${q.reason}` };
    return {
      values: Array.from(q.value),
      label: `Local decile of the ${dep.label} score within ${this.model.manifest.area.name}`,
    };
  }

  private async renderGap(
    meta: IndicatorMeta,
    g: GeographyId,
    deciles: { values: (number | null)[]; label: string },
  ): Promise<void> {
    const t = this.model.table(g);
    const dep = this.model.deprivationOf(g);
    const items: GapItem[] = t.codes.map((code, i) => ({
      code,
      name: t.names[i] ?? code,
      value: t.values[meta.id]?.[i] ?? null,
      lat: t.centres[i]?.[1] ?? 0,
      deprivation: t.values[dep.scoreId]?.[i] ?? null,
      decile: deciles.values[i] ?? null,
    }));
    const localities = LOCALITIES[this.model.manifest.area.id];
    const summaries = localities
      ? localitySummaries(
          t.values[meta.id] ?? [],
          t.values[this.model.populationId(g)] ?? [],
          await this.localityOf(
            g,
            localities.map((l) => l.wards),
          ),
          localities.map((l) => l.name),
        )
      : [];
    this.lastGap = {
      meta,
      items,
      order: this.state.order,
      decileLabel: deciles.label,
      summaries,
      areaNoun: GEOGRAPHY_LEVELS[g].noun,
    };
    this.gap.render(
      meta,
      items,
      this.state.order,
      deciles.label,
      summaries,
      GEOGRAPHY_LEVELS[g].noun,
    );
  }

  /** Locality index per area: wards by name; other areas by the ward holding their centre. */
  private async localityOf(g: GeographyId, wardLists: string[][]): Promise<Int32Array> {
    const cached = this.localityIndex.get(g);
    if (cached) return cached;
    const wardTable = this.model.table('ward');
    const wardLocality = wardTable.names.map((n) =>
      wardLists.findIndex((list) => list.some((w) => normaliseName(w) === normaliseName(n))),
    );
    let out: Int32Array;
    if (g === 'ward') out = Int32Array.from(wardLocality);
    else {
      const t = this.model.table(g);
      const xy = new Float64Array(t.centres.flatMap((c) => (c ? [c[0], c[1]] : [NaN, NaN])));
      const inWard = await this.worker.locatePoints('ward', xy);
      out = Int32Array.from(inWard, (w) => (w < 0 ? -1 : (wardLocality[w] ?? -1)));
    }
    this.localityIndex.set(g, out);
    return out;
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
    const t = this.model.table(this.geography);
    const i = t.codes.indexOf(code);
    if (i < 0) return;
    const assets = await this.assetsIn(this.geography, i);
    renderProfile(
      panel,
      this.model,
      this.geography,
      i,
      assets,
      location.href,
      () => void this.select(undefined),
    );
    panel.hidden = false;
  }

  /** Names of the mapped assets inside area `index` of `g`, per point layer. */
  async assetsIn(g: GeographyId, index: number): Promise<ProfileAssets[]> {
    let byLayer = this.pointIndex.get(g);
    if (!byLayer) {
      byLayer = new Map();
      for (const [id, fc] of this.points) {
        const xy = new Float64Array(
          fc.features.flatMap((f) => [
            f.geometry.coordinates[0] ?? NaN,
            f.geometry.coordinates[1] ?? NaN,
          ]),
        );
        byLayer.set(id, await this.worker.locatePoints(g, xy));
      }
      this.pointIndex.set(g, byLayer);
    }
    return this.model.manifest.layers.map((l) => {
      const idx = byLayer?.get(l.id) ?? new Int32Array();
      const inside = (this.points.get(l.id)?.features ?? []).filter((_, j) => idx[j] === index);
      return {
        layer: l.label,
        names: inside.map((f) => String(f.properties.name ?? '')),
        at: inside.map((f): [number, number] => [
          f.geometry.coordinates[0] ?? NaN,
          f.geometry.coordinates[1] ?? NaN,
        ]),
      };
    });
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
    this.pointIndex.clear();
    for (const l of this.viewListeners) l(this.view());
  }

  /** The indicator list must be rebuilt (first render, or an indicator was added or removed). */
  pickerStale = true;
}
