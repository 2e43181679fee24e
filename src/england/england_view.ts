import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Remote } from 'comlink';
import type { AtlasIndex, National, TileLayer } from '../../contracts/atlas_index.ts';
import type { IndicatorMeta, IndicatorTable } from '../../contracts/manifest.ts';
import type { AtlasDataApi, ChoroplethResult } from '../../workers/atlas/atlas_data_api.ts';
import { CLASS_METHODS } from '../../workers/atlas/classify.ts';
import { wireClassControls } from '../atlas/controls.ts';
import { areaCollectionsOf } from '../../workers/geometry/area_layer.ts';
import type { AreaCollection } from '../../workers/geometry/decode_areas.ts';
import { formatValue, ordinal, rankMeaning } from '../atlas_model.ts';
import type { FetchDataSource } from '../data_source.ts';
import {
  fillLayer,
  paintAreas,
  setAreaShapes,
  setFlag,
  showGeography,
  sourceId,
} from '../map/area_layers.ts';
import { setAuthorityAreas } from '../map/base_map.ts';
import { colourForClass } from '../map/palettes.ts';
import type { ViewState } from '../state/view_state.ts';
import { byId, el } from '../ui/dom.ts';
import { renderIndicatorMeta, renderIndicatorPicker } from '../ui/indicator_picker.ts';
import { legendItem, renderLegend } from '../ui/legend.ts';
import { debounce } from '../ui/schedule.ts';
import { TableView } from '../ui/table_view.ts';
import { addNationalLsoaLayer, showNationalLsoaLayer, stepColour } from './national_lsoa_layer.ts';

export interface EnglandActions {
  /** Opens an authority's own atlas (a new page: its bundle is loaded afresh). */
  open(id: string): void;
  notice(message: string): void;
  writeUrl(state: ViewState): void;
}

/**
 * The England overview: every authority coloured by its own figure of a national indicator
 * (IMD average score, share of people in Core20 areas...), ranked in the table, and, on
 * demand, all 33,755 LSOAs drawn from the pipeline's vector tiles. Clicking or picking an
 * authority opens it.
 */
export class EnglandView {
  private state: ViewState;
  private c: ChoroplethResult | null = null;
  private hovered: string | undefined;
  private readonly table: TableView;
  private readonly indicators: IndicatorMeta[];
  /** The authorities this build has a bundle for (the others are listed, not opened). */
  private built: ReadonlySet<string> = new Set();

  private constructor(
    readonly map: MapLibreMap,
    private readonly worker: Remote<AtlasDataApi>,
    private readonly national: National,
    private readonly authorities: IndicatorTable,
    private readonly source: FetchDataSource,
    state: ViewState,
    private readonly act: EnglandActions,
  ) {
    this.indicators = national.indicators.filter((m) => authorities.values[m.id]);
    const first = this.indicators[0];
    if (!first) throw new Error('the England build has no authority-level indicator');
    const known = this.indicators.some((m) => m.id === state.ind);
    if (!known)
      act.notice(
        `"${state.ind}" has no figure for whole authorities; showing ${first.label} instead.`,
      );
    this.state = { ...state, ind: known ? state.ind : first.id, la: 'england' };
    this.table = new TableView(
      byId('table-view'),
      (code) => act.open(code),
      (code) => this.hover(code),
    );
  }

  static async start(
    index: AtlasIndex,
    source: FetchDataSource,
    worker: Remote<AtlasDataApi>,
    /** The base map, created by main from England's bounds while the outlines load. */
    mapCreated: Promise<MapLibreMap>,
    state: ViewState,
    act: EnglandActions,
  ): Promise<EnglandView> {
    const national = index.national;
    if (!national)
      throw new Error('this data build has no England overview (build --area england)');
    const decode = async () => {
      const layers = await worker.loadAreas(source.url(national.authorities.geometry), ['lad']);
      const outlines = areaCollectionsOf(layers).lad;
      if (!outlines) throw new Error('the England build lacks its authority outlines');
      return outlines;
    };
    const tables = worker.loadTables({ lad: source.url(national.authorityTable) });
    // Builds without the outlines' GeoJSON: the map waits for the worker's decoding.
    const early = national.authorities.geojson === undefined ? decode() : null;
    // Awaited below; until then a failure must not count as unhandled.
    for (const p of [tables, early]) p?.catch(() => undefined);
    const map = await mapCreated;
    // Given by URL in the map's first style, the outlines are decoded after the first frame,
    // for the hover outline only: MapLibre's worker fetches and tiles its own copy meanwhile.
    const inStyle = map.getSource(sourceId('lad')) !== undefined;
    if (!inStyle) {
      const outlines = await (early ?? decode());
      setAuthorityAreas(map, outlines, index.attributions[0] ?? '');
      setAreaShapes(map, () => outlines);
    }
    const authorities = (await tables).lad;
    if (!authorities) throw new Error('the England build lacks its authority table');
    // A partial build lists every district (national figures) but has bundles for some only.
    const built = new Set(index.bundles.map((b) => b.id));
    const guarded: EnglandActions = {
      ...act,
      open: (id) => {
        if (built.has(id)) return act.open(id);
        const name = authorities.names[authorities.codes.indexOf(id)] ?? id;
        act.notice(
          `${name} is listed with its national figures, but this build has no bundle for it: add ${id} to the build's --area list to open it.`,
        );
      },
    };
    const view = new EnglandView(map, worker, national, authorities, source, state, guarded);
    view.built = built;
    if (inStyle) view.decodeShapes = decode;
    view.wire();
    await view.render();
    return view;
  }

