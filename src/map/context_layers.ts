import type { Map as MapLibreMap } from 'maplibre-gl';
import type { PointCollection } from '../../contracts/point_layer.ts';
import type { AtlasModel } from '../atlas_model.ts';
import type { AreaCollection } from '../../workers/geometry/decode_areas.ts';
import { addPointLayer } from './point_layers.ts';
import { SHAPE_TILE_BUFFER } from './area_layers.ts';

/** Ward lines over every geography but wards and the point layers (names: place_label_layers.ts). */
export function addContextLayers(
  map: MapLibreMap,
  model: AtlasModel,
  points: ReadonlyMap<string, PointCollection>,
  /** The wards, or the URL of their GeoJSON. */
  wards: AreaCollection | string | undefined,
): void {
  if (wards) {
    map.addSource('ward-context', { type: 'geojson', data: wards, buffer: SHAPE_TILE_BUFFER });
    map.addLayer(
      {
        id: 'ward-context',
        type: 'line',
        source: 'ward-context',
        paint: { 'line-color': '#222', 'line-width': 1, 'line-opacity': 0.55 },
      },
      'outline',
    );
  }
  for (const layer of model.manifest.layers) {
    const data = points.get(layer.id);
    if (data) addPointLayer(map, layer, data);
  }
}
