import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { GeographyId } from '../../contracts/geography.ts';
import type { AreaCollection } from '../../workers/geometry/decode_areas.ts';

const HATCH = 'no-data-hatch';

/** A diagonal hatch for "no data", unmistakable for the lightest class. */
function addHatch(map: MapLibreMap): void {
  if (map.hasImage(HATCH)) return;
  const size = 8;
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const on = (x + y) % size < 2;
      const o = (y * size + x) * 4;
      data.set(on ? [110, 110, 110, 255] : [255, 255, 255, 255], o);
    }
  }
  map.addImage(HATCH, { width: size, height: size, data });
}

export const sourceId = (g: GeographyId) => `areas-${g}`;
const layerIds = (g: GeographyId) => [`${g}-hatch`, `${g}-fill`, `${g}-line`, `${g}-focus`];
export const fillLayer = (g: GeographyId) => `${g}-fill`;

/** Adds a geography's source and its hatch, fill, line and focus layers (hidden). */
export function addAreaLayers(
  map: MapLibreMap,
  g: GeographyId,
  /** The areas, or the absolute URL of their GeoJSON (MapLibre fetches it in its worker). */
  areas: AreaCollection | string,
  beforeId: string,
): void {
  addHatch(map);
  // Over an online street map (no offline 'land' layer) the streets show through a little.
  const opacity = map.getLayer('land') ? 1 : 0.75;
  map.addSource(sourceId(g), { type: 'geojson', data: areas, promoteId: 'code' });
  const hidden = { visibility: 'none' } as const;
  map.addLayer(
    {
      id: `${g}-hatch`,
      type: 'fill',
      source: sourceId(g),
      layout: hidden,
      paint: { 'fill-pattern': HATCH },
    },
    beforeId,
  );
  map.addLayer(
    {
      id: `${g}-fill`,
      type: 'fill',
      source: sourceId(g),
      layout: hidden,
      paint: {
        // Only areas given a colour are coloured: to-color of a missing state logs a warning.
        'fill-color': [
          'case',
          ['boolean', ['feature-state', 'hasValue'], false],
          ['to-color', ['feature-state', 'colour']],
          '#ffffff',
        ],
        'fill-opacity': ['case', ['boolean', ['feature-state', 'hasValue'], false], opacity, 0],
        // The line layer draws the boundaries: no antialiasing outline pass (one shader and
        // one pass less per frame, which software WebGL pays for).
        'fill-antialias': false,
      },
    },
    beforeId,
  );
  map.addLayer(
    {
      id: `${g}-line`,
      type: 'line',
      source: sourceId(g),
      layout: hidden,
      paint: { 'line-color': '#ffffff', 'line-width': 0.5, 'line-opacity': 0.8 },
    },
    beforeId,
  );
  map.addLayer(
    {
      id: `${g}-focus`,
      type: 'line',
      source: sourceId(g),
      layout: hidden,
      paint: {
        'line-color': [
          'case',
          ['boolean', ['feature-state', 'selected'], false],
          '#000000',
          '#d40000',
        ],
        'line-width': [
          'case',
          ['boolean', ['feature-state', 'selected'], false],
          3,
          ['boolean', ['feature-state', 'hover'], false],
          2.5,
          0,
        ],
      },
    },
    beforeId,
  );
}

/**
 * Shows one geography's layers and hides the others'; its no-data hatch only when `hatch`
 * (some area has no value): one full layer less to draw for most indicators.
 */
export function showGeography(
  map: MapLibreMap,
  shown: GeographyId,
  all: readonly GeographyId[],
  hatch = true,
): void {
  for (const g of all) {
    for (const id of layerIds(g)) {
      const on = g === shown && (hatch || id !== `${g}-hatch`);
      if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', on ? 'visible' : 'none');
    }
  }
}

/** Paints each area: colour per area in table order, null for no value. */
export function paintAreas(
  map: MapLibreMap,
  g: GeographyId,
  codes: readonly string[],
  colours: readonly (string | null)[],
): void {
  const source = sourceId(g);
  codes.forEach((code, i) => {
    const colour = colours[i] ?? null;
    map.setFeatureState(
      { source, id: code },
      { colour: colour ?? '#ffffff', hasValue: colour !== null },
    );
  });
}

export function setFlag(
  map: MapLibreMap,
  g: GeographyId,
  code: string | undefined,
  flag: 'hover' | 'selected',
  on: boolean,
): void {
  if (!code || !map.getSource(sourceId(g))) return;
  map.setFeatureState({ source: sourceId(g), id: code }, { [flag]: on });
}

export function areaSource(map: MapLibreMap, g: GeographyId): GeoJSONSource | undefined {
  return map.getSource<GeoJSONSource>(sourceId(g));
}
