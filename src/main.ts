import './styles.css';
import 'maplibre-gl/dist/maplibre-gl.css';
import { wrap } from 'comlink';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { z } from 'zod';

// zod's compiled validators use new Function, which the Content-Security-Policy forbids.
z.config({ jitless: true });
import type { AtlasDataApi } from '../workers/atlas/atlas_data_api.ts';
import type { AtlasIndex, BundleEntry } from '../contracts/atlas_index.ts';
import { mapGeojsonPath, OPENING_VIEW, type GeographyId } from '../contracts/geography.ts';
import { startAtlas } from './atlas/start_atlas.ts';
import {
  createBaseMap,
  releaseFrames,
  showWhenComplete,
  type OpeningSources,
} from './map/base_map.ts';
import { FetchDataSource } from './data_source.ts';
import { findAuthority } from './england/authority_search.ts';
import { loadRuntimeConfig } from './config/runtime_config.ts';
import { parseViewState, serializeViewState, type ViewState } from './state/view_state.ts';
import { renderAuthorityPicker } from './ui/authority_picker.ts';
import { byId } from './ui/dom.ts';
// register: the private edit link is read at once; the register's layer and form load later.
import { takeEditLink } from './register/edit_link.ts';
import { showNotice } from './ui/notices.ts';
import { wirePanels } from './ui/panels.ts';
// Place names on the map and in search (src/places/).
import { startPlaces } from './places/places.ts';
import { wirePlaceSuggestions } from './places/place_finder.ts';
import { renameInPlace } from './places/rename_in_place.ts';

declare global {
  interface Window {
    gapAtlas?: {
      map: MapLibreMap;
      /** Changes the view and resolves when it is drawn (benchmarks time switches with it). */
      update(change: Partial<ViewState>): Promise<void>;
    };
  }
}

const status = byId('status');
const progress = byId<HTMLProgressElement>('progress');
const noticeBox = byId('notice');

function step(n: number, message: string): void {
  // Marks show the load phases in the devtools performance panel and in bench/app.bench.ts.
  performance.mark(`step ${n}`);
  progress.value = n;
  status.textContent = message;
}

function notice(message: string): void {
  // Dismissable, no duplicates, at most three on screen.
  showNotice(noticeBox, message);
}

// Phones: the side columns as panels, the key folds away.
wirePanels();

// register: read the private edit link before anything rewrites the address bar.
const editLink = takeEditLink();

/**
 * Opens another authority (or England): a new page, so only that bundle is loaded. Its
 * selection, map position and localities (wards of this authority) are not carried over.
 */
function openAuthority(state: ViewState, id: string): void {
  location.assign(
    serializeViewState({ ...state, la: id, sel: undefined, at: undefined, loc: undefined }),
  );
}

