import * as maplibregl from 'maplibre-gl';
import type { GeoJSONSource, Map as MapLibreMap, StyleSpecification } from 'maplibre-gl';
import { bbox } from '@turf/bbox';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { AreaCollection } from '../../workers/geometry/decode_areas.ts';

// Bundling moves MapLibre away from its worker file; point it at the copy Vite emits.
maplibregl.setWorkerUrl(new URL(workerUrl, location.href).href);

export interface BaseMapOptions {
  /** Attribution of the boundaries drawn. */
  attribution: string;
  /** "zoom/lat/lon" from the URL, else the authority's bounds. */
  at?: string;
  /** Optional online style for street context; null draws the offline base map. */
  styleUrl?: string | null;
}

/**
 * The base map. By default it is offline, drawn from our own data (sea, land, the authority
 * outline) with nothing fetched from a tile server; with a style URL the atlas draws on top of
 * that style instead.
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
  const offline: StyleSpecification = {
    version: 8,
    sources: {},
    layers: [{ id: 'sea', type: 'background', paint: { 'background-color': '#dde9f0' } }],
  };
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
  await map.once('load');
  // The outline arrives with the boundaries (setOutline); the map starts from the bounds alone.
  map.addSource('outline', {
    type: 'geojson',
    data: { type: 'FeatureCollection', features: [] },
    attribution: options.attribution,
  });
  // Over an online style the land stays visible through a lighter atlas.
  if (!options.styleUrl)
    map.addLayer({
      id: 'land',
      type: 'fill',
      source: 'outline',
      paint: { 'fill-color': '#f7f7f4' },
    });
  map.addLayer({
    id: 'outline',
    type: 'line',
    source: 'outline',
    paint: { 'line-color': '#333', 'line-width': 1.5 },
  });
  return map;
}

/** Draws the authority (or England's) outline and land once the boundaries are decoded. */
export function setOutline(map: MapLibreMap, outline: AreaCollection): void {
  map.getSource<GeoJSONSource>('outline')?.setData(outline);
}

/** [west, south, east, north] of a collection. */
export function boundsOf(fc: AreaCollection): [number, number, number, number] {
  const [x0, y0, x1, y1] = bbox(fc);
  return [x0, y0, x1, y1];
}
