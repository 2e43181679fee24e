import type { Map as MapLibreMap } from 'maplibre-gl';
import type { GeographyId } from '../../contracts/geography.ts';
import type { IndicatorMeta } from '../../contracts/manifest.ts';
import type { ChoroplethResult } from '../../workers/atlas/atlas_data_api.ts';
import { formatValue, ordinal, rankMeaning, type AtlasModel } from '../atlas_model.ts';
import { nameWithPlace } from '../places/area_names.ts';
import { findPlace } from '../places/place_finder.ts';
import type { PlaceFiles } from '../places/places.ts';
import { byId } from '../ui/dom.ts';
import { findArea, noAreaMessage } from './controls.ts';
import type { TooltipText } from './map_interaction.ts';

/** A hovered area's tooltip: its name with ward and neighbourhood, value and rank. */
export function tooltipText(
  model: AtlasModel,
  g: GeographyId,
  meta: IndicatorMeta,
  c: ChoroplethResult | null,
  code: string,
): TooltipText {
  const t = model.table(g);
  const i = t.codes.indexOf(code);
  const rank = c?.ranks[i] ?? 0;
  return {
    name: nameWithPlace(code, t.names[i] ?? code),
    value: `${formatValue(meta, model.value(g, meta.id, i))} ${meta.unit.startsWith('%') ? '' : meta.unit}`,
    rank: rank ? `${ordinal(rank)} of ${c?.n ?? 0} (${rankMeaning(meta)})` : 'no data',
  };
}

export interface SearchContext {
  placeFiles: PlaceFiles | null;
  model: AtlasModel;
  geography(): GeographyId;
  locate(g: GeographyId, lonLat: Float64Array): Promise<Int32Array>;
  select(code: string): void;
  map: MapLibreMap;
  notice(message: string): void;
}

/**
 * The search box: any ward, neighbourhood, LSOA or postcode (the bundle's place index),
 * whatever geography is on screen; without an index, the areas on screen by name or code.
 */
export function searchArea(query: string, ctx: SearchContext): void {
  const notFound = () =>
    ctx.notice(noAreaMessage(query.toLowerCase(), ctx.geography(), ctx.model.manifest.area.name));
  if (ctx.placeFiles) {
    // A new search's answer replaces the last one's, never read as it (it may take a moment).
    byId('search-status').textContent = '';
    void findPlace(query, ctx.placeFiles, {
      geography: ctx.geography,
      table: (g) => ctx.model.table(g),
      locate: ctx.locate,
      select: ctx.select,
      show: (at) => ctx.map.easeTo({ center: at, zoom: Math.max(ctx.map.getZoom(), 11.5) }),
      say: (message) => (byId('search-status').textContent = message),
    }).then((found) => {
      if (!found) notFound();
    });
    return;
  }
  const t = ctx.model.table(ctx.geography());
  const i = findArea(query, t.names, t.codes);
  if (i >= 0) ctx.select(t.codes[i] ?? '');
  else notFound();
}
