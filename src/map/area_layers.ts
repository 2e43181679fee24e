import type {
  GeoJSONSource,
  GeoJSONSourceSpecification,
  LayerSpecification,
  Map as MapLibreMap,
} from 'maplibre-gl';
import type { GeographyId } from '../../contracts/geography.ts';
import type { AreaCollection } from '../../workers/geometry/decode_areas.ts';

const HATCH = 'no-data-hatch';

/** A diagonal hatch for "no data", unmistakable for the lightest class. */
export function addHatch(map: MapLibreMap): void {
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
const layerIds = (g: GeographyId) => [`${g}-hatch`, `${g}-fill`, `${g}-line`];
export const fillLayer = (g: GeographyId) => `${g}-fill`;

/**
 * The tile buffer of the polygon and line sources, in tile pixels (a tile is 512; MapLibre's
 * default is 128). No line here is wider than 3 px, so 32 px of overlap still hides every tile
 * seam, while each tile clips and triangulates far less of its neighbours' shapes: about 6%
 * off the first frame in paired runs (bench/first_frame).
 */
export const SHAPE_TILE_BUFFER = 32;

/** A geography's source: its GeoJSON by absolute URL (or the decoded areas), keyed by code. */
export function areaSourceSpec(areas: AreaCollection | string): GeoJSONSourceSpecification {
  return { type: 'geojson', data: areas, promoteId: 'code', buffer: SHAPE_TILE_BUFFER };
}

/**
 * A geography's hatch, fill and line layers, bottom to top: all hidden, or (`shown`)
 * all but the hatch shown. `opacity` is below 1 over an online street map, which shows
 * through a little.
 */
export function areaLayerSpecs(
  g: GeographyId,
  opacity: number,
  shown = false,
): LayerSpecification[] {
  const layout = (on: boolean) => ({ visibility: on ? 'visible' : 'none' }) as const;
  const source = sourceId(g);
  return [
    {
      id: `${g}-hatch`,
      type: 'fill',
      source,
      layout: layout(false),
      paint: { 'fill-pattern': HATCH },
    },
    {
      id: `${g}-fill`,
      type: 'fill',
      source,
      layout: layout(shown),
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
    {
      id: `${g}-line`,
      type: 'line',
      source,
      layout: layout(shown),
      paint: { 'line-color': '#ffffff', 'line-width': 0.5, 'line-opacity': 0.8 },
    },
  ];
}

/** Adds a geography's source and its hatch, fill and line layers (hidden). */
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
  map.addSource(sourceId(g), areaSourceSpec(areas));
  for (const layer of areaLayerSpecs(g, opacity)) map.addLayer(layer, beforeId);
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

type Flag = 'hover' | 'selected';
/** A geography's decoded areas, for the focus outline's shapes; undefined until they are in. */
export type AreaShapes = (g: GeographyId) => AreaCollection | undefined;
type AreaFeature = AreaCollection['features'][number];
const FOCUS = 'focus';
const focusOf = new WeakMap<
  MapLibreMap,
  { shapes?: AreaShapes; flags: Map<Flag, [GeographyId, string]> }
>();
/** Each collection's areas by code, made on its first outline (hover changes look up here). */
const byCode = new WeakMap<AreaCollection, Map<string, AreaFeature>>();

function shapeOf(fc: AreaCollection, code: string): AreaFeature | undefined {
  let index = byCode.get(fc);
  if (!index) byCode.set(fc, (index = new Map(fc.features.map((f) => [f.properties.code, f]))));
  return index.get(code);
}

/**
 * Marks an area hovered or selected: a feature-state on its geography's source (read by the
 * table, the tests and the devtools) and its outline in the focus layer. The focus layer has
 * a source of its own holding only the one or two flagged areas: drawing every area's outline
 * at width 0 on each frame, and building that line for every tile, cost software WebGL about a
 * sixth of each frame.
 */
export function setFlag(
  map: MapLibreMap,
  g: GeographyId,
  code: string | undefined,
  flag: Flag,
  on: boolean,
): void {
  if (!code || !map.getSource(sourceId(g))) return;
  map.setFeatureState({ source: sourceId(g), id: code }, { [flag]: on });
  const focus = focusState(map);
  const [fg, fcode] = focus.flags.get(flag) ?? [];
  if (on) focus.flags.set(flag, [g, code]);
  else if (fg === g && fcode === code) focus.flags.delete(flag);
  else return;
  drawFocus(map);
}

/**
 * Where the focus layer finds the flagged areas' shapes; it draws what is flagged already (call
 * again when more areas are decoded).
 */
export function setAreaShapes(map: MapLibreMap, shapes: AreaShapes): void {
  focusState(map).shapes = shapes;
  drawFocus(map);
}

function focusState(map: MapLibreMap) {
  let focus = focusOf.get(map);
  if (!focus) focusOf.set(map, (focus = { flags: new Map() }));
  return focus;
}

function drawFocus(map: MapLibreMap): void {
  const { shapes, flags } = focusState(map);
  if (!shapes) return;
  // The selection last, so that it is drawn over the hover outline when both are one area.
  const features = (['hover', 'selected'] as const).flatMap((flag) => {
    const [g, code] = flags.get(flag) ?? [];
    const fc = g ? shapes(g) : undefined;
    const area = fc && code ? shapeOf(fc, code) : undefined;
    return area
      ? [{ type: 'Feature' as const, properties: { flag }, geometry: area.geometry }]
      : [];
  });
  const data = { type: 'FeatureCollection' as const, features };
  const source = map.getSource<GeoJSONSource>(FOCUS);
  if (source) {
    void source.setData(data);
    return;
  }
  if (!features.length) return;
  map.addSource(FOCUS, { type: 'geojson', data, buffer: SHAPE_TILE_BUFFER });
  map.addLayer(
    {
      id: FOCUS,
      type: 'line',
      source: FOCUS,
      paint: {
        'line-color': ['match', ['get', 'flag'], 'selected', '#000000', '#d40000'],
        'line-width': ['match', ['get', 'flag'], 'selected', 3, 2.5],
      },
    },
    map.getLayer('outline') ? 'outline' : undefined,
  );
}

export function areaSource(map: MapLibreMap, g: GeographyId): GeoJSONSource | undefined {
  return map.getSource<GeoJSONSource>(sourceId(g));
}
