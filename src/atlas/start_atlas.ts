import type { Remote } from 'comlink';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { BundleEntry } from '../../contracts/atlas_index.ts';
import { geographyOfIndicator, type GeographyId } from '../../contracts/geography.ts';
import type { Manifest } from '../../contracts/manifest.ts';
import type { AreaCollection } from '../../workers/geometry/decode_areas.ts';
import { PointCollectionSchema, type PointCollection } from '../../contracts/point_layer.ts';
import type { AtlasDataApi } from '../../workers/atlas/atlas_data_api.ts';
import { areaCollectionsOf } from '../../workers/geometry/area_layer.ts';
import { AtlasModel } from '../atlas_model.ts';
import type { FetchDataSource } from '../data_source.ts';
import { setOutline, showWhenComplete } from '../map/base_map.ts';
import { PlaceFiles } from '../places/places.ts';
import type { ViewState } from '../state/view_state.ts';
import { byId, el } from '../ui/dom.ts';
import { showGeography } from '../map/area_layers.ts';
import { AREA_GEOGRAPHIES, AtlasApp } from './atlas_app.ts';
import { addAreasOnce } from './map_paint.ts';

export interface StartContext {
  bundle: BundleEntry;
  source: FetchDataSource;
  worker: Remote<AtlasDataApi>;
  state: ViewState;
  /** The base map, created by main as soon as index.json gave the bounds. */
  map: Promise<MapLibreMap>;
  notice(message: string): void;
  step(n: number, message: string): void;
}

/**
 * One authority's atlas, in the order that reaches the first choropleth frame soonest: the map
 * starts from the bundle's bounds while the worker fetches and decodes the boundaries and
 * tables; the choropleth is painted before the key, table and gap chart are built; point layers
 * come after the first frame.
 */
export async function startAtlas(ctx: StartContext): Promise<{
  app: AtlasApp;
  map: MapLibreMap;
  firstFrame: Promise<void>;
  done: Promise<void>;
  placeFiles: PlaceFiles;
}> {
  const { source, worker } = ctx;
  ctx.step(1, 'Loading the data manifest…');
  const manifest = await source.manifest();
  byId('area-name').textContent = manifest.area.name;
  byId('attributions').replaceChildren(
    ...manifest.attributions.map((line) => el('li', { text: line })),
  );
  ctx.step(2, 'Decoding boundaries and indicator tables…');
  const geometryUrl = source.url(manifest.geometry.file);
  const loadAreas = async (gs: GeographyId[]) =>
    areaCollectionsOf(await worker.loadAreas(geometryUrl, gs)) as Record<string, AreaCollection>;
  // The map loads each geography's GeoJSON by URL in MapLibre's own worker; the atlas worker
  // decodes the topology (for point location, analyses and reports) alongside. Only the
  // geography the first frame shows, and the outline; the rest after the first frame.
  const mapData = Object.fromEntries(
    manifest.geographies.flatMap((g) => (g.geojson ? [[g.id, source.url(g.geojson)]] : [])),
  ) as Partial<Record<GeographyId, string>>;
  const first = firstGeography(manifest, ctx.state);
  const decodeFirst = () => loadAreas([first, 'lad']);
  const tables = worker.loadTables(
    Object.fromEntries(manifest.geographies.map((g) => [g.id, source.url(g.table)])),
  );
  // Older bundles (no GeoJSON files) give the map the decoded areas.
  const byUrl = mapData[first] !== undefined && mapData.lad !== undefined;
  const decoding = byUrl ? null : decodeFirst();
  const map = await ctx.map;
  const decoded = await decoding;
  const lad = mapData.lad ?? decoded?.lad;
  if (!lad) throw new Error('geometry lacks the authority outline');
  setOutline(
    map,
    lad,
    manifest.geographies.find((g) => g.id === 'lsoa21')?.licence ?? manifest.attributions[0] ?? '',
  );
  // The first geography's source and layers go on the map now: MapLibre's worker fetches and
  // tiles it while the tables load and the classes are computed; colours come by feature-state.
  const firstData = mapData[first];
  if (firstData !== undefined) {
    addAreasOnce(map, first, firstData);
    showGeography(map, first, AREA_GEOGRAPHIES, false);
  }
  const model = new AtlasModel(manifest, await tables);
  ctx.step(3, 'Drawing the map…');
  ctx.step(4, 'Colouring the areas…');
  const app = new AtlasApp(
    map,
    worker,
    model,
    new Map(),
    ctx.state,
    ctx.notice,
    loadAreas,
    mapData,
  );
  const placeFiles = new PlaceFiles(source, manifest);
  app.placeFiles = placeFiles;
  const firstFrame = app.firstPaint.then(async () => {
    await showWhenComplete(map);
    // The first complete choropleth frame: bench/first_frame.bench.ts reads this mark.
    performance.mark('first-frame');
  });
  // Drawn from URLs, the first frame needs no decoded areas: the worker decodes them after it,
  // not competing with MapLibre's worker for the CPU before it.
  const done = app.start(decoded ?? firstFrame.then(decodeFirst));
  const withPoints = Promise.all([done, firstFrame]).then(async () => {
    await app.addContext();
    app.addPointLayers(await loadPointLayers(source, manifest.layers));
  });
  return { app, map, firstFrame, done: withPoints, placeFiles };
}

/**
 * The geography the link's view will draw first: the level's newest vintage the indicator is
 * published on (as AtlasModel.geographyFor decides once the tables are in), else LSOA 2011.
 */
function firstGeography(manifest: Manifest, state: ViewState): GeographyId {
  const meta = manifest.indicators.find((m) => m.id === state.ind);
  return geographyOfIndicator(meta, state.level) ?? 'lsoa11';
}

async function loadPointLayers(
  source: FetchDataSource,
  layers: { id: string; file: string }[],
): Promise<Map<string, PointCollection>> {
  const loaded = await Promise.all(
    layers.map(async (layer) => {
      const parsed = PointCollectionSchema.safeParse(await source.json(layer.file));
      if (!parsed.success)
        throw new Error(
          `${layer.file} is not a point layer: ${parsed.error.issues[0]?.message ?? ''}`,
        );
      return [layer.id, parsed.data] as const;
    }),
  );
  return new Map(loaded);
}
