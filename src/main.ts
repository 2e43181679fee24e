import './styles.css';
import 'maplibre-gl/dist/maplibre-gl.css';
import { wrap } from 'comlink';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { z } from 'zod';

// zod's compiled validators use new Function, which the Content-Security-Policy forbids.
z.config({ jitless: true });
import type { AtlasDataApi } from '../workers/atlas_data_api.ts';
import { AREA_GEOGRAPHIES, AtlasApp } from './atlas/atlas_app.ts';
import { AtlasModel } from './atlas_model.ts';
import { FetchDataSource } from './data_source.ts';
import { createBaseMap } from './map/base_map.ts';
import { loadRuntimeConfig } from './config/runtime_config.ts';
import { PointCollectionSchema, type PointCollection } from '../contracts/point_layer.ts';
import { parseViewState } from './state/view_state.ts';
import { byId, el } from './ui/dom.ts';
import { showNotice } from './ui/notices.ts';
import { wirePanels } from './ui/panels.ts';
// register: the community asset register's layer, form and edit link (src/register/).
import { startRegister, takeEditLink } from './register/register_ui.ts';
// firstuse: place names on the map and in search (src/places/).
import { PlaceFiles, startPlaces } from './places/places.ts';
import { wirePlaceSuggestions } from './places/place_finder.ts';
import { renameInPlace } from './places/rename_in_place.ts';

declare global {
  interface Window {
    gapAtlas?: { map: MapLibreMap };
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
  showNotice(noticeBox, message); // firstuse: dismissable, no duplicates, at most three
}

wirePanels(); // firstuse: phones: side columns as panels, foldable key

// register: read the private edit link before anything rewrites the address bar.
const editLink = takeEditLink();

async function start(): Promise<void> {
  const t0 = performance.now();
  const { state, problems } = parseViewState(location.search);
  if (problems.length) notice(`Some of the link could not be used: ${problems.join('; ')}.`);

  const source = new FetchDataSource(import.meta.env.VITE_DATA_URL ?? './data/');
  step(1, 'Loading the data manifest…');
  const manifest = await source.manifest();
  byId('area-name').textContent = manifest.area.name;
  byId('attributions').replaceChildren(
    ...manifest.attributions.map((line) => el('li', { text: line })),
  );

  step(2, 'Decoding boundaries and indicator tables…');
  const worker = wrap<AtlasDataApi>(
    new Worker(new URL('../workers/atlas_data.worker.ts', import.meta.url), { type: 'module' }),
  );
  // Everything independent loads at once; the map starts as soon as the outline is decoded.
  const tablesLoaded = worker.loadTables(
    Object.fromEntries(manifest.geographies.map((g) => [g.id, source.url(g.table)])),
  );
  const pointsLoaded = Promise.all(
    manifest.layers.map(async (layer) => {
      const parsed = PointCollectionSchema.safeParse(await source.json(layer.file));
      if (!parsed.success)
        throw new Error(
          `${layer.file} is not a point layer: ${parsed.error.issues[0]?.message ?? ''}`,
        );
      return [layer.id, parsed.data] as const;
    }),
  );
  const areas = await worker.loadAreas(source.url(manifest.geometry.file), [
    ...AREA_GEOGRAPHIES,
    'lad',
  ]);
  const lad = areas.lad;
  if (!lad) throw new Error('geometry lacks the authority outline');

  step(3, 'Drawing the map…');
  const boundaryLine =
    manifest.geographies.find((g) => g.id === 'lsoa21')?.licence ?? manifest.attributions[0] ?? '';
  const [map, tables, pointList] = await Promise.all([
    loadRuntimeConfig().then(({ config, problem }) => {
      if (problem) notice(problem);
      return createBaseMap(byId('map'), lad, {
        attribution: boundaryLine,
        at: state.at,
        styleUrl: config.basemapStyleUrl,
      });
    }),
    tablesLoaded,
    pointsLoaded,
  ]);
  const points = new Map<string, PointCollection>(pointList);
  step(4, 'Colouring the areas…');
  const model = new AtlasModel(manifest, tables);
  const app = new AtlasApp(map, worker, model, points, state, notice);
  const placeFiles = new PlaceFiles(source, manifest); // firstuse
  app.placeFiles = placeFiles; // firstuse
  await app.start(areas);
  // The map may already be idle after the last paint: ask for a frame so 'idle' fires again.
  const firstFrame = map.once('idle');
  map.triggerRepaint();
  await firstFrame;
  const count = tables.lsoa11?.codes.length ?? 0;
  step(
    5,
    `${manifest.area.name}: ${count} LSOAs (2011), ${tables.lsoa21?.codes.length ?? 0} LSOAs (2021), ${tables.ward?.codes.length ?? 0} wards, ${tables.msoa21?.codes.length ?? 0} MSOAs loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s.`,
  );
  // A handle for power users and browser tests (devtools: gapAtlas.map.getZoom()).
  window.gapAtlas = { map };
  document.body.dataset.ready = 'true';
  // firstuse: names and neighbouring areas after the first frame; the index when idle.
  startPlaces(map, model, placeFiles, { contextLoaded: () => renameInPlace(model), notice });
  wirePlaceSuggestions(byId<HTMLInputElement>('area-search'), byId('area-list'), placeFiles);
  // register: its layer and form come after the atlas, which does not wait for them.
  void startRegister(
    {
      map,
      layers: state.layers,
      setLayers: (layers) => void app.update({ layers }),
      notice,
      addAnalysisLayer: (meta, points) => app.addAnalysisLayer(meta, points),
    },
    editLink,
  );
}

start().catch((err: unknown) => {
  status.classList.add('error');
  status.textContent = `The atlas could not start: ${(err as Error).message}`;
  document.body.dataset.ready = 'error';
});
