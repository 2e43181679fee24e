import * as maplibregl from 'maplibre-gl';
import type { Map as MapLibreMap } from 'maplibre-gl';

/**
 * Place labels without a glyph server: HTML markers at ward population centres, shown from
 * `minZoom` on (the offline base map has no tiles and so no font glyphs to draw text with).
 */
export function addPlaceLabels(
  map: MapLibreMap,
  places: { name: string; at: [number, number] }[],
  minZoom = 11,
): void {
  const markers = places.map((p) => {
    const div = document.createElement('div');
    div.className = 'place-label';
    div.textContent = p.name;
    div.setAttribute('aria-hidden', 'true');
    return new maplibregl.Marker({ element: div, anchor: 'center' }).setLngLat(p.at);
  });
  let shown = false;
  const update = () => {
    const want = map.getZoom() >= minZoom;
    if (want === shown) return;
    shown = want;
    for (const m of markers) {
      if (want) m.addTo(map);
      else m.remove();
    }
  };
  map.on('zoomend', update);
  update();
}
