import * as maplibregl from 'maplibre-gl';
import type { Map as MapLibreMap, MapLayerMouseEvent } from 'maplibre-gl';
import type { LayerMeta } from '../../contracts/manifest.ts';

/** Okabe-Ito colours: distinguishable with the common colour-vision deficiencies. */
export const LAYER_COLOURS: Record<string, string> = {
  gp_practices: '#0072B2',
  pharmacies: '#009E73',
  libraries: '#CC79A7',
  food_banks: '#D55E00',
  community_assets: '#E69F00',
  register: '#56B4E9',
};

export type { PointCollection } from '../../contracts/point_layer.ts';
import type { PointCollection } from '../../contracts/point_layer.ts';

const LABELS: Record<string, string> = {
  address: 'Address',
  postcode: 'Postcode',
  telephone: 'Telephone',
  le_male_2016_20: 'Life expectancy, male 2016-20',
  le_female_2016_20: 'Life expectancy, female 2016-20',
  hours: 'Opening hours',
  weekly_hours: 'Hours a week',
  role: 'Role',
  programme: 'Programme',
  network: 'Network',
  type: 'Type',
  url: 'Website',
};

/** Clustered point layer with a popup built from text nodes only (never HTML from data). */
export function addPointLayer(map: MapLibreMap, meta: LayerMeta, data: PointCollection): void {
  const colour = LAYER_COLOURS[meta.id] ?? '#444444';
  const id = `points-${meta.id}`;
  map.addSource(id, {
    type: 'geojson',
    data,
    cluster: true,
    clusterRadius: 30,
    clusterMaxZoom: 13,
  });
  map.addLayer({
    id: `${id}-clusters`,
    type: 'circle',
    source: id,
    filter: ['has', 'point_count'],
    paint: {
      'circle-color': colour,
      'circle-opacity': 0.85,
      'circle-radius': ['step', ['get', 'point_count'], 9, 5, 12, 15, 16],
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 2,
    },
  });
  map.addLayer({
    id: `${id}-points`,
    type: 'circle',
    source: id,
    filter: ['!', ['has', 'point_count']],
    paint: {
      'circle-color': colour,
      'circle-radius': 6,
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 1.5,
    },
  });
  map.on('click', `${id}-points`, (e: MapLayerMouseEvent) => {
    const f = e.features?.[0];
    if (!f || f.geometry.type !== 'Point') return;
    new maplibregl.Popup({ maxWidth: '320px' })
      .setLngLat(f.geometry.coordinates as [number, number])
      .setDOMContent(popupContent(meta, f.properties as Record<string, unknown>))
      .addTo(map);
  });
  map.on('click', `${id}-clusters`, (e: MapLayerMouseEvent) => {
    const f = e.features?.[0];
    if (f?.geometry.type === 'Point')
      map.easeTo({ center: f.geometry.coordinates as [number, number], zoom: map.getZoom() + 2 });
  });
  for (const layer of [`${id}-points`, `${id}-clusters`]) {
    map.on('mouseenter', layer, () => (map.getCanvas().style.cursor = 'pointer'));
    map.on('mouseleave', layer, () => (map.getCanvas().style.cursor = ''));
  }
}

export function setPointLayerVisible(map: MapLibreMap, layerId: string, visible: boolean): void {
  for (const suffix of ['clusters', 'points']) {
    const id = `points-${layerId}-${suffix}`;
    if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
  }
}

export function popupContent(meta: LayerMeta, props: Record<string, unknown>): HTMLElement {
  const root = document.createElement('div');
  root.className = 'popup';
  const h = document.createElement('h3');
  h.textContent = String(props.name ?? 'Unnamed');
  root.append(h);
  const dl = document.createElement('dl');
  for (const [key, label] of Object.entries(LABELS)) {
    const v = props[key];
    if (v === null || v === undefined || v === '') continue;
    const dt = document.createElement('dt');
    dt.textContent = label;
    const dd = document.createElement('dd');
    if (key === 'url' && typeof v === 'string' && /^https?:\/\//.test(v)) {
      const a = document.createElement('a');
      a.href = v;
      a.rel = 'noopener noreferrer';
      a.target = '_blank';
      a.textContent = v;
      dd.append(a);
    } else {
      dd.textContent = String(v);
    }
    dl.append(dt, dd);
  }
  root.append(dl);
  const src = document.createElement('p');
  src.className = 'popup-source';
  src.textContent = `${meta.label}: ${meta.source} (${meta.period}). ${meta.licence}`;
  root.append(src);
  return root;
}

/**
 * Colours a point layer by a numeric property (e.g. GP practice life expectancy), darker =
 * lower = worse; points without the value are grey. `prop` null restores the category colour.
 */
export function colourPointsBy(
  map: MapLibreMap,
  layerId: string,
  prop: string | null,
  range: [number, number],
  colours: readonly string[],
): void {
  const id = `points-${layerId}-points`;
  if (!map.getLayer(id)) return;
  if (!prop) {
    map.setPaintProperty(id, 'circle-color', LAYER_COLOURS[layerId] ?? '#444444');
    map.setPaintProperty(id, 'circle-radius', 6);
    return;
  }
  const [lo, hi] = range;
  const stops = colours.flatMap((c, i) => [
    lo + ((hi - lo) * i) / Math.max(1, colours.length - 1),
    c,
  ]);
  map.setPaintProperty(id, 'circle-color', [
    'case',
    ['==', ['typeof', ['get', prop]], 'number'],
    ['interpolate', ['linear'], ['get', prop], ...stops],
    '#9e9e9e',
  ]);
  map.setPaintProperty(id, 'circle-radius', 8);
}
