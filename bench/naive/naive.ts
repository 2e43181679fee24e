/**
 * The speed baseline of bench/first_frame.bench.ts: the simplest page that could show the
 * Sefton choropleth. MapLibre draws the raw LSOA GeoJSON (with the IMD 2019 score joined by
 * the benchmark) as one fill layer; nothing else. Its first complete frame is the yardstick.
 */
import { Map as MapLibreMap, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
// A stylesheet, not an inline style: the server's Content-Security-Policy refuses inline ones.
import './naive.css';

// Bundling moves MapLibre away from its worker file: point it at the copy Vite emits.
setWorkerUrl(new URL(workerUrl, location.href).href);

const map = new MapLibreMap({
  container: 'map',
  style: { version: 8, sources: {}, layers: [] },
  bounds: [-3.11, 53.43, -2.9, 53.7],
  attributionControl: false,
});
map.on('load', () => {
  map.addSource('lsoa', { type: 'geojson', data: new URL('lsoa.geojson', location.href).href });
  map.addLayer({
    id: 'lsoa',
    type: 'fill',
    source: 'lsoa',
    paint: {
      'fill-color': ['interpolate', ['linear'], ['get', 'imd'], 5, '#f2f0f7', 60, '#54278f'],
      'fill-outline-color': '#ffffff',
    },
  });
  const done = () => {
    if (!map.isSourceLoaded('lsoa') || !map.loaded()) return;
    map.off('idle', done);
    performance.mark('first-frame');
    document.body.dataset.ready = 'true';
  };
  map.on('idle', done);
});
