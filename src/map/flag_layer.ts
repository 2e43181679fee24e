/**
 * Areas flagged by an analysis (the funnel plot's areas outside its limits): a thick dashed
 * outline over a white casing on the geography's own source, driven by feature-state 'flagged',
 * so that the choropleth colours stay visible under it and a flag is not told by colour alone.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { GeographyId } from '../../contracts/geography.ts';
import { sourceId } from './area_layers.ts';

const casing = (g: GeographyId) => `${g}-flagged-casing`;
const outline = (g: GeographyId) => `${g}-flagged`;
const FLAGGED = ['boolean', ['feature-state', 'flagged'], false] as const;

function ensureLayers(map: MapLibreMap, g: GeographyId): boolean {
  if (!map.getSource(sourceId(g))) return false;
  if (map.getLayer(outline(g))) return true;
  // Above the focus layer, so that the selection and the flags both show.
  map.addLayer({
    id: casing(g),
    type: 'line',
    source: sourceId(g),
    paint: {
      'line-color': '#ffffff',
      'line-width': ['case', [...FLAGGED], 6, 0],
      'line-opacity': 0.9,
    },
  });
  map.addLayer({
    id: outline(g),
    type: 'line',
    source: sourceId(g),
    paint: {
      'line-color': '#000000',
      'line-width': ['case', [...FLAGGED], 3, 0],
      'line-dasharray': [2, 1],
    },
  });
  return true;
}

/**
 * Flags `codes` on geography `g` and unflags `previous` (codes of the same geography flagged
 * before). Returns false when the geography is not on the map yet.
 */
export function setFlaggedAreas(
  map: MapLibreMap,
  g: GeographyId,
  codes: readonly string[],
  previous: readonly string[] = [],
): boolean {
  if (!ensureLayers(map, g)) return false;
  for (const code of previous)
    map.setFeatureState({ source: sourceId(g), id: code }, { flagged: false });
  for (const code of codes)
    map.setFeatureState({ source: sourceId(g), id: code }, { flagged: true });
  return true;
}

/** Codes of `g` flagged now, from the map itself (tests and the report read it). */
export function flaggedAreas(map: MapLibreMap, g: GeographyId, codes: readonly string[]): string[] {
  if (!map.getSource(sourceId(g))) return [];
  return codes.filter(
    (code) => map.getFeatureState({ source: sourceId(g), id: code }).flagged === true,
  );
}
