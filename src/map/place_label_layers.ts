import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import type { NeighbourProps } from '../../contracts/places.ts';

/** A name and where to write it. */
export interface LabelPoint {
  name: string;
  at: [number, number];
  /** Bigger places win collisions (population; optional). */
  rank?: number;
}

export interface PlaceLabels {
  /** House of Commons Library MSOA names ("Crossens", "Bootle North"), shown at the opening zoom. */
  neighbourhoods: LabelPoint[];
  /** Ward names, shown when zoomed in. */
  wards: LabelPoint[];
  /** The authorities around the area: drawn as land, with their names. */
  neighbours?: FeatureCollection<Polygon | MultiPolygon, NeighbourProps> | null;
}

export interface PlaceLabelOptions {
  /** Neighbourhood names from this zoom (the opening view of a borough is about 9.5-10.5). */
  neighbourhoodMinZoom?: number;
  /** Ward names from this zoom; neighbourhood names give way to them there. */
  wardMinZoom?: number;
  /** Id prefix of the sources and layers, for a second map on the same page. */
  prefix?: string;
}

/**
 * Text is drawn by MapLibre itself in symbol layers, so it collides with itself (no two names
 * overlap) and costs no DOM node per label. The offline style has no `glyphs` URL, so MapLibre
 * (5.11+) draws the letters locally with the browser's sans-serif font: nothing is fetched.
 * Over an online style with its own glyph server the same layers ask it for "Open Sans
 * Regular" and fall back to local drawing if it has none.
 */
export const LABEL_FONT = ['Open Sans Regular'];

const HALO = { 'text-halo-color': 'rgba(255,255,255,0.9)', 'text-halo-width': 1.4 } as const;

/** Ids of the layers added (for tests and for toggling). */
export function placeLabelLayerIds(prefix = 'place'): {
  neighbourFill: string;
  neighbourLine: string;
  neighbourNames: string;
  neighbourhoods: string;
  wards: string;
} {
  return {
    neighbourFill: `${prefix}-neighbour-land`,
    neighbourLine: `${prefix}-neighbour-line`,
    neighbourNames: `${prefix}-neighbour-names`,
    neighbourhoods: `${prefix}-neighbourhood-names`,
    wards: `${prefix}-ward-names`,
  };
}

function points(list: LabelPoint[]): FeatureCollection<Point, { name: string; rank: number }> {
  return {
    type: 'FeatureCollection',
    features: list.map((p): Feature<Point, { name: string; rank: number }> => ({
      type: 'Feature',
      properties: { name: p.name, rank: p.rank ?? 0 },
      geometry: { type: 'Point', coordinates: p.at },
    })),
  };
}

/**
 * Adds the place names (and the neighbouring authorities as land) to a map. Safe to call again
 * with more data (the neighbours arrive later): sources are updated, layers added once. Names sit
 * above the choropleth with a thin halo and small type so the colours stay readable.
 */
export function addPlaceLabelLayers(
  map: MapLibreMap,
  labels: PlaceLabels,
  options: PlaceLabelOptions = {},
): void {
  const ids = placeLabelLayerIds(options.prefix);
  const nMin = options.neighbourhoodMinZoom ?? 8.5;
  const wMin = options.wardMinZoom ?? 12;
  const src = (name: string) => `${options.prefix ?? 'place'}-${name}`;
  const setData = (id: string, data: FeatureCollection): boolean => {
    const s = map.getSource(id) as GeoJSONSource | undefined;
    if (s) {
      s.setData(data);
      return false;
    }
    map.addSource(id, { type: 'geojson', data });
    return true;
  };

  if (labels.neighbours?.features.length) {
    const fc = labels.neighbours;
    const fresh = setData(src('neighbours'), fc);
    setData(
      src('neighbour-points'),
      points(fc.features.map((f) => ({ name: f.properties.name, at: f.properties.label }))),
    );
    if (fresh) {
      // Under the area's own land, so the authority and its choropleth stay on top.
      const below = map.getLayer('land') ? 'land' : undefined;
      if (below)
        map.addLayer(
          {
            id: ids.neighbourFill,
            type: 'fill',
            source: src('neighbours'),
            paint: { 'fill-color': '#e9e7e0' },
          },
          below,
        );
      map.addLayer(
        {
          id: ids.neighbourLine,
          type: 'line',
          source: src('neighbours'),
          paint: { 'line-color': '#8a8a8a', 'line-width': 0.8 },
        },
        below,
      );
      map.addLayer({
        id: ids.neighbourNames,
        type: 'symbol',
        source: src('neighbour-points'),
        layout: {
          'text-field': ['get', 'name'],
          'text-font': LABEL_FONT,
          'text-size': ['interpolate', ['linear'], ['zoom'], 8, 11, 12, 15],
          'text-transform': 'uppercase',
          'text-letter-spacing': 0.08,
          'text-max-width': 8,
          'text-padding': 6,
        },
        paint: { 'text-color': '#5a5a5a', ...HALO },
      });
    }
  }

  if (setData(src('neighbourhoods'), points(labels.neighbourhoods)))
    map.addLayer({
      id: ids.neighbourhoods,
      type: 'symbol',
      source: src('neighbourhoods'),
      minzoom: nMin,
      maxzoom: wMin,
      layout: {
        'text-field': ['get', 'name'],
        'text-font': LABEL_FONT,
        'text-size': ['interpolate', ['linear'], ['zoom'], 9, 10, 12, 12.5],
        'text-max-width': 7,
        'text-padding': 3,
        // Bigger places are placed first and so survive collisions.
        'symbol-sort-key': ['-', 0, ['get', 'rank']],
      },
      paint: { 'text-color': '#1a1a1a', ...HALO },
    });

  if (setData(src('wards'), points(labels.wards)))
    map.addLayer({
      id: ids.wards,
      type: 'symbol',
      source: src('wards'),
      minzoom: wMin,
      layout: {
        'text-field': ['get', 'name'],
        'text-font': LABEL_FONT,
        'text-size': 13,
        'text-max-width': 8,
        'text-padding': 4,
      },
      paint: { 'text-color': '#111', ...HALO },
    });
}