async function start(): Promise<void> {
  const t0 = performance.now();
  const { state, problems } = parseViewState(location.search);
  if (problems.length) notice(`Some of the link could not be used: ${problems.join('; ')}.`);

  const root = new FetchDataSource(import.meta.env.VITE_DATA_URL ?? './data/');
  const worker = wrap<AtlasDataApi>(
    new Worker(new URL('../workers/atlas/atlas_data.worker.ts', import.meta.url), {
      type: 'module',
    }),
  );
  const [index, runtime] = await Promise.all([root.index(), loadRuntimeConfig()]);
  if (runtime.problem) notice(runtime.problem);
  const wanted = state.la ?? index.defaultBundle;
  const bundle = index.bundles.find((b) => b.id.toLowerCase() === wanted.toLowerCase());
  const entry = bundle ?? index.bundles.find((b) => b.id === index.defaultBundle);
  const england = wanted === 'england' && index.national !== null;
  const bundleSource = entry ? root.bundle(entry) : null;
  // The map starts now, while the manifest and the data load: WebGL, MapLibre's worker and
  // the style take a while, and need nothing but the bounds.
  const mapCreated = createBaseMap(
    byId('map'),
    england ? englandBounds(index) : (entry?.bbox ?? [-6, 50, 2, 56]),
    {
      at: state.at,
      styleUrl: runtime.config.basemapStyleUrl,
      opening: england
        ? englandOpening(index, root)
        : entry && bundleSource
          ? openingSources(entry, bundleSource, state)
          : undefined,
    },
  );
  const open = (id: string) => openAuthority(state, id);
  renderAuthorityPicker(
    document.querySelector<HTMLElement>('.app-header') ?? document.body,
    index,
    wanted === 'england' ? 'England' : (bundle?.name ?? ''),
    open,
    notice,
  );

  if (england) {
    step(1, 'Loading England…');
    const { EnglandView } = await import('./england/england_view.ts');
    const view = await EnglandView.start(index, root, worker, mapCreated, state, {
      open,
      notice,
      writeUrl: (s) => history.replaceState(null, '', serializeViewState(s)),
    });
    await showWhenComplete(view.map);
    performance.mark('first-frame');
    step(5, `England: ${index.bundles.length} authorities loaded in ${seconds(t0)} s.`);
    // The hover outline's shapes, decoded after the first frame; the overview works without.
    view
      .loadShapes()
      .catch((err: unknown) =>
        notice(`The hover outline is unavailable: ${(err as Error).message}`),
      );
    window.gapAtlas = { map: view.map, update: (change) => view.update(change) };
    document.body.dataset.ready = 'true';
    return;
  }
  if (!bundle) {
    const found = findAuthority(wanted, index.bundles, index.national !== null);
    notice(
      `${found.ok ? '' : `${found.message} `}Showing ${index.bundles.find((b) => b.id === index.defaultBundle)?.name ?? index.defaultBundle}.`,
    );
  }
  if (!entry) throw new Error(`index.json names a default bundle it does not list`);
  const { app, map, firstFrame, done, placeFiles } = await startAtlas({
    bundle: entry,
    source: bundleSource ?? root.bundle(entry),
    worker,
    state: { ...state, la: entry.id },
    map: mapCreated,
    notice,
    step,
  });
  await firstFrame;
  step(5, `${entry.name}: first map drawn in ${seconds(t0)} s.`);
  // A handle for power users and browser tests (devtools: gapAtlas.map.getZoom()).
  window.gapAtlas = { map, update: (change) => app.update(change) };
  // Code the first frame does not need: the analysis panel, the report pages and the register
  // load now, each in its own chunk.
  const [{ startAnalysisPanel }, { startReports }, { startRegister }, { startLocalityEditor }] =
    await Promise.all([
      import('./analysis_panel/analysis_panel.ts'),
      import('./reports/reports.ts'),
      import('./register/register_ui.ts'),
      import('./gap/locality_editor.ts'),
      done,
    ]);
  startAnalysisPanel(app);
  startReports(app);
  startLocalityEditor(app);
  const view = app.view();
  const t = view.model.tables;
  step(
    5,
    `${view.model.manifest.area.name}: ${t.lsoa11?.codes.length ?? 0} LSOAs (2011), ${t.lsoa21?.codes.length ?? 0} LSOAs (2021), ${t.ward?.codes.length ?? 0} wards, ${t.msoa21?.codes.length ?? 0} MSOAs loaded in ${seconds(t0)} s.`,
  );
  document.body.dataset.ready = 'true';
  // Names and neighbouring areas after the first frame; the place index when idle.
  startPlaces(map, view.model, placeFiles, {
    contextLoaded: () => renameInPlace(view.model),
    notice,
  });
  wirePlaceSuggestions(byId<HTMLInputElement>('area-search'), byId('area-list'), placeFiles);
  // register: its layer and form come after the atlas, which does not wait for them.
  void startRegister(
    {
      map,
      layers: state.layers,
      setLayers: (layers) => void app.update({ layers }),
      notice,
      addAnalysisLayer: (meta, points, replaces) => app.addAnalysisLayer(meta, points, replaces),
    },
    editLink,
  );
}

/**
 * What the map can start loading before the manifest, for builds whose index names the opening
 * view's geography (they have the map's GeoJSON files): the authority's outline, and the areas
 * too when the link opens that view.
 */
function openingSources(
  entry: BundleEntry,
  source: FetchDataSource,
  state: ViewState,
): OpeningSources | undefined {
  if (!entry.opening) return undefined;
  const url = (g: GeographyId) => source.urlBeforeManifest(mapGeojsonPath(g));
  const opens = state.ind === OPENING_VIEW.ind && state.level === OPENING_VIEW.level;
  return {
    outline: url('lad'),
    ...(opens ? { areas: { geography: entry.opening, url: url(entry.opening) } } : {}),
  };
}

/**
 * England's authorities for the map's first style, for builds that have them as GeoJSON: they
 * are the overview's areas and its outline at once.
 */
function englandOpening(index: AtlasIndex, root: FetchDataSource): OpeningSources | undefined {
  const geojson = index.national?.authorities.geojson;
  if (!geojson) return undefined;
  const url = root.url(geojson);
  return { outline: url, areas: { geography: 'lad', url }, attribution: index.attributions[0] };
}

/** England's extent: the national tiles' bounds, else every bundle's box. */
function englandBounds(index: AtlasIndex): [number, number, number, number] {
  const tiles = index.national?.tiles[0]?.bounds;
  if (tiles) return tiles;
  const boxes = index.bundles.map((b) => b.bbox);
  return [
    Math.min(...boxes.map((b) => b[0])),
    Math.min(...boxes.map((b) => b[1])),
    Math.max(...boxes.map((b) => b[2])),
    Math.max(...boxes.map((b) => b[3])),
  ];
}

const seconds = (t0: number) => ((performance.now() - t0) / 1000).toFixed(1);

start().catch((err: unknown) => {
  releaseFrames();
  status.classList.add('error');
  status.textContent = `The atlas could not start: ${(err as Error).message}`;
  document.body.dataset.ready = 'error';
});
