import type { Map as MapLibreMap } from 'maplibre-gl';
import type { GeographyId } from '../../contracts/geography.ts';
import type { IndicatorMeta, LayerMeta } from '../../contracts/manifest.ts';
import type { ChoroplethResult } from '../../workers/atlas/atlas_data_api.ts';
import type { AreaCollection } from '../../workers/geometry/decode_areas.ts';
import { addAreaLayers, paintAreas } from '../map/area_layers.ts';
import { colourForClass, type PaletteId } from '../map/palettes.ts';
import type { PointCollection } from '../../contracts/point_layer.ts';
import { addPointLayer, setPointLayerVisible } from '../map/point_layers.ts';
import { yieldToMain } from '../ui/schedule.ts';

/** Resolves after the map's next complete frame, and one more turn for its other listeners. */
export async function nextIdleFrame(map: MapLibreMap): Promise<void> {
  const idle = map.once('idle');
  map.triggerRepaint();
  await idle;
  await yieldToMain();
}

/**
 * Adds a geography's layers the first time it is shown (less for MapLibre at start), under the
 * ward lines when they are there; true when it added them.
 */
export function addAreasOnce(
  map: MapLibreMap,
  g: GeographyId,
  fc: AreaCollection | string,
): boolean {
  if (map.getSource(`areas-${g}`)) return false;
  addAreaLayers(map, g, fc, map.getLayer('ward-context') ? 'ward-context' : 'outline');
  return true;
}

/** Each area's class colour (darker = worse whichever way the indicator runs). */
export function paintChoropleth(
  map: MapLibreMap,
  g: GeographyId,
  codes: readonly string[],
  c: ChoroplethResult,
  pal: PaletteId,
  meta: IndicatorMeta,
): void {
  const better = meta.polarity === 'higher-is-better';
  paintAreas(
    map,
    g,
    codes,
    Array.from(c.classes, (cls) => (cls < 0 ? null : colourForClass(pal, c.k, cls, better))),
  );
}

/** The point layers the view names are shown; the others hidden. */
export function showPointLayers(map: MapLibreMap, all: LayerMeta[], visible: LayerMeta[]): void {
  const on = new Set(visible.map((l) => l.id));
  for (const l of all) setPointLayerVisible(map, l.id, on.has(l.id));
}

/** The bundle's point layers on the map (shown as the view says), kept in `into`. */
export function addBundlePoints(
  map: MapLibreMap,
  all: LayerMeta[],
  loaded: ReadonlyMap<string, PointCollection>,
  visible: LayerMeta[],
  into: Map<string, PointCollection>,
): void {
  const on = new Set(visible.map((l) => l.id));
  for (const meta of all) {
    const data = loaded.get(meta.id);
    if (!data) continue;
    into.set(meta.id, data);
    addPointLayer(map, meta, data);
    setPointLayerVisible(map, meta.id, on.has(meta.id));
  }
}

/** The ward lines show over every geography but the wards themselves. */
export function showWardContext(map: MapLibreMap, shown: GeographyId): void {
  if (map.getLayer('ward-context'))
    map.setLayoutProperty('ward-context', 'visibility', shown === 'ward' ? 'none' : 'visible');
}