  /** Decodes the outlines for the hover outline, where the first frame did without them. */
  private decodeShapes: (() => Promise<AreaCollection>) | null = null;

  /** After the first frame: the shapes the hover outline draws (nothing if already there). */
  async loadShapes(): Promise<void> {
    const decode = this.decodeShapes;
    this.decodeShapes = null;
    if (!decode) return;
    const outlines = await decode();
    setAreaShapes(this.map, () => outlines);
  }

  private wire(): void {
    for (const hide of [
      document.querySelector('input[name="level"]')?.closest('fieldset'),
      document.getElementById('layers'),
      document.querySelector('aside.side'),
      document.querySelector('.find-area'),
    ])
      // Not the hidden attribute: the page's layout rules set display on some of these.
      if (hide instanceof HTMLElement) hide.style.display = 'none';
    byId('area-name').textContent = 'England: every local authority';
    wireClassControls(
      CLASS_METHODS.filter((m) => m !== 'decile'),
      (change) => void this.update(change),
    );
    renderIndicatorPicker(
      byId<HTMLSelectElement>('ind-select'),
      byId<HTMLInputElement>('ind-search'),
      this.indicators,
      this.state.ind,
    );
    this.addLsoaToggle();
    byId('export-csv').onclick = () =>
      this.table.exportCsv(`${this.state.ind}_authorities_england.csv`);
    const tooltip = byId('tooltip');
    this.map.on('mousemove', fillLayer('lad'), (e) => {
      const code = e.features?.[0]?.properties?.code;
      if (typeof code !== 'string') return;
      this.hover(code);
      tooltip.replaceChildren(...this.tooltip(code));
      tooltip.hidden = false;
      tooltip.style.left = `${e.point.x + 14}px`;
      tooltip.style.top = `${e.point.y + 14}px`;
      this.map.getCanvas().style.cursor = 'pointer';
    });
    this.map.on('mouseleave', fillLayer('lad'), () => {
      this.hover(undefined);
      tooltip.hidden = true;
      this.map.getCanvas().style.cursor = '';
    });
    this.map.on('click', fillLayer('lad'), (e) => {
      const code = e.features?.[0]?.properties?.code;
      if (typeof code === 'string') this.act.open(code);
    });
    this.map.on('moveend', () => {
      const c = this.map.getCenter();
      this.state = {
        ...this.state,
        at: `${this.map.getZoom().toFixed(2)}/${c.lat.toFixed(5)}/${c.lng.toFixed(5)}`,
      };
      this.writeUrl();
    });
  }

  /** "Show every LSOA": the national tiles of the indicator's own LSOA vintage. */
  private addLsoaToggle(): void {
    const box = el('input', { type: 'checkbox', id: 'national-lsoa' });
    box.checked = this.state.layers?.split(',').includes('lsoa') ?? false;
    box.onchange = () => void this.update({ layers: box.checked ? 'lsoa' : '' });
    byId('layers').after(
      el(
        'fieldset',
        { class: 'control', id: 'national-layers' },
        el('legend', { text: 'Small areas' }),
        el(
          'label',
          {},
          box,
          ' Every LSOA in England (from vector tiles; the authority outlines stay on top)',
        ),
        el('p', { class: 'hint', id: 'national-lsoa-note' }),
      ),
    );
  }

  private meta(): IndicatorMeta {
    const m = this.indicators.find((x) => x.id === this.state.ind);
    if (!m) throw new Error(`unknown indicator ${this.state.ind}`);
    return m;
  }

  private tooltip(code: string): (Node | string)[] {
    const i = this.authorities.codes.indexOf(code);
    const meta = this.meta();
    const rank = this.c?.ranks[i] ?? 0;
    return [
      el('strong', { text: this.authorities.names[i] ?? code }),
      el('br'),
      formatValue(meta, this.authorities.values[meta.id]?.[i]),
      el('br'),
      rank ? `${ordinal(rank)} of ${this.c?.n ?? 0} (${rankMeaning(meta)})` : 'no data',
      el('br'),
      this.built.has(code)
        ? 'Click to open this authority'
        : 'National figures only: not built in this atlas',
    ];
  }

