import * as maplibregl from 'maplibre-gl';
import type { Map as MapLibreMap } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { bbox } from '@turf/turf';
import type { AreaCollection } from '../../workers/geometry_decode.ts';

/**
 * An offline base map drawn from our own data: sea, the authority outline, and nothing
 * fetched from a tile server.
 */
// Bundling moves MapLibre away from its worker file; point it at the copy Vite emits.
maplibregl.setWorkerUrl(new URL(workerUrl, location.href).href);

export async function createBaseMap(
  container: HTMLElement,
  outline: AreaCollection,
  attribution: string,
  at?: string,
): Promise<MapLibreMap> {
  const [x0, y0, x1, y1] = bbox(outline);
  const [zoom, lat, lon] = (at ?? '').split('/').map(Number);
  const position =
    zoom !== undefined &&
    lat !== undefined &&
    lon !== undefined &&
    Number.isFinite(zoom + lat + lon)
      ? { zoom, center: [lon, lat] as [number, number] }
      : {
          bounds: [x0, y0, x1, y1] as [number, number, number, number],
          fitBoundsOptions: { padding: 20 },
        };
  const map = new maplibregl.Map({
    container,
    ...position,
    attributionControl: false,
    style: {
      version: 8,
      sources: {
        outline: { type: 'geojson', data: outline, attribution },
      },
      layers: [
        { id: 'sea', type: 'background', paint: { 'background-color': '#dde9f0' } },
        { id: 'land', type: 'fill', source: 'outline', paint: { 'fill-color': '#f7f7f4' } },
        {
          id: 'outline',
          type: 'line',
          source: 'outline',
          paint: { 'line-color': '#333', 'line-width': 1.5 },
        },
      ],
    },
  });
  map.addControl(new maplibregl.AttributionControl({ compact: false }), 'bottom-right');
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-left');
  map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
  await map.once('load');
  return map;
}

/** Adds one geography as an outline layer under the authority outline. */
export async function showAreas(
  map: MapLibreMap,
  id: string,
  areas: AreaCollection,
): Promise<void> {
  map.addSource(id, { type: 'geojson', data: areas, promoteId: 'code' });
  map.addLayer(
    {
      id: `${id}-line`,
      type: 'line',
      source: id,
      paint: { 'line-color': '#5a6b7b', 'line-width': 0.6 },
    },
    'outline',
  );
  await map.once('idle');
}
