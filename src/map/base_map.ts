import * as maplibregl from 'maplibre-gl';
import type { GeoJSONSource, Map as MapLibreMap, StyleSpecification } from 'maplibre-gl';
import { bbox } from '@turf/bbox';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { AreaCollection } from '../../workers/geometry/decode_areas.ts';

// Bundling moves MapLibre away from its worker file; point it at the copy Vite emits.
maplibregl.setWorkerUrl(new URL(workerUrl, location.href).href);

/** The offline base map's sea: the map element's background (styles.css has the same). */
export const SEA_COLOUR = '#dde9f0';

/** Maps drawn on the offline base map (sea and land of our own), not an online style. */
const offlineMaps = new WeakSet<MapLibreMap>();

export interface BaseMapOptions {
  /** "zoom/lat/lon" from the URL, else the authority's bounds. */
  at?: string;
  /** Optional online style for street context; null draws the offline base map. */
  styleUrl?: string | null;
}

/**
 * The base map. By default it is offline, drawn from our own data (sea, land, the authority
 * outline) with nothing fetched from a tile server; with a style URL the atlas draws on top of
 * that style instead. Created as soon as the bounds are known (index.json), in parallel with
 * the manifest and the data: WebGL, MapLibre's worker and the style take a while to start.
 */
export async function createBaseMap(
  container: HTMLElement,
  bounds: [number, number, number, number],
  options: BaseMapOptions,
): Promise<MapLibreMap> {
  const [x0, y0, x1, y1] = bounds;
  const [zoom, lat, lon] = (options.at ?? '').split('/').map(Number);
  const position =
    zoom !== undefined &&
    lat !== undefined &&
    lon !== undefined &&
    Number.isFinite(zoom + lat + lon)
      ? { zoom, center: [lon, lat] as [number, number] }
      : {
          bounds: [x0, y0, x1, y1] as [number, number, number, number],
          // firstuse: on a wide map the key (about 17rem, top right) must not cover the
          // east of the area at the opening view.
          fitBoundsOptions: {
            padding: {
              top: 20,
              bottom: 20,
              left: 20,
              right: container.clientWidth > 640 ? 280 : 20,
            },
          },
        };
  // The sea is the map element's CSS background (styles.css, SEA_COLOUR) under a clear canvas,
  // not a background layer: every frame would fill the whole screen with it, which software
  // WebGL pays for on each of the frames before the first complete one.
  const offline: StyleSpecification = { version: 8, sources: {}, layers: [] };
  const map = new maplibregl.Map({
    container,
    ...position,
    attributionControl: false,
    style: options.styleUrl ?? offline,
    // firstuse: place names appear without a fade: a fade is several extra full frames, which
    // cost hundreds of milliseconds each where WebGL runs in software.
    fadeDuration: 0,
  });
  map.addControl(new maplibregl.AttributionControl({ compact: false }), 'bottom-right');
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-left');
  map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
  if (!options.styleUrl) offlineMaps.add(map);
  await map.once('load');
  return map;
}

/**
 * Draws the authority (or England's) outline and land once the boundaries are decoded (a URL
 * is fetched and parsed by MapLibre's worker), with the boundaries' attribution. The area
 * layers go under the outline, so it is added before them.
 */
export function setOutline(
  map: MapLibreMap,
  outline: AreaCollection | string,
  attribution: string,
): void {
  const source = map.getSource<GeoJSONSource>('outline');
  if (source) {
    void source.setData(outline);
    return;
  }
  map.addSource('outline', { type: 'geojson', data: outline, attribution });
  // Over an online style the land stays visible through a lighter atlas. Offline, the areas
  // cover the land entirely (opaque, hatched where no data): it is kept hidden, as the anchor
  // the neighbouring authorities' land goes under, and drawn nowhere.
  if (offlineMaps.has(map))
    map.addLayer({
      id: 'land',
      type: 'fill',
      source: 'outline',
      layout: { visibility: 'none' },
      paint: { 'fill-color': '#f7f7f4', 'fill-antialias': false },
    });
  map.addLayer({
    id: 'outline',
    type: 'line',
    source: 'outline',
    paint: { 'line-color': '#333', 'line-width': 1.5 },
  });
}

/** [west, south, east, north] of a collection. */
export function boundsOf(fc: AreaCollection): [number, number, number, number] {
  const [x0, y0, x1, y1] = bbox(fc);
  return [x0, y0, x1, y1];
}
