import type { ExpressionSpecification, Map as MapLibreMap } from 'maplibre-gl';
import type { TileLayer } from '../../contracts/atlas_index.ts';
import type { ColumnClasses } from '../../workers/atlas/atlas_data_api.ts';

export const NATIONAL_SOURCE = 'national-lsoa';
export const NATIONAL_FILL = 'national-lsoa-fill';
const NATIONAL_LINE = 'national-lsoa-line';

/**
 * The colour of each tile feature from its own value of the indicator: a step over the class
 * breaks, transparent where the area has no value (the hatch below shows through). Switching
 * indicator is one paint-property change: no per-area join on the main thread.
 */
export function stepColour(
  property: string,
  classes: Pick<ColumnClasses, 'breaks' | 'k'>,
  colourOf: (cls: number) => string,
): ExpressionSpecification {
  const steps: (string | number)[] = [colourOf(0)];
  classes.breaks.slice(0, classes.k - 1).forEach((b, i) => steps.push(b, colourOf(i + 1)));
  return [
    'case',
    ['==', ['typeof', ['get', property]], 'number'],
    ['step', ['get', property], ...steps] as unknown as ExpressionSpecification,
    'rgba(0,0,0,0)',
  ];
}

/** Adds the national LSOA vector tiles (hidden until shown) below `beforeId`. */
export function addNationalLsoaLayer(
  map: MapLibreMap,
  layer: TileLayer,
  tilesUrl: string,
  attribution: string,
  beforeId?: string,
): void {
  if (map.getSource(NATIONAL_SOURCE)) return;
  map.addSource(NATIONAL_SOURCE, {
    type: 'vector',
    tiles: [tilesUrl],
    minzoom: layer.minzoom,
    maxzoom: layer.maxzoom,
    bounds: layer.bounds,
    promoteId: { [layer.sourceLayer]: layer.codeProperty },
    attribution,
  });
  map.addLayer(
    {
      id: NATIONAL_FILL,
      type: 'fill',
      source: NATIONAL_SOURCE,
      'source-layer': layer.sourceLayer,
      layout: { visibility: 'none' },
      paint: { 'fill-color': 'rgba(0,0,0,0)' },
    },
    beforeId,
  );
  map.addLayer(
    {
      id: NATIONAL_LINE,
      type: 'line',
      source: NATIONAL_SOURCE,
      'source-layer': layer.sourceLayer,
      minzoom: 9,
      layout: { visibility: 'none' },
      paint: { 'line-color': '#ffffff', 'line-width': 0.4, 'line-opacity': 0.7 },
    },
    beforeId,
  );
}

export function showNationalLsoaLayer(
  map: MapLibreMap,
  on: boolean,
  colour?: ExpressionSpecification,
): void {
  if (!map.getLayer(NATIONAL_FILL)) return;
  if (colour) map.setPaintProperty(NATIONAL_FILL, 'fill-color', colour);
  for (const id of [NATIONAL_FILL, NATIONAL_LINE])
    map.setLayoutProperty(id, 'visibility', on ? 'visible' : 'none');
}
