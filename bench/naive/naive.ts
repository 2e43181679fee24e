/**
 * The speed baselines of bench/first_frame.bench.ts, all from the same raw data:
 *
 * - naive (no query): the simplest page that could show the Sefton choropleth. MapLibre draws
 *   the raw LSOA GeoJSON (with the IMD 2019 score joined by the benchmark) as one fill layer,
 *   added on the map's 'load'; nothing else. Its first complete frame is the yardstick.
 * - `?tuned`: the same layer done as fast as MapLibre allows: the source in the map's first
 *   style (fetched as soon as MapLibre's worker starts), a 32-pixel tile buffer, no fades.
 * - `?tiles`: the tuned page from pre-built vector tiles (bench/naive/build_naive.ts cuts them)
 *   instead of GeoJSON: no parsing or tiling in MapLibre's worker.
 * - `?floor`: no data at all, the map's first frame of an empty style. No page that MapLibre
 *   draws can show anything sooner.
 */
import { Map as MapLibreMap, setWorkerUrl } from 'maplibre-gl';
import type { FillLayerSpecification, StyleSpecification } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
// A stylesheet, not an inline style: the server's Content-Security-Policy refuses inline ones.
import './naive.css';
import { NAIVE_TILE_ZOOMS } from './tile_zooms.ts';

declare global {
  interface Window {
    /** For the benchmark: it times one repaint of the finished page. */
    baselineMap?: MapLibreMap;
  }
}

// Bundling moves MapLibre away from its worker file: point it at the copy Vite emits.
setWorkerUrl(new URL(workerUrl, location.href).href);

const query = new URLSearchParams(location.search);
const variant = (['floor', 'tuned', 'tiles'] as const).find((v) => query.has(v)) ?? 'naive';
const data = new URL('lsoa.geojson', location.href).href;
const layer: FillLayerSpecification = {
  id: 'lsoa',
  type: 'fill',
  source: 'lsoa',
  paint: {
    'fill-color': ['interpolate', ['linear'], ['get', 'imd'], 5, '#f2f0f7', 60, '#54278f'],
    'fill-outline-color': '#ffffff',
  },
};
const empty: StyleSpecification = { version: 8, sources: {}, layers: [] };
const tuned: StyleSpecification = {
  version: 8,
  sources: { lsoa: { type: 'geojson', data, buffer: 32 } },
  layers: [layer],
};

// Built by hand: URL encoding would escape the template's braces.
const tileUrl = `${new URL('tiles/', location.href).href}{z}/{x}/{y}.pbf`;
const tiles: StyleSpecification = {
  version: 8,
  sources: {
    lsoa: {
      type: 'vector',
      tiles: [tileUrl],
      minzoom: NAIVE_TILE_ZOOMS.min,
      maxzoom: NAIVE_TILE_ZOOMS.max,
    },
  },
  layers: [{ ...layer, 'source-layer': 'lsoa' }],
};

const map = new MapLibreMap({
  container: 'map',
  style: { naive: empty, floor: empty, tuned, tiles }[variant],
  bounds: [-3.11, 53.43, -2.9, 53.7],
  attributionControl: false,
  ...(variant === 'tuned' || variant === 'tiles' ? { fadeDuration: 0 } : {}),
});
window.baselineMap = map;

/** Marks the first frame that has everything: the map loaded, and the areas if any. */
function markWhenDrawn(): void {
  const done = () => {
    if ((variant !== 'floor' && !map.isSourceLoaded('lsoa')) || !map.loaded()) return;
    map.off('idle', done);
    performance.mark('first-frame');
    document.body.dataset.ready = 'true';
  };
  map.on('idle', done);
}

if (variant === 'naive')
  map.on('load', () => {
    map.addSource('lsoa', { type: 'geojson', data });
    map.addLayer(layer);
    markWhenDrawn();
  });
else markWhenDrawn();
