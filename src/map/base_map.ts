import * as maplibregl from 'maplibre-gl';
import type {
  GeoJSONSource,
  GeoJSONSourceSpecification,
  LayerSpecification,
  Map as MapLibreMap,
  StyleSpecification,
} from 'maplibre-gl';
import { bbox } from '@turf/bbox';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { GeographyId } from '../../contracts/geography.ts';
import type { AreaCollection } from '../../workers/geometry/decode_areas.ts';
import {
  addHatch,
  areaLayerSpecs,
  areaSourceSpec,
  SHAPE_TILE_BUFFER,
  sourceId,
} from './area_layers.ts';

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
  /** What the opening view shows, when known before the manifest (offline base map only). */
  opening?: OpeningSources;
}

/** Absolute URLs of the authority's outline and of the opening view's areas (a geography). */
export interface OpeningSources {
  /** The authority's outline; for England, the authorities themselves (the same URL as `areas`). */
  outline: string;
  areas?: { geography: GeographyId; url: string };
  /** The boundaries' licence line, where it is known before the manifest (England's). */
  attribution?: string;
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
  const offline = openingStyle(options.opening);
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
  if (!options.styleUrl && options.opening?.areas) addHatch(map);
  holdFrames(map);
  // The style, not 'load': with the opening sources in it, 'load' waits for all their tiles.
  if (!map.isStyleLoaded()) await map.once('style.load');
  return map;
}

/** Held maps, each with the test its first frame waits for (never met until it is set). */
const heldMaps = new Map<MapLibreMap, { until: () => boolean }>();

/**
 * Keeps MapLibre from drawing until showWhenComplete says what complete is and a frame meets
 * it: MapLibre still runs its frames (they request the tiles and fire 'idle') but they draw
 * nothing, and the canvas stays clear over the sea. Where WebGL runs in software each drawn
 * frame costs 100-250 ms of rasterising, which the main thread waits for when it composites
 * and the workers lose CPU to; the six or so partial frames drawn as the outline and the
 * areas' tiles arrived were what kept the first complete one waiting (bench/first_frame).
 * This wraps `map.painter.render`, which is not public API: if a MapLibre version has no such
 * method, nothing is held and frames are drawn as before.
 */
function holdFrames(map: MapLibreMap): void {
  type Render = (this: unknown, ...args: unknown[]) => void;
  const painter = (map as unknown as { painter?: { render?: Render } }).painter;
  const render = painter?.render;
  if (!painter || typeof render !== 'function') return;
  const held = { until: () => false };
  heldMaps.set(map, held);
  // A source that fails to load would keep the map from ever being complete: draw what came.
  map.once('error', () => {
    held.until = () => true;
  });
  painter.render = function (...args: unknown[]) {
    if (!held.until()) return;
    painter.render = render;
    heldMaps.delete(map);
    render.apply(this, args);
  };
}

/**
 * Lets the map draw its first frame once everything it has been given is loaded (the style,
 * every source's tiles; the caller has set the colours), and resolves after that frame: the
 * frame that completes the loading is the first one drawn, and 'idle' follows it.
 */
export async function showWhenComplete(map: MapLibreMap): Promise<void> {
  const held = heldMaps.get(map);
  if (held) held.until = () => map.isStyleLoaded() === true;
  const idle = map.once('idle');
  map.triggerRepaint();
  await idle;
}

/** Lets held maps draw, complete or not (on a failure, so what did load is seen). */
export function releaseFrames(): void {
  for (const [map, held] of heldMaps) {
    held.until = () => true;
    map.triggerRepaint();
  }
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
    // Given by URL in the opening style, the same file: it only lacked its attribution,
    // which the attribution control reads again as the sources load.
    if (typeof outline === 'string') source.attribution ??= attribution;
    else void source.setData(outline);
    return;
  }
  map.addSource('outline', outlineSourceSpec(outline, attribution));
  for (const layer of outlineLayerSpecs(offlineMaps.has(map))) map.addLayer(layer);
}

/** The outline's source: its GeoJSON by absolute URL (or the decoded outline). */
function outlineSourceSpec(
  outline: AreaCollection | string,
  attribution: string | undefined,
): GeoJSONSourceSpecification {
  return {
    type: 'geojson',
    data: outline,
    buffer: SHAPE_TILE_BUFFER,
    ...(attribution ? { attribution } : {}),
  };
}

/**
 * England's authorities: one source for their fill and their outlines (MapLibre tiles the 296
 * shapes once, not twice as a separate outline source would), with the boundaries' attribution.
 * Given by URL in the opening style, they are already on the map.
 */
export function setAuthorityAreas(
  map: MapLibreMap,
  areas: AreaCollection,
  attribution: string,
): void {
  const source = sourceId('lad');
  if (map.getSource(source)) return;
  map.addSource(source, { ...areaSourceSpec(areas), attribution });
  const offline = offlineMaps.has(map);
  for (const layer of outlineLayerSpecs(offline, source)) map.addLayer(layer);
  addHatch(map);
  for (const layer of areaLayerSpecs('lad', offline ? 1 : 0.75)) map.addLayer(layer, 'outline');
}

/**
 * The outline's layers. Over an online style the land stays visible through a lighter atlas.
 * Offline, the areas cover the land entirely (opaque, hatched where no data): it is kept
 * hidden, as the anchor the neighbouring authorities' land goes under, and drawn nowhere.
 */
function outlineLayerSpecs(offline: boolean, source = 'outline'): LayerSpecification[] {
  const outline: LayerSpecification = {
    id: 'outline',
    type: 'line',
    source,
    paint: { 'line-color': '#333', 'line-width': 1.5 },
  };
  if (!offline) return [outline];
  return [
    {
      id: 'land',
      type: 'fill',
      source,
      layout: { visibility: 'none' },
      paint: { 'fill-color': '#f7f7f4', 'fill-antialias': false },
    },
    outline,
  ];
}

/**
 * The offline base map's first style: empty, or with the outline and the opening view's areas
 * already in it, so that MapLibre's worker fetches them as soon as it starts instead of after
 * the manifest and the map's 'load' (the opening view's geography comes from index.json).
 */
function openingStyle(opening: OpeningSources | undefined): StyleSpecification {
  const style: StyleSpecification = { version: 8, sources: {}, layers: [] };
  if (!opening) return style;
  const { areas, attribution } = opening;
  // England's authorities are its areas and its outline at once: one source, as
  // setAuthorityAreas makes it.
  const shared = areas?.url === opening.outline;
  const outlineSource = areas && shared ? sourceId(areas.geography) : 'outline';
  if (!shared) style.sources.outline = outlineSourceSpec(opening.outline, attribution);
  const [land, outline] = outlineLayerSpecs(true, outlineSource);
  if (!land || !outline) return style;
  style.layers.push(land);
  if (areas) {
    style.sources[sourceId(areas.geography)] = {
      ...areaSourceSpec(areas.url),
      ...(shared && attribution ? { attribution } : {}),
    };
    style.layers.push(...areaLayerSpecs(areas.geography, 1, true));
  }
  style.layers.push(outline);
  return style;
}

/** [west, south, east, north] of a collection. */
export function boundsOf(fc: AreaCollection): [number, number, number, number] {
  const [x0, y0, x1, y1] = bbox(fc);
  return [x0, y0, x1, y1];
}