  private hover(code: string | undefined): void {
    if (code === this.hovered) return;
    setFlag(this.map, 'lad', this.hovered, 'hover', false);
    this.hovered = code;
    setFlag(this.map, 'lad', code, 'hover', true);
  }

  async update(change: Partial<ViewState>): Promise<void> {
    this.state = { ...this.state, ...change };
    await this.render();
  }

  private readonly writeUrl = debounce(() => this.act.writeUrl(this.state), 150);

  /** The tile layer of the indicator's boundary vintage (IMD 2019 on 2011 LSOAs...). */
  private tilesFor(meta: IndicatorMeta): TileLayer | undefined {
    const own = this.national.tiles.filter((t) => t.properties.includes(meta.id));
    return own.find((t) => meta.geographies[t.geography]) ?? own[0];
  }

  async render(): Promise<void> {
    const meta = this.meta();
    const method = this.state.cls === 'decile' ? 'quantile' : this.state.cls;
    const better = meta.polarity === 'higher-is-better';
    const c = await this.worker.choropleth({
      geography: 'lad',
      indicator: meta.id,
      method,
      k: this.state.k,
      higherIsWorse: !better,
    });
    this.c = c;
    const colourOf = (cls: number) => colourForClass(this.state.pal, c.k, cls, better);
    paintAreas(
      this.map,
      'lad',
      this.authorities.codes,
      Array.from(c.classes, (x) => (x < 0 ? null : colourOf(x))),
    );
    showGeography(this.map, 'lad', ['lad']);
    const lsoaKey = await this.renderLsoas(meta, method, better);
    renderLegend(byId('legend'), meta, c, this.state.pal, 'Local authority (2024)');
    byId('legend').append(
      ...(lsoaKey ? [lsoaKey] : []),
      el('p', {
        class: 'legend-source',
        text: `${meta.source}, ${meta.period}. ${meta.licence}. Authority figures: ${meta.geographies.lad?.method ?? ''}`,
      }),
    );
    renderIndicatorMeta(byId('ind-meta'), meta, meta.geographies.lad?.method);
    byId<HTMLSelectElement>('ind-select').value = meta.id;
    byId<HTMLSelectElement>('cls').value = c.method;
    byId<HTMLSelectElement>('k').value = String(this.state.k);
    byId<HTMLSelectElement>('pal').value = this.state.pal;
    this.table.update(
      meta,
      this.authorities,
      c.ranks,
      null,
      `${meta.label} by local authority, England. Source: ${meta.source}, ${meta.period}.`,
    );
    this.writeUrl();
  }

  private async renderLsoas(
    meta: IndicatorMeta,
    method: ViewState['cls'],
    better: boolean,
  ): Promise<HTMLElement | null> {
    const on = this.state.layers?.split(',').includes('lsoa') ?? false;
    const note = document.getElementById('national-lsoa-note');
    const tiles = this.tilesFor(meta);
    if (!on || !tiles) {
      showNationalLsoaLayer(this.map, false);
      if (note)
        note.textContent = on && !tiles ? `${meta.label} is not in the national LSOA tiles.` : '';
      return null;
    }
    addNationalLsoaLayer(
      this.map,
      tiles,
      // URL() escapes the template's braces; MapLibre needs them as they are.
      this.source.url(tiles.tiles).replace(/%7B/gi, '{').replace(/%7D/gi, '}'),
      meta.licence,
      'lad-line',
    );
    const classes = await this.worker.columnClasses(
      this.source.url(`${this.national.values}/${tiles.geography}/${meta.id}.json`),
      method,
      this.state.k,
    );
    const colour = stepColour(meta.id, classes, (cls) =>
      colourForClass(this.state.pal, classes.k, cls, better),
    );
    showNationalLsoaLayer(this.map, true, colour);
    const vintage = tiles.geography === 'lsoa11' ? '2011' : '2021';
    if (note)
      note.textContent = `${tiles.count.toLocaleString('en-GB')} LSOAs (${vintage} boundaries), classed over all of England.`;
    return el(
      'div',
      { class: 'lsoa-key' },
      el('p', {
        class: 'legend-unit',
        text: `Every LSOA (${vintage}), ${classes.n.toLocaleString('en-GB')} with a value`,
      }),
      el(
        'ul',
        { class: 'legend-classes' },
        ...Array.from({ length: classes.k }, (_, i) =>
          legendItem({
            colour: colourForClass(this.state.pal, classes.k, i, better),
            label: `${formatValue(meta, i === 0 ? classes.min : classes.breaks[i - 1])} to ${formatValue(meta, i === classes.k - 1 ? classes.max : classes.breaks[i])}`,
          }),
        ),
      ),
    );
  }
}
